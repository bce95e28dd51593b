import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { dataDir, isEmbedded } from "@/db/config";

let cached: string | undefined;

/**
 * AUTH_SECRET when set. The embedded default generates one on first start and keeps it in the
 * data folder, so sessions survive restarts; a server deployment must set it.
 */
export function authSecret(): string {
  if (process.env.AUTH_SECRET) return process.env.AUTH_SECRET;
  if (cached) return cached;
  if (!isEmbedded()) {
    throw new Error("AUTH_SECRET is required when DATABASE_URL is set. Generate one with `openssl rand -base64 33`.");
  }
  const file = path.join(dataDir(), "auth-secret");
  try {
    cached = fs.readFileSync(file, "utf8").trim();
  } catch {
    fs.mkdirSync(dataDir(), { recursive: true });
    const secret = crypto.randomBytes(33).toString("base64");
    try {
      fs.writeFileSync(file, secret, { flag: "wx", mode: 0o600 });
    } catch {
      // Another process wrote it first: use theirs.
    }
    cached = fs.readFileSync(file, "utf8").trim();
  }
  return cached;
}
