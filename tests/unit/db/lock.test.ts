import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { DataFolderInUseError, lockDataFolder } from "../../../db/lock";

const folders: string[] = [];
function tempFolder(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "crm-lock-"));
  folders.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of folders.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

describe("lockDataFolder", () => {
  it("takes a free folder and releases it", () => {
    const dir = tempFolder();
    const release = lockDataFolder(dir);
    expect(fs.readFileSync(path.join(dir, "crm.lock"), "utf8")).toBe(String(process.pid));
    release();
    expect(fs.existsSync(path.join(dir, "crm.lock"))).toBe(false);
  });

  it("refuses a folder held by another live process, naming it", () => {
    const dir = tempFolder();
    // The parent process (the test runner) is alive and is not us.
    fs.writeFileSync(path.join(dir, "crm.lock"), String(process.ppid));
    expect(() => lockDataFolder(dir)).toThrow(DataFolderInUseError);
    expect(() => lockDataFolder(dir)).toThrow(`pid ${process.ppid}`);
    expect(fs.readFileSync(path.join(dir, "crm.lock"), "utf8")).toBe(String(process.ppid));
  });

  it("takes over a lock left by a process that no longer exists", () => {
    const dir = tempFolder();
    fs.writeFileSync(path.join(dir, "crm.lock"), "999999999");
    const release = lockDataFolder(dir);
    expect(fs.readFileSync(path.join(dir, "crm.lock"), "utf8")).toBe(String(process.pid));
    release();
  });
});
