import { describe, expect, it } from "vitest";
import { clientAddresses } from "@/lib/email-templates/render";
import { hasConsent } from "@/lib/email-templates/send";

const at = new Date("2026-03-01T10:00:00Z");
const data = {
  business: { name: "Minta Kft.", email: "Info@Minta.test", phone: null, taxNumber: null, newsletterConsentAt: null },
  contacts: [
    { id: "c1", name: "Kovács Anna", email: "anna@minta.test", position: null, newsletterConsentAt: at },
    { id: "c2", name: "Nagy Béla", email: " ANNA@minta.test ", position: null, newsletterConsentAt: null },
    { id: "c3", name: "Kiss Cili", email: "info@minta.test", position: null, newsletterConsentAt: at },
    { id: "c4", name: "Vass Éva", email: null, position: null, newsletterConsentAt: at },
  ],
};

describe("a client's addresses", () => {
  it("are the contact persons' with an email, then the business's own, once each whatever their case", () => {
    expect(clientAddresses(data)).toEqual([
      { email: "anna@minta.test", name: "Kovács Anna", contactId: "c1", hasConsent: true },
      { email: "info@minta.test", name: "Kiss Cili", contactId: "c3", hasConsent: true },
    ]);
    expect(clientAddresses({ ...data, contacts: [] })).toEqual([{ email: "Info@Minta.test", name: null, contactId: null, hasConsent: false }]);
  });

  it("consented: the contact person named, or anyone with that address", () => {
    expect(hasConsent(data, { email: "anna@minta.test", contactId: "c1" })).toBe(true);
    // Béla shares Anna's address but did not consent himself.
    expect(hasConsent(data, { email: "anna@minta.test", contactId: "c2" })).toBe(false);
    // The business's address: its contact person Cili consented with it.
    expect(hasConsent(data, { email: "INFO@minta.test" })).toBe(true);
    expect(hasConsent(data, { email: "someone@else.test" })).toBe(false);
    // A contact's consent is for their own address only.
    expect(hasConsent(data, { email: "other@minta.test", contactId: "c1" })).toBe(false);
  });
});
