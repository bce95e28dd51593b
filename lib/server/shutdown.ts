import "server-only";

/** How long a stop waits for the work in hand before it goes on regardless (the next start resumes it). */
export const SHUTDOWN_GRACE_MS = 30_000;

const signals = ["SIGTERM", "SIGINT"] as const;

type SignalListener = (signal: NodeJS.Signals) => void;
/** The part of `process` this uses. */
export interface SignalTarget {
  listeners(signal: NodeJS.Signals): SignalListener[];
  removeAllListeners(signal: NodeJS.Signals): unknown;
  on(signal: NodeJS.Signals, listener: SignalListener): unknown;
}

/**
 * A stop signal first lets `drain` finish — the background runs in hand — and only then hands the
 * signal to the listeners that were there before (Next.js's own: it stops taking requests, lets
 * those in flight finish, and exits). The embedded database runs in this thread and lets the event
 * loop turn between statements, so without this a stop could land between the statements of a job
 * run and leave it `running` for the next start to take over. A repeated signal while draining is
 * ignored; after `graceMs` the stop goes on anyway. With no listener before (NEXT_MANUAL_SIG_HANDLE)
 * the process exits itself, with the signal's exit code.
 */
export function drainBeforeExit(
  drain: () => Promise<void>,
  {
    graceMs = SHUTDOWN_GRACE_MS,
    log = console,
    // Tests pass an EventEmitter and a recorder; the app, the process itself.
    target = process as SignalTarget,
    exit = (code: number) => process.exit(code),
  }: { graceMs?: number; log?: Pick<Console, "warn" | "error">; target?: SignalTarget; exit?: (code: number) => void } = {},
): void {
  for (const signal of signals) {
    const previous = target.listeners(signal);
    target.removeAllListeners(signal);
    let isDraining = false;
    target.on(signal, () => {
      if (isDraining) return;
      isDraining = true;
      let timer: ReturnType<typeof setTimeout> | undefined;
      const grace = new Promise<void>((resolve) => {
        timer = setTimeout(() => {
          log.warn(`[server] ${signal}: the background work did not finish within ${graceMs / 1000} s; stopping anyway (the next start resumes it).`);
          resolve();
        }, graceMs);
      });
      void Promise.race([drain().catch((error: unknown) => log.error(`[server] ${signal}: stopping the background work failed:`, error)), grace]).then(() => {
        clearTimeout(timer);
        if (!previous.length) return exit(signal === "SIGINT" ? 130 : 143);
        for (const listener of previous) listener(signal);
      });
    });
  }
}
