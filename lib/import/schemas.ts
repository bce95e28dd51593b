import { z } from "zod";
import { duplicateKeys, duplicateModes, entries } from "./targets";

// Inputs of the import's steps, as JSON (the dialog sends them as one JSON field; see actions).

export const MAX_IMPORT_ROWS = 1_000_000;
export const MAX_IMPORT_BYTES = 100 * 1024 * 1024;

const id = z.string().trim().uuid("required");

/** How the file is read; the detected values until the user changes them. */
export const readOptionsSchema = z.object({
  encoding: z.enum(["utf-8", "windows-1250", "iso-8859-2"]),
  delimiter: z.enum([";", ",", "\t"]),
  sheet: z.number().int().min(0).max(1000),
  hasHeader: z.boolean(),
});
export type ReadOptionsInput = z.output<typeof readOptionsSchema>;

/** The mapping (a target per column, "" ignores it) and the target of the import. */
export const importSettingsSchema = z.object({
  mapping: z.array(z.string().max(120)).max(500),
  moduleId: id,
  /** Manual modules: the status new clients start in (absent: the first). */
  statusId: id.nullish(),
  /** The automatic sales module: how they came. */
  entry: z.enum(entries).default("inquiry"),
  responsibleUserId: id.nullish(),
  match: z.enum(duplicateKeys).default("email"),
  mode: z.enum(duplicateModes).default("skip"),
  runAutomations: z.boolean().default(false),
});
export type ImportSettings = z.output<typeof importSettingsSchema>;

export const previewImportSchema = z.object({ importId: id, options: readOptionsSchema.optional() });
export const checkImportSchema = z.object({ importId: id, settings: importSettingsSchema });
export const importIdSchema = z.object({ importId: id });
