import { daysAgoCutoff, localDateOf, localDateText, localMonthKey, monthsAgoStart } from "@/lib/time/zoned";

/*
 * The automatic sales module's status rule, SPEC §3.1: the status is a pure function of the
 * datasheet's facts and the time. The commit point applies it in the transaction of every change
 * of a fact; the daily sweep applies its time rules set-based in SQL (lib/statuses/sweep.ts) and is
 * held to this function by tests.
 */

export const salesStatuses = ["in_progress", "closed_won", "closed_lost"] as const;
export type SalesStatus = (typeof salesStatuses)[number];
export const qualifications = ["target_group", "not_target_group"] as const;
export type Qualification = (typeof qualifications)[number];
export const entries = ["inquiry", "subscriber", "list"] as const;
export type Entry = (typeof entries)[number];

/** SPEC §3 table: the keyed statuses, by group, in board order. */
export const statusGroupsOfRule = {
  marketing: ["newsletter", "cold_list"],
  sales: ["awaiting_processing", "awaiting_contact", "in_progress", "serious_prospect"],
  customers: ["one_time", "returning", "regular"],
  non_customers: ["failed", "forgotten", "inactive", "unreachable"],
} as const;
export type StatusGroupKey = keyof typeof statusGroupsOfRule;
export type StatusKey = (typeof statusGroupsOfRule)[StatusGroupKey][number];
export const statusKeys = Object.values(statusGroupsOfRule).flat() as StatusKey[];

export function groupOf(key: StatusKey): StatusGroupKey {
  return (Object.keys(statusGroupsOfRule) as StatusGroupKey[]).find((g) => (statusGroupsOfRule[g] as readonly string[]).includes(key))!;
}

/** Which line of SPEC §3.1 fired: stored with every status change, shown as "why is this here". */
export const ruleKeys = [
  "closed_won_regular", // 1: paid invoices in 3 calendar months of the last 12
  "closed_won_returning", // 1: at least 2 paid invoices
  "closed_won_one_time", // 1: otherwise
  "closed_lost", // 2
  "no_contact", // 3.1: no contact for more than N days, no open todo due in the future
  "serious_prospect", // 3.2: N done todos and Qualification = target group
  "todo_done", // 3.3: at least one done todo
  "todo_open", // 3.4: at least one open todo
  "new_inquiry", // 3.5: otherwise
  "unreachable", // 4.1: unsubscribed, bounced or complained
  "no_engagement", // 4.2: subscriber without opens or clicks for more than N days
  "subscriber", // 4.2: otherwise
  "purchased_list", // 4.3
] as const;
export type RuleKey = (typeof ruleKeys)[number];

/** A module's rule settings (Settings → Modules → the module → Status checks). */
export interface RuleSettings {
  /** 3.1: days without contact before Forgotten. */
  forgottenDays: number;
  /** 4.2: days without opens or clicks before Inactive. */
  inactiveDays: number;
  /** 3.2: done todos for Serious prospect. */
  seriousProspectDoneTodos: number;
  /** 1: Regular = paid invoices in at least this many distinct calendar months … */
  regularMonths: number;
  /** … of the last this many calendar months (the current one included). */
  regularWindowMonths: number;
  /** SPEC §3.1: the first invoice marked paid while In progress sets Closed won. */
  paidInvoiceClosesWon: boolean;
}

export const defaultRuleSettings: RuleSettings = {
  forgottenDays: 30,
  inactiveDays: 365,
  seriousProspectDoneTodos: 3,
  regularMonths: 3,
  regularWindowMonths: 12,
  paidInvoiceClosesWon: true,
};

/** What the rule reads of a datasheet: columns the commit point keeps, and its paid invoices. */
export interface StatusFacts {
  salesStatus: SalesStatus | null;
  qualification: Qualification | null;
  entry: Entry;
  createdAt: Date;
  /** SPEC §3.1 "contact"; null: none yet (counts from creation). */
  lastContactAt: Date | null;
  openTodos: number;
  doneTodos: number;
  /** The latest deadline of an open todo; null: none open. */
  latestOpenTodoDueAt: Date | null;
  /** When each paid invoice was paid. */
  paidInvoiceTimes: readonly Date[];
  /** Unsubscribed, bounced or complained: the first time; null: reachable. */
  unreachableAt: Date | null;
  /** When the subscriber subscribed (their newsletter consent); null: unknown. */
  subscribedAt: Date | null;
  /** The last open or click of an email to the datasheet; null: none. */
  lastEngagedAt: Date | null;
}

