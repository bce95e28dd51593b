import { describe, expect, it } from "vitest";
import { readAhead } from "@/lib/read-ahead";

/** A source that logs what happens to it: each item read, and its closing. */
function source(count: number, log: string[], failAt?: number): AsyncGenerator<number> {
  return (async function* () {
    try {
      for (let i = 0; i < count; i++) {
        await new Promise((resolve) => setTimeout(resolve, 1));
        if (i === failAt) throw new Error(`cannot read ${i}`);
        log.push(`read ${i}`);
        yield i;
      }
    } finally {
      log.push("closed");
    }
  })();
}

describe("readAhead", () => {
  it("gives every item in order, the next one read while the caller works on the current one", async () => {
    const log: string[] = [];
    const seen: number[] = [];
    for await (const item of readAhead(source(3, log))) {
      log.push(`work ${item} begins`);
      await new Promise((resolve) => setTimeout(resolve, 20));
      log.push(`work ${item} ends`);
      seen.push(item);
    }
    expect(seen).toEqual([0, 1, 2]);
    // Item 1 was read during the work on item 0, item 2 during the work on item 1, and the source
    // found its end as soon as item 2 was handed on.
    expect(log).toEqual([
      "read 0",
      "work 0 begins",
      "read 1",
      "work 0 ends",
      "work 1 begins",
      "read 2",
      "work 1 ends",
      "closed",
      "work 2 begins",
      "work 2 ends",
    ]);
  });

  it("stopping early waits for the read in flight, then closes the source", async () => {
    const log: string[] = [];
    for await (const item of readAhead(source(10, log))) {
      if (item === 1) break;
    }
    expect(log.at(-1)).toBe("closed");
    expect(log.filter((l) => l.startsWith("read"))).toEqual(["read 0", "read 1", "read 2"]);
  });

  it("a read's error comes out where its item is asked for, after the items before it", async () => {
    const log: string[] = [];
    const seen: number[] = [];
    const run = async () => {
      for await (const item of readAhead(source(5, log, 2))) {
        await new Promise((resolve) => setTimeout(resolve, 10)); // the failing read is done (and handled) meanwhile
        seen.push(item);
      }
    };
    await expect(run()).rejects.toThrow("cannot read 2");
    expect(seen).toEqual([0, 1]);
    expect(log.at(-1)).toBe("closed");
  });
});
