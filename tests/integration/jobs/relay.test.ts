import { eq, isNull } from "drizzle-orm";
import { eventType } from "inngest";
import { beforeEach, expect, it, vi } from "vitest";
import { z } from "zod";
import { outboxEvents } from "@/db/schema";
import { emit } from "@/lib/jobs/outbox";
import { relayOutbox, type RelayedEvent } from "@/lib/jobs/relay";
import { describeOnPrivateDatabase } from "./private-database";

const signedUp = eventType("test/user.signed-up", { schema: z.object({ email: z.string() }) });

describeOnPrivateDatabase("Inngest relay", ({ db }) => {
  beforeEach(async () => {
    await db().delete(outboxEvents);
  });

  const record = (emails: string[], deliverAt?: Date) =>
    db().transaction(async (tx) => {
      for (const email of emails) await emit(tx, signedUp.create({ email }), { deliverAt });
    });

  it("sends the due rows under their outbox ids, marks them dispatched, and leaves the delayed ones", async () => {
    const now = new Date(Date.now() + 60_000);
    await record(["a@example.test", "b@example.test"]);
    await record(["later@example.test"], new Date(now.getTime() + 3 * 24 * 60 * 60_000));
    const send = vi.fn(async (_events: RelayedEvent[]) => ({ ids: [] }));

    expect(await relayOutbox({ db: db(), send, now })).toBe(2);

    const rows = await db().select().from(outboxEvents);
    const sent = send.mock.calls.flatMap(([events]) => events);
    expect(sent.map((e) => e.data.email).sort()).toEqual(["a@example.test", "b@example.test"]);
    for (const event of sent) {
      const row = rows.find((r) => r.id === event.id)!;
      expect(event).toEqual({ id: row.id, name: "test/user.signed-up", data: row.data, ts: row.createdAt.getTime() });
      expect(row.dispatchedAt).toEqual(now);
    }
    expect(rows.filter((r) => r.dispatchedAt === null).map((r) => r.data.email)).toEqual(["later@example.test"]);

    send.mockClear();
    expect(await relayOutbox({ db: db(), send, now })).toBe(0);
    expect(send).not.toHaveBeenCalled();
  });

  it("sends in batches", async () => {
    await record(["1@example.test", "2@example.test", "3@example.test"]);
    const send = vi.fn(async (_events: RelayedEvent[]) => ({ ids: [] }));
    expect(await relayOutbox({ db: db(), send, now: new Date(Date.now() + 60_000), batchSize: 2 })).toBe(3);
    expect(send.mock.calls.map(([events]) => events.length)).toEqual([2, 1]);
  });

  it("keeps rows whose send failed and sends them again once their hold expires", async () => {
    await record(["a@example.test"]);
    const now = new Date(Date.now() + 60_000);
    const failing = vi.fn(async () => {
      throw new Error("Inngest is unreachable");
    });
    await expect(relayOutbox({ db: db(), send: failing, now })).rejects.toThrow("unreachable");
    expect(await db().select().from(outboxEvents).where(isNull(outboxEvents.dispatchedAt))).toHaveLength(1);

    const send = vi.fn(async () => ({ ids: [] }));
    // Another relay at the same moment leaves the held row alone…
    expect(await relayOutbox({ db: db(), send, now })).toBe(0);
    // …and takes it once the hold has run out.
    expect(await relayOutbox({ db: db(), send, now: new Date(now.getTime() + 61_000) })).toBe(1);
    const [row] = await db().select().from(outboxEvents).where(eq(outboxEvents.name, "test/user.signed-up"));
    expect(row!.dispatchedAt).not.toBeNull();
  });
});
