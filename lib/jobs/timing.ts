import { Cron } from "croner";

/** Embedded retries wait 10 s, 20 s, 40 s … between attempts, never more than an hour. */
export const BACKOFF_BASE_MS = 10_000;
export const BACKOFF_MAX_MS = 60 * 60_000;

/** How long to wait after the given (1-based) failed attempt before the next one. */
export function backoffMs(failedAttempt: number): number {
  const exponent = Math.max(0, failedAttempt - 1);
  return Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** Math.min(exponent, 30));
}

export interface CronSchedule {
  pattern: string;
  timezone?: string;
}

/**
 * Splits an Inngest cron string ("TZ=Europe/Budapest 0 6 * * *", or CRON_TZ=…) into the pattern
 * and the time zone croner takes separately. Throws on a pattern croner cannot read.
 */
export function parseCron(expression: string): CronSchedule {
  const match = /^\s*(?:CRON_TZ|TZ)=(\S+)\s+(.+)$/.exec(expression);
  const schedule: CronSchedule = match ? { pattern: match[2]!.trim(), timezone: match[1]! } : { pattern: expression.trim() };
  // Constructing without a callback only parses: no timer is started.
  new Cron(schedule.pattern, { timezone: schedule.timezone });
  return schedule;
}

/** The latest tick of the schedule at or before `now`, or null when there is none. */
export function latestTick(schedule: CronSchedule, now: Date): Date | null {
  const cron = new Cron(schedule.pattern, { timezone: schedule.timezone });
  // previousRuns looks strictly before its reference: one millisecond on includes `now` itself.
  return cron.previousRuns(1, new Date(now.getTime() + 1))[0] ?? null;
}
