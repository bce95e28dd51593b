import { render } from "@react-email/render";
import fc from "fast-check";
import { createElement } from "react";
import { describe, expect, it } from "vitest";
import TemplateMessageEmail, { UNSUBSCRIBE_URL_TOKEN } from "@/emails/template-message";
import {
  escapeHtml,
  firstIssue,
  mergeBody,
  mergeSubject,
  parseTemplate,
  staticMergeFields,
  templateIssues,
  usedMergeFields,
  validateTemplate,
} from "@/lib/email-templates/merge-fields";
import { formatMergeValue } from "@/lib/email-templates/values";

const context = { fieldKeys: ["company_size", "budget"] };

async function renderBody(body: string, values: Record<string, string>, raw: Record<string, string> = {}): Promise<string> {
  const merged = mergeBody(parseTemplate(body).segments, values, raw);
  const html = await render(
    createElement(TemplateMessageEmail, {
      locale: "en",
      workspaceName: "Test Kft.",
      subject: "s",
      body: merged,
      unsubscribeUrl: "https://crm.test/unsubscribe/t0k_en",
    }),
  );
  // The body's own block, without the layout around it.
  return /data-id="react-email-markdown"[^>]*>([\s\S]*?)<\/div>/.exec(html)![1]!;
}

describe("parseTemplate", () => {
  it("splits text and merge fields, trimming the names", () => {
    expect(parseTemplate("Dear {{ contact.name }}, from {{business.name}}!").segments).toEqual([
      { kind: "text", text: "Dear " },
      { kind: "field", name: "contact.name" },
      { kind: "text", text: ", from " },
      { kind: "field", name: "business.name" },
      { kind: "text", text: "!" },
    ]);
    expect(usedMergeFields("{{a.b}} {{ a.b }} {{c}}")).toEqual(["a.b", "c"]);
  });

  it("reports an unclosed tag and a tag that is not a name, where they are", () => {
    expect(parseTemplate("Hi {{contact.name").issues).toEqual([{ code: "unclosedMergeField", index: 3 }]);
    expect(parseTemplate("a {{ hello world }} b {{}}").issues).toEqual([
      { code: "invalidMergeField", field: "hello world", index: 2 },
      { code: "invalidMergeField", field: "", index: 22 },
    ]);
  });
});

describe("validateTemplate", () => {
  it("accepts every documented merge field and the module's fields", () => {
    const body = [...staticMergeFields, "field.company_size", "field.budget"].map((f) => `{{${f}}}`).join(" ");
    expect(validateTemplate({ subject: "Hello {{contact.name}}", body }, context)).toEqual({ subject: [], body: [] });
  });

  it("names an unknown merge field, a field the module does not have, and a signature in the subject", () => {
    const issues = validateTemplate({ subject: "Hi {{sender.signature}}", body: "Dear {{contact.nmae}}, {{field.colour}} {{field.budget}}" }, context);
    expect(issues.body).toEqual([
      { code: "unknownMergeField", field: "contact.nmae", index: 5 },
      { code: "unknownMergeField", field: "field.colour", index: 23 },
    ]);
    expect(issues.subject).toEqual([expect.objectContaining({ code: "unknownMergeField", field: "sender.signature" })]);
    expect(firstIssue(issues)).toMatchObject({ part: "subject", field: "sender.signature" });
    expect(templateIssues("{{Contact.Name}}", context)).toEqual([{ code: "invalidMergeField", field: "Contact.Name", index: 0 }]);
  });
});

