import "server-only";
import { isEmbedded, type Db } from "@/db/client";
import { inngest } from "@/inngest/client";
import { jobs } from "@/inngest/functions";
import { EmbeddedRuntime } from "./embedded-runtime";
import { jobsMode, jobsModeWarning } from "./mode";
import { setOutboxListener } from "./outbox";
import { relayOutbox } from "./relay";

type Holder = { isStarted?: boolean; runtime?: EmbeddedRuntime };
// One runtime per process, however many times Next.js evaluates this module.
const holder = ((globalThis as { __crmJobs?: Holder }).__crmJobs ??= {});

/**
 * Called once at server start. Embedded mode: the runtime polls the outbox and runs the functions
 * in this process. Inngest mode: a commit's `notifyOutbox()` relays at once; the relay cron on
 * Inngest's side sweeps up the rest, and Inngest runs the functions through /api/inngest.
 */
export function startJobs(db: Db): void {
  if (holder.isStarted) return;
  holder.isStarted = true;
  const warning = jobsModeWarning();
  if (warning) console.warn(`[jobs] ${warning}`);
  if (jobsMode() === "inngest") {
    setOutboxListener(relayAfterCommit(db));
    return;
  }
  // On the embedded database this process is the only one (the folder lock): a run left `running`
  // was a killed predecessor's and resumes at once.
  holder.runtime = new EmbeddedRuntime({ db, jobs, isSoleProcess: isEmbedded() });
  holder.runtime.start();
}

/**
 * Called once when the server stops: the embedded runtime finishes the runs in hand and claims no
 * more (lib/server/shutdown.ts). Inngest mode has nothing in this process to wait for.
 */
export async function stopJobs(): Promise<void> {
  await holder.runtime?.stop();
}

function relayAfterCommit(db: Db): () => void {
  let inFlight: Promise<void> | undefined;
  let isAgainRequested = false;
  const relay = (): void => {
    if (inFlight) {
      isAgainRequested = true;
      return;
    }
    inFlight = relayOutbox({ db, send: (events) => inngest.send(events) })
      .then(() => undefined)
      .catch((error: unknown) => console.warn("[jobs] relaying the outbox failed; the relay cron tries again:", error))
      .finally(() => {
        inFlight = undefined;
        if (isAgainRequested) {
          isAgainRequested = false;
          relay();
        }
      });
  };
  return relay;
}
