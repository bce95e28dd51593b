import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { apiKeys, apiRequestCounts, auditLog } from "@/db/schema";
import { defineEndpoint, type Endpoint } from "@/lib/api/http";
import { authenticateApiKey, authenticateApiRequest, createApiKey, createApiKeyForEmail, listApiKeys, revokeApiKey } from "@/lib/api/keys";
import { listUsersEndpoint } from "@/lib/api/v1/users";
import { ForbiddenError, NotFoundError } from "@/lib/errors";
import { setUserActive } from "@/lib/users/mutations";
import { z } from "zod";
import { createWorkspace } from "../../factories";
import { describeEachBackend } from "../../support/db";
import { expectDomainError } from "../modules/helpers";
import { apiKeyFor, callApi } from "./helpers";

const users = listUsersEndpoint as unknown as Endpoint<never, never, never>;

/** An endpoint that takes a body, to try the request path's refusals on. */
const echo = defineEndpoint({
  method: "POST",
  path: "/echo",
  tag: "Test",
  summary: "Echo",
  body: z.strictObject({ name: z.string("required").min(1, "required"), nested: z.strictObject({ n: z.number() }).optional() }),
  response: { status: 201, schema: z.object({ name: z.string() }), description: "Echo" },
  example: "",
  handler: async ({ body }) => ({ name: body.name }),
}) as unknown as Endpoint<never, never, never>;

