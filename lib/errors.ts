/**
 * Errors the services throw for things a user can cause. The action wrapper and the API turn
 * them into messages; anything else is a bug and surfaces as a 500.
 * Messages are catalog keys under `errors.` (field errors: under `validation.`).
 */
export class DomainError extends Error {
  constructor(
    readonly code: string,
    readonly params: Record<string, string | number> = {},
  ) {
    super(code);
    this.name = new.target.name;
  }
}

/** Missing, in another workspace, or out of the actor's reach: all look the same. */
export class NotFoundError extends DomainError {
  constructor() {
    super("notFound");
  }
}

export class ForbiddenError extends DomainError {
  constructor() {
    super("forbidden");
  }
}

export class ValidationError extends DomainError {
  constructor(readonly fieldErrors: Record<string, string>) {
    super("invalid");
  }
}

export class ConflictError extends DomainError {}

export function isUniqueViolation(error: unknown): boolean {
  for (let e: unknown = error; e && typeof e === "object"; e = (e as { cause?: unknown }).cause) {
    if ((e as { code?: unknown }).code === "23505") return true;
  }
  return false;
}
