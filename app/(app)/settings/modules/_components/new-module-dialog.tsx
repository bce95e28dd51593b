"use client";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { fieldErrorsOf, FormStatus, TextField } from "@/components/forms/form-fields";
import { useFormAction } from "@/components/forms/use-form-action";
import { ColorChip } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogActions,
  DialogHeader,
  DialogTitle,
  DialogTrigger,
} from "@/components/ui/dialog";
import type { ActionResult } from "@/lib/actions/result";
import type { ModuleKindSummary } from "@/lib/modules/templates";
import { createModuleSchema } from "@/lib/modules/schemas";
import { cn } from "@/lib/ui/cn";
import { createModuleAction } from "../actions";

export function NewModuleDialog({ kinds }: { kinds: ModuleKindSummary[] }) {
  const t = useTranslations("modules");
  const router = useRouter();
  const [isOpen, setOpen] = useState(false);
  const [kind, setKind] = useState(kinds[0]?.kind ?? "empty");
  const { state, onSubmit, isPending } = useFormAction(
    createModuleSchema,
    async (previous: ActionResult<{ id: string }> | null, formData: FormData) => {
      const result = await createModuleAction(previous, formData);
      if (result.ok) router.push(`/settings/modules/${result.data.id}`);
      return result;
    },
  );
  const errors = fieldErrorsOf(state);
  return (
    <Dialog open={isOpen} onOpenChange={setOpen}>
      <DialogTrigger asChild>
        <Button isPrimaryAction>{t("newModule")}</Button>
      </DialogTrigger>
      <DialogContent closeLabel={t("close")} className="sm:max-w-2xl">
        <DialogHeader>
          <DialogTitle>{t("newModuleTitle")}</DialogTitle>
          <DialogDescription>{t("newModuleDescription")}</DialogDescription>
        </DialogHeader>
        <form onSubmit={onSubmit} className="space-y-4" noValidate>
          <FormStatus state={state} />
          <fieldset className="space-y-2">
            <legend className="mb-2 text-sm font-medium">{t("kind")}</legend>
            <div className="grid gap-2 sm:grid-cols-2">
              {kinds.map((k) => (
                <label
                  key={k.kind}
                  className={cn(
                    "flex cursor-pointer flex-col gap-2 rounded-lg border border-border p-3 text-sm transition-colors hover:bg-accent",
                    "has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-ring",
                    kind === k.kind && "border-primary bg-primary/5",
                  )}
                  data-testid={`kind-${k.kind}`}
                >
                  <span className="flex items-center gap-2">
                    <input
                      type="radio"
                      name="kind"
                      value={k.kind}
                      checked={kind === k.kind}
                      onChange={() => setKind(k.kind)}
                      className="size-4 accent-primary"
                    />
                    <span className="font-medium">{k.name}</span>
                  </span>
                  <span className="text-muted-foreground">{k.description}</span>
                  {k.groups.length ? (
                    <span className="flex flex-wrap gap-1">
                      {k.groups.flatMap((g) =>
                        g.statuses.map((s) => (
                          <ColorChip key={`${g.name}-${s.name}`} color={s.color}>
                            {s.name}
                          </ColorChip>
                        )),
                      )}
                    </span>
                  ) : null}
                </label>
              ))}
            </div>
          </fieldset>
          <TextField name="name" label={t("moduleName")} hint={t("moduleNameHint")} errors={errors} maxLength={100} />
          <DialogActions
            cancelLabel={t("cancel")}
            onCancel={() => setOpen(false)}
            actionLabel={t("create")}
            disabled={isPending}
          />
        </form>
      </DialogContent>
    </Dialog>
  );
}
