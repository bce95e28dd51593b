/**
 * Calendar arithmetic in a time zone (the workspace's): "30 days without contact" and "3 calendar
 * months of the last 12" are counted in the days and months the workspace lives in, whatever the
 * server's zone, across daylight-saving changes. Pure; instants in, instants out.
 */

export interface LocalDate {
  year: number;
  /** 1–12 */
  month: number;
  day: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** Whether the name is a time zone this runtime knows (IANA, e.g. "Europe/Budapest"). */
export function isTimeZone(name: string): boolean {
  try {
    formatter(name);
    return true;
  } catch {
    return false;
  }
}

function partsOf(instant: Date, timeZone: string) {
  const parts: Record<string, number> = {};
  for (const p of formatter(timeZone).formatToParts(instant)) if (p.type !== "literal") parts[p.type] = Number(p.value);
  return parts as { year: number; month: number; day: number; hour: number; minute: number; second: number };
}

/** The zone's offset from UTC at an instant, in milliseconds (Budapest in summer: +2 h). */
function offsetAt(instant: Date, timeZone: string): number {
  const p = partsOf(instant, timeZone);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return asUtc - Math.floor(instant.getTime() / 1000) * 1000;
}

/** The calendar date an instant falls on in the zone. */
export function localDateOf(instant: Date, timeZone: string): LocalDate {
  const { year, month, day } = partsOf(instant, timeZone);
  return { year, month, day };
}

/** The instant a local date begins in the zone (its first moment; on a DST day, whatever it is). */
export function startOfLocalDate(date: LocalDate, timeZone: string): Date {
  const wall = Date.UTC(date.year, date.month - 1, date.day);
  // The offset at the guess, then at the corrected guess: exact except inside a DST gap, where the
  // day's first existing moment is taken.
  let instant = wall - offsetAt(new Date(wall), timeZone);
  instant = wall - offsetAt(new Date(instant), timeZone);
  return new Date(instant);
}

/** A local date moved by whole calendar days (month and year lengths handled by Date.UTC). */
export function addLocalDays(date: LocalDate, days: number): LocalDate {
  const d = new Date(Date.UTC(date.year, date.month - 1, date.day + days));
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/**
 * The first instant of the local day `days` calendar days before the one `now` falls on: an
 * instant earlier than this is more than `days` days ago by the calendar (SPEC §3.1 "more than
 * 30 days").
 */
export function daysAgoCutoff(now: Date, days: number, timeZone: string): Date {
  return startOfLocalDate(addLocalDays(localDateOf(now, timeZone), -days), timeZone);
}

/** "2026-03": the calendar month an instant falls in, in the zone. */
export function localMonthKey(instant: Date, timeZone: string): string {
  const { year, month } = localDateOf(instant, timeZone);
  return `${year}-${String(month).padStart(2, "0")}`;
}

/** The first instant of the calendar month `months` months before the one `now` falls in (0: this month). */
export function monthsAgoStart(now: Date, months: number, timeZone: string): Date {
  const { year, month } = localDateOf(now, timeZone);
  const index = year * 12 + (month - 1) - months;
  return startOfLocalDate({ year: Math.floor(index / 12), month: (index % 12) + 1, day: 1 }, timeZone);
}

const pad2 = (n: number) => String(n).padStart(2, "0");

/** "2026-03-01": a local date as ISO text. */
export function localDateText(date: LocalDate): string {
  return `${date.year}-${pad2(date.month)}-${pad2(date.day)}`;
}

/** "2026-03-01" → the local date, or null when it is not a calendar date in that form. */
export function parseLocalDateText(text: string): LocalDate | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return null;
  const date = { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) };
  return localDateText(addLocalDays(date, 0)) === text ? date : null;
}

/** "2026-03-01 14:05": an instant on the zone's wall clock, as spreadsheets read a date and time. */
export function localDateTimeText(instant: Date, timeZone: string): string {
  const p = partsOf(instant, timeZone);
  return `${localDateText(p)} ${pad2(p.hour)}:${pad2(p.minute)}`;
}

/** The instant a wall-clock hour strikes on the local day `days` calendar days from the one `now` falls on (negative: before). */
export function localHourOn(now: Date, days: number, hour: number, timeZone: string): Date {
  const day = startOfLocalDate(addLocalDays(localDateOf(now, timeZone), days), timeZone);
  const guess = new Date(day.getTime() + hour * 3_600_000);
  // Across a daylight-saving change that day, the hour moves with the wall clock.
  return new Date(guess.getTime() + (offsetAt(day, timeZone) - offsetAt(guess, timeZone)));
}
