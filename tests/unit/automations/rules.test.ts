import { describe, expect, it } from "vitest";
import { DomainError } from "@/lib/errors";
import {
  assertActivatable,
  checkDay,
  dueInDays,
  dueViewCheck,
  isViewTriggerKey,
  latestDailyCheck,
  nextDailyCheck,
  stepDueTimes,
  stepProblem,
  viewTriggerKey,
  type StepLike,
} from "@/lib/automations/rules";

const BUDAPEST = "Europe/Budapest";
const statusTrigger = { trigger: "status_entered" as const, statusId: "s", viewId: null };
const email = (templateId: string | null = "t"): StepLike => ({ kind: "email_client", delayMinutes: 0, templateId });
const todo = (text = "Call them", delayMinutes = 0): StepLike => ({ kind: "todo_user", delayMinutes, text, recipient: "responsible" });

function refusal(fn: () => void): { code: string; params: Record<string, string | number> } | null {
  try {
    fn();
    return null;
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    return { code: error.code, params: error.params };
  }
}

describe("activation", () => {
  it("refuses an automation without steps or without its trigger", () => {
    expect(refusal(() => assertActivatable(statusTrigger, []))).toEqual({ code: "automationEmpty", params: {} });
    expect(refusal(() => assertActivatable({ ...statusTrigger, statusId: null }, [email()]))?.code).toBe("automationNoTrigger");
    expect(refusal(() => assertActivatable({ trigger: "view_matched", statusId: "s", viewId: null }, [email()]))?.code).toBe("automationNoTrigger");
  });

  it("switches on an automation matching a view, as one entering a status", () => {
    expect(refusal(() => assertActivatable({ trigger: "view_matched", statusId: null, viewId: "v" }, [email(), todo()]))).toBeNull();
    expect(refusal(() => assertActivatable({ trigger: "view_matched", statusId: null, viewId: "v" }, []))?.code).toBe("automationEmpty");
  });

  it("names the first incomplete step by its position and kind, and what it lacks", () => {
    expect(refusal(() => assertActivatable(statusTrigger, [email(), todo(""), email(null)]))).toEqual({
      code: "automationStepIncomplete",
      params: { position: 2, kind: "todo_user", problem: "text" },
    });
    expect(refusal(() => assertActivatable(statusTrigger, [email(), email(null)]))?.params).toMatchObject({ position: 2, problem: "template" });
    expect(refusal(() => assertActivatable(statusTrigger, [email(), todo()]))).toBeNull();
  });

  it("wants the named user or role an email to a user is addressed to", () => {
    expect(stepProblem({ kind: "email_user", delayMinutes: 0, templateId: "t", recipient: "user", userId: null })).toBe("user");
    expect(stepProblem({ kind: "email_user", delayMinutes: 0, templateId: "t", recipient: "role", role: null })).toBe("role");
    expect(stepProblem({ kind: "email_user", delayMinutes: 0, templateId: "t", recipient: "role", role: "manager" })).toBeNull();
    expect(stepProblem({ kind: "todo_user", delayMinutes: 0, text: "x", recipient: "user", userId: null })).toBe("user");
  });
});

describe("step ordering", () => {
  it("waits each step's delay after the step before it, in order", () => {
    const at = new Date("2026-03-02T10:00:00Z");
    const due = stepDueTimes(at, [todo("a", 0), todo("b", 60), todo("c", 0), todo("d", 3 * 24 * 60)]);
    expect(due.map((d) => d.toISOString())).toEqual([
      "2026-03-02T10:00:00.000Z",
      "2026-03-02T11:00:00.000Z",
      "2026-03-02T11:00:00.000Z",
      "2026-03-05T11:00:00.000Z",
    ]);
    // Moving a delayed step first moves its wait with it.
    const reordered = stepDueTimes(at, [todo("d", 3 * 24 * 60), todo("a", 0)]);
    expect(reordered.map((d) => d.toISOString())).toEqual(["2026-03-05T10:00:00.000Z", "2026-03-05T10:00:00.000Z"]);
  });
});

