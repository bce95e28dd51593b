import { afterEach, describe, expect, it, vi } from "vitest";
import { createWorkspace } from "../../factories";
import { describeEachBackend } from "../../support/db";
import { authTestEnv, readSession, SESSION_COOKIE, signInOverHttp, signOutOverHttp, userOfCookie } from "./auth-http";

vi.hoisted(() => {
  process.env.AUTH_SECRET ??= "test-secret-for-auth-routes-0123456789abcdef";
  process.env.AUTH_TRUST_HOST = "true";
});

// The app's sign-out action runs next-auth's signOut(), which reads the request's headers and sets
// cookies through next/headers: here, one request's worth of both.
const request = vi.hoisted(() => ({ headers: new Headers(), setCookies: new Map<string, string>() }));
vi.mock("next/headers", () => ({
  headers: async () => request.headers,
  cookies: async () => ({
    get: (name: string) => {
      const value = new Map(
        request.headers
          .get("cookie")
          ?.split("; ")
          .map((c) => c.split("=") as [string, string]),
      ).get(name);
      return value === undefined ? undefined : { name, value };
    },
    set: (name: string, value: string) => request.setCookies.set(name, value),
  }),
}));

async function signInAs(email: string, password: string): Promise<string> {
  const outcome = await signInOverHttp(email, password);
  if (!outcome.ok) throw new Error(`sign-in failed: ${outcome.error}`);
  return outcome.sessionCookie;
}

describeEachBackend("ending a session", () => {
  authTestEnv();
  afterEach(() => {
    vi.useRealTimers();
  });

  describe("signing out", () => {
    it("through Auth.js's POST /api/auth/signout ends the session: a kept copy of the cookie no longer acts", async () => {
      const { users, password } = await createWorkspace();
      const cookie = await signInAs(users.normal.email, password);
      const otherDevice = await signInAs(users.normal.email, password);
      expect(await userOfCookie(cookie)).toBe(users.normal.id);

      expect(await signOutOverHttp(cookie)).toEqual({ clearedCookie: true });

      expect(await userOfCookie(cookie)).toBeNull();
      // Only that session: the user's other device stays signed in.
      expect(await userOfCookie(otherDevice)).toBe(users.normal.id);
    });

    it("through the app's menu (the sign-out action) ends the session the same way", async () => {
      const { users, password } = await createWorkspace();
      const cookie = await signInAs(users.manager.email, password);
      // Next.js sets x-forwarded-proto on every request it serves.
      request.headers = new Headers({ host: "localhost:3000", "x-forwarded-proto": "http", cookie: `${SESSION_COOKIE}=${cookie}` });
      request.setCookies.clear();
      const { signOutAction } = await import("@/app/(app)/actions");

      const redirect = await signOutAction().then(
        () => null,
        (error: unknown) => (error as { digest?: string }).digest ?? String(error),
      );
      expect(redirect).toMatch(/^NEXT_REDIRECT;replace;.*\/login;/);
      expect(request.setCookies.get(SESSION_COOKIE)).toBe("");
      expect(await userOfCookie(cookie)).toBeNull();
    });
  });

  describe("idle timeout", () => {
    const HOUR = 3600 * 1000;

    it("keeps a session used within 12 hours, renewing it without a database write, and ends one idle for longer", async () => {
      const { users, password } = await createWorkspace();
      const start = Date.now();
      vi.useFakeTimers({ toFake: ["Date"], now: start });
      const first = await signInAs(users.restricted.email, password);

      vi.setSystemTime(start + 11 * HOUR);
      const { session, renewedCookie } = await readSession(first);
      expect(session?.user?.id).toBe(users.restricted.id);
      expect(renewedCookie).toBeDefined();

      // 22 hours after signing in, 11 after the last request: still signed in.
      vi.setSystemTime(start + 22 * HOUR);
      expect(await userOfCookie(renewedCookie!)).toBe(users.restricted.id);
      // The first cookie, not renewed since the sign-in 22 hours ago, has idled out.
      expect(await userOfCookie(first)).toBeNull();

      // 13 hours without a request: out.
      vi.setSystemTime(start + 22 * HOUR + 13 * HOUR);
      const latest = (await readSession(renewedCookie!)).renewedCookie;
      expect(latest).toBeUndefined();
      expect(await userOfCookie(renewedCookie!)).toBeNull();
    });
  });
});
