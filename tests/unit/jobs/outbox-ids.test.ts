import { describe, expect, it } from "vitest";
import { eventIdFor } from "@/lib/jobs/outbox";

describe("derived outbox ids", () => {
  it("are UUIDs that the same run and step always produce, and another step never", () => {
    const id = eventIdFor("run-1", "emit:datasheets/status.changed");
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(eventIdFor("run-1", "emit:datasheets/status.changed")).toBe(id);
    expect(eventIdFor("run-1", "emit:datasheets/status.changed:1")).not.toBe(id);
    expect(eventIdFor("run-2", "emit:datasheets/status.changed")).not.toBe(id);
    // The parts are separated, not concatenated.
    expect(eventIdFor("ab", "c")).not.toBe(eventIdFor("a", "bc"));
  });
});