describe("schedule across daylight-saving changes", () => {
  it("strikes at 9:00 Budapest time on both sides of the spring change", () => {
    // 29 March 2026: clocks go 02:00 → 03:00 in Budapest (UTC+1 → UTC+2).
    expect(nextDailyCheck(new Date("2026-03-28T09:00:00Z"), 540, BUDAPEST).toISOString()).toBe("2026-03-29T07:00:00.000Z");
    expect(nextDailyCheck(new Date("2026-03-27T12:00:00Z"), 540, BUDAPEST).toISOString()).toBe("2026-03-28T08:00:00.000Z");
    expect(nextDailyCheck(new Date("2026-03-29T07:00:00Z"), 540, BUDAPEST).toISOString()).toBe("2026-03-30T07:00:00.000Z");
  });

  it("strikes at 9:00 Budapest time on both sides of the autumn change", () => {
    // 25 October 2026: clocks go 03:00 → 02:00 (UTC+2 → UTC+1).
    expect(nextDailyCheck(new Date("2026-10-24T08:00:00Z"), 540, BUDAPEST).toISOString()).toBe("2026-10-25T08:00:00.000Z");
    expect(nextDailyCheck(new Date("2026-10-24T06:00:00Z"), 540, BUDAPEST).toISOString()).toBe("2026-10-24T07:00:00.000Z");
    expect(latestDailyCheck(new Date("2026-10-25T07:59:00Z"), 540, BUDAPEST).toISOString()).toBe("2026-10-24T07:00:00.000Z");
  });

  it("runs once on the day whose check time the spring change skips, an hour later by the new clock", () => {
    // 02:30 does not exist on 29 March in Budapest.
    expect(nextDailyCheck(new Date("2026-03-28T12:00:00Z"), 150, BUDAPEST).toISOString()).toBe("2026-03-29T01:30:00.000Z");
    expect(nextDailyCheck(new Date("2026-03-29T01:30:00Z"), 150, BUDAPEST).toISOString()).toBe("2026-03-30T00:30:00.000Z");
  });

  it("keeps a US zone's checks on its own wall clock (its change comes on another date)", () => {
    // 8 March 2026: New York goes UTC−5 → UTC−4.
    expect(nextDailyCheck(new Date("2026-03-07T15:00:00Z"), 540, "America/New_York").toISOString()).toBe("2026-03-08T13:00:00.000Z");
  });

  it("gives a todo due in N days the same wall-clock time, across the change", () => {
    expect(dueInDays(new Date("2026-03-27T09:15:00Z"), 3, BUDAPEST).toISOString()).toBe("2026-03-30T08:15:00.000Z");
    expect(dueInDays(new Date("2026-03-27T09:15:00Z"), 0, BUDAPEST).toISOString()).toBe("2026-03-27T09:15:00.000Z");
  });
});

