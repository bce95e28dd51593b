import { describe, expect, it } from "vitest";
import { jobsMode, jobsModeWarning } from "@/lib/jobs/mode";

describe("how background jobs run", () => {
  it("is embedded by default", () => {
    expect(jobsMode({})).toBe("embedded");
    expect(jobsModeWarning({})).toBeNull();
  });

  it("is Inngest with both keys, or with the dev server", () => {
    expect(jobsMode({ INNGEST_EVENT_KEY: "e", INNGEST_SIGNING_KEY: "signkey-prod-1" })).toBe("inngest");
    expect(jobsMode({ INNGEST_DEV: "1" })).toBe("inngest");
    expect(jobsMode({ INNGEST_DEV: "http://localhost:8288" })).toBe("inngest");
  });

  it("stays embedded, and says why, with only one of the keys", () => {
    expect(jobsMode({ INNGEST_EVENT_KEY: "e" })).toBe("embedded");
    expect(jobsMode({ INNGEST_SIGNING_KEY: "s" })).toBe("embedded");
    expect(jobsModeWarning({ INNGEST_SIGNING_KEY: "s" })).toMatch(/embedded/);
    expect(jobsMode({ INNGEST_DEV: "0" })).toBe("embedded");
  });
});
