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
  kind: ModuleKind;
  /**
   * The automatic sales module: its groups, statuses, fields and options are the rule's (SPEC §3),
   * keyed and `is_system` — renamed, recoloured and reordered, never removed.
   */
  isSystem?: boolean;
  /** The module's default name. */
  name: Localized;
  /** How New module lists the kind, when not by the module's name. */
  kindName?: Localized;
  description: Localized;
  groups: TemplateGroup[];
  fields: TemplateField[];
}

/** The kinds Settings → Modules → New module offers, the automatic sales module first. */
export const moduleKinds = ["sales_auto", "sales_manual", "customer_service", "projects", "empty"] as const satisfies readonly ModuleKind[];
/** The kinds whose statuses users set by hand. */
export const genericModuleKinds = ["sales_manual", "customer_service", "projects", "empty"] as const;
export type GenericModuleKind = (typeof genericModuleKinds)[number];

export function templateFor(kind: ModuleKind): ModuleTemplate {
  return templateContent[kind];
}

export interface ModuleKindSummary {
  kind: ModuleKind;
  name: string;
  description: string;
  groups: { name: string; statuses: { name: string; color: string }[] }[];
  fields: { label: string; type: FieldType }[];
}

/** The "New module" list: each kind with what it creates, in the given language. */
export function listModuleKinds(locale: Locale): ModuleKindSummary[] {
  return moduleKinds.map((kind) => {
    const template = templateContent[kind];
    return {
      kind,
      name: (template.kindName ?? template.name)[locale],
      description: template.description[locale],
      groups: template.groups.map((g) => ({
        name: g.name[locale],
        statuses: g.statuses.map((s) => ({ name: s.name[locale], color: s.color })),
      })),
      fields: template.fields.map((f) => ({ label: f.label[locale], type: f.type })),
    };
  });
}
