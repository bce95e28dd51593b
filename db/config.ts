import path from "node:path";

export type DriverName = "pglite" | "neon" | "pg";

/** Where the embedded default keeps its files (database, generated secret). */
export function dataDir(): string {
  const dir = process.env.CRM_DATA_DIR ?? path.join(process.cwd(), ".data");
  // A run-time folder, not a build input: without the hint the build's file tracer would copy the
  // whole project into the server output.
  return path.resolve(/* turbopackIgnore: true */ dir);
}

export function migrationsFolder(): string {
  return path.join(process.cwd(), "db", "migrations");
}

/**
 * No DATABASE_URL: embedded PGlite. A Neon host (or DATABASE_DRIVER=neon): the Neon serverless
 * driver over WebSockets. Any other server: node-postgres.
 */
export function chooseDriver(url: string | undefined, override = process.env.DATABASE_DRIVER): DriverName {
  if (!url) return "pglite";
  if (override === "neon" || override === "pg") return override;
  return /\.neon\.tech(:\d+)?(\/|$)/.test(new URL(url).host + "/") ? "neon" : "pg";
}

export function isEmbedded(): boolean {
  return !process.env.DATABASE_URL;
}
