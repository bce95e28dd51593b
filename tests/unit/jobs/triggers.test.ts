import { describe, expect, it } from "vitest";
import { appEvents } from "@/inngest/events";
import { jobs } from "@/inngest/functions";
import { eventsOf } from "@/lib/jobs/define";
import { parseCron } from "@/lib/jobs/timing";

/** Every function of the app, what starts it, and how often it is retried. */
const expected = [
  { id: "auth/prune-login-attempts", trigger: { cron: "TZ=Europe/Budapest 15 3 * * *" }, retries: 4, isInngestOnly: false },
  { id: "jobs/prune-history", trigger: { cron: "TZ=Europe/Budapest 45 3 * * *" }, retries: 4, isInngestOnly: false },
  { id: "jobs/relay-outbox", trigger: { cron: "* * * * *" }, retries: 0, isInngestOnly: true },
  { id: "email/send", trigger: { event: "email/queued" }, retries: 4, isInngestOnly: false },
  { id: "statuses/daily-checks", trigger: { cron: "5 * * * *" }, retries: 4, isInngestOnly: false },
  { id: "datasheets/purge-trash", trigger: { cron: "TZ=UTC 15 2 * * *" }, retries: 4, isInngestOnly: false },
  { id: "db/daily-backup", trigger: { cron: "TZ=UTC 45 1 * * *" }, retries: 4, isInngestOnly: false },
  { id: "automations/run", trigger: { events: ["datasheet/status.changed", "automation/view.matched"] }, retries: 4, isInngestOnly: false },
  { id: "automations/view-checks", trigger: { cron: "*/5 * * * *" }, retries: 4, isInngestOnly: false },
  { id: "newsletters/send", trigger: { event: "newsletter/scheduled" }, retries: 4, isInngestOnly: false },
  { id: "import/run", trigger: { event: "import/requested" }, retries: 10, isInngestOnly: false },
];

describe("the app's functions", () => {
  it("are exactly the expected list, with their triggers and cron strings", () => {
    expect(jobs.map(({ id, trigger, retries, isInngestOnly }) => ({ id, trigger, retries, isInngestOnly }))).toEqual(expected);
  });

  it("register with Inngest under the same id, trigger and retries", () => {
    for (const job of jobs) {
      const fn = job.inngestFunction;
      expect(fn.id(), job.id).toBe(job.id);
      const triggers = ((fn.opts.triggers ?? []) as { event?: string; cron?: string }[]).map((t) =>
        t.cron ? { cron: t.cron } : { event: t.event },
      );
      expect(triggers, job.id).toEqual("cron" in job.trigger ? [job.trigger] : eventsOf(job).map((event) => ({ event })));
      expect(fn.opts.retries, job.id).toBe(job.retries);
    }
  });

  it("have cron strings the embedded runtime can read", () => {
    for (const job of jobs) {
      if ("cron" in job.trigger) expect(() => parseCron((job.trigger as { cron: string }).cron), job.id).not.toThrow();
    }
  });

  it("listen only to events declared in inngest/events.ts", () => {
    const declared = new Set(appEvents.map((e) => e.name));
    for (const job of jobs) {
      for (const event of eventsOf(job)) expect(declared.has(event), job.id).toBe(true);
    }
    expect(new Set(appEvents.map((e) => e.name)).size).toBe(appEvents.length);
  });
});
