"use server";
import { revalidatePath } from "next/cache";
import { authedJsonAction } from "@/lib/actions/safe-action";
import { checkImport, previewImport, startImport } from "@/lib/import/prepare";
import { getImportProgress } from "@/lib/import/queries";
import { checkImportSchema, importIdSchema, previewImportSchema } from "@/lib/import/schemas";
import { undoImport } from "@/lib/import/undo";
import { z } from "zod";

// The import wizard's steps after the upload (app/api/imports/route.ts). Each authorises in
// lib/import (admins and managers) and reads the import from the user's own workspace.

export const previewImportAction = authedJsonAction(previewImportSchema.extend({ moduleId: z.string().uuid().optional() }), (input, user, db) =>
  previewImport(db, user, input),
);

export const checkImportAction = authedJsonAction(checkImportSchema, (input, user, db) => checkImport(db, user, input));

export const startImportAction = authedJsonAction(importIdSchema.extend({ runAutomations: z.boolean().optional() }), async (input, user, db) => {
  await startImport(db, user, input);
  revalidatePath("/imports");
  return { importId: input.importId };
});

export const importProgressAction = authedJsonAction(importIdSchema, (input, user, db) => getImportProgress(db, user, input.importId));

export const undoImportAction = authedJsonAction(importIdSchema, async (input, user, db) => {
  const report = await undoImport(db, user, input.importId);
  revalidatePath("/", "layout");
  return report;
});