describe("merging", () => {
  it("puts values in as text, the signature as Markdown, and an unsubscribe token as it is", async () => {
    const html = await renderBody(
      "Dear {{contact.name}},\n\nYour budget: **{{field.budget}}**\n\n{{sender.signature}}\n\n[Unsubscribe]({{unsubscribe_url}})",
      { "contact.name": "Kovács Anna", "field.budget": "1 000 000 Ft" },
      { "sender.signature": "**Nagy Péter**  \nSales", unsubscribe_url: UNSUBSCRIBE_URL_TOKEN },
    );
    expect(html).toContain("Dear Kovács Anna,");
    expect(html).toMatch(/<strong[^>]*>1 000 000 Ft<\/strong>/);
    expect(html).toMatch(/<strong[^>]*>Nagy Péter<\/strong><br[^>]*>Sales/);
    expect(html).toContain('href="https://crm.test/unsubscribe/t0k_en"');
  });

  it("formats and links nothing a value contains", async () => {
    const html = await renderBody("Hi {{contact.name}}", {
      "contact.name": '**bold** [x](javascript:alert(1)) <script>alert("x")</script> https://evil.test a@b.test # h',
    });
    expect(html).not.toMatch(/<(strong|a|script|h1)\b/);
    expect(html).toContain("**bold** [x](javascript:alert(1)) &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; https://evil.test a@b.test # h");
  });

  it("a value where a link's address goes is percent-encoded, and must be a web address at its start", async () => {
    expect(await renderBody("[site]({{field.url}})", { "field.url": "javascript:alert(1)" })).toMatch(/href="#"/);
    expect(await renderBody("[site]({{field.url}})", { "field.url": 'https://x.test/a b") onclick="x' })).toMatch(
      /href="https:\/\/x\.test\/a%20b%22%29%20onclick=%22x"/,
    );
    expect(await renderBody("[go](https://shop.test/?q={{contact.name}})", { "contact.name": "a&b (c)" })).toMatch(
      /href="https:\/\/shop\.test\/\?q=a&b%20%28c%29"/,
    );
  });

  it("a value cannot start a heading, a list or a quote on a line of its own", async () => {
    const html = await renderBody("{{field.notes}}", { "field.notes": "# Title\n- item\n> quote\n\n    code" });
    expect(html).not.toMatch(/<(h1|ul|li|blockquote|pre|code)\b/);
    expect(html).toContain("# Title<br");
  });

  it("the subject is one line of plain text", () => {
    expect(mergeSubject(parseTemplate("Offer for {{business.name}}").segments, { "business.name": "A\r\nBcc: x@y.test <b>" })).toBe(
      "Offer for A Bcc: x@y.test <b>",
    );
  });

  it("property: any value appears in the HTML escaped, as text, never as markup", async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: "grapheme", maxLength: 60 }), async (value) => {
        const html = await renderBody("Hello {{contact.name}}!", { "contact.name": value });
        const expected = escapeHtml(value.trim().replace(/\s+/g, " "));
        const paragraph = /<p[^>]*>([\s\S]*?)<\/p>/.exec(html)?.[1] ?? "";
        expect(paragraph.replace(/<br \/>\n?/g, " ").replace(/\s+/g, " ")).toBe(`Hello ${expected}!`.replace(/\s+/g, " "));
      }),
      { numRuns: 300 },
    );
  });
});

describe("formatMergeValue", () => {
  const formatting = { locale: "hu" as const, timeZone: "Europe/Budapest", userNames: new Map([["u1", "Nagy Péter"]]), yes: "Igen", no: "Nem" };
  it("writes a value as the datasheet shows it, in the email's language", () => {
    const options = [
      { key: "small", label: "Kicsi" },
      { key: "big", label: "Nagy" },
    ];
    expect(formatMergeValue({ key: "s", type: "single_select", options }, "big", formatting)).toBe("Nagy");
    expect(formatMergeValue({ key: "m", type: "multi_select", options }, ["small", "big"], formatting)).toBe("Kicsi, Nagy");
    expect(formatMergeValue({ key: "c", type: "checkbox", options: [] }, true, formatting)).toBe("Igen");
    expect(formatMergeValue({ key: "u", type: "user", options: [] }, "u1", formatting)).toBe("Nagy Péter");
    expect(formatMergeValue({ key: "d", type: "date", options: [] }, "2026-03-01", formatting)).toBe("2026. március 1.");
    expect(formatMergeValue({ key: "n", type: "number", options: [] }, 1234.5, { ...formatting, locale: "en" })).toBe("1,234.5");
    expect(formatMergeValue({ key: "t", type: "text", options: [] }, null, formatting)).toBe("");
  });
});
