"use client";
import { useLocale, useTranslations } from "next-intl";
import { createContext, useContext, type ReactNode } from "react";
import { Alert } from "@/components/ui/alert";
import { UserAvatar } from "@/components/ui/avatar";
import type { ActionResult } from "@/lib/actions/result";
import type { Person } from "@/lib/datasheets/page";
import { avatarUrl } from "@/lib/users/avatar-url";
import { formatName, type Locale } from "@/lib/users/names";

const PeopleContext = createContext<ReadonlyMap<string, Person>>(new Map());

export function PeopleProvider({ people, children }: { people: Person[]; children: ReactNode }) {
  return <PeopleContext.Provider value={new Map(people.map((p) => [p.id, p]))}>{children}</PeopleContext.Provider>;
}

/** A user's name in the reader's order (family name first in Hungarian) and picture. */
export function usePerson(userId: string | null): { name: string; src: string | null } | null {
  const people = useContext(PeopleContext);
  const locale = useLocale() as Locale;
  const person = userId ? people.get(userId) : undefined;
  if (!person) return null;
  return { name: formatName(person, locale), src: avatarUrl(person.id, person.avatarVersion) };
}

export function PersonChip({ userId, fallback }: { userId: string | null; fallback: string }) {
  const person = usePerson(userId);
  return (
    <span className="inline-flex min-w-0 items-center gap-1.5">
      <UserAvatar name={person?.name ?? "?"} src={person?.src} size="xs" decorative />
      <span className="truncate">{person?.name ?? fallback}</span>
    </span>
  );
}

/** A form's or section's error, with the message's parameters (who changed it meanwhile). */
export function ActionError({ state, message }: { state?: ActionResult<unknown> | null; message?: string | null }) {
  const t = useTranslations();
  let text = message ?? null;
  if (!text && state && !state.ok && state.message && !(state.message === "errors.invalid" && state.fieldErrors)) {
    text = t(state.message, state.params);
  }
  if (!text) return null;
  return (
    <Alert variant="error" role="alert" data-testid="datasheet-error">
      {text}
    </Alert>
  );
}

export function Section({ title, actions, children, testId }: { title: string; actions?: ReactNode; children: ReactNode; testId?: string }) {
  return (
    <section aria-label={title} data-testid={testId} className="rounded-lg border border-border bg-card text-card-foreground shadow-xs">
      <header className="flex min-h-12 items-center justify-between gap-2 border-b border-border px-4 py-2">
        <h2 className="text-sm font-semibold tracking-tight">{title}</h2>
        {actions ? <div className="flex shrink-0 items-center gap-1">{actions}</div> : null}
      </header>
      <div className="p-4">{children}</div>
    </section>
  );
}
