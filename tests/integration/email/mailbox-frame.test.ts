import { afterEach, beforeEach, expect, it, vi } from "vitest";
import type { CurrentUser } from "@/lib/auth/actor";
import { createWorkspace } from "../../factories";
import { describeEachBackend } from "../../support/db";
import { queueTestEmail, TEST_SECRET } from "./helpers";

// Who is signed in, as getCurrentUser() would read it from the session cookie.
const session = vi.hoisted(() => ({ user: null as CurrentUser | null }));
vi.mock("@/lib/auth/actor", () => ({ getCurrentUser: async () => session.user }));
const { GET } = await import("@/app/(app)/mailbox/[id]/html/route");

const frame = (id: string) => GET(new Request(`http://localhost:3000/mailbox/${id}/html`), { params: Promise.resolve({ id }) });
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

describeEachBackend("the mailbox frame's HTML", () => {
  beforeEach(() => {
    vi.stubEnv("AUTH_SECRET", TEST_SECRET);
  });
  afterEach(() => {
    vi.unstubAllEnvs();
    session.user = null;
  });

  it("is served sandboxed, with a CSP that allows no script, and without the open pixel", async () => {
    const { workspace, actors } = await createWorkspace();
    const { id } = await queueTestEmail(workspace.id);
    session.user = signedIn(actors.manager);
    const response = await frame(id);
    expect(response.status).toBe(200);
    const csp = response.headers.get("content-security-policy") ?? "";
    expect(csp.split(";").map((d) => d.trim())).toEqual(expect.arrayContaining(["sandbox", "default-src 'none'", "frame-ancestors 'self'"]));
    expect(csp).not.toMatch(/script-src|unsafe-eval/);
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    const html = await response.text();
    expect(html).toContain("Spring offer");
    expect(html).not.toContain("data-open-pixel");
  });

  it("is 401 signed out and 404 for an email out of reach", async () => {
    const a = await createWorkspace();
    const b = await createWorkspace();
    const { id } = await queueTestEmail(a.workspace.id, { senderUserId: a.users.manager.id });
    expect((await frame(id)).status).toBe(401);
    session.user = signedIn(b.actors.admin);
    expect((await frame(id)).status).toBe(404);
    session.user = signedIn(a.actors.normal);
    expect((await frame(id)).status).toBe(404);
    session.user = signedIn(a.actors.manager);
    expect((await frame(id)).status).toBe(200);
  });
});
