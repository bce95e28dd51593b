"use client";
import { useTranslations } from "next-intl";
import { FormStatus } from "@/components/forms/form-fields";
import { useFormAction } from "@/components/forms/use-form-action";
import { Button } from "@/components/ui/button";
import { setActiveSchema } from "@/lib/users/schemas";
import { setUserActiveAction } from "../actions";
import { z } from "zod";

const schema = setActiveSchema.extend({ userId: z.string() });

export function ActiveForm({ userId, isActive }: { userId: string; isActive: boolean }) {
  const t = useTranslations("users");
  const { state, onSubmit, isPending } = useFormAction(schema, setUserActiveAction);
  return (
    <form onSubmit={onSubmit} className="space-y-3">
      <FormStatus state={state} />
      <input type="hidden" name="userId" value={userId} />
      <input type="hidden" name="isActive" value={isActive ? "false" : "true"} />
      <Button type="submit" variant={isActive ? "danger" : "outline"} disabled={isPending}>
        {isActive ? t("deactivate") : t("reactivate")}
      </Button>
    </form>
  );
}
