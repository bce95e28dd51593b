import { NotFoundError } from "./errors";

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** An id from a URL or a form that is not even a UUID names nothing: "not found", not a 500. */
export function assertId(id: string): string {
  if (!uuidPattern.test(id)) throw new NotFoundError();
  return id;
}

export function isUuid(id: string): boolean {
  return uuidPattern.test(id);
}
