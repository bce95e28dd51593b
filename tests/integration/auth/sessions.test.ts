import { eq, inArray } from "drizzle-orm";
import { expect, it } from "vitest";
import { revokedSessions } from "@/db/schema";
import { revokeSession } from "@/lib/auth/sessions";
import { createWorkspace } from "../../factories";
import { describeEachBackend } from "../../support/db";

describeEachBackend("revokeSession", ({ db }) => {
  const day = 24 * 3600 * 1000;

  it("lists a signed-out session until it would have ended, once, and clears the ended ones", async () => {
    const { users } = await createWorkspace();
    const ended = crypto.randomUUID();
    const current = crypto.randomUUID();
    await db().insert(revokedSessions).values({ id: ended, userId: users.normal.id, expiresAt: new Date(Date.now() - day) });

    const endsAt = new Date(Date.now() + 30 * day);
    await revokeSession({ sessionId: current, userId: users.normal.id, expiresAt: endsAt });
    // Signing out twice (two tabs) is no error.
    await revokeSession({ sessionId: current, userId: users.normal.id, expiresAt: endsAt });

    const rows = await db().select().from(revokedSessions).where(inArray(revokedSessions.id, [ended, current]));
    expect(rows).toEqual([{ id: current, userId: users.normal.id, expiresAt: endsAt }]);
  });

  it("ignores a session without an id (signed in before sessions had one) or with a forged one", async () => {
    const { users } = await createWorkspace();
    await revokeSession({ sessionId: null, userId: users.normal.id, expiresAt: new Date(Date.now() + day) });
    await revokeSession({ sessionId: "not-a-uuid", userId: users.normal.id, expiresAt: new Date(Date.now() + day) });
    expect(await db().select().from(revokedSessions).where(eq(revokedSessions.userId, users.normal.id))).toEqual([]);
  });
});
