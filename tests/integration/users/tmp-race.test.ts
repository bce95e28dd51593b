import { expect, it } from "vitest";
import { DomainError } from "@/lib/errors";
import { setUserActive, updateUser } from "@/lib/users/mutations";
import { actorOf, createUser, createWorkspace } from "../../factories";
import { describeEachBackend } from "../../support/db";

describeEachBackend("race", () => {
  it("counts", async () => {
    const tally: Record<string, number> = {};
    for (let i = 0; i < 15; i++) {
      for (const kind of ["demote", "deactivate"] as const) {
        const { users: m, workspace } = await createWorkspace();
        const b = await createUser(workspace.id, { role: "admin" });
        const a = m.admin;
        const edit = (u: typeof a) => ({ familyName: u.familyName, givenName: u.givenName, email: u.email, signature: u.signature, role: "normal" as const });
        const results = await Promise.allSettled(
          kind === "demote"
            ? [updateUser(actorOf(a), b.id, edit(b)), updateUser(actorOf(b), a.id, edit(a))]
            : [setUserActive(actorOf(a), b.id, false), setUserActive(actorOf(b), a.id, false)],
        );
        const key = kind + ":" + results.map((r) => (r.status === "fulfilled" ? "ok" : r.reason instanceof DomainError ? r.reason.code : String((r.reason as { cause?: { code?: string } }).cause?.code))).sort().join(",");
        tally[key] = (tally[key] ?? 0) + 1;
      }
    }
    console.log(tally);
    expect(1).toBe(1);
  });
});
