"use client";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import type { DeferredProps } from "@/components/ui/deferred";
import { Dialog, DialogContent, DialogFooter, DialogTitle, DialogTrigger } from "@/components/ui/dialog";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { NativeSelect } from "@/components/ui/native-select";
import type { ListField } from "@/lib/datasheets/list-columns";
import type { FieldFilter, ListFilter } from "@/lib/views/filter";
import type { ListPerson } from "./types";

type Draft = Record<string, FieldFilter | undefined>;

/** The user select's value while a filter names several users (a dashboard link can). */
const SEVERAL = "several";

const filterableTypes = new Set(["text", "email", "phone", "url", "number", "money", "date", "datetime", "single_select", "multi_select", "checkbox", "user"]);

/** Responsible and field filters in one dialog; "Apply" moves the list to the new URL. */
export interface FilterDialogProps {
  filter: ListFilter;
  fields: ListField[];
  people: ListPerson[];
  onApply: (filter: ListFilter) => void;
}

export default function FilterDialog({ filter, fields, people, onApply, trigger, defaultOpen }: FilterDialogProps & DeferredProps) {
  const t = useTranslations("clientList");
  const [isOpen, setOpen] = useState(defaultOpen);
  const [responsible, setResponsible] = useState(filter.responsible?.[0] ?? "");
  const [draft, setDraft] = useState<Draft>(filter.fields ?? {});
  const shown = fields.filter((f) => filterableTypes.has(f.type));

  function set(key: string, value: FieldFilter | undefined) {
    setDraft((d) => ({ ...d, [key]: value }));
  }

  function apply() {
    const fieldsOut = Object.fromEntries(Object.entries(draft).filter((e): e is [string, FieldFilter] => e[1] !== undefined));
    onApply({ ...filter, responsible: responsible ? [responsible] : undefined, fields: fieldsOut });
    setOpen(false);
  }

  return (
    <Dialog
      open={isOpen}
      onOpenChange={(open) => {
        setOpen(open);
        if (open) {
          setResponsible(filter.responsible?.[0] ?? "");
          setDraft(filter.fields ?? {});
        }
      }}
    >
      <DialogTrigger asChild>{trigger}</DialogTrigger>
      <DialogContent closeLabel={t("close")} aria-describedby={undefined}>
        <DialogTitle>{t("filtersTitle")}</DialogTitle>
        <div className="space-y-4">
          <div className="space-y-1.5">
            <Label htmlFor="filter-responsible">{t("columns.responsible")}</Label>
            <NativeSelect id="filter-responsible" value={responsible} onChange={(e) => setResponsible(e.target.value)}>
              <option value="">{t("anyone")}</option>
              <option value="me">{t("me")}</option>
              <option value="none">{t("nobody")}</option>
              {people.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                </option>
              ))}
            </NativeSelect>
          </div>
          {shown.map((field) => (
            <FieldFilterInput key={field.key} field={field} people={people} value={draft[field.key]} onChange={(v) => set(field.key, v)} />
          ))}
        </div>
        <DialogFooter>
          <Button
            type="button"
            variant="outline"
            onClick={() => {
              setResponsible("");
              setDraft({});
            }}
          >
            {t("clearFilters")}
          </Button>
          <Button type="button" onClick={apply}>
            {t("applyFilters")}
          </Button>
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}

