export type JobsMode = "inngest" | "embedded";

type Env = Record<string, string | undefined>;

function isDevServer(env: Env): boolean {
  const value = env.INNGEST_DEV?.trim();
  return Boolean(value) && value !== "0" && value !== "false";
}

/**
 * Inngest when the app has its keys (Inngest Cloud or a self-hosted server) or is pointed at the
 * dev server with INNGEST_DEV; otherwise the embedded runtime in this process.
 */
export function jobsMode(env: Env = process.env): JobsMode {
  if (isDevServer(env)) return "inngest";
  return env.INNGEST_EVENT_KEY && env.INNGEST_SIGNING_KEY ? "inngest" : "embedded";
}

/** A half-configured Inngest is a mistake worth saying out loud, not a silent fallback. */
export function jobsModeWarning(env: Env = process.env): string | null {
  if (jobsMode(env) === "inngest") return null;
  if (env.INNGEST_EVENT_KEY || env.INNGEST_SIGNING_KEY) {
    return "Only one of INNGEST_EVENT_KEY and INNGEST_SIGNING_KEY is set: background jobs run embedded in this process.";
  }
  return null;
}
