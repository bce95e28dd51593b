import { getTranslations } from "next-intl/server";
import { Button } from "@/components/ui/button";
import { describedBy, Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/native-select";

interface Props {
  modules: { id: string; name: string }[];
  moduleId: string;
  from: string;
  to: string;
  errors: Record<string, string>;
}

/** The module and the period: a plain GET form, so a report is a link that can be shared. */
export async function FunnelForm({ modules, moduleId, from, to, errors }: Props) {
  const t = await getTranslations("funnel");
  return (
    <form method="get" className="flex flex-col gap-3 rounded-lg border border-border bg-card p-3 sm:flex-row sm:items-end" data-testid="funnel-form">
      <Field label={t("module")} htmlFor="funnel-module" className="sm:w-64">
        <NativeSelect id="funnel-module" name="module" defaultValue={moduleId}>
          {modules.map((m) => (
            <option key={m.id} value={m.id}>
              {m.name}
            </option>
          ))}
        </NativeSelect>
      </Field>
      <Field label={t("from")} htmlFor="funnel-from" error={errors.from}>
        <Input id="funnel-from" name="from" type="date" defaultValue={from} aria-invalid={!!errors.from} aria-describedby={describedBy("funnel-from", { error: errors.from })} />
      </Field>
      <Field label={t("to")} htmlFor="funnel-to" error={errors.to}>
        <Input id="funnel-to" name="to" type="date" defaultValue={to} aria-invalid={!!errors.to} aria-describedby={describedBy("funnel-to", { error: errors.to })} />
      </Field>
      <Button type="submit">{t("show")}</Button>
    </form>
  );
}
