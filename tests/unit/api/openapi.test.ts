import { describe, expect, it } from "vitest";
import { z } from "zod";
import type { Endpoint } from "@/lib/api/http";
import { openApiDocument } from "@/lib/api/openapi";

const endpoint = (overrides: Partial<Endpoint>): Endpoint<never, never, never> =>
  ({
    method: "GET",
    path: "/things",
    tag: "Things",
    summary: "List things",
    response: { status: 200, schema: z.object({ data: z.array(z.string()) }), description: "The things." },
    example: 'curl -s "$CRM_URL/api/v1/things" -H "Authorization: Bearer $CRM_KEY"',
    handler: async () => ({ data: [] }),
    ...overrides,
  }) as unknown as Endpoint<never, never, never>;

describe("the OpenAPI document's examples", () => {
  it("shows each endpoint's curl example under its description, for readers without x-codeSamples (Swagger UI)", () => {
    const document = openApiDocument([endpoint({ description: "Every thing." }), endpoint({ method: "POST", description: undefined })]);
    const { get, post } = document.paths["/things"] as Record<string, { description?: string; "x-codeSamples": unknown }>;
    const example = 'curl -s "$CRM_URL/api/v1/things" -H "Authorization: Bearer $CRM_KEY"';
    expect(get!.description).toBe(`Every thing.\n\nExample:\n\n\`\`\`sh\n${example}\n\`\`\``);
    expect(post!.description).toBe(`Example:\n\n\`\`\`sh\n${example}\n\`\`\``);
    expect(get!["x-codeSamples"]).toEqual([{ lang: "Shell", label: "curl", source: example }]);
  });

  it("adds nothing for an endpoint without an example", () => {
    const document = openApiDocument([endpoint({ example: "", description: "Just this." })]);
    expect((document.paths["/things"] as Record<string, { description?: string }>).get!.description).toBe("Just this.");
  });
});
