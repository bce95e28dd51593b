import { eventType, type EventType, type StandardSchemaV1 } from "inngest";
import { z } from "zod";

/**
 * Every event the app emits, each an inngest `eventType(name, { schema })` with its zod payload
 * schema; domain code records them with `emit(tx, someEvent.create(data))` (lib/jobs/outbox.ts).
 * A payload that concerns a workspace carries its `workspaceId`, which the handler checks again.
 * Names of the datasheet domain are the ones the status rules and automations subscribe to
 * (`datasheet/created`, `todo/done`, …).
 */

const uuid = z.string().uuid();
/** Who did it: a user, or null for the system (an automation, the daily sweep). */
const actorUserId = uuid.nullable();

const datasheetRef = {
  workspaceId: uuid,
  moduleId: uuid,
  datasheetId: uuid,
  actorUserId,
};

export const datasheetCreated = eventType("datasheet/created", {
  schema: z.object({ ...datasheetRef, businessId: uuid, statusId: uuid }),
});

export const datasheetStatusChanged = eventType("datasheet/status.changed", {
  schema: z.object({
    ...datasheetRef,
    fromStatusId: uuid.nullable(),
    toStatusId: uuid,
    fromKey: z.string().nullable(),
    toKey: z.string(),
    reason: z.string(),
    statusChangeId: uuid,
  }),
});

export const datasheetResponsibleChanged = eventType("datasheet/responsible.changed", {
  schema: z.object({ ...datasheetRef, fromUserId: uuid.nullable(), toUserId: uuid.nullable() }),
});

export const datasheetFieldsChanged = eventType("datasheet/fields.changed", {
  /** The keys of the fields whose values changed. */
  schema: z.object({ ...datasheetRef, fieldKeys: z.array(z.string()) }),
});

export const datasheetDeleted = eventType("datasheet/deleted", {
  schema: z.object(datasheetRef),
});

/** Back from the trash (its status may have moved too: a `datasheet/status.changed` of its own). */
export const datasheetRestored = eventType("datasheet/restored", {
  schema: z.object(datasheetRef),
});

export const businessUpdated = eventType("business/updated", {
  schema: z.object({ workspaceId: uuid, businessId: uuid, actorUserId }),
});

export const todoCreated = eventType("todo/created", {
  schema: z.object({ ...datasheetRef, todoId: uuid, assigneeUserId: uuid.nullable(), dueAt: z.string() }),
});

export const todoDone = eventType("todo/done", {
  schema: z.object({ ...datasheetRef, todoId: uuid, doneAt: z.string() }),
});

/** Text, deadline or assignee of an open todo changed (a deadline moves the "forgotten" rule). */
export const todoUpdated = eventType("todo/updated", {
  schema: z.object({ ...datasheetRef, todoId: uuid, assigneeUserId: uuid.nullable(), dueAt: z.string() }),
});

/** "Done" undone: the todo is open again and no longer counts as contact. */
export const todoReopened = eventType("todo/reopened", {
  schema: z.object({ ...datasheetRef, todoId: uuid }),
});

export const historyLogged = eventType("history/logged", {
  schema: z.object({ ...datasheetRef, historyEntryId: uuid, kind: z.string(), occurredAt: z.string() }),
});

export const invoiceCreated = eventType("invoice/created", {
  schema: z.object({ ...datasheetRef, invoiceId: uuid }),
});

export const invoicePaid = eventType("invoice/paid", {
  schema: z.object({ ...datasheetRef, invoiceId: uuid, paidAt: z.string() }),
});

// Email (lib/email/). A queued email is sent by the `email/send` function; what happens to it
// afterwards (ours: opens, clicks, unsubscribes; Resend's webhooks: deliveries, bounces,
// complaints) is emitted for the status rules and automations.
const emailRef = { workspaceId: uuid, emailId: uuid, datasheetId: uuid.nullable() };

export const emailQueued = eventType("email/queued", { schema: z.object({ workspaceId: uuid, emailId: uuid }) });

export const emailSent = eventType("email/sent", {
  schema: z.object({ ...emailRef, providerId: z.string().nullable() }),
});

export const emailDelivered = eventType("email/delivered", { schema: z.object({ ...emailRef, at: z.string() }) });

export const emailOpened = eventType("email/opened", { schema: z.object({ ...emailRef, at: z.string() }) });

export const emailClicked = eventType("email/clicked", {
  schema: z.object({ ...emailRef, url: z.string(), at: z.string() }),
});

/** An address that asked for no more marketing email, or that bounced or complained. */
const suppressed = { ...emailRef, address: z.string(), at: z.string() };

export const emailUnsubscribed = eventType("email/unsubscribed", { schema: z.object(suppressed) });

export const emailBounced = eventType("email/bounced", { schema: z.object(suppressed) });

export const emailComplained = eventType("email/complained", { schema: z.object(suppressed) });

/** An import was started, or a slice of it ended before the file did (`slice` counts the runs). */
export const importRequested = eventType("import/requested", {
  schema: z.object({ workspaceId: uuid, importId: uuid, slice: z.number().int().min(0) }),
});

/** A newsletter's time has come (recorded for its `scheduledAt`): lib/newsletters/sending.ts sends it in batches. */
export const newsletterScheduled = eventType("newsletter/scheduled", {
  schema: z.object({ workspaceId: uuid, newsletterId: uuid }),
});

/**
 * A view-matching automation's daily check found a datasheet it has not handled (or may handle
 * again): `automations/run` plans and runs its steps under `triggerKey` (`view:<local day>`), from
 * `matchedAt`, as it does for a status entered.
 */
export const automationViewMatched = eventType("automation/view.matched", {
  schema: z.object({ workspaceId: uuid, automationId: uuid, datasheetId: uuid, triggerKey: z.string().startsWith("view:"), matchedAt: z.string() }),
});

export const appEvents: readonly EventType<string, StandardSchemaV1<Record<string, unknown>> | undefined>[] = [
  datasheetCreated,
  datasheetStatusChanged,
  datasheetResponsibleChanged,
  datasheetFieldsChanged,
  datasheetDeleted,
  datasheetRestored,
  businessUpdated,
  todoCreated,
  todoDone,
  todoUpdated,
  todoReopened,
  historyLogged,
  invoiceCreated,
  invoicePaid,
  emailQueued,
  emailSent,
  emailDelivered,
  emailOpened,
  emailClicked,
  emailUnsubscribed,
  emailBounced,
  emailComplained,
  newsletterScheduled,
  importRequested,
  automationViewMatched,
];
