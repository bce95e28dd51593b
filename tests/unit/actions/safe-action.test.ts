import { beforeEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";

// The wrapper runs in Next's server runtime; here its session and the marker package are stubbed.
vi.mock("@/db/client", () => ({ getDb: async () => ({}) }));
const requireUser = vi.fn();
vi.mock("@/lib/auth/actor", () => ({ requireUser: () => requireUser() }));
const nudge = vi.fn();

const { authedAction } = await import("@/lib/actions/safe-action");
const { setOutboxListener } = await import("@/lib/jobs/outbox");
const { DomainError } = await import("@/lib/errors");

const user = { userId: "u", workspaceId: "w", role: "normal" };
const form = (values: Record<string, string>) => {
  const data = new FormData();
  for (const [k, v] of Object.entries(values)) data.set(k, v);
  return data;
};

describe("authedAction", () => {
  beforeEach(() => {
    requireUser.mockReset().mockResolvedValue(user);
    nudge.mockReset();
    setOutboxListener(nudge);
  });

  it("hands the outbox on right after a successful action (its transaction has committed)", async () => {
    const action = authedAction(z.object({ name: z.string().min(1, "required") }), async (input, actor) => `${input.name}:${actor.userId}`);
    expect(await action(null, form({ name: "Anna" }))).toEqual({ ok: true, data: "Anna:u" });
    expect(nudge).toHaveBeenCalledTimes(1);
  });

  it("does not when the input is refused or the service throws a user mistake", async () => {
    const action = authedAction(z.object({ name: z.string().min(1, "required") }), async () => {
      throw new DomainError("notAllowedHere");
    });
    expect(await action(null, form({ name: "" }))).toEqual({ ok: false, message: "errors.invalid", fieldErrors: { name: "required" } });
    expect(await action(null, form({ name: "Anna" }))).toEqual({ ok: false, message: "errors.notAllowedHere" });
    expect(nudge).not.toHaveBeenCalled();
  });
});
