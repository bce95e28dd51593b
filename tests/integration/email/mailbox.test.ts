import { eq } from "drizzle-orm";
import { afterEach, beforeEach, expect, it, vi } from "vitest";
import { emails } from "@/db/schema";
import { getMailboxEmail, getMailboxHtml, listMailbox } from "@/lib/email/mailbox";
import { deliverEmail } from "@/lib/email/send";
import { NotFoundError } from "@/lib/errors";
import { setUserActive } from "@/lib/users/mutations";
import { createWorkspace, uniqueEmail } from "../../factories";
import { describeEachBackend } from "../../support/db";
import { queueTestEmail, TEST_SECRET } from "./helpers";

describeEachBackend("mailbox", ({ db }) => {
  beforeEach(() => {
    vi.stubEnv("AUTH_SECRET", TEST_SECRET);
    vi.stubEnv("RESEND_API_KEY", "");
  });
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  /** One workspace's mail: from the manager to a client, to the normal user, to the restricted user's address. */
  async function mailboxWorkspace() {
    const ws = await createWorkspace();
    const { users: u } = ws;
    const toClient = await queueTestEmail(ws.workspace.id, { senderUserId: u.manager.id, to: uniqueEmail("client") });
    const toNormal = await queueTestEmail(ws.workspace.id, { recipientUserId: u.normal.id, to: u.normal.email });
    // No user link, only the address (any letter case): still the restricted user's own mail.
    const toRestricted = await queueTestEmail(ws.workspace.id, { to: u.restricted.email.toUpperCase() });
    return { ...ws, ids: { toClient: toClient.id, toNormal: toNormal.id, toRestricted: toRestricted.id } };
  }
  const idsOf = async (...args: Parameters<typeof listMailbox>) => (await listMailbox(...args)).entries.map((e) => e.id).sort();

  it("shows admins and managers every email of their workspace, and nothing of another", async () => {
    const a = await mailboxWorkspace();
    const b = await mailboxWorkspace();
    const all = Object.values(a.ids).sort();
    expect(await idsOf(a.actors.admin)).toEqual(all);
    expect(await idsOf(a.actors.manager)).toEqual(all);
    for (const id of Object.values(b.ids)) {
      await expect(getMailboxEmail(a.actors.admin, id)).rejects.toBeInstanceOf(NotFoundError);
      await expect(getMailboxHtml(a.actors.admin, id)).rejects.toBeInstanceOf(NotFoundError);
    }
  });

  it("shows other users only what they sent or received, and the rest is not found", async () => {
    const { actors, ids } = await mailboxWorkspace();
    expect(await idsOf(actors.normal)).toEqual([ids.toNormal]);
    expect(await idsOf(actors.restricted)).toEqual([ids.toRestricted]);
    await expect(getMailboxEmail(actors.normal, ids.toClient)).rejects.toBeInstanceOf(NotFoundError);
    await expect(getMailboxEmail(actors.normal, ids.toRestricted)).rejects.toBeInstanceOf(NotFoundError);
    await expect(getMailboxHtml(actors.restricted, ids.toNormal)).rejects.toBeInstanceOf(NotFoundError);
    expect((await getMailboxEmail(actors.normal, ids.toNormal)).id).toBe(ids.toNormal);
    for (const bad of ["not-a-uuid", "", "' or 1=1 --"]) {
      await expect(getMailboxEmail(actors.admin, bad)).rejects.toBeInstanceOf(NotFoundError);
    }
  });

  it("a sender sees the mail they sent, even as a restricted user", async () => {
    const { workspace, users: u, actors } = await createWorkspace();
    const { id } = await queueTestEmail(workspace.id, { senderUserId: u.restricted.id });
    expect(await idsOf(actors.restricted)).toEqual([id]);
    expect(await idsOf(actors.normal)).toEqual([]);
  });

  it("shows a deactivated user's mail to admins still; the detail carries the history, the HTML no open pixel", async () => {
    const { workspace, users: u, actors } = await createWorkspace();
    const { id } = await queueTestEmail(workspace.id, { recipientUserId: u.normal.id, to: u.normal.email });
    await deliverEmail(db(), { workspaceId: workspace.id, emailId: id });
    await setUserActive(actors.admin, u.normal.id, false);
    const email = await getMailboxEmail(actors.admin, id);
    expect(email).toMatchObject({ id, status: "sent", subject: "Spring offer", toAddress: u.normal.email });
    expect(email).not.toHaveProperty("html");
    expect(email.events.map((e) => e.type)).toEqual(["sent"]);
    const [stored] = await db().select().from(emails).where(eq(emails.id, id));
    expect(stored!.html).toContain("data-open-pixel");
    const html = await getMailboxHtml(actors.admin, id);
    expect(html).not.toContain("/api/email/o/");
    expect(html).toContain("Spring offer");
  });

  it("pages newest first by keyset, without gaps or repeats, even for emails created in the same instant", async () => {
    const { workspace, actors } = await createWorkspace();
    const ids: string[] = [];
    for (let i = 0; i < 7; i++) ids.push((await queueTestEmail(workspace.id)).id);
    // Three share one timestamp: the id breaks the tie.
    const same = new Date("2026-02-01T12:00:00Z");
    await db().update(emails).set({ createdAt: same }).where(eq(emails.id, ids[2]!));
    await db().update(emails).set({ createdAt: same }).where(eq(emails.id, ids[3]!));
    await db().update(emails).set({ createdAt: same }).where(eq(emails.id, ids[4]!));

    const seen: string[] = [];
    let before: string | undefined;
    let pages = 0;
    do {
      const page = await listMailbox(actors.admin, { before, limit: 2 });
      seen.push(...page.entries.map((e) => e.id));
      before = page.nextCursor ?? undefined;
      pages++;
    } while (before && pages < 10);
    expect(pages).toBe(4);
    expect(seen.sort()).toEqual([...ids].sort());
    const full = await listMailbox(actors.admin, { limit: 50 });
    const order = full.entries.map((e) => [e.createdAt.getTime(), e.id] as const);
    const sorted = [...order].sort((x, y) => y[0] - x[0] || (y[1] > x[1] ? 1 : -1));
    expect(order).toEqual(sorted);
    // A cursor that does not decode starts from the newest instead of failing.
    expect((await listMailbox(actors.admin, { before: "garbage", limit: 2 })).entries).toHaveLength(2);
  });

  it("shows a password-reset link only to its recipient, and to admins only while mail stays in the outbox", async () => {
    const { workspace, users: u, actors } = await createWorkspace();
    const resetUrl = "http://localhost:3000/reset-password/secret-token-of-the-admin";
    const { id } = await queueTestEmail(workspace.id, {
      recipientUserId: u.admin.id,
      to: u.admin.email,
      template: {
        name: "password-reset",
        props: { locale: "en", workspaceName: "W", recipientName: "Admin", resetUrl, expiresInMinutes: 60 },
      },
    });
    // The manager may list it (workspace mail), but never read the link into the admin's account.
    expect(await idsOf(actors.manager)).toContain(id);
    const seenByManager = await getMailboxEmail(actors.manager, id);
    expect(seenByManager).toMatchObject({ isBodyHidden: true, text: "" });
    await expect(getMailboxHtml(actors.manager, id)).rejects.toBeInstanceOf(NotFoundError);
    // Its recipient reads it.
    expect((await getMailboxEmail(actors.admin, id)).text).toContain(resetUrl);
    expect(await getMailboxHtml(actors.admin, id)).toContain(resetUrl);

    const { id: forManager } = await queueTestEmail(workspace.id, {
      recipientUserId: u.manager.id,
      to: u.manager.email,
      template: {
        name: "password-reset",
        props: { locale: "en", workspaceName: "W", recipientName: "Manager", resetUrl, expiresInMinutes: 60 },
      },
    });
    // In the outbox the mailbox is the only place to read it: an admin can hand it on.
    expect((await getMailboxEmail(actors.admin, forManager)).isBodyHidden).toBe(false);
    // Once mail really leaves, it is the recipient's alone.
    vi.stubEnv("RESEND_API_KEY", "re_test_key");
    expect((await getMailboxEmail(actors.admin, forManager)).isBodyHidden).toBe(true);
    await expect(getMailboxHtml(actors.admin, forManager)).rejects.toBeInstanceOf(NotFoundError);
    expect((await getMailboxEmail(actors.manager, forManager)).isBodyHidden).toBe(false);
  });
});
