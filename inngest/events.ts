import type { EventType, StandardSchemaV1 } from "inngest";

/**
 * Every event the app emits, each an inngest `eventType(name, { schema })` with its zod payload
 * schema; domain code records them with `emit(tx, someEvent.create(data))` (lib/jobs/outbox.ts).
 * Names are `<domain>/<noun>.<past-tense verb>`, e.g. "datasheets/status.changed"; a payload that
 * concerns a workspace carries its `workspaceId`, which the handler checks again.
 *
 * The functions of this slice are all crons, so no domain event exists yet: the modules,
 * automations and email slices add theirs here.
 */
export const appEvents: readonly EventType<string, StandardSchemaV1<Record<string, unknown>> | undefined>[] = [];
