import Ajv2020, { type ValidateFunction } from "ajv/dist/2020";
import { describe, expect, it } from "vitest";
import { GET as servedDocument } from "@/app/api/v1/openapi.json/route";
import type { Endpoint } from "@/lib/api/http";
import { endpoints } from "@/lib/api/v1/endpoints";
import { createWorkspace } from "../../factories";
import { createAutomaticModule } from "../../factories/modules";
import { describeEachBackend } from "../../support/db";
import { apiKeyFor, callApi, type CallOptions } from "./helpers";

/*
 * The contract (issue 14): every answer the endpoints really give — successes and problems — holds
 * to the OpenAPI document the app serves, and every endpoint of the document is called. The whole
 * Tesztiroda Kft. story of the automatic sales module (SPEC §3.1) is driven through the API alone,
 * with the status key and reason checked after each call and the time rules through dry runs.
 */

const DAY = 86_400_000;
type AnyEndpoint = Endpoint<never, never, never>;
type Document = {
  paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, { schema: object }> }> }>>;
  components: { schemas: Record<string, object> };
};

async function contract() {
  const response = servedDocument();
  expect(response.headers.get("content-type")).toContain("application/json");
  const document = (await response.json()) as Document;
  expect(document).toMatchObject({ openapi: "3.1.0" });
  // Formats (uuid, date-time) are the schemas' own checks; the document is held to types and shapes.
  const ajv = new Ajv2020({ strict: false, validateFormats: false });
  ajv.addSchema({ $id: "components", ...document.components }, "components");
  const validators = new Map<string, ValidateFunction>();
  const called = new Set<string>();

  function validatorFor(endpoint: AnyEndpoint, status: number, type: string): ValidateFunction {
    const key = `${endpoint.method} ${endpoint.path} ${status} ${type}`;
    let validate = validators.get(key);
    if (!validate) {
      const answer = document.paths[endpoint.path]?.[endpoint.method.toLowerCase()]?.responses[String(status)];
      expect(answer, `the document lists ${status} for ${endpoint.method} ${endpoint.path}`).toBeDefined();
      const schema = answer!.content?.[type]?.schema;
      expect(schema, `the document describes ${type} for ${status} of ${endpoint.method} ${endpoint.path}`).toBeDefined();
      validate = ajv.compile(JSON.parse(JSON.stringify(schema).replaceAll('"#/components/', '"components#/')));
      validators.set(key, validate);
    }
    return validate;
  }

  /** Calls the endpoint and holds its answer to the served document; returns the JSON. */
  async function call(method: string, path: string, options: CallOptions) {
    const endpoint = endpoints.find((e) => e.method === method && e.path === path);
    expect(endpoint, `${method} ${path} is an endpoint`).toBeDefined();
    const answer = await callApi(endpoint!, options);
    called.add(`${method} ${path}`);
    if (answer.status === 204) {
      expect(endpoint!.response.status).toBe(204);
      return { status: 204, json: null };
    }
    const type = answer.headers.get("content-type")!.split(";")[0]!;
    const validate = validatorFor(endpoint!, answer.status, type);
    expect(validate(answer.json), `${method} ${path} → ${answer.status}: ${ajv.errorsText(validate.errors)}\n${JSON.stringify(answer.json)}`).toBe(true);
    return { status: answer.status, json: answer.json };
  }

  return { call, called, document };
}