describe("when a view-matching automation's daily check is due", () => {
  const at = (iso: string) => new Date(iso);
  const nine = { scheduleMinute: 540, activatedAt: at("2026-03-01T12:00:00Z"), lastCheckAt: null };

  it("is due from its time of day in the workspace's zone, and not before", () => {
    // 2 March, Budapest UTC+1: 9:00 is 08:00 UTC.
    expect(dueViewCheck(nine, BUDAPEST, at("2026-03-02T07:59:00Z"))).toBeNull();
    expect(dueViewCheck(nine, BUDAPEST, at("2026-03-02T08:00:00Z"))?.toISOString()).toBe("2026-03-02T08:00:00.000Z");
    expect(dueViewCheck(nine, BUDAPEST, at("2026-03-02T08:04:59Z"))?.toISOString()).toBe("2026-03-02T08:00:00.000Z");
    // The same automation in Tokyo (UTC+9) and New York (UTC−5): its 9:00 is theirs.
    expect(dueViewCheck(nine, "Asia/Tokyo", at("2026-03-02T00:05:00Z"))?.toISOString()).toBe("2026-03-02T00:00:00.000Z");
    expect(dueViewCheck(nine, "America/New_York", at("2026-03-02T13:59:00Z"))?.toISOString()).toBe("2026-03-01T14:00:00.000Z");
    expect(dueViewCheck(nine, "America/New_York", at("2026-03-02T14:00:00Z"))?.toISOString()).toBe("2026-03-02T14:00:00.000Z");
  });

  it("never owes a check from before it was switched on, nor one while switched off", () => {
    // Switched on at 10:00 on 2 March: that day's 9:00 check is not owed; the next morning's is.
    const late = { ...nine, activatedAt: at("2026-03-02T09:00:00Z") };
    expect(dueViewCheck(late, BUDAPEST, at("2026-03-02T15:00:00Z"))).toBeNull();
    expect(dueViewCheck(late, BUDAPEST, at("2026-03-03T08:00:00Z"))?.toISOString()).toBe("2026-03-03T08:00:00.000Z");
    expect(dueViewCheck({ ...nine, activatedAt: null }, BUDAPEST, at("2026-03-03T08:00:00Z"))).toBeNull();
  });

  it("is not owed again once run, and a check missed for days runs once, late", () => {
    const ran = { ...nine, lastCheckAt: at("2026-03-02T08:00:00Z") };
    expect(dueViewCheck(ran, BUDAPEST, at("2026-03-02T20:00:00Z"))).toBeNull();
    expect(dueViewCheck(ran, BUDAPEST, at("2026-03-03T08:00:00Z"))?.toISOString()).toBe("2026-03-03T08:00:00.000Z");
    // Down from 2 March to 5 March at noon: only 5 March's check is owed.
    expect(dueViewCheck(ran, BUDAPEST, at("2026-03-05T11:00:00Z"))?.toISOString()).toBe("2026-03-05T08:00:00.000Z");
    expect(dueViewCheck({ ...ran, lastCheckAt: at("2026-03-05T08:00:00Z") }, BUDAPEST, at("2026-03-05T11:00:00Z"))).toBeNull();
  });

  it("keeps 9:00 local across the spring and autumn changes, once a day", () => {
    const spring = { ...nine, lastCheckAt: at("2026-03-28T08:00:00Z") };
    expect(dueViewCheck(spring, BUDAPEST, at("2026-03-29T06:59:00Z"))).toBeNull();
    expect(dueViewCheck(spring, BUDAPEST, at("2026-03-29T07:00:00Z"))?.toISOString()).toBe("2026-03-29T07:00:00.000Z");
    const autumn = { ...nine, lastCheckAt: at("2026-10-24T07:00:00Z") };
    expect(dueViewCheck(autumn, BUDAPEST, at("2026-10-25T07:30:00Z"))).toBeNull();
    expect(dueViewCheck(autumn, BUDAPEST, at("2026-10-25T08:00:00Z"))?.toISOString()).toBe("2026-10-25T08:00:00.000Z");
  });

  it("keys a check by its local day, which is the zone's and not UTC's", () => {
    // 23:30 UTC on 1 March is already 2 March in Budapest.
    expect(checkDay(at("2026-03-01T23:30:00Z"), BUDAPEST)).toBe("2026-03-02");
    expect(checkDay(at("2026-03-01T23:30:00Z"), "UTC")).toBe("2026-03-01");
    expect(viewTriggerKey("2026-03-02")).toBe("view:2026-03-02");
    expect(isViewTriggerKey(viewTriggerKey("2026-03-02"))).toBe(true);
    expect(isViewTriggerKey("0b7e6c36-5a0e-4c1a-9f39-6b2a1c3d4e5f")).toBe(false);
  });
});
