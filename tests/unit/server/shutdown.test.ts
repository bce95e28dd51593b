import { EventEmitter } from "node:events";
import { describe, expect, it, vi } from "vitest";
import { drainBeforeExit, type SignalTarget } from "@/lib/server/shutdown";

/** A stand-in for `process` with Next.js's own stop listener already on it. */
function processWithNextListener() {
  const target = new EventEmitter() as EventEmitter & SignalTarget;
  const calls: string[] = [];
  target.on("SIGTERM", (signal: string) => calls.push(`next ${signal}`));
  target.on("SIGINT", (signal: string) => calls.push(`next ${signal}`));
  return { target, calls };
}

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

const flush = () => new Promise((resolve) => setImmediate(resolve));
const quiet = { warn: vi.fn(), error: vi.fn() };

describe("drainBeforeExit: a stop waits for the background work in hand", () => {
  it("hands the signal on only after the drain has finished, once however often it comes", async () => {
    const { target, calls } = processWithNextListener();
    const drained = deferred();
    const drain = vi.fn(() => drained.promise.then(() => void calls.push("drained")));
    const exit = vi.fn();
    drainBeforeExit(drain, { target, exit, log: quiet });

    target.emit("SIGTERM", "SIGTERM");
    target.emit("SIGTERM", "SIGTERM"); // a second signal (a shell and a parent both send one)
    await flush();
    expect(calls).toEqual([]);
    expect(drain).toHaveBeenCalledTimes(1);

    drained.resolve();
    await flush();
    expect(calls).toEqual(["drained", "next SIGTERM"]);
    expect(exit).not.toHaveBeenCalled();
  });

  it("stops anyway after the grace period, saying so", async () => {
    const { target, calls } = processWithNextListener();
    const log = { warn: vi.fn(), error: vi.fn() };
    drainBeforeExit(() => new Promise<void>(() => {}), { target, graceMs: 20, log, exit: vi.fn() });
    target.emit("SIGINT", "SIGINT");
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(calls).toEqual(["next SIGINT"]);
    expect(log.warn).toHaveBeenCalledWith(expect.stringContaining("did not finish within"));
  });

  it("goes on when the drain fails, and logs why", async () => {
    const { target, calls } = processWithNextListener();
    const log = { warn: vi.fn(), error: vi.fn() };
    drainBeforeExit(() => Promise.reject(new Error("database gone")), { target, log, exit: vi.fn() });
    target.emit("SIGTERM", "SIGTERM");
    await flush();
    expect(calls).toEqual(["next SIGTERM"]);
    expect(log.error).toHaveBeenCalledWith(expect.stringContaining("SIGTERM"), expect.any(Error));
  });

  it("exits with the signal's code when nothing else listens (NEXT_MANUAL_SIG_HANDLE)", async () => {
    const target = new EventEmitter() as EventEmitter & SignalTarget;
    const exit = vi.fn();
    drainBeforeExit(() => Promise.resolve(), { target, exit, log: quiet });
    target.emit("SIGTERM", "SIGTERM");
    await flush();
    expect(exit).toHaveBeenCalledWith(143);
    target.emit("SIGINT", "SIGINT");
    await flush();
    expect(exit).toHaveBeenLastCalledWith(130);
  });
});
