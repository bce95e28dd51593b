"use server";
import { revalidatePath } from "next/cache";
import { authedAction } from "@/lib/actions/safe-action";
import { previewRuleSettings, runStatusChecks, saveRuleSettings } from "@/lib/statuses/checks";
import { ruleSettingsFormSchema, statusChecksSchema } from "@/lib/statuses/schemas";
import type { Transition } from "@/lib/statuses/sweep";

// Settings → Modules → the automatic module → Status checks (admins; each service checks it).

/** The most transitions a page shows; the count says how many there are. */
const SHOWN = 200;

function summary(transitions: Transition[]) {
  return { count: transitions.length, transitions: transitions.slice(0, SHOWN).map(({ datasheetId, businessName, from, to, reason, facts }) => ({ datasheetId, businessName, from, to, reason, facts })) };
}

export const previewStatusChecksAction = authedAction(statusChecksSchema, async ({ moduleId, asOf }, user, db) => {
  const result = await runStatusChecks(db, user, { moduleId, asOf: asOf ?? undefined, dryRun: true });
  return summary(result.dryRun ? result.transitions : []);
});

export const runStatusChecksAction = authedAction(statusChecksSchema.pick({ moduleId: true }), async ({ moduleId }, user, db) => {
  const result = await runStatusChecks(db, user, { moduleId });
  revalidatePath("/", "layout");
  return { moved: result.dryRun ? 0 : result.moved };
});

export const previewRuleSettingsAction = authedAction(ruleSettingsFormSchema, async ({ moduleId, ...settings }, user, db) =>
  summary(await previewRuleSettings(db, user, moduleId, settings)),
);

export const saveRuleSettingsAction = authedAction(ruleSettingsFormSchema, async ({ moduleId, ...settings }, user, db) => {
  const result = await saveRuleSettings(db, user, moduleId, settings);
  revalidatePath("/", "layout");
  return result;
});
