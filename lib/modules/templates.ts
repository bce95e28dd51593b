import type { FieldSettings, FieldType } from "@/db/schema/fields";
import type { ModuleKind } from "@/db/schema/modules";
import type { Locale } from "@/lib/i18n/locales";
import { templateContent } from "./template-content";

export type Localized = Record<Locale, string>;

export interface TemplateOption {
  key: string;
  label: Localized;
}

export interface TemplateField {
  key: string;
  label: Localized;
  type: FieldType;
  helpText?: Localized;
  isRequired?: boolean;
  settings?: FieldSettings;
  options?: TemplateOption[];
}

export interface TemplateStatus {
  key: string;
  name: Localized;
  color: string;
}

export interface TemplateGroup {
  key: string;
  name: Localized;
  statuses: TemplateStatus[];
}

export interface ModuleTemplate {
  kind: GenericModuleKind;
  name: Localized;
  description: Localized;
  groups: TemplateGroup[];
  fields: TemplateField[];
}

/**
 * The kinds Settings → Modules → New module offers in this issue. The automatic sales kind
 * (`sales_auto`) is in the enum already and joins this list with its own issue.
 */
export const genericModuleKinds = ["sales_manual", "customer_service", "projects", "empty"] as const;
export type GenericModuleKind = (typeof genericModuleKinds)[number];

export function isGenericModuleKind(kind: string): kind is GenericModuleKind {
  return (genericModuleKinds as readonly string[]).includes(kind);
}

export function templateFor(kind: ModuleKind): ModuleTemplate | null {
  return isGenericModuleKind(kind) ? templateContent[kind] : null;
}

export interface ModuleKindSummary {
  kind: GenericModuleKind;
  name: string;
  description: string;
  groups: { name: string; statuses: { name: string; color: string }[] }[];
  fields: { label: string; type: FieldType }[];
}

/** The "New module" list: each kind with what it creates, in the given language. */
export function listModuleKinds(locale: Locale): ModuleKindSummary[] {
  return genericModuleKinds.map((kind) => {
    const template = templateContent[kind];
    return {
      kind,
      name: template.name[locale],
      description: template.description[locale],
      groups: template.groups.map((g) => ({
        name: g.name[locale],
        statuses: g.statuses.map((s) => ({ name: s.name[locale], color: s.color })),
      })),
      fields: template.fields.map((f) => ({ label: f.label[locale], type: f.type })),
    };
  });
}
