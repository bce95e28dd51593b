import { config } from "zod";

// Runs in the browser before the app. Zod compiles object schemas with `new Function` when eval is
// allowed, and probes for it once: under the pages' Content-Security-Policy (no eval) that probe is
// reported as a violation. The browser's schemas are small; the interpreted parser is plenty.
config({ jitless: true });
