import { afterEach, describe, expect, it, vi } from "vitest";
import { chooseDriver } from "@/db/config";

afterEach(() => {
  vi.unstubAllEnvs();
});

describe("chooseDriver", () => {
  it("uses the embedded PGlite without a DATABASE_URL", () => {
    expect(chooseDriver(undefined, undefined)).toBe("pglite");
    expect(chooseDriver("", undefined)).toBe("pglite");
  });

  it("uses the Neon driver for a Neon host", () => {
    expect(
      chooseDriver(
        "postgresql://app:secret@ep-cool-darkness-123456.eu-central-1.aws.neon.tech/neondb?sslmode=require",
        undefined,
      ),
    ).toBe("neon");
    expect(chooseDriver("postgres://app@ep-x-pooler.us-east-2.aws.neon.tech:5432/db", undefined)).toBe("neon");
  });

  it("uses node-postgres for any other server, including look-alike hosts", () => {
    expect(chooseDriver("postgres://root@localhost:5432/crm", undefined)).toBe("pg");
    expect(chooseDriver("postgres://root@127.0.0.1/crm", undefined)).toBe("pg");
    expect(chooseDriver("postgres://u@neon.tech.example.com/db", undefined)).toBe("pg");
    expect(chooseDriver("postgres://u@notneon.tech/db", undefined)).toBe("pg");
  });

  it("lets DATABASE_DRIVER override the guess", () => {
    expect(chooseDriver("postgres://root@localhost:5432/crm", "neon")).toBe("neon");
    expect(chooseDriver("postgres://u@ep-x.neon.tech/db", "pg")).toBe("pg");
    // An unknown value is ignored, and no URL still means PGlite.
    expect(chooseDriver("postgres://root@localhost/crm", "mysql")).toBe("pg");
    expect(chooseDriver(undefined, "neon")).toBe("pglite");
  });

  it("reads DATABASE_DRIVER from the environment by default", () => {
    vi.stubEnv("DATABASE_DRIVER", "neon");
    expect(chooseDriver("postgres://root@localhost:5432/crm")).toBe("neon");
    vi.stubEnv("DATABASE_DRIVER", "pg");
    expect(chooseDriver("postgres://u@ep-x.neon.tech/db")).toBe("pg");
  });
});
