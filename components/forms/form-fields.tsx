"use client";
import { useTranslations } from "next-intl";
import type { ComponentProps, ReactNode } from "react";
import { Alert } from "@/components/ui/alert";
import { describedBy, Field, FieldMessages } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/native-select";
import { Textarea } from "@/components/ui/textarea";
import type { ActionResult } from "@/lib/actions/result";

type Errors = Record<string, string> | undefined;

export function fieldErrorsOf(state: ActionResult<unknown> | null): Errors {
  return state && !state.ok ? state.fieldErrors : undefined;
}

function useFieldError(errors: Errors, name: string): string | undefined {
  const t = useTranslations("validation");
  const key = errors?.[name];
  return key ? t(key) : undefined;
}

type Common = { name: string; label: string; errors: Errors; hint?: string; required?: boolean };

export function TextField({ name, label, errors, hint, required, ...input }: Common & ComponentProps<typeof Input>) {
  const error = useFieldError(errors, name);
  return (
    <Field label={label} htmlFor={name} error={error} hint={hint} required={required}>
      <Input id={name} name={name} aria-invalid={error ? true : undefined} aria-describedby={describedBy(name, { error, hint })} {...input} />
    </Field>
  );
}

/**
 * A yes/no field that always says which: a hidden "false" before the box, so an unticked box sends
 * "no" (a withdrawn consent) rather than nothing (the form adapter keeps the last value of a name).
 */
export function CheckboxField({ name, label, errors, hint, defaultChecked }: Common & { defaultChecked?: boolean }) {
  const error = useFieldError(errors, name);
  return (
    <div className="flex flex-col gap-1">
      <input type="hidden" name={name} value="false" />
      <label className="flex items-center gap-2 text-sm font-medium">
        <input
          type="checkbox"
          id={name}
          name={name}
          value="true"
          defaultChecked={defaultChecked}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy(name, { error, hint })}
          className="size-4 accent-primary"
        />
        {label}
      </label>
      <FieldMessages id={name} hint={hint} error={error} />
    </div>
  );
}

export function TextAreaField({ name, label, errors, hint, required, ...input }: Common & ComponentProps<typeof Textarea>) {
  const error = useFieldError(errors, name);
  return (
    <Field label={label} htmlFor={name} error={error} hint={hint} required={required}>
      <Textarea id={name} name={name} aria-invalid={error ? true : undefined} aria-describedby={describedBy(name, { error, hint })} {...input} />
    </Field>
  );
}

export function SelectField({
  name,
  label,
  errors,
  hint,
  required,
  children,
  ...select
}: Common & ComponentProps<typeof NativeSelect> & { children: ReactNode }) {
  const error = useFieldError(errors, name);
  return (
    <Field label={label} htmlFor={name} error={error} hint={hint} required={required}>
      <NativeSelect id={name} name={name} aria-invalid={error ? true : undefined} aria-describedby={describedBy(name, { error, hint })} {...select}>
        {children}
      </NativeSelect>
    </Field>
  );
}

/** The form-level outcome: an error from the server, or a success note. */
export function FormStatus({ state, success }: { state: ActionResult<unknown> | null; success?: string }) {
  const t = useTranslations();
  if (!state) return null;
  if (state.ok) {
    return success ? (
      <Alert variant="success" role="status" data-testid="form-success">
        {success}
      </Alert>
    ) : null;
  }
  if (!state.message || (state.message === "errors.invalid" && state.fieldErrors)) return null;
  return (
    <Alert variant="error" role="alert" data-testid="form-error">
      {t(state.message)}
    </Alert>
  );
}
