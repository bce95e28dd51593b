import { afterAll, afterEach, beforeAll, expect, it, vi } from "vitest";
import type { CurrentUser } from "@/lib/auth/actor";
import { inputToFormData as toFormData } from "@/lib/actions/to-form-data";
import { listEmailTemplates } from "@/lib/email-templates/queries";
import { listNewsletters } from "@/lib/newsletters/queries";
import { createWorkspace } from "../../factories";
import { createTestClient } from "../../factories/datasheets";
import { createTestModule, statusByKey } from "../../factories/modules";
import { describeEachBackend, testDb } from "../../support/db";
import { TEST_SECRET } from "../email/helpers";

// Who is signed in, as requireUser() would read it from the session cookie.
const session = vi.hoisted(() => ({ user: null as CurrentUser | null }));
vi.mock("@/lib/auth/actor", () => ({ requireUser: async () => session.user! }));
const revalidated = vi.hoisted(() => [] as string[]);
vi.mock("next/cache", () => ({ revalidatePath: (path: string) => revalidated.push(path) }));
const templates = await import("@/app/(app)/settings/email-templates/actions");
const newsletterActions = await import("@/app/(app)/newsletters/actions");

beforeAll(() => {
  vi.stubEnv("AUTH_SECRET", TEST_SECRET);
});
afterAll(() => {
  vi.unstubAllEnvs();
});

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

describeEachBackend("email template and newsletter actions", () => {
  afterEach(() => {
    session.user = null;
    revalidated.length = 0;
  });

  it("an admin creates, previews, saves and deletes a template; a misspelt merge field comes back named; nothing is saved", async () => {
    const ws = await createWorkspace();
    const config = await createTestModule(ws.actors.admin);
    const { datasheetId } = await createTestClient(ws.actors.admin, config.module.id, {
      name: "Minta Kft.",
      contacts: [{ name: "Kovács Anna", email: "anna@minta.test" }],
    });
    session.user = signedIn(ws.actors.admin);

    const wrong = await templates.createEmailTemplateAction(
      null,
      toFormData({ moduleId: config.module.id, name: "Hello", subject: "Hi", body: "Dear {{contact.nmae}}" }),
    );
    expect(wrong).toEqual({ ok: false, message: "errors.unknownMergeField", params: { part: "body", field: "contact.nmae" } });
    const empty = await templates.createEmailTemplateAction(null, toFormData({ moduleId: config.module.id, name: " ", subject: "Hi", body: "x" }));
    expect(empty).toMatchObject({ ok: false, fieldErrors: { name: "required" } });
    expect(await listEmailTemplates(testDb(), ws.actors.admin)).toEqual([]);

    const preview = await templates.previewEmailTemplateAction(
      null,
      toFormData({ moduleId: config.module.id, datasheetId, subject: "For {{business.name}}", body: "Dear {{contact.name}}" }),
    );
    expect(preview).toMatchObject({ ok: true, data: { subject: "For Minta Kft." } });
    if (preview.ok) expect(preview.data.html).toContain("Dear Kovács Anna");

    const created = await templates.createEmailTemplateAction(
      null,
      toFormData({ moduleId: config.module.id, name: "Hello", subject: "Hi", body: "Dear {{contact.name}}" }),
    );
    if (!created.ok) throw new Error(JSON.stringify(created));
    expect(revalidated).toContain("/settings/email-templates");
    const saved = await templates.updateEmailTemplateAction(
      null,
      toFormData({ templateId: created.data.id, version: 1, name: "Hello 2", subject: "Hi", body: "B" }),
    );
    expect(saved).toEqual({ ok: true, data: { version: 2 } });
    // A save on the version before is refused, naming who changed it.
    const stale = await templates.updateEmailTemplateAction(
      null,
      toFormData({ templateId: created.data.id, version: 1, name: "Old", subject: "Hi", body: "B" }),
    );
    expect(stale).toMatchObject({ ok: false, message: "errors.changedMeanwhile" });
    expect(await templates.trashEmailTemplateAction(null, toFormData({ templateId: created.data.id }))).toEqual({ ok: true, data: null });
    expect(await listEmailTemplates(testDb(), ws.actors.admin, { inTrash: true })).toHaveLength(1);
    expect(await templates.restoreEmailTemplateAction(null, toFormData({ templateId: created.data.id }))).toEqual({ ok: true, data: null });

    // Every other role: refused, nothing changed; the preview too.
    for (const role of ["manager", "normal", "restricted"] as const) {
      session.user = signedIn(ws.actors[role]);
      expect(await templates.createEmailTemplateAction(null, toFormData({ moduleId: config.module.id, name: "X", subject: "S", body: "B" }))).toMatchObject({
        ok: false,
        message: "errors.forbidden",
      });
      expect(await templates.trashEmailTemplateAction(null, toFormData({ templateId: created.data.id }))).toMatchObject({
        ok: false,
        message: "errors.forbidden",
      });
      expect(await templates.previewEmailTemplateAction(null, toFormData({ moduleId: config.module.id, datasheetId, subject: "S", body: "B" }))).toMatchObject({
        ok: false,
        message: "errors.forbidden",
      });
    }
    // Another workspace's admin: not found.
    const other = await createWorkspace();
    session.user = signedIn(other.actors.admin);
    expect(await templates.trashEmailTemplateAction(null, toFormData({ templateId: created.data.id }))).toMatchObject({
      ok: false,
      message: "errors.notFound",
    });
    expect(await listEmailTemplates(testDb(), ws.actors.admin)).toMatchObject([{ name: "Hello 2" }]);
  });

  it("a manager schedules and stops a newsletter; a normal user may not; a time in the past is named", async () => {
    const ws = await createWorkspace();
    const config = await createTestModule(ws.actors.admin);
    session.user = signedIn(ws.actors.admin);
    const created = await templates.createEmailTemplateAction(null, toFormData({ moduleId: config.module.id, name: "News", subject: "News", body: "Hello" }));
    if (!created.ok) throw new Error(JSON.stringify(created));
    const input = {
      templateId: created.data.id,
      audience: "status",
      audienceId: statusByKey(config, "new_lead").id,
      scheduledAt: new Date(Date.now() + 3_600_000).toISOString(),
    };

    session.user = signedIn(ws.actors.normal);
    expect(await newsletterActions.scheduleNewsletterAction(null, toFormData(input))).toMatchObject({ ok: false, message: "errors.forbidden" });
    session.user = signedIn(ws.actors.manager);
    expect(await newsletterActions.scheduleNewsletterAction(null, toFormData({ ...input, scheduledAt: "tomorrow" }))).toMatchObject({
      ok: false,
      fieldErrors: { scheduledAt: "datetimeInvalid" },
    });
    expect(await newsletterActions.scheduleNewsletterAction(null, toFormData({ ...input, scheduledAt: "2020-01-01T10:00:00Z" }))).toMatchObject({
      ok: false,
      fieldErrors: { scheduledAt: "scheduledInPast" },
    });
    const scheduled = await newsletterActions.scheduleNewsletterAction(null, toFormData(input));
    if (!scheduled.ok) throw new Error(JSON.stringify(scheduled));
    expect(revalidated).toContain("/newsletters");
    expect(await newsletterActions.cancelNewsletterAction(null, toFormData({ newsletterId: scheduled.data.id }))).toEqual({ ok: true, data: null });
    expect(await listNewsletters(testDb(), ws.actors.manager)).toMatchObject([{ id: scheduled.data.id, state: "cancelled" }]);
  });
});
