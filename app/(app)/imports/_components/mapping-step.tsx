"use client";
import { useTranslations } from "next-intl";
import { useId } from "react";
import { Field } from "@/components/ui/field";
import { NativeSelect } from "@/components/ui/native-select";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { NewClientModule } from "@/lib/datasheets/new-client-options";
import type { ImportPreview } from "@/lib/import/prepare";
import type { ReadOptionsInput } from "@/lib/import/schemas";
import { businessTargets, contactTargets } from "@/lib/import/targets";

const delimiterNames = { ";": "semicolon", ",": "comma", "\t": "tab" } as const;

/** Step 2: how the file is read, the module, and where each column goes (suggested, changeable). */
export function MappingStep({
  preview,
  modules,
  moduleId,
  mapping,
  onOptions,
  onModule,
  onMapping,
}: {
  preview: ImportPreview;
  modules: NewClientModule[];
  moduleId: string;
  mapping: string[];
  onOptions: (options: ReadOptionsInput) => void;
  onModule: (moduleId: string) => void;
  onMapping: (mapping: string[]) => void;
}) {
  const t = useTranslations("import");
  const id = useId();
  const options = preview.options;
  const set = (change: Partial<ReadOptionsInput>) =>
    onOptions({ encoding: options.encoding, delimiter: options.delimiter, sheet: options.sheet, hasHeader: options.hasHeader, ...change });
  const columnName = (i: number) => preview.headers[i] || t("columnN", { n: i + 1 });

  return (
    <div className="space-y-4">
      <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
        <Field label={t("module")} htmlFor={`${id}-module`}>
          <NativeSelect id={`${id}-module`} value={moduleId} onChange={(e) => onModule(e.target.value)}>
            {modules.map((m) => (
              <option key={m.id} value={m.id}>
                {m.name}
              </option>
            ))}
          </NativeSelect>
        </Field>
        {preview.format === "csv" ? (
          <>
            <Field label={t("encoding")} htmlFor={`${id}-encoding`}>
              <NativeSelect id={`${id}-encoding`} value={options.encoding} onChange={(e) => set({ encoding: e.target.value as ReadOptionsInput["encoding"] })}>
                <option value="utf-8">UTF-8</option>
                <option value="windows-1250">Windows-1250</option>
                <option value="iso-8859-2">ISO-8859-2</option>
              </NativeSelect>
            </Field>
            <Field label={t("delimiter")} htmlFor={`${id}-delimiter`}>
              <NativeSelect
                id={`${id}-delimiter`}
                value={options.delimiter}
                onChange={(e) => set({ delimiter: e.target.value as ReadOptionsInput["delimiter"] })}
              >
                {([";", ",", "\t"] as const).map((d) => (
                  <option key={d} value={d}>
                    {t(`delimiters.${delimiterNames[d]}`)}
                  </option>
                ))}
              </NativeSelect>
            </Field>
          </>
        ) : (
          <Field label={t("sheet")} htmlFor={`${id}-sheet`}>
            <NativeSelect id={`${id}-sheet`} value={options.sheet} onChange={(e) => set({ sheet: Number(e.target.value) })}>
              {preview.sheets.map((name, i) => (
                <option key={i} value={i}>
                  {name}
                </option>
              ))}
            </NativeSelect>
          </Field>
        )}
        <label className="flex items-center gap-2 self-end pb-2 text-sm font-medium">
          <input type="checkbox" checked={options.hasHeader} onChange={(e) => set({ hasHeader: e.target.checked })} className="size-4 accent-primary" />
          {t("hasHeader")}
        </label>
      </div>

      <Table scrollLabel={t("previewCaption", { count: preview.rows.length, fileName: preview.fileName })} data-testid="import-preview">
        <caption className="sr-only">{t("previewCaption", { count: preview.rows.length, fileName: preview.fileName })}</caption>
        <TableHeader>
          <TableRow>
            {preview.headers.map((_, i) => (
              <TableHead key={i} className="min-w-44 align-top">
                <span className="mb-1 block truncate">{columnName(i)}</span>
                <NativeSelect
                  aria-label={t("mapTo", { column: columnName(i) })}
                  value={mapping[i] ?? ""}
                  onChange={(e) => onMapping(preview.headers.map((__, j) => (j === i ? e.target.value : (mapping[j] ?? ""))))}
                  className="font-normal"
                >
                  <option value="">{t("ignore")}</option>
                  <optgroup label={t("groups.company")}>
                    {businessTargets.map((target) => (
                      <option key={target} value={target}>
                        {t(`targets.${target}`)}
                      </option>
                    ))}
                  </optgroup>
                  <optgroup label={t("groups.contact")}>
                    {contactTargets.map((target) => (
                      <option key={target} value={target}>
                        {t(`targets.${target}`)}
                      </option>
                    ))}
                  </optgroup>
                  <optgroup label={t("groups.other")}>
                    <option value="responsible">{t("targets.responsible")}</option>
                  </optgroup>
                  {preview.fields.length ? (
                    <optgroup label={t("groups.fields")}>
                      {preview.fields.map((f) => (
                        <option key={f.key} value={`field.${f.key}`}>
                          {f.name}
                        </option>
                      ))}
                    </optgroup>
                  ) : null}
                </NativeSelect>
              </TableHead>
            ))}
          </TableRow>
        </TableHeader>
        <TableBody>
          {preview.rows.map((row, r) => (
            <TableRow key={r}>
              {row.map((cell, c) => (
                <TableCell key={c} className="max-w-60 truncate whitespace-nowrap" title={cell}>
                  {cell}
                </TableCell>
              ))}
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </div>
  );
}
