import { and, eq } from "drizzle-orm";
import { afterEach, beforeEach, expect, it, vi } from "vitest";
import { GET as click } from "@/app/api/email/c/[token]/route";
import { GET as open } from "@/app/api/email/o/[token]/route";
import { POST as oneClickUnsubscribe } from "@/app/api/email/unsubscribe/[token]/route";
import { emailEvents, emails, emailSuppressions, outboxEvents } from "@/db/schema";
import { deliverEmail } from "@/lib/email/send";
import { signTrackingToken } from "@/lib/email/tokens";
import { unsubscribeTarget } from "@/lib/email/tracking";
import { createWorkspace, uniqueEmail } from "../../factories";
import { describeEachBackend } from "../../support/db";
import { invitationTemplate, queueTestEmail, TEST_SECRET } from "./helpers";

const params = (token: string) => ({ params: Promise.resolve({ token }) });
const get = (path: string) => new Request(`http://localhost:3000${path}`);

/** The tracked URLs of a stored email's HTML, in order of appearance. */
function trackedLinks(html: string): string[] {
  return [...html.matchAll(/href="(http:\/\/localhost:3000\/api\/email\/c\/[^"]+)"/g)].map((m) => m[1]!);
}
const tokenOf = (url: string) => url.split("/").pop()!;

/** Flips one character of the MAC, keeping the token well-formed. */
function tamper(token: string): string {
  const last = token.at(-1) === "A" ? "B" : "A";
  return token.slice(0, -1) + last;
}

