import type { ReactNode } from "react";
import { CircleAlert } from "lucide-react";
import { cn } from "@/lib/ui/cn";
import { Label } from "@/components/ui/label";

export interface FieldProps {
  label: string;
  htmlFor: string;
  error?: string;
  hint?: string;
  children: ReactNode;
  required?: boolean;
  className?: string;
}

/** Ids to put on the control's `aria-describedby` (error first), or undefined. */
export function describedBy(id: string, { error, hint }: { error?: string | null; hint?: string | null }): string | undefined {
  const ids: string[] = [];
  if (error) ids.push(`${id}-error`);
  if (hint) ids.push(`${id}-hint`);
  return ids.length > 0 ? ids.join(" ") : undefined;
}

/**
 * Label + control + hint + error. The caller sets `id={htmlFor}`,
 * `aria-describedby={describedBy(htmlFor, { error, hint })}`,
 * `aria-invalid={!!error}` and `required` on the control itself.
 */
export function Field({ label, htmlFor, error, hint, children, required, className }: FieldProps) {
  return (
    <div className={cn("flex flex-col gap-1.5", className)}>
      <Label htmlFor={htmlFor}>
        {label}
        {required ? (
          <span aria-hidden="true" className="text-danger">
            *
          </span>
        ) : null}
      </Label>
      {children}
      <FieldMessages id={htmlFor} hint={hint} error={error} />
    </div>
  );
}

/** A field's hint and error under it, with the ids its input's `aria-describedby` names (`<id>-hint`, `<id>-error`). */
export function FieldMessages({ id, hint, error }: { id: string; hint?: ReactNode; error?: ReactNode }) {
  return (
    <>
      {hint ? (
        <p id={`${id}-hint`} className="text-xs leading-4 text-muted-foreground">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={`${id}-error`} className="flex items-start gap-1 text-xs leading-4 font-medium text-danger">
          <CircleAlert aria-hidden="true" className="mt-px size-3.5 shrink-0" />
          <span>{error}</span>
        </p>
      ) : null}
    </>
  );
}
