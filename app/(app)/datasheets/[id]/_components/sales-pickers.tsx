"use client";
import { useTranslations } from "next-intl";
import { NativeSelect } from "@/components/ui/native-select";
import type { PageField } from "@/lib/datasheets/page";
import { updateFieldsAction } from "../../actions";
import type { usePageAction } from "./page-actions";

type Run = ReturnType<typeof usePageAction>["run"];

/** The automatic module's facts a user sets (SPEC §3): Sales status, Qualification, Entry. */
const keys = ["sales_status", "qualification", "entry"] as const;

/**
 * In the automatic module the status is not chosen: these are. Each is its system field, saved on
 * its own with the version the page shows; the status chip follows at once.
 */
export function SalesPickers({
  datasheetId,
  version,
  fields,
  run,
  isPending,
}: {
  datasheetId: string;
  version: number;
  fields: PageField[];
  run: Run;
  isPending: boolean;
}) {
  const t = useTranslations("datasheet");
  const pickers = keys.flatMap((key) => fields.filter((f) => f.key === key && f.isSystem));
  return (
    <div className="flex flex-wrap items-center gap-x-4 gap-y-2" data-testid="sales-pickers">
      {pickers.map((field) => (
        <label key={field.key} className="flex items-center gap-1.5 text-muted-foreground">
          {field.label}
          <NativeSelect
            value={typeof field.value === "string" ? field.value : ""}
            disabled={isPending}
            wrapperClassName="w-auto"
            className="h-8 min-w-32 text-xs text-foreground pointer-coarse:h-11"
            onChange={(e) => run(updateFieldsAction, { datasheetId, version, fields: { [field.key]: e.target.value || null } })}
          >
            {/* Entry is always one of its options; the others may be empty (a marketing contact, not yet qualified). */}
            {field.key !== "entry" ? <option value="">{field.key === "sales_status" ? t("salesStatusNone") : "—"}</option> : null}
            {field.options.map((o) => (
              <option key={o.key} value={o.key}>
                {o.label}
              </option>
            ))}
          </NativeSelect>
        </label>
      ))}
    </div>
  );
}
