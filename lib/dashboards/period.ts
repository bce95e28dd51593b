import { addLocalDays, localDateOf, localDateText, parseLocalDateText, startOfLocalDate, type LocalDate } from "@/lib/time/zoned";

/*
 * The team dashboard's period (issue 15), kept in the URL: this week, this month, the last 30 or
 * 90 days, or custom days — all local days of the workspace's time zone, today included.
 */

export const periodPresets = ["week", "month", "30d", "90d", "custom"] as const;
export type PeriodPreset = (typeof periodPresets)[number];

/** The longest custom period: a bigger one is a mistake, not a question. */
export const MAX_PERIOD_DAYS = 3 * 366;

export interface DashboardPeriod {
  preset: PeriodPreset;
  /** First local day, `YYYY-MM-DD`. */
  from: string;
  /** Last local day, included. */
  to: string;
  /** The first instant of `from` and of the day after `to`, in the zone. */
  start: Date;
  end: Date;
}

export type PeriodError = "dateInvalid" | "periodOrder" | "periodTooLong";

const isPreset = (value: string | undefined): value is PeriodPreset => periodPresets.includes(value as PeriodPreset);

/** Monday of the week a local date falls in. */
function mondayOf(date: LocalDate): LocalDate {
  const weekday = new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay();
  return addLocalDays(date, -((weekday + 6) % 7));
}

/**
 * The period the URL asks for (`period`, and `from`/`to` for custom), or the last 30 days. A custom
 * period with a bad day is an error for that field, so the form can say which.
 */
export function dashboardPeriod(
  input: { period?: string; from?: string; to?: string },
  now: Date,
  timeZone: string,
): { ok: true; period: DashboardPeriod } | { ok: false; field: "from" | "to"; error: PeriodError } {
  const today = localDateOf(now, timeZone);
  const preset: PeriodPreset = isPreset(input.period) ? input.period : input.from || input.to ? "custom" : "30d";
  let from: LocalDate;
  let to: LocalDate = today;
  switch (preset) {
    case "week":
      from = mondayOf(today);
      break;
    case "month":
      from = { year: today.year, month: today.month, day: 1 };
      break;
    case "30d":
      from = addLocalDays(today, -29);
      break;
    case "90d":
      from = addLocalDays(today, -89);
      break;
    case "custom": {
      const parsedFrom = input.from ? parseLocalDateText(input.from) : addLocalDays(today, -29);
      if (!parsedFrom) return { ok: false, field: "from", error: "dateInvalid" };
      const parsedTo = input.to ? parseLocalDateText(input.to) : today;
      if (!parsedTo) return { ok: false, field: "to", error: "dateInvalid" };
      from = parsedFrom;
      to = parsedTo;
    }
  }
  const start = startOfLocalDate(from, timeZone);
  const end = startOfLocalDate(addLocalDays(to, 1), timeZone);
  if (end <= start) return { ok: false, field: "to", error: "periodOrder" };
  if (end.getTime() - start.getTime() > MAX_PERIOD_DAYS * 86_400_000) return { ok: false, field: "from", error: "periodTooLong" };
  return { ok: true, period: { preset, from: localDateText(from), to: localDateText(to), start, end } };
}