describeEachBackend("REST API v1 contract", () => {
  it("drives the Tesztiroda Kft. story through the API alone, every answer as documented", async () => {
    const ws = await createWorkspace();
    const auto = await createAutomaticModule(ws.actors.admin);
    const normal = await apiKeyFor(ws.actors.admin, ws.actors.normal);
    const admin = await apiKeyFor(ws.actors.admin);
    const { call, called } = await contract();
    const status = async (id: string) => {
      const { json } = await call("GET", "/datasheets/{id}", { key: normal, params: { id } });
      return { key: json.status.key, group: json.status.group, reason: json.statusReason, salesStatus: json.salesStatus, version: json.version };
    };

    expect((await call("GET", "/users", { key: normal })).json.data).toHaveLength(4);
    const modules = (await call("GET", "/modules", { key: normal })).json.data;
    const sales = modules.find((m: { id: string }) => m.id === auto.moduleId);
    expect(sales.kind).toBe("sales_auto");
    expect(new Set(sales.statuses.map((s: { group: string }) => s.group))).toEqual(new Set(["marketing", "sales", "customers", "non_customers"]));

    // The website's quote form posts the inquiry: 40 chairs and 10 tables.
    const created = await call("POST", "/datasheets", {
      key: normal,
      body: {
        moduleId: auto.moduleId,
        business: { name: "Tesztiroda Kft.", email: "info@tesztiroda.hu" },
        contacts: [{ name: "Kovács Anna", position: "Office manager" }],
      },
    });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({
      status: { key: "awaiting_processing", group: "sales" },
      statusReason: "new_inquiry",
      salesStatus: "in_progress",
      entry: "inquiry",
    });
    const id: string = created.json.id;
    // The status follows the facts: it cannot be chosen.
    const refused = await call("POST", "/datasheets", {
      key: normal,
      body: { moduleId: auto.moduleId, business: { name: "X" }, statusId: sales.statuses[0].id },
    });
    expect(refused.status).toBe(400);
    expect((await call("PATCH", "/datasheets/{id}", { key: normal, params: { id }, body: { statusId: sales.statuses[0].id } })).status).toBe(400);

    const todo = async (text: string) => {
      const added = await call("POST", "/datasheets/{id}/todos", {
        key: normal,
        params: { id },
        body: { text, dueAt: new Date(Date.now() + DAY).toISOString() },
      });
      expect(added.status).toBe(201);
      return added.json.id as string;
    };
    const done = async (todoId: string) => {
      const { json } = await call("PATCH", "/todos/{id}", { key: normal, params: { id: todoId }, body: { done: true } });
      expect(json).toMatchObject({ id: todoId, done: true });
    };

    const call1 = await todo("Call about the 40 chairs and 10 tables");
    expect(await status(id)).toMatchObject({ key: "awaiting_contact", reason: "todo_open" });
    await done(call1);
    expect(await status(id)).toMatchObject({ key: "in_progress", reason: "todo_done" });
    const logged = await call("POST", "/datasheets/{id}/history", { key: normal, params: { id }, body: { kind: "call", body: "They want oak." } });
    expect(logged.status).toBe(201);

    // Target group and three done todos: a serious prospect.
    const { version } = await status(id);
    const qualified = await call("PATCH", "/datasheets/{id}", { key: normal, params: { id }, body: { version, qualification: "target_group" } });
    expect(qualified.json).toMatchObject({ qualification: "target_group", status: { key: "in_progress" } });
    // A second change on the version already used is refused, and says so.
    expect((await call("PATCH", "/datasheets/{id}", { key: normal, params: { id }, body: { version, qualification: "not_target_group" } })).status).toBe(409);
    for (const text of ["Send the quote", "Show the samples"]) await done(await todo(text));
    expect(await status(id)).toMatchObject({ key: "serious_prospect", reason: "serious_prospect" });

    // The first invoice paid: Closed won, one-time customer; more paid months: returning, regular.
    const invoice = async (number: string, day: Date) => {
      const added = await call("POST", "/datasheets/{id}/invoices", {
        key: admin,
        params: { id },
        body: { number, amount: "300000", currency: "HUF", issuedAt: day.toISOString().slice(0, 10) },
      });
      expect(added.status).toBe(201);
      const paid = await call("PATCH", "/invoices/{id}", { key: admin, params: { id: added.json.id }, body: { paidAt: day.toISOString().slice(0, 10) } });
      expect(paid.status).toBe(200);
    };
    const monthsAgo = (n: number) => new Date(Date.now() - n * 31 * DAY);
    await invoice("TI-1", monthsAgo(3));
    expect(await status(id)).toMatchObject({ key: "one_time", group: "customers", reason: "closed_won_one_time", salesStatus: "closed_won" });
    await invoice("TI-2", monthsAgo(2));
    expect(await status(id)).toMatchObject({ key: "returning", reason: "closed_won_returning" });
    await invoice("TI-3", monthsAgo(1));
    expect(await status(id)).toMatchObject({ key: "regular", reason: "closed_won_regular" });

    // The time rules, through dry runs: a year on, the paid months leave the window.
    const later = new Date(Date.now() + 365 * DAY).toISOString();
    const dry = await call("POST", "/status-checks", { key: admin, body: { asOf: later, dryRun: true } });
    expect(dry.json.transitions).toContainEqual({ datasheetId: id, from: "regular", to: "returning", reason: expect.any(String) });
    expect(await status(id)).toMatchObject({ key: "regular" });
    expect((await call("POST", "/status-checks", { key: normal, body: { dryRun: true } })).status).toBe(403);

    // Lost after all: failed. The story, step by step, in the status changes.
    const { version: latest } = await status(id);
    await call("PATCH", "/datasheets/{id}", { key: normal, params: { id }, body: { version: latest, salesStatus: "closed_lost" } });
    expect(await status(id)).toMatchObject({ key: "failed", group: "non_customers", reason: "closed_lost" });
    const changes = (await call("GET", "/datasheets/{id}/status-changes", { key: normal, params: { id } })).json.data;
    expect(changes.map((c: { to: string }) => c.to)).toEqual([
      "awaiting_processing",
      "awaiting_contact",
      "in_progress",
      "serious_prospect",
      "one_time",
      "returning",
      "regular",
      "failed",
    ]);
    expect(changes[0]).toMatchObject({ from: null, reason: "new_inquiry", actor: { type: "user", id: ws.actors.normal.userId } });

    // A forgotten sale: in progress, then no contact for more than 30 days (dry run, then for real).
    const quiet = (await call("POST", "/datasheets", { key: normal, body: { moduleId: auto.moduleId, business: { name: "Csendes Kft." } } })).json.id as string;
    const quietTodo = (
      await call("POST", "/datasheets/{id}/todos", { key: normal, params: { id: quiet }, body: { text: "Call", dueAt: new Date().toISOString() } })
    ).json.id;
    await call("PATCH", "/todos/{id}", { key: normal, params: { id: quietTodo }, body: { done: true } });
    const month = new Date(Date.now() + 45 * DAY).toISOString();
    expect((await call("POST", "/status-checks", { key: admin, body: { asOf: month, dryRun: true } })).json.transitions).toContainEqual({
      datasheetId: quiet,
      from: "in_progress",
      to: "forgotten",
      reason: expect.any(String),
    });
    expect(await status(quiet)).toMatchObject({ key: "in_progress" });
    await call("POST", "/status-checks", { key: admin, body: { asOf: month } });
    expect(await status(quiet)).toMatchObject({ key: "forgotten" });

    // The rest of the document: lists, emails, the trash, and problems as documented.
    const list = await call("GET", "/datasheets", { key: normal, query: { moduleId: auto.moduleId, group: "non_customers" } });
    expect(list.json.data.map((d: { id: string }) => d.id).sort()).toEqual([id, quiet].sort()); // Failed and Forgotten
    expect((await call("GET", "/emails", { key: normal, query: { datasheetId: id } })).json).toMatchObject({ data: [], nextCursor: null });
    expect((await call("DELETE", "/datasheets/{id}", { key: normal, params: { id: quiet } })).status).toBe(204);
    expect((await call("GET", "/datasheets/{id}", { key: normal, params: { id: quiet } })).status).toBe(404);
    expect(
      (await call("POST", "/datasheets", { key: normal, body: { moduleId: auto.moduleId, business: { name: "" }, workspaceId: ws.workspace.id } })).status,
    ).toBe(400);
    expect((await call("GET", "/users", { key: "crm_nope" })).status).toBe(401);

    expect([...called].sort()).toEqual(endpoints.map((e) => `${e.method} ${e.path}`).sort());
  });
});

describe("the served OpenAPI document", () => {
  it("documents every endpoint with its answer, its problems and a curl example", async () => {
    const document = (await servedDocument().json()) as Document & { paths: Record<string, Record<string, { "x-codeSamples": { source: string }[] }>> };
    for (const endpoint of endpoints) {
      const operation = document.paths[endpoint.path]![endpoint.method.toLowerCase()]!;
      expect(Object.keys(operation.responses)).toEqual(expect.arrayContaining([String(endpoint.response.status), "401", "403", "404", "429"]));
      expect(operation["x-codeSamples"][0]!.source).toMatch(
        new RegExp(`^curl .*\\$CRM_URL/api/v1${endpoint.path.replace(/\{\w+\}/g, '[^"? ]+').replace(/\//g, "\\/")}`, "s"),
      );
    }
  });
});
