import { createTranslator } from "next-intl";
import { afterEach, describe, expect, it, vi } from "vitest";
import { catalogFor } from "@/lib/i18n/catalogs";
import { createWorkspace, uniqueEmail } from "../../factories";
import { describeEachBackend } from "../../support/db";
import { authTestEnv, signInOverHttp } from "./auth-http";

vi.hoisted(() => {
  process.env.AUTH_SECRET ??= "test-secret-for-auth-routes-0123456789abcdef";
  process.env.AUTH_TRUST_HOST = "true";
});

// The sign-in form's action runs next-auth's signIn(), which reads the request's headers and sets
// cookies through next/headers: here, one request's worth of both.
const request = vi.hoisted(() => ({ headers: new Headers() }));
vi.mock("next/headers", () => ({
  headers: async () => request.headers,
  cookies: async () => ({ get: () => undefined, set: () => {} }),
}));

const FAILURES_BEFORE_LOCK = 10;
let lastOctet = 0;
/** A public-looking address of its own for each call (documentation ranges, RFC 5737). */
const address = () => `203.0.113.${(lastOctet = (lastOctet % 250) + 1)}`;
const xff = (value: string) => ({ "x-forwarded-for": value });

describeEachBackend("the sign-in lock and the caller's address", () => {
  authTestEnv();
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  describe("no proxy configured", () => {
    it("a spoofed X-Forwarded-For does not dodge the lock: a new value each time is still the same caller", async () => {
      const { users, password } = await createWorkspace();
      const outcomes = [];
      for (let i = 0; i < FAILURES_BEFORE_LOCK; i++) outcomes.push(await signInOverHttp(users.normal.email, `wrong-${i}`, xff(address())));
      expect(outcomes.slice(0, -1).every((o) => !o.ok && o.error === "CredentialsSignin" && o.code === "credentials")).toBe(true);
      expect(outcomes.at(-1)).toEqual({ ok: false, error: "CredentialsSignin", code: "locked" });
      expect(await signInOverHttp(users.normal.email, password, xff(address()))).toMatchObject({ ok: false, code: "locked" });
      // Other accounts are not affected.
      expect(await signInOverHttp(users.manager.email, password, xff(address()))).toMatchObject({ ok: true });
    });

    it("a spoofed X-Forwarded-For does not lock anyone out: guesses written as another's address stop nobody", async () => {
      const { users, password } = await createWorkspace();
      const victim = address();
      for (let i = 0; i < FAILURES_BEFORE_LOCK + 2; i++) await signInOverHttp(uniqueEmail("guess"), "guessed-password", xff(victim));
      expect(await signInOverHttp(users.normal.email, password, xff(victim))).toMatchObject({ ok: true });
    });
  });

  describe("behind one proxy (TRUSTED_PROXY_HOPS=1)", () => {
    it("reads the address the proxy appended, so an attacker's guesses from A do not stop the owner signing in from B", async () => {
      vi.stubEnv("TRUSTED_PROXY_HOPS", "1");
      const { users, password } = await createWorkspace();
      const attacker = address();
      const owner = address();
      const outcomes = [];
      for (let i = 0; i < FAILURES_BEFORE_LOCK; i++) {
        // Whatever the attacker writes first (the owner's address, say), the proxy appends theirs.
        outcomes.push(await signInOverHttp(users.restricted.email, `wrong-${i}`, xff(`${i % 2 ? owner : address()}, ${attacker}`)));
      }
      expect(outcomes.at(-1)).toMatchObject({ ok: false, code: "locked" });
      expect(await signInOverHttp(users.restricted.email, password, xff(`${address()}, ${attacker}`))).toMatchObject({ ok: false, code: "locked" });

      expect(await signInOverHttp(users.restricted.email, password, xff(owner))).toMatchObject({ ok: true });
      expect(await signInOverHttp(users.restricted.email, password, xff(`${attacker}, ${owner}`))).toMatchObject({ ok: true });
    });

    it("counts a CDN's entry, second from the right, with TRUSTED_PROXY_HOPS=2", async () => {
      vi.stubEnv("TRUSTED_PROXY_HOPS", "2");
      const { users, password } = await createWorkspace();
      const attacker = address();
      const loadBalancer = "10.0.0.2";
      for (let i = 0; i < FAILURES_BEFORE_LOCK; i++) await signInOverHttp(users.normal.email, `wrong-${i}`, xff(`${attacker}, ${loadBalancer}`));
      expect(await signInOverHttp(users.normal.email, password, xff(`${attacker}, ${loadBalancer}`))).toMatchObject({ ok: false, code: "locked" });
      expect(await signInOverHttp(users.normal.email, password, xff(`${address()}, ${loadBalancer}`))).toMatchObject({ ok: true });
    });
  });

  describe("the sign-in form", () => {
    it("says how long to wait, in English and in Hungarian", async () => {
      vi.stubEnv("TRUSTED_PROXY_HOPS", "1");
      const { users } = await createWorkspace();
      const from = address();
      request.headers = new Headers({ host: "localhost:3000", "x-forwarded-proto": "http", "x-forwarded-for": from });
      const { signInAction } = await import("@/app/login/actions");
      const form = (password: string) => {
        const data = new FormData();
        data.set("email", users.normal.email);
        data.set("password", password);
        return data;
      };
      let state = null;
      for (let i = 0; i < FAILURES_BEFORE_LOCK; i++) state = await signInAction(null, form(`wrong-password-${i}`));
      expect(state).toEqual({ ok: false, message: "errors.locked", messageValues: { minutes: 15 }, email: users.normal.email });

      const say = (locale: "en" | "hu") => createTranslator({ locale, messages: catalogFor(locale) })("errors.locked" as never, state!.messageValues as never);
      expect(say("en")).toBe("Too many failed attempts. Try again in 15 minutes.");
      expect(say("hu")).toBe("Túl sok sikertelen próbálkozás. Próbáld újra 15 perc múlva.");
      expect(createTranslator({ locale: "en", messages: catalogFor("en") })("errors.locked" as never, { minutes: 1 } as never)).toBe(
        "Too many failed attempts. Try again in 1 minute.",
      );
    });
  });
});
