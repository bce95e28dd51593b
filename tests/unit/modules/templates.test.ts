import { describe, expect, it } from "vitest";
import { fieldTypes } from "@/lib/fields/types";
import { normalizeColor } from "@/lib/modules/colors";
import { KEY_PATTERN } from "@/lib/modules/keys";
import { listModuleKinds, moduleKinds, templateFor, type Localized } from "@/lib/modules/templates";
import { statusGroupsOfRule } from "@/lib/statuses/derive";

const named = (text: Localized) => text.en.trim() !== "" && text.hu.trim() !== "";
const unique = (keys: string[]) => new Set(keys).size === keys.length;

describe("module templates", () => {
  for (const kind of moduleKinds) {
    describe(kind, () => {
      const template = templateFor(kind)!;

      it("has at least one group and one status, and every group has a status", () => {
        expect(template.groups.length).toBeGreaterThan(0);
        expect(template.groups.every((g) => g.statuses.length > 0)).toBe(true);
      });

      it("names everything in English and in Hungarian", () => {
        expect(named(template.name) && named(template.description)).toBe(true);
        for (const group of template.groups) {
          expect(named(group.name), group.key).toBe(true);
          for (const status of group.statuses) expect(named(status.name), status.key).toBe(true);
        }
        for (const field of template.fields) {
          expect(named(field.label), field.key).toBe(true);
          if (field.helpText) expect(named(field.helpText), field.key).toBe(true);
          for (const option of field.options ?? []) expect(named(option.label), option.key).toBe(true);
        }
      });

      it("uses valid, unique keys: statuses and groups per module, fields per module, options per field", () => {
        const groupKeys = template.groups.map((g) => g.key);
        const statusKeys = template.groups.flatMap((g) => g.statuses.map((s) => s.key));
        const fieldKeys = template.fields.map((f) => f.key);
        expect(unique(groupKeys) && unique(statusKeys) && unique(fieldKeys)).toBe(true);
        for (const key of [...groupKeys, ...statusKeys, ...fieldKeys]) expect(key).toMatch(KEY_PATTERN);
        for (const field of template.fields) {
          const optionKeys = (field.options ?? []).map((o) => o.key);
          expect(unique(optionKeys), field.key).toBe(true);
          for (const key of optionKeys) expect(key).toMatch(KEY_PATTERN);
        }
      });

      it("uses canonical #rrggbb colours", () => {
        for (const status of template.groups.flatMap((g) => g.statuses)) {
          expect(normalizeColor(status.color), status.key).toBe(status.color);
        }
      });

      it("gives select fields their options and other fields none", () => {
        for (const field of template.fields) {
          expect(fieldTypes).toContain(field.type);
          const isSelect = field.type === "single_select" || field.type === "multi_select";
          expect((field.options?.length ?? 0) > 0, field.key).toBe(isSelect);
        }
      });

      it("has distinct status names within each language", () => {
        for (const locale of ["en", "hu"] as const) {
          const names = template.groups.flatMap((g) => g.statuses.map((s) => s.name[locale].toLowerCase()));
          expect(unique(names), locale).toBe(true);
        }
      });
    });
  }

  it("gives the automatic sales module exactly the keyed statuses, groups and system fields of SPEC §3, first in the list", () => {
    const template = templateFor("sales_auto");
    expect(template.isSystem).toBe(true);
    expect(Object.fromEntries(template.groups.map((g) => [g.key, g.statuses.map((s) => s.key)]))).toEqual(statusGroupsOfRule);
    expect(template.groups.flatMap((g) => g.statuses.map((s) => s.name.hu))).toEqual([
      "Hírlevél",
      "Vásárolt lista",
      "Feldolgozásra vár",
      "Kapcsolatfelvételre vár",
      "Folyamatban",
      "Komoly érdeklődő",
      "Egyszeri",
      "Visszatérő",
      "Rendszeres",
      "Sikertelen",
      "Elfelejtett",
      "Inaktív",
      "Elérhetetlen",
    ]);
    const colors = template.groups.flatMap((g) => g.statuses.map((s) => s.color));
    expect(unique(colors)).toBe(true);
    expect(template.fields.map((f) => [f.key, f.options?.map((o) => o.key)])).toEqual([
      ["sales_status", ["in_progress", "closed_won", "closed_lost"]],
      ["qualification", ["target_group", "not_target_group"]],
      ["entry", ["inquiry", "subscriber", "list"]],
    ]);
    expect(listModuleKinds("en")[0]).toMatchObject({ kind: "sales_auto", name: "Sales (with automatic status changes)" });
    expect(listModuleKinds("hu")[0]).toMatchObject({ name: "Értékesítés (automata státuszváltással)" });
  });

  it("lists the kinds in the language asked for", () => {
    const hu = listModuleKinds("hu").find((k) => k.kind === "customer_service")!;
    expect(hu.name).toBe("Ügyfélszolgálat");
    expect(hu.groups.flatMap((g) => g.statuses.map((s) => s.name))).toEqual([
      "Új bejelentés",
      "Folyamatban",
      "Ügyfélre vár",
      "Megoldva",
      "Lezárva",
    ]);
    const en = listModuleKinds("en").find((k) => k.kind === "customer_service")!;
    expect(en.groups[0]!.statuses[0]!.name).toBe("New request");
  });
});
