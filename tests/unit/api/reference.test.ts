import { describe, expect, it } from "vitest";
import { referenceAsset, referencePage } from "@/lib/api/reference";

describe("the API reference page", () => {
  it("loads only the app's own files, with no inline script, under a policy that allows nothing else", async () => {
    const page = referencePage();
    const html = await page.text();
    expect(page.headers.get("content-type")).toBe("text/html; charset=utf-8");
    const sources = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]!);
    expect(sources.filter((s) => !s.startsWith("/api/v1/"))).toEqual(["/icon.svg"]);
    expect(html).not.toMatch(/<script(?![^>]*\ssrc=)[^>]*>/);
    expect(page.headers.get("content-security-policy")).toContain("script-src 'self';");
    for (const asset of sources.filter((s) => s.startsWith("/api/v1/docs/"))) {
      const [name, query] = asset.slice("/api/v1/docs/".length).split("?");
      const response = referenceAsset(name!, new URLSearchParams(query).get("v"));
      expect(response?.status, asset).toBe(200);
      expect(response!.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
      expect(response!.headers.get("content-type")).toMatch(name!.endsWith(".css") ? /^text\/css/ : /^text\/javascript/);
      expect((await response!.arrayBuffer()).byteLength).toBeGreaterThan(100);
    }
  });

  it("serves Swagger UI from node_modules and nothing else of it", async () => {
    expect(await referenceAsset("swagger-ui-bundle.js", null)!.text()).toContain("SwaggerUIBundle");
    expect(referenceAsset("swagger-ui-bundle.js", "old")!.headers.get("cache-control")).toBe("public, max-age=0, must-revalidate");
    for (const name of ["package.json", "index.html", "../package.json", "%2e%2e%2fpackage.json", "constructor", "__proto__"]) {
      expect(referenceAsset(name, null), name).toBeNull();
    }
  });
});