export interface Derived {
  key: StatusKey;
  rule: RuleKey;
  /** What the rule saw, for "why is this here" (JSON). */
  facts: Record<string, string | number | boolean | null>;
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/**
 * Until when paid invoices count at `now`: an invoice is paid on a calendar day, kept as noon UTC of
 * that day (lib/invoices/mutations.ts paidAtOf), so one paid today counts from the start of today in
 * the workspace's zone — also in the hours before noon UTC — and one dated tomorrow does not yet.
 */
export function paidInvoicesUntil(now: Date, timeZone: string): Date {
  const noonOfToday = new Date(`${localDateText(localDateOf(now, timeZone))}T12:00:00.000Z`);
  return noonOfToday.getTime() > now.getTime() ? noonOfToday : now;
}

/** SPEC §3.1 rule 1: which customer a closed-won datasheet is, from its paid invoices up to today. */
function customerRule(facts: StatusFacts, now: Date, settings: RuleSettings, timeZone: string): Derived {
  const until = paidInvoicesUntil(now, timeZone).getTime();
  const paid = facts.paidInvoiceTimes.filter((t) => t.getTime() <= until);
  const windowStart = monthsAgoStart(now, settings.regularWindowMonths - 1, timeZone);
  const months = new Set(paid.filter((t) => t.getTime() >= windowStart.getTime()).map((t) => localMonthKey(t, timeZone)));
  const seen = { salesStatus: "closed_won", paidInvoices: paid.length, paidMonthsInWindow: months.size };
  if (months.size >= settings.regularMonths) return { key: "regular", rule: "closed_won_regular", facts: seen };
  if (paid.length >= 2) return { key: "returning", rule: "closed_won_returning", facts: seen };
  return { key: "one_time", rule: "closed_won_one_time", facts: seen };
}

/** SPEC §3.1 rule 3: a sale in progress. */
function saleRule(facts: StatusFacts, now: Date, settings: RuleSettings, timeZone: string): Derived {
  const lastContact = facts.lastContactAt ?? facts.createdAt;
  const hasFutureTodo = facts.latestOpenTodoDueAt !== null && facts.latestOpenTodoDueAt.getTime() > now.getTime();
  const base = { salesStatus: "in_progress", doneTodos: facts.doneTodos, openTodos: facts.openTodos };
  // 3.1: "more than 30 days" by the calendar of the workspace.
  if (lastContact.getTime() < daysAgoCutoff(now, settings.forgottenDays, timeZone).getTime() && !hasFutureTodo) {
    return { key: "forgotten", rule: "no_contact", facts: { ...base, lastContactAt: iso(lastContact), forgottenDays: settings.forgottenDays } };
  }
  if (facts.doneTodos >= settings.seriousProspectDoneTodos && facts.qualification === "target_group") {
    return { key: "serious_prospect", rule: "serious_prospect", facts: { ...base, qualification: facts.qualification } };
  }
  if (facts.doneTodos >= 1) return { key: "in_progress", rule: "todo_done", facts: base };
  if (facts.openTodos >= 1) return { key: "awaiting_contact", rule: "todo_open", facts: base };
  return { key: "awaiting_processing", rule: "new_inquiry", facts: base };
}

/** SPEC §3.1 rule 4: a marketing contact (no Sales status). */
function marketingRule(facts: StatusFacts, now: Date, settings: RuleSettings, timeZone: string): Derived {
  const base = { salesStatus: null, entry: facts.entry };
  if (facts.unreachableAt !== null && facts.unreachableAt.getTime() <= now.getTime()) {
    return { key: "unreachable", rule: "unreachable", facts: { ...base, unreachableAt: iso(facts.unreachableAt) } };
  }
  if (facts.entry === "subscriber") {
    const since = [facts.subscribedAt ?? facts.createdAt, facts.lastEngagedAt].filter((d): d is Date => d !== null && d.getTime() <= now.getTime());
    const latest = since.length ? new Date(Math.max(...since.map((d) => d.getTime()))) : facts.createdAt;
    const seen = { ...base, lastEngagedAt: iso(facts.lastEngagedAt), subscribedAt: iso(facts.subscribedAt), inactiveDays: settings.inactiveDays };
    if (latest.getTime() < daysAgoCutoff(now, settings.inactiveDays, timeZone).getTime()) return { key: "inactive", rule: "no_engagement", facts: seen };
    return { key: "newsletter", rule: "subscriber", facts: seen };
  }
  return { key: "cold_list", rule: "purchased_list", facts: base };
}

/** SPEC §3.1: the first matching line wins. */
export function deriveStatus(facts: StatusFacts, now: Date, settings: RuleSettings, timeZone: string): Derived {
  switch (facts.salesStatus) {
    case "closed_won":
      return customerRule(facts, now, settings, timeZone);
    case "closed_lost":
      return { key: "failed", rule: "closed_lost", facts: { salesStatus: "closed_lost" } };
    case "in_progress":
      return saleRule(facts, now, settings, timeZone);
    default:
      return marketingRule(facts, now, settings, timeZone);
  }
}

/** SPEC §3.1 "Facts and events": a new datasheet's Sales status follows from its Entry. */
export function initialSalesStatus(entry: Entry): SalesStatus | null {
  return entry === "subscriber" || entry === "list" ? null : "in_progress";
}
