import { z } from "zod";

/*
 * Pieces the v1 endpoints share: the `{id}` of a path and the answers' time and money shapes
 * (SPEC §7: ISO 8601 with an offset, money as `{ amount, currency }`).
 */

/**
 * `{id}` in a path. Any text: the services answer "not found" for anything that is not an id the
 * key's user may see, an id that is not a UUID included, the same 404 as a missing one.
 */
export const idParams = z.strictObject({ id: z.string().describe("The resource's id (a UUID).") });

/** A time as the API answers it: `2026-03-01T08:30:00.000Z`. */
export const apiTime = z.iso.datetime({ offset: true });

export const apiMoney = z.object({ amount: z.string().describe('Two decimals: "1234.50".'), currency: z.string().describe("ISO 4217: HUF, EUR…") });

export const isoTime = (value: Date): string => value.toISOString();

export const isoTimeOrNull = (value: Date | null): string | null => (value ? value.toISOString() : null);
