/*
 * Numbers and dates as spreadsheets write them, in Hungarian and English: `1 234,56`, `1.234,56`,
 * `1,234.56`, `1234.56`; `2026.11.29.`, `2026. 11. 29.`, `2026-11-29`, `29.11.2026`. Each answers the
 * canonical text the field parser (lib/fields/values.ts) takes, or null when the text is not one.
 * Pure: the browser's preview and the import job read cells the same way.
 */

const SPACES = /[\s\u00a0\u202f']/g;

/** Thousands in groups of three after the first group of one to three digits. */
function isGrouped(whole: string, separator: string): boolean {
  const groups = whole.split(separator);
  return groups.length > 1 && /^\d{1,3}$/.test(groups[0]!) && groups.slice(1).every((g) => /^\d{3}$/.test(g));
}

/**
 * A number written with a decimal comma or point and optional thousands separators (space, no-break
 * space, apostrophe, or the other mark). A single comma is a decimal comma (`12,5`, and `1,234` too:
 * a Hungarian file means one and a quarter); more than one mark of a kind, in groups of three, are
 * thousands. Answers "-1234.56" style text, or null.
 */
export function parseLocaleNumber(input: string): string | null {
  let text = input.trim();
  let sign = "";
  if (/^[+-]/.test(text)) {
    sign = text[0] === "-" ? "-" : "";
    text = text.slice(1).trim();
  }
  if (!text || !/^[\d\s\u00a0\u202f'.,]+$/.test(text) || !/^\d/.test(text)) return null;
  const spaced = /[\s\u00a0\u202f']/.test(text);
  if (spaced) {
    // Spaces group thousands only: "1 234,5" or "1 234.5".
    const [whole, ...rest] = text.split(/[.,]/);
    if (rest.length > 1 || !isGrouped(whole!.replace(/[\u00a0\u202f']/g, " ").replace(/\s+/g, " "), " ")) return null;
    text = text.replace(SPACES, "");
  }
  const commas = (text.match(/,/g) ?? []).length;
  const points = (text.match(/\./g) ?? []).length;
  let whole = text;
  let fraction = "";
  if (commas && points) {
    const decimal = text.lastIndexOf(",") > text.lastIndexOf(".") ? "," : ".";
    const thousands = decimal === "," ? "." : ",";
    const at = text.lastIndexOf(decimal);
    [whole, fraction] = [text.slice(0, at), text.slice(at + 1)];
    if (whole.includes(decimal) || !isGrouped(whole, thousands)) return null;
    whole = whole.split(thousands).join("");
  } else if (commas + points > 1) {
    const mark = commas ? "," : ".";
    if (!isGrouped(text, mark)) return null;
    whole = text.split(mark).join("");
  } else if (commas + points === 1) {
    [whole, fraction] = text.split(/[.,]/) as [string, string];
  }
  if (!/^\d+$/.test(whole) || !/^\d*$/.test(fraction) || (commas + points === 1 && !fraction)) return null;
  const digits = whole.replace(/^0+(?=\d)/, "");
  const out = fraction ? `${digits}.${fraction}` : digits;
  return sign && /[1-9]/.test(out) ? `${sign}${out}` : out;
}

const CURRENCY_SIGNS: Record<string, string> = { ft: "HUF", "ft.": "HUF", huf: "HUF", "€": "EUR", eur: "EUR", $: "USD", usd: "USD", "£": "GBP", gbp: "GBP" };

/** An amount with an optional currency before or after it (`1 234 Ft`, `€12,50`, `12.5 EUR`). */
export function parseLocaleMoney(input: string): { amount: string; currency: string | null } | null {
  const text = input.trim();
  const m = /^([^\d\s+-]{1,4})?\s*([+-]?[\d\s\u00a0\u202f'.,]+?)\s*([^\d\s.,]{1,4}\.?)?$/u.exec(text);
  if (!m) return null;
  const [, before, number, after] = m;
  if (before && after) return null;
  const sign = before ?? after;
  const code = sign ? (CURRENCY_SIGNS[sign.toLowerCase()] ?? (/^[A-Za-z]{3}$/.test(sign) ? sign.toUpperCase() : undefined)) : null;
  if (code === undefined) return null;
  const amount = parseLocaleNumber(number!);
  return amount === null ? null : { amount, currency: code };
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, "0");
}

function calendarDate(year: number, month: number, day: number): string | null {
  if (year < 1000 || year > 9999 || month < 1 || month > 12 || day < 1) return null;
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return day <= days ? `${year}-${pad(month)}-${pad(day)}` : null;
}

/**
 * A calendar day: year first (`2026.11.29.`, `2026. 11. 29.`, `2026-11-29`, `2026/11/29`) or day
 * first with dots (`29.11.2026`, the German and Hungarian short form). Slashes with the year last
 * are left out: `03/04/2026` is March in America and April in Britain. Answers "YYYY-MM-DD".
 */
export function parseLocaleDate(input: string): string | null {
  const text = input.trim();
  const yearFirst = /^(\d{4})\s*[.\-/]\s*(\d{1,2})\s*[.\-/]\s*(\d{1,2})\.?$/.exec(text);
  if (yearFirst) return calendarDate(Number(yearFirst[1]), Number(yearFirst[2]), Number(yearFirst[3]));
  const dayFirst = /^(\d{1,2})\.\s*(\d{1,2})\.\s*(\d{4})\.?$/.exec(text);
  if (dayFirst) return calendarDate(Number(dayFirst[3]), Number(dayFirst[2]), Number(dayFirst[1]));
  const iso = /^(\d{4})-(\d{2})-(\d{2})T/.exec(text);
  if (iso && !Number.isNaN(Date.parse(text))) return calendarDate(Number(iso[1]), Number(iso[2]), Number(iso[3]));
  return null;
}

/**
 * A date and a time of day, as a wall-clock text `YYYY-MM-DDTHH:mm:ss` (the caller places it in the
 * workspace's time zone), or an ISO instant kept as it is. A date alone is midnight.
 */
export function parseLocaleDateTime(input: string): { wallClock: string } | { instant: string } | null {
  const text = input.trim();
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/i.test(text)) {
    const time = new Date(text);
    return Number.isNaN(time.getTime()) ? null : { instant: time.toISOString() };
  }
  const m = /^(.*?)(?:[\sT]+(\d{1,2}):(\d{2})(?::(\d{2}))?)?$/.exec(text);
  if (!m) return null;
  const date = parseLocaleDate(m[1]!);
  if (!date) return null;
  const [h, min, s] = [Number(m[2] ?? 0), Number(m[3] ?? 0), Number(m[4] ?? 0)];
  if (h > 23 || min > 59 || s > 59) return null;
  return { wallClock: `${date}T${pad(h)}:${pad(min)}:${pad(s)}` };
}
