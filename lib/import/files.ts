import "server-only";
import fs from "node:fs";
import path from "node:path";
import { Readable, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import { dataDir } from "@/db/config";
import { DomainError } from "@/lib/errors";
import { MAX_IMPORT_BYTES } from "./schemas";

/*
 * Uploaded files live in the data folder (`imports/` in CRM_DATA_DIR, or CRM_IMPORT_DIR) until
 * their import is undone or removed. On a platform without a lasting disk shared by the server and
 * the jobs (Vercel), this is the one file to point at object storage: `saveUpload` writes a stream,
 * `uploadPath` is what the readers open (a download to a temporary file first).
 */

export function importFolder(): string {
  return process.env.CRM_IMPORT_DIR ?? path.join(dataDir(), "imports");
}

export function uploadPath(importId: string): string {
  return path.join(importFolder(), `${importId}.upload`);
}

/** Streams a request body to the import's file, refusing (and removing) anything over the limit. */
export async function saveUpload(importId: string, body: ReadableStream<Uint8Array>, limit = MAX_IMPORT_BYTES): Promise<number> {
  fs.mkdirSync(importFolder(), { recursive: true });
  const target = uploadPath(importId);
  let size = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      size += chunk.length;
      if (size > limit) done(new DomainError("importTooLarge", { megabytes: Math.round(limit / 1024 / 1024) }));
      else done(null, chunk);
    },
  });
  try {
    await pipeline(Readable.fromWeb(body as import("node:stream/web").ReadableStream<Uint8Array>), counter, fs.createWriteStream(target));
  } catch (error) {
    fs.rmSync(target, { force: true });
    throw error;
  }
  return size;
}

/**
 * An XLSX upload's chosen sheet as CSV, written while the validation report reads the workbook: the
 * job reads it like any CSV — streamed, from any row on, in runs — where a workbook can only be read
 * from its start to its end in one go (lib/import/source.ts).
 */
export function sheetRowsPath(importId: string): string {
  return path.join(importFolder(), `${importId}.rows.csv`);
}

export function removeUpload(importId: string): void {
  fs.rmSync(uploadPath(importId), { force: true });
  fs.rmSync(sheetRowsPath(importId), { force: true });
}
