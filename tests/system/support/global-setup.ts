import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { assertBuilt, prepareTemplate, type Template } from "./app";

declare module "vitest" {
  export interface ProvidedContext {
    /** A prepared data folder (support/app.ts: prepareTemplate) that each system test copies. */
    systemTemplate: Template;
  }
}

/** Seeding the demo and its key takes half a minute on a busy machine: once per run. */
export default async function setup(project: TestProject): Promise<() => void> {
  assertBuilt();
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "crm-system-template-"));
  project.provide("systemTemplate", await prepareTemplate(path.join(root, "template")));
  return () => fs.rmSync(root, { recursive: true, force: true });
}
