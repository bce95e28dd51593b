import { describe, expect, it, vi } from "vitest";

describe("the browser's zod configuration (instrumentation-client.ts)", () => {
  it("makes zod jitless without importing it, whether zod loads after it or had loaded before", async () => {
    const holder = globalThis as { __zod_globalConfig?: { jitless?: boolean } };
    delete holder.__zod_globalConfig;
    vi.resetModules();
    await import("@/instrumentation-client");
    const { config, z } = await import("zod");
    expect(config().jitless).toBe(true);
    // An object schema parses on the interpreted path (no `new Function`, which the CSP forbids).
    const spy = vi.spyOn(globalThis, "Function");
    expect(z.object({ name: z.string() }).parse({ name: "Kiss Kft." })).toEqual({ name: "Kiss Kft." });
    expect(spy).not.toHaveBeenCalled();
    spy.mockRestore();

    config({ jitless: false });
    vi.resetModules();
    await import("@/instrumentation-client");
    expect((await import("zod")).config().jitless).toBe(true);
  });
});
