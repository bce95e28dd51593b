import { eq } from "drizzle-orm";
import { expect, it } from "vitest";
import { businesses, contacts } from "@/db/schema";
import { formDataToInput } from "@/lib/actions/form-data";
import { addContact, updateBusiness, updateContact } from "@/lib/businesses/mutations";
import { updateBusinessSchema, type CompanyData } from "@/lib/businesses/schemas";
import { createClient } from "@/lib/datasheets/create";
import { createWorkspace } from "../../factories";
import { companyData, datasheetRow } from "../../factories/datasheets";
import { createAutomaticModule } from "../../factories/modules";
import { describeEachBackend, testDb } from "../../support/db";

const company = (overrides: Partial<CompanyData> = {}) => companyData({ name: "Hírlevél Kft.", email: "info@hirlevel.hu", ...overrides });

describeEachBackend("newsletter consent (SPEC §3.1 rule 4: the subscription time)", () => {
  it("a consent ticked on the company or a contact starts the subscription; the first one counts; a withdrawal clears it; saying nothing keeps it", async () => {
    const ws = await createWorkspace();
    const auto = await createAutomaticModule(ws.actors.admin);
    const db = testDb();
    const { datasheetId, businessId } = await createClient(db, ws.actors.normal, {
      business: { kind: "company", name: "Hírlevél Kft.", email: "info@hirlevel.hu", phone: null, taxNumber: null },
      contacts: [],
      moduleId: auto.moduleId,
      statusId: null,
      responsibleUserId: null,
      fields: { entry: "subscriber" },
    });
    expect(await datasheetRow(datasheetId)).toMatchObject({ subscribedAt: null, statusId: auto.statuses.newsletter });
    const version = async () => (await db.select({ v: businesses.version }).from(businesses).where(eq(businesses.id, businessId)))[0]!.v;

    // A contact person consents: the datasheet's subscription starts then.
    const { id: contactId } = await addContact(db, ws.actors.normal, datasheetId, {
      name: "Vass Éva",
      position: null,
      email: "eva@hirlevel.hu",
      phone: null,
      newsletterConsent: true,
    });
    const [contact] = await db.select().from(contacts).where(eq(contacts.id, contactId));
    expect(contact!.newsletterConsentAt).toBeInstanceOf(Date);
    expect((await datasheetRow(datasheetId)).subscribedAt?.getTime()).toBe(contact!.newsletterConsentAt!.getTime());

    // The company consents later: the earlier consent still counts.
    await updateBusiness(db, ws.actors.normal, datasheetId, await version(), company({ newsletterConsent: true }));
    const [business] = await db.select().from(businesses).where(eq(businesses.id, businessId));
    expect(business!.newsletterConsentAt!.getTime()).toBeGreaterThanOrEqual(contact!.newsletterConsentAt!.getTime());
    expect((await datasheetRow(datasheetId)).subscribedAt?.getTime()).toBe(contact!.newsletterConsentAt!.getTime());

    // Saving the contact without a word on consent keeps its time; a form's unticked box withdraws it.
    await updateContact(db, ws.actors.normal, datasheetId, contactId, { name: "Vass Éva", position: "owner", email: "eva@hirlevel.hu", phone: null });
    expect((await db.select().from(contacts).where(eq(contacts.id, contactId)))[0]!.newsletterConsentAt?.getTime()).toBe(
      contact!.newsletterConsentAt!.getTime(),
    );
    await updateContact(db, ws.actors.normal, datasheetId, contactId, {
      name: "Vass Éva",
      position: "owner",
      email: "eva@hirlevel.hu",
      phone: null,
      newsletterConsent: false,
    });
    expect((await db.select().from(contacts).where(eq(contacts.id, contactId)))[0]!.newsletterConsentAt).toBeNull();
    // Now the company's consent is the earliest.
    expect((await datasheetRow(datasheetId)).subscribedAt?.getTime()).toBe(business!.newsletterConsentAt!.getTime());

    // The company form: the hidden "false" and a ticked box say yes; the hidden "false" alone says no.
    const form = (ticked: boolean) => {
      const data = new FormData();
      for (const [k, v] of Object.entries({ datasheetId, version: "1", kind: "company", name: "Hírlevél Kft.", notes: "" })) data.append(k, v);
      data.append("newsletterConsent", "false");
      if (ticked) data.append("newsletterConsent", "true");
      return updateBusinessSchema.parse(formDataToInput(data, updateBusinessSchema));
    };
    expect(form(true).newsletterConsent).toBe(true);
    const unticked = form(false);
    expect(unticked.newsletterConsent).toBe(false);
    const { datasheetId: _d, version: _v, ...withdrawn } = unticked;
    await updateBusiness(db, ws.actors.normal, datasheetId, await version(), withdrawn);
    expect((await db.select().from(businesses).where(eq(businesses.id, businessId)))[0]!.newsletterConsentAt).toBeNull();
    expect((await datasheetRow(datasheetId)).subscribedAt).toBeNull();
  });
});