describeEachBackend("email tracking", ({ db }) => {
  beforeEach(() => {
    vi.stubEnv("AUTH_SECRET", TEST_SECRET);
    vi.stubEnv("RESEND_API_KEY", "");
  });
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  const rowOf = async (id: string) => (await db().select().from(emails).where(eq(emails.id, id)))[0]!;
  const eventsOf = (emailId: string) =>
    db().select().from(emailEvents).where(eq(emailEvents.emailId, emailId)).orderBy(emailEvents.at);
  const outboxFor = async (name: string, emailId: string) =>
    (await db().select().from(outboxEvents).where(eq(outboxEvents.name, name)).orderBy(outboxEvents.createdAt)).filter((e) => e.data.emailId === emailId);

  async function sentMarketingEmail() {
    const { workspace } = await createWorkspace();
    const to = uniqueEmail("Client");
    const { id } = await queueTestEmail(workspace.id, { to });
    await deliverEmail(db(), { workspaceId: workspace.id, emailId: id });
    return { workspace, id, to, email: await rowOf(id) };
  }

  it("stores the email's link targets and points its links at signed click-through URLs", async () => {
    const { email } = await sentMarketingEmail();
    expect(email.links).toEqual(["https://shop.example.test/catalogue?season=spring&x=1", "https://shop.example.test/offer"]);
    expect(trackedLinks(email.html)).toHaveLength(2);
    expect(email.html).not.toContain('href="https://shop.example.test');
    // The text version keeps the plain targets: no tracking there.
    expect(email.text).toContain("https://shop.example.test/offer");
  });

  it("the open pixel records the open once in opened_at, every time as an event, and emits email/opened", async () => {
    const { id, workspace, email } = await sentMarketingEmail();
    const pixel = email.html.match(/src="http:\/\/localhost:3000(\/api\/email\/o\/[^"]+)"/)![1]!;

    const first = await open(get(pixel), params(tokenOf(pixel)));
    expect(first.status).toBe(200);
    expect(first.headers.get("content-type")).toBe("image/gif");
    const openedAt = (await rowOf(id)).openedAt;
    expect(openedAt).toBeInstanceOf(Date);
    await open(get(pixel), params(tokenOf(pixel)));
    expect((await rowOf(id)).openedAt).toEqual(openedAt);
    expect((await eventsOf(id)).filter((e) => e.type === "opened")).toHaveLength(2);
    const emitted = await outboxFor("email/opened", id);
    expect(emitted).toHaveLength(2);
    expect(emitted[0]!.data).toMatchObject({ workspaceId: workspace.id, emailId: id, datasheetId: null });
  });

  it("a click records the click and redirects to the stored target", async () => {
    const { id, email } = await sentMarketingEmail();
    const [catalogue, offer] = trackedLinks(email.html);

    const response = await click(get(new URL(offer!).pathname), params(tokenOf(offer!)));
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe("https://shop.example.test/offer");
    const second = await click(get(new URL(catalogue!).pathname), params(tokenOf(catalogue!)));
    expect(second.headers.get("location")).toBe("https://shop.example.test/catalogue?season=spring&x=1");

    expect((await rowOf(id)).clickedAt).toBeInstanceOf(Date);
    expect((await eventsOf(id)).filter((e) => e.type === "clicked").map((e) => e.url)).toEqual([
      "https://shop.example.test/offer",
      "https://shop.example.test/catalogue?season=spring&x=1",
    ]);
    expect((await outboxFor("email/clicked", id)).map((e) => e.data.url)).toEqual([
      "https://shop.example.test/offer",
      "https://shop.example.test/catalogue?season=spring&x=1",
    ]);
  });

  it("a tampered, foreign or made-up token is 404 and records nothing", async () => {
    const { id, email } = await sentMarketingEmail();
    const other = await sentMarketingEmail();
    const [link] = trackedLinks(email.html);
    const token = tokenOf(link!);
    const [emailId, index, mac] = token.split(".");
    const otherMac = tokenOf(trackedLinks(other.email.html)[0]!).split(".")[2];
    const refused = [
      tamper(token),
      `${emailId}.1.${mac}`, // another link of the same email, with this link's MAC
      `${other.id}.${index}.${mac}`, // this MAC on another email
      `${emailId}.${index}.${otherMac}`,
      signTrackingToken("open", id), // an open token used as a click
      `${emailId}.${index}`,
      "not-a-token",
      "",
    ];
    for (const bad of refused) {
      expect((await click(get(`/api/email/c/${bad}`), params(bad))).status, bad).toBe(404);
    }
    for (const bad of [tamper(signTrackingToken("open", id)), signTrackingToken("click", id, 0), "x"]) {
      expect((await open(get(`/api/email/o/${bad}`), params(bad))).status, bad).toBe(404);
    }
    expect(await eventsOf(id)).toEqual([expect.objectContaining({ type: "sent" })]);
    expect((await rowOf(id)).clickedAt).toBeNull();
    expect((await rowOf(id)).openedAt).toBeNull();
  });

  it("refuses a correctly signed click on a link the email does not have", async () => {
    const { id } = await sentMarketingEmail();
    const beyond = signTrackingToken("click", id, 2); // the email has links 0 and 1
    const response = await click(get(`/api/email/c/${beyond}`), params(beyond));
    expect(response.status).toBe(404);
    expect(response.headers.get("location")).toBeNull();
    expect((await eventsOf(id)).map((e) => e.type)).toEqual(["sent"]);
  });

  it("transactional mail is not tracked", async () => {
    const { workspace } = await createWorkspace();
    const { id } = await queueTestEmail(workspace.id, { template: invitationTemplate() });
    const email = await rowOf(id);
    expect(email.links).toEqual([]);
    expect(email.headers).toEqual({});
    expect(email.html).not.toContain("/api/email/");
  });

  it("one-click unsubscribe adds a suppression and emits email/unsubscribed, once; later marketing mail is not sent", async () => {
    const { id, to, workspace, email } = await sentMarketingEmail();
    const header = email.headers["List-Unsubscribe"]!;
    const token = tokenOf(header.slice(1, -1));
    expect(email.headers["List-Unsubscribe-Post"]).toBe("List-Unsubscribe=One-Click");
    expect(await unsubscribeTarget(db(), token)).toMatchObject({ address: to, isUnsubscribed: false });

    const request = new Request(header.slice(1, -1), { method: "POST", body: "List-Unsubscribe=One-Click" });
    expect((await oneClickUnsubscribe(request, params(token))).status).toBe(200);
    expect((await oneClickUnsubscribe(request, params(token))).status).toBe(200);

    const suppressions = await db()
      .select()
      .from(emailSuppressions)
      .where(eq(emailSuppressions.workspaceId, workspace.id));
    expect(suppressions).toEqual([expect.objectContaining({ address: to.toLowerCase(), reason: "unsubscribed", emailId: id })]);
    const emitted = await outboxFor("email/unsubscribed", id);
    expect(emitted).toHaveLength(1);
    expect(emitted[0]!.data).toMatchObject({ workspaceId: workspace.id, emailId: id, address: to.toLowerCase() });
    expect(await unsubscribeTarget(db(), token)).toMatchObject({ isUnsubscribed: true });

    // The next marketing email to that address (any letter case) is stored as failed and never queued.
    const next = await queueTestEmail(workspace.id, { to: to.toUpperCase() });
    expect(await rowOf(next.id)).toMatchObject({ status: "failed", error: expect.stringContaining("unsubscribed") });
    expect(await outboxFor("email/queued", next.id)).toEqual([]);
    // Another workspace may still write to the address.
    const elsewhere = await createWorkspace();
    const allowed = await queueTestEmail(elsewhere.workspace.id, { to });
    expect((await rowOf(allowed.id)).status).toBe("queued");
  });

  it("a tampered unsubscribe token is 404 and suppresses nothing", async () => {
    const { id, workspace } = await sentMarketingEmail();
    const bad = tamper(signTrackingToken("unsubscribe", id));
    const response = await oneClickUnsubscribe(new Request("http://localhost:3000/x", { method: "POST" }), params(bad));
    expect(response.status).toBe(404);
    expect(await unsubscribeTarget(db(), bad)).toBeNull();
    expect(
      await db().select().from(emailSuppressions).where(and(eq(emailSuppressions.workspaceId, workspace.id))),
    ).toEqual([]);
  });
});
