import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, expect, it, vi } from "vitest";
import type { CurrentUser } from "@/lib/auth/actor";
import { inputToFormData as toFormData } from "@/lib/actions/to-form-data";
import type { UserActor } from "@/lib/auth/permissions";
import { getBackupStatus } from "@/lib/backups/backup";
import { listTrash, trashDatasheet } from "@/lib/datasheets/trash";
import { getWorkspaceSettings } from "@/lib/workspaces/settings";
import { createWorkspace } from "../../factories";
import { createTestClient, datasheetRow } from "../../factories/datasheets";
import { createTestModule } from "../../factories/modules";
import { describeEachBackend, testDb } from "../../support/db";

// Who is signed in, as requireUser() would read it from the session cookie.
const session = vi.hoisted(() => ({ user: null as CurrentUser | null }));
vi.mock("@/lib/auth/actor", () => ({ requireUser: async () => session.user! }));
const revalidated = vi.hoisted(() => [] as string[]);
vi.mock("next/cache", () => ({ revalidatePath: (path: string) => revalidated.push(path) }));
const { backUpNowAction, updateWorkspaceSettingsAction } = await import("@/app/(app)/settings/workspace/actions");
const { restoreDatasheetAction, deleteDatasheetForeverAction } = await import("@/app/(app)/trash/actions");

const signedIn = (actor: UserActor) =>
  ({
    ...actor,
    email: "",
    familyName: "",
    givenName: "",
    locale: "en",
    ownLocale: null,
    workspaceName: "",
    timeZone: "Europe/Budapest",
    currency: "HUF",
    avatarVersion: null,
    configVersion: 0,
  }) satisfies CurrentUser;

const form = {
  name: "Tesztiroda Kft.",
  locale: "en",
  timeZone: "America/Los_Angeles",
  currency: "usd",
  emailSenderName: "Tesztiroda",
  emailReplyTo: "",
  trashRetentionDays: "45",
};

describeEachBackend("Settings → Workspace and Trash actions", ({ backend }) => {
  afterEach(() => {
    session.user = null;
    revalidated.length = 0;
  });

  it("saves the workspace's settings for an admin; other roles are refused; a bad field is named and nothing saved", async () => {
    const { actors } = await createWorkspace();
    const before = await getWorkspaceSettings(testDb(), actors.admin);
    for (const role of ["manager", "normal", "restricted"] as const) {
      session.user = signedIn(actors[role]);
      expect(await updateWorkspaceSettingsAction(null, toFormData(form)), role).toEqual({ ok: false, message: "errors.forbidden" });
    }
    session.user = signedIn(actors.admin);
    expect(await updateWorkspaceSettingsAction(null, toFormData({ ...form, timeZone: "Atlantis/Capital" }))).toMatchObject({
      ok: false,
      fieldErrors: { timeZone: "timeZoneInvalid" },
    });
    expect(await getWorkspaceSettings(testDb(), actors.admin)).toEqual(before);

    expect(await updateWorkspaceSettingsAction(null, toFormData(form))).toEqual({ ok: true, data: null });
    expect(await getWorkspaceSettings(testDb(), actors.admin)).toEqual({
      name: "Tesztiroda Kft.",
      locale: "en",
      timeZone: "America/Los_Angeles",
      currency: "USD",
      emailSenderName: "Tesztiroda",
      emailReplyTo: null,
      trashRetentionDays: 45,
    });
    expect(revalidated).toEqual(["/"]);
  });

  it("restores for whoever may see the trashed datasheet, deletes forever for admins only", async () => {
    const { actors } = await createWorkspace();
    const other = await createWorkspace();
    const { module } = await createTestModule(actors.admin);
    const mine = await createTestClient(actors.admin, module.id);
    const theirs = await createTestClient(actors.admin, module.id);
    const trash = async (actor: UserActor, datasheetId: string) =>
      trashDatasheet(testDb(), actor, { datasheetId, version: (await datasheetRow(datasheetId)).version });
    await trash(actors.normal, mine.datasheetId);
    await trash(actors.manager, theirs.datasheetId);

    // Another workspace, and a normal user for what a colleague trashed: not found.
    session.user = signedIn(other.actors.admin);
    expect(await restoreDatasheetAction(null, toFormData({ datasheetId: mine.datasheetId }))).toEqual({ ok: false, message: "errors.notFound" });
    session.user = signedIn(actors.normal);
    expect(await restoreDatasheetAction(null, toFormData({ datasheetId: theirs.datasheetId }))).toEqual({ ok: false, message: "errors.notFound" });
    expect(await deleteDatasheetForeverAction(null, toFormData({ datasheetId: mine.datasheetId }))).toEqual({ ok: false, message: "errors.forbidden" });
    expect(await restoreDatasheetAction(null, toFormData({ datasheetId: "not-an-id" }))).toMatchObject({ ok: false });

    const restored = await restoreDatasheetAction(null, toFormData({ datasheetId: mine.datasheetId }));
    expect(restored).toMatchObject({ ok: true, data: { datasheetId: mine.datasheetId } });
    expect((await datasheetRow(mine.datasheetId)).deletedAt).toBeNull();

    session.user = signedIn(actors.manager);
    expect(await deleteDatasheetForeverAction(null, toFormData({ datasheetId: theirs.datasheetId }))).toEqual({ ok: false, message: "errors.forbidden" });
    session.user = signedIn(actors.admin);
    expect(await deleteDatasheetForeverAction(null, toFormData({ datasheetId: theirs.datasheetId }))).toEqual({ ok: true, data: null });
    expect(await listTrash(testDb(), actors.admin)).toEqual([]);
  });

  it("backs the embedded database up now for an admin only, into the data folder's backups", async () => {
    const { actors } = await createWorkspace();
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), "crm-backup-action-"));
    vi.stubEnv("CRM_DATA_DIR", folder);
    try {
      for (const role of ["manager", "normal", "restricted"] as const) {
        session.user = signedIn(actors[role]);
        expect(await backUpNowAction(null, toFormData({})), role).toEqual({ ok: false, message: "errors.forbidden" });
      }
      session.user = signedIn(actors.admin);
      const result = await backUpNowAction(null, toFormData({}));
      if (backend === "postgres") {
        // A server's data is not the app's to copy: the README points to its own tools.
        expect(result).toEqual({ ok: false, message: "errors.backupsNotEmbedded" });
        return;
      }
      expect(result).toMatchObject({ ok: true, data: { size: expect.any(Number) } });
      const status = getBackupStatus(actors.admin);
      expect(status).toMatchObject({ kind: "embedded", count: 1, last: { size: (result as { data: { size: number } }).data.size } });
      expect(fs.readdirSync(path.join(folder, "backups"))).toHaveLength(1);
    } finally {
      vi.unstubAllEnvs();
      fs.rmSync(folder, { recursive: true, force: true });
    }
  });
});
