// Runs in the browser before the app. Zod compiles object schemas with `new Function` when eval is
// allowed, and probes for it once: under the pages' Content-Security-Policy (no eval) that probe is
// reported as a violation. The browser's schemas are small; the interpreted parser is plenty.
// Zod (4.6, pinned) keeps its configuration on `globalThis.__zod_globalConfig`, created by whichever
// comes first: set there, zod itself stays off every page's first load (it loads with the forms);
// tests/unit/security/zod-jitless.test.ts holds zod to it.
const holder = globalThis as typeof globalThis & { __zod_globalConfig?: { jitless?: boolean } };
holder.__zod_globalConfig ??= {};
holder.__zod_globalConfig.jitless = true;

export {};