function FieldFilterInput({
  field,
  people,
  value,
  onChange,
}: {
  field: ListField;
  people: ListPerson[];
  value: FieldFilter | undefined;
  onChange: (v: FieldFilter | undefined) => void;
}) {
  const t = useTranslations("clientList");
  const id = `filter-${field.key}`;
  switch (field.type) {
    case "single_select":
    case "multi_select": {
      const chosen = value?.op === "in" ? value.options : [];
      return (
        <fieldset className="space-y-1.5">
          <legend className="text-sm font-medium">{field.label}</legend>
          <div className="flex flex-wrap gap-x-4 gap-y-1">
            {field.options.map((option) => (
              <label key={option.key} className="flex items-center gap-2 text-sm">
                <input
                  type="checkbox"
                  className="size-4 accent-primary"
                  checked={chosen.includes(option.key)}
                  onChange={(e) => {
                    const next = e.target.checked ? [...chosen, option.key] : chosen.filter((k) => k !== option.key);
                    onChange(next.length ? { op: "in", options: next } : undefined);
                  }}
                />
                {option.label}
              </label>
            ))}
          </div>
        </fieldset>
      );
    }
    case "number":
    case "money": {
      const range = value?.op === "range" ? value : { op: "range" as const };
      const update = (part: "min" | "max", v: string) => {
        const next = { ...range, [part]: v.trim() || undefined };
        onChange(next.min === undefined && next.max === undefined ? undefined : next);
      };
      return (
        <fieldset className="space-y-1.5">
          <legend className="text-sm font-medium">{field.label}</legend>
          <div className="grid grid-cols-2 gap-2">
            <Input
              inputMode="decimal"
              aria-label={t("from", { field: field.label })}
              placeholder={t("min")}
              defaultValue={range.min ?? ""}
              onChange={(e) => update("min", e.target.value)}
            />
            <Input
              inputMode="decimal"
              aria-label={t("to", { field: field.label })}
              placeholder={t("max")}
              defaultValue={range.max ?? ""}
              onChange={(e) => update("max", e.target.value)}
            />
          </div>
        </fieldset>
      );
    }
    case "date":
    case "datetime": {
      const range = value?.op === "between" ? value : { op: "between" as const };
      const update = (part: "from" | "to", v: string) => {
        const next = { ...range, [part]: v || undefined };
        onChange(next.from === undefined && next.to === undefined ? undefined : next);
      };
      return (
        <fieldset className="space-y-1.5">
          <legend className="text-sm font-medium">{field.label}</legend>
          <div className="grid grid-cols-2 gap-2">
            <Input
              type="date"
              aria-label={t("from", { field: field.label })}
              defaultValue={range.from ?? ""}
              onChange={(e) => update("from", e.target.value)}
            />
            <Input type="date" aria-label={t("to", { field: field.label })} defaultValue={range.to ?? ""} onChange={(e) => update("to", e.target.value)} />
          </div>
        </fieldset>
      );
    }
    case "user": {
      // One user from the dialog (a link such as the dashboard's may name several).
      const chosen = value?.op === "users" ? value.users : [];
      return (
        <div className="space-y-1.5">
          <Label htmlFor={id}>{field.label}</Label>
          <NativeSelect
            id={id}
            value={chosen.length > 1 ? SEVERAL : (chosen[0] ?? "")}
            onChange={(e) => onChange(e.target.value ? { op: "users", users: [e.target.value] } : undefined)}
          >
            <option value="">{t("anyone")}</option>
            {chosen.length > 1 ? (
              <option value={SEVERAL} disabled>
                {t("severalUsers", { count: chosen.length })}
              </option>
            ) : null}
            {people.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </NativeSelect>
        </div>
      );
    }
    case "checkbox":
      return (
        <div className="space-y-1.5">
          <Label htmlFor={id}>{field.label}</Label>
          <NativeSelect
            id={id}
            value={value?.op === "checked" ? (value.value ? "yes" : "no") : ""}
            onChange={(e) => onChange(e.target.value ? { op: "checked", value: e.target.value === "yes" } : undefined)}
          >
            <option value="">{t("any")}</option>
            <option value="yes">{t("checked")}</option>
            <option value="no">{t("unchecked")}</option>
          </NativeSelect>
        </div>
      );
    default:
      return (
        <div className="space-y-1.5">
          <Label htmlFor={id}>{field.label}</Label>
          <Input
            id={id}
            placeholder={t("contains")}
            defaultValue={value?.op === "contains" ? value.text : ""}
            onChange={(e) => onChange(e.target.value.trim() ? { op: "contains", text: e.target.value.trim() } : undefined)}
          />
        </div>
      );
  }
}
