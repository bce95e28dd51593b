import { afterEach, expect, it, vi } from "vitest";
import type { CurrentUser } from "@/lib/auth/actor";
import { authenticateApiKey, listApiKeys } from "@/lib/api/keys";
import { inputToFormData as toFormData } from "@/lib/actions/to-form-data";
import { setUserActive } from "@/lib/users/mutations";
import { createWorkspace } from "../../factories";
import { describeEachBackend } from "../../support/db";

// Who is signed in, as requireUser() would read it from the session cookie; the page's cache is Next's.
const session = vi.hoisted(() => ({ user: null as CurrentUser | null }));
vi.mock("@/lib/auth/actor", () => ({ requireUser: async () => session.user! }));
const revalidated = vi.hoisted(() => [] as string[]);
vi.mock("next/cache", () => ({ revalidatePath: (path: string) => revalidated.push(path) }));
const { createApiKeyAction, revokeApiKeyAction } = await import("@/app/(app)/settings/api-keys/actions");

const signedIn = (actor: { userId: string; workspaceId: string; role: CurrentUser["role"] }) =>
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
const create = (values: Record<string, unknown>) => createApiKeyAction(null, toFormData(values));
const revoke = (keyId: string) => revokeApiKeyAction(null, toFormData({ keyId }));

describeEachBackend("Settings → API keys actions", () => {
  afterEach(() => {
    session.user = null;
    revalidated.length = 0;
  });

  it("create answers the key once, acting as the chosen user, and refreshes the list", async () => {
    const { actors } = await createWorkspace();
    session.user = signedIn(actors.admin);
    const result = await create({ name: "  Website form ", userId: actors.normal.userId });
    if (!result.ok) throw new Error(JSON.stringify(result));
    expect(await authenticateApiKey(`Bearer ${result.data.key}`)).toMatchObject({ userId: actors.normal.userId, role: "normal" });
    const [listed] = await listApiKeys(actors.admin);
    expect(listed).toMatchObject({ name: "Website form", prefix: result.data.key.slice(4, 16), owner: { id: actors.normal.userId } });
    // The list holds no trace of the key itself.
    expect(JSON.stringify(listed)).not.toContain(result.data.key.slice(17));
    expect(revalidated).toEqual(["/settings/api-keys"]);
  });

  it("create names the field at fault: no name, no owner, a deactivated or foreign owner", async () => {
    const { actors } = await createWorkspace();
    const other = await createWorkspace();
    session.user = signedIn(actors.admin);
    expect(await create({ name: "", userId: actors.admin.userId })).toMatchObject({ ok: false, fieldErrors: { name: "required" } });
    expect(await create({ name: "x".repeat(101), userId: actors.admin.userId })).toMatchObject({ ok: false, fieldErrors: { name: "tooLong" } });
    expect(await create({ name: "Billing", userId: "" })).toMatchObject({ ok: false, fieldErrors: { userId: "userInvalid" } });
    expect(await create({ name: "Billing", userId: other.actors.admin.userId })).toMatchObject({ ok: false, fieldErrors: { userId: "userInvalid" } });
    await setUserActive(actors.admin, actors.manager.userId, false);
    expect(await create({ name: "Billing", userId: actors.manager.userId })).toMatchObject({ ok: false, fieldErrors: { userId: "userInvalid" } });
    expect(await listApiKeys(actors.admin)).toEqual([]);
  });

  it("revoke stops the key at once; another workspace's key is not found; only admins may do either", async () => {
    const { actors } = await createWorkspace();
    const other = await createWorkspace();
    session.user = signedIn(actors.admin);
    const created = await create({ name: "Billing", userId: actors.manager.userId });
    if (!created.ok) throw new Error(JSON.stringify(created));
    const { id } = (await listApiKeys(actors.admin))[0]!;

    for (const actor of [actors.manager, actors.normal, actors.restricted]) {
      session.user = signedIn(actor);
      expect(await revoke(id)).toEqual({ ok: false, message: "errors.forbidden" });
      expect(await create({ name: "Mine", userId: actor.userId })).toEqual({ ok: false, message: "errors.forbidden" });
    }
    session.user = signedIn(other.actors.admin);
    expect(await revoke(id)).toEqual({ ok: false, message: "errors.notFound" });
    expect(await authenticateApiKey(`Bearer ${created.data.key}`)).not.toBeNull();

    session.user = signedIn(actors.admin);
    expect(await revoke(id)).toEqual({ ok: true, data: null });
    expect(await authenticateApiKey(`Bearer ${created.data.key}`)).toBeNull();
    expect((await listApiKeys(actors.admin))[0]!.revokedAt).toBeInstanceOf(Date);
  });
});
