import { z } from "zod";

/*
 * A saved filter over a module's datasheets: what the client list shows, what a view stores and
 * what an automation ("matching a view") checks. Statuses, groups, options and fields are named by
 * their stable keys, so a rename never breaks a view. The SQL condition lives in ./conditions.ts,
 * the URL form in ./url.ts.
 */

const key = z.string().trim().min(1).max(100).regex(/^[a-z0-9_]+$/);
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const decimal = z.string().trim().regex(/^-?\d{1,15}(\.\d{1,6})?$/);

export const fieldFilterSchema = z.discriminatedUnion("op", [
  /** Select fields: any of these options. */
  z.object({ op: z.literal("in"), options: z.array(key).min(1).max(100) }),
  /** Number and money: inclusive bounds. */
  z.object({ op: z.literal("range"), min: decimal.optional(), max: decimal.optional() }),
  /** Date and date-time: inclusive calendar days (a date and time's day on the workspace's clock). */
  z.object({ op: z.literal("between"), from: isoDate.optional(), to: isoDate.optional() }),
  /** Any field: no value (the dashboard's "no value" bar). */
  z.object({ op: z.literal("empty") }),
  /** User fields: any of these users. */
  z.object({ op: z.literal("users"), users: z.array(z.string().uuid()).min(1).max(100) }),
  /** Checkbox: ticked, or not (an empty value counts as not ticked). */
  z.object({ op: z.literal("checked"), value: z.boolean() }),
  /** Text-like fields: contains, case-insensitive. */
  z.object({ op: z.literal("contains"), text: z.string().trim().min(1).max(200) }),
]);
export type FieldFilter = z.infer<typeof fieldFilterSchema>;

/** `me`: whoever looks at the list (for an automation: the view's owner); `none`: nobody. */
export const responsibleRefSchema = z.union([z.literal("me"), z.literal("none"), z.string().uuid()]);
export type ResponsibleRef = z.infer<typeof responsibleRefSchema>;

export const listFilterSchema = z.object({
  q: z.string().trim().max(200).optional(),
  statuses: z.array(key).max(200).optional(),
  groups: z.array(key).max(50).optional(),
  responsible: z.array(responsibleRefSchema).max(100).optional(),
  fields: z.record(key, fieldFilterSchema).optional(),
  /** The datasheets an import created or updated (its summary links to them). */
  importId: z.string().uuid().optional(),
});
export type ListFilter = z.infer<typeof listFilterSchema>;

export const builtInSortKeys = ["name", "status", "responsible", "nextTodo", "lastContact", "created"] as const;
export type BuiltInSortKey = (typeof builtInSortKeys)[number];

/** A built-in column, or `field:<key>` for a custom field. */
export const sortKeySchema = z.union([z.enum(builtInSortKeys), z.string().regex(/^field:[a-z0-9_]{1,100}$/)]);
export const listSortSchema = z.object({ by: sortKeySchema, dir: z.enum(["asc", "desc"]) });
export type ListSort = z.infer<typeof listSortSchema>;


/** What a view stores: the filter and, optionally, its sort order. */
export const viewDefinitionSchema = listFilterSchema.extend({ sort: listSortSchema.optional() });
export type ViewDefinition = z.infer<typeof viewDefinitionSchema>;

export { defaultSort, isFilterEmpty, normalizeFilter } from "./normalize";