describeEachBackend("API keys and the request path", ({ db }) => {
  it("makes a key shown once, stored only as a hash, that acts as its user", async () => {
    const { actors, workspace } = await createWorkspace();
    const { id, key } = await createApiKey(actors.admin, { name: "Website form", userId: actors.restricted.userId });
    expect(key).toMatch(/^crm_[A-Za-z0-9]{12}_[A-Za-z0-9_-]{43}$/);
    const [row] = await db().select().from(apiKeys).where(eq(apiKeys.id, id));
    expect(JSON.stringify(row)).not.toContain(key.slice(17));
    expect(row!.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(await authenticateApiKey(`Bearer ${key}`)).toMatchObject({
      keyId: id,
      userId: actors.restricted.userId,
      workspaceId: workspace.id,
      role: "restricted",
    });
    const [listed] = await listApiKeys(actors.admin);
    expect(listed).toMatchObject({ id, name: "Website form", owner: { id: actors.restricted.userId }, revokedAt: null });
    expect(listed!.lastUsedAt).not.toBeNull();
    const audit = await db().select().from(auditLog).where(eq(auditLog.subjectId, id));
    expect(audit.map((a) => a.action)).toEqual(["api_key.created"]);
  });

  it("lets only admins manage keys, for users of their own workspace", async () => {
    const { actors } = await createWorkspace();
    const other = await createWorkspace();
    for (const actor of [actors.manager, actors.normal, actors.restricted]) {
      await expect(createApiKey(actor, { name: "x", userId: actor.userId })).rejects.toBeInstanceOf(ForbiddenError);
      await expect(listApiKeys(actor)).rejects.toBeInstanceOf(ForbiddenError);
    }
    await expectDomainError(createApiKey(actors.admin, { name: "x", userId: other.actors.normal.userId }), "invalid");
    const { id } = await createApiKey(other.actors.admin, { name: "theirs", userId: other.actors.admin.userId });
    await expect(revokeApiKey(actors.admin, id)).rejects.toBeInstanceOf(NotFoundError);
    expect(await listApiKeys(actors.admin)).toEqual([]);
  });

  it("refuses a missing, malformed, unknown, revoked key and a deactivated owner's key alike", async () => {
    const { actors } = await createWorkspace();
    const key = await apiKeyFor(actors.admin, actors.normal);
    expect((await callApi(users, { key })).status).toBe(200);
    const tampered = key.slice(0, -1) + (key.endsWith("A") ? "B" : "A");
    for (const bad of [null, "nonsense", `${key}x`, tampered, "crm_AAAAAAAAAAAA_" + "A".repeat(43)]) {
      const answer = await callApi(users, { key: bad });
      expect(answer.status).toBe(401);
      expect(answer.headers.get("content-type")).toBe("application/problem+json");
      expect(answer.json).toMatchObject({ status: 401, title: "Unauthorized" });
    }
    await setUserActive(actors.admin, actors.normal.userId, false);
    expect((await callApi(users, { key })).status).toBe(401);
    await setUserActive(actors.admin, actors.normal.userId, true);
    expect((await callApi(users, { key })).status).toBe(200);
    const [listed] = await listApiKeys(actors.admin);
    await revokeApiKey(actors.admin, listed!.id);
    expect((await callApi(users, { key })).status).toBe(401);
  });

  it("answers bad bodies with a problem naming the field, never a 500", async () => {
    const { actors } = await createWorkspace();
    const key = await apiKeyFor(actors.admin);
    expect(await callApi(echo, { key, body: { name: "Anna" } })).toMatchObject({ status: 201, json: { name: "Anna" } });
    const malformed = await callApi(echo, { key, rawBody: '{"name": ' });
    expect(malformed.status).toBe(400);
    expect(malformed.json.detail).toMatch(/not valid JSON/);
    const unknown = await callApi(echo, { key, body: { name: "Anna", workspaceId: "x", nested: { n: 1, extra: true } } });
    expect(unknown.status).toBe(400);
    expect(unknown.json.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ field: "workspaceId", code: "unknownField" }),
        expect.objectContaining({ field: "nested.extra", code: "unknownField" }),
      ]),
    );
    const wrongType = await callApi(echo, { key, body: { name: "" } });
    expect(wrongType.json.errors).toEqual([{ field: "name", code: "required", message: "Required." }]);
    expect((await callApi(echo, { key, rawBody: "[]" })).status).toBe(400);
    expect((await callApi(echo, { key, rawBody: "" })).status).toBe(400);
    expect((await callApi(echo, { key, rawBody: "name=Anna", headers: { "Content-Type": "application/x-www-form-urlencoded" } })).status).toBe(415);
    const big = await callApi(echo, { key, rawBody: JSON.stringify({ name: "x".repeat(1_100_000) }) });
    expect(big.status).toBe(413);
  });

  it("counts requests per key and minute in the database, with Retry-After beyond the limit", async () => {
    const { actors } = await createWorkspace();
    const key = await apiKeyFor(actors.admin);
    const [listed] = await listApiKeys(actors.admin);
    const at = new Date("2026-12-02T10:00:45Z");
    const take = (header: string, now = at) => authenticateApiRequest(header, now, 3);
    for (let i = 0; i < 3; i++) expect((await take(`Bearer ${key}`))?.limit).toEqual({ ok: true });
    // A wrong secret for the key's (visible) prefix is no key, and uses up nothing of its limit.
    const forged = `${key.slice(0, 17)}${"A".repeat(43)}`;
    expect(await take(`Bearer ${forged}`)).toBeNull();
    expect(await take(`Bearer ${key}`)).toMatchObject({ caller: { keyId: listed!.id, userId: actors.admin.userId }, limit: { ok: false, retryAfter: 15 } });
    let counts = await db().select().from(apiRequestCounts).where(eq(apiRequestCounts.keyId, listed!.id));
    expect(counts).toEqual([{ keyId: listed!.id, windowStart: new Date("2026-12-02T10:00:00Z"), count: 4 }]);
    // The next minute starts again, and the old minutes go.
    expect((await take(`Bearer ${key}`, new Date("2026-12-02T10:01:01Z")))?.limit).toEqual({ ok: true });
    counts = await db().select().from(apiRequestCounts).where(eq(apiRequestCounts.keyId, listed!.id));
    expect(counts).toEqual([{ keyId: listed!.id, windowStart: new Date("2026-12-02T10:01:00Z"), count: 1 }]);
    // Checking a key alone (Settings, the CLI's tests) counts nothing.
    expect(await authenticateApiKey(`Bearer ${key}`)).toMatchObject({ keyId: listed!.id });
    counts = await db().select().from(apiRequestCounts).where(eq(apiRequestCounts.keyId, listed!.id));
    expect(counts[0]!.count).toBe(1);
  });

  it("makes a key from the command line for a login, and not for a deactivated user", async () => {
    const { actors, users: people } = await createWorkspace();
    const { key, user } = await createApiKeyForEmail(db(), people.manager.email.toUpperCase(), "CLI");
    expect(user).toEqual({ email: people.manager.email, role: "manager" });
    expect(await authenticateApiKey(`Bearer ${key}`)).toMatchObject({ userId: actors.manager.userId });
    await setUserActive(actors.admin, actors.normal.userId, false);
    await expect(createApiKeyForEmail(db(), people.normal.email, "CLI")).rejects.toThrow(/deactivated/);
    await expect(createApiKeyForEmail(db(), "nobody@example.test", "CLI")).rejects.toThrow(/No user/);
  });

  describe("GET /users", () => {
    it("lists active users for anyone and the deactivated too for admins", async () => {
      const { actors, users: people } = await createWorkspace();
      await setUserActive(actors.admin, actors.restricted.userId, false);
      const asAdmin = await callApi(users, { key: await apiKeyFor(actors.admin) });
      expect(asAdmin.json.data).toHaveLength(4);
      expect(asAdmin.json.data).toContainEqual({
        id: people.restricted.id,
        familyName: people.restricted.familyName,
        givenName: people.restricted.givenName,
        email: people.restricted.email,
        role: "restricted",
        active: false,
      });
      const asNormal = await callApi(users, { key: await apiKeyFor(actors.admin, actors.normal) });
      expect(asNormal.json.data.map((u: { id: string }) => u.id).sort()).toEqual([people.admin.id, people.manager.id, people.normal.id].sort());
    });
  });
});
