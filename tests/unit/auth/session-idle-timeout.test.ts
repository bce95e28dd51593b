import { describe, expect, it } from "vitest";
import { SESSION_MAX_AGE_SECONDS, sessionIdleTimeoutSeconds } from "@/lib/auth/config";

describe("sessionIdleTimeoutSeconds", () => {
  it("is 12 hours unless SESSION_IDLE_TIMEOUT_HOURS says otherwise", () => {
    expect(sessionIdleTimeoutSeconds({})).toBe(12 * 3600);
    expect(sessionIdleTimeoutSeconds({ SESSION_IDLE_TIMEOUT_HOURS: "1" })).toBe(3600);
    expect(sessionIdleTimeoutSeconds({ SESSION_IDLE_TIMEOUT_HOURS: "0.5" })).toBe(1800);
  });

  it("never outlasts the session's lifetime", () => {
    expect(sessionIdleTimeoutSeconds({ SESSION_IDLE_TIMEOUT_HOURS: "10000" })).toBe(SESSION_MAX_AGE_SECONDS);
  });

  it("refuses a value that is not a positive number of hours", () => {
    for (const value of ["0", "-3", "twelve"])
      expect(() => sessionIdleTimeoutSeconds({ SESSION_IDLE_TIMEOUT_HOURS: value })).toThrow(/SESSION_IDLE_TIMEOUT_HOURS/);
  });
});
