import { getDb } from "@/db/client";
import { automationViewMatched, datasheetStatusChanged } from "@/inngest/events";
import { executeStepRun, planStatusChange, planViewMatch } from "@/lib/automations/runtime";
import { defineJob } from "@/lib/jobs/define";

/**
 * SPEC §4: the automations a status change fires, and those a view's daily check matched
 * (`automation/view.matched`, from `automations/view-checks`). The plan is recorded first (each step
 * once per datasheet, automation, step and trigger: the database's unique key), then each step runs
 * in its own step, after sleeping until it is due; a step re-reads everything when it runs, so one
 * switched off, or a datasheet that left the status or the view meanwhile, is skipped, not sent.
 */
export const runAutomations = defineJob(
  { id: "automations/run", trigger: { events: [datasheetStatusChanged, automationViewMatched] } },
  async ({ event, run, sleepUntil }) => {
    const data = event.data;
    const planned = await run("plan", async () => ("statusChangeId" in data ? planStatusChange(await getDb(), data) : planViewMatch(await getDb(), data)));
    const outcomes = [];
    for (const step of planned) {
      const dueAt = new Date(step.dueAt);
      if (dueAt.getTime() > Date.now()) await sleepUntil(`wait:${step.id}`, dueAt);
      outcomes.push(await run(`step:${step.id}`, async () => ({ id: step.id, ...(await executeStepRun(await getDb(), step.id)) })));
    }
    return outcomes;
  },
);
