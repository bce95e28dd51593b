import { NextRequest } from "next/server";
import { afterEach, describe, expect, it, vi } from "vitest";
import { GET, POST, PUT } from "@/app/api/inngest/route";
import { inngestFunctions } from "@/inngest/functions";

const request = (method: string) => new NextRequest("http://localhost:3000/api/inngest", { method });

describe("/api/inngest", () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it("says plainly that Inngest is not configured in embedded mode", async () => {
    vi.stubEnv("INNGEST_DEV", "");
    vi.stubEnv("INNGEST_EVENT_KEY", "");
    vi.stubEnv("INNGEST_SIGNING_KEY", "");
    for (const handler of [GET, POST, PUT]) {
      const response = await handler(request("GET"));
      expect(response.status).toBe(404);
      expect(await response.json()).toMatchObject({ error: expect.stringContaining("Inngest is not configured") });
    }
  });

  it("hands the request to the Inngest SDK in Inngest mode", async () => {
    vi.stubEnv("INNGEST_DEV", "1");
    const response = await GET(request("GET"));
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ function_count: inngestFunctions.length, mode: "dev" });
  });
});
