import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { normalizeColor, statusPalette, statusTextColor } from "@/lib/modules/colors";
import { contrastRatio } from "@/lib/ui/contrast";

const hexDigit = fc.constantFrom(..."0123456789abcdefABCDEF");
const hex = (n: number) => fc.array(hexDigit, { minLength: n, maxLength: n }).map((d) => d.join(""));

describe("normalizeColor", () => {
  it("turns #rgb and #rrggbb in any case into lower-case #rrggbb", () => {
    expect(normalizeColor("#ABC")).toBe("#aabbcc");
    expect(normalizeColor(" #3B82F6 ")).toBe("#3b82f6");
    expect(normalizeColor("3b82f6")).toBe("#3b82f6");
    fc.assert(
      fc.property(hex(6), (body) => {
        expect(normalizeColor(`#${body}`)).toBe(`#${body.toLowerCase()}`);
      }),
    );
    fc.assert(
      fc.property(hex(3), (body) => {
        const full = normalizeColor(`#${body}`)!;
        expect(full).toMatch(/^#[0-9a-f]{6}$/);
        expect(full[1]).toBe(full[2]);
      }),
    );
  });

  it("refuses everything else", () => {
    for (const bad of ["", "#", "#12", "#1234", "#12345", "#1234567", "#ggg", "red", "rgb(0,0,0)", "#12 456"]) {
      expect(normalizeColor(bad), bad).toBeNull();
    }
  });
});

describe("statusTextColor", () => {
  it("keeps every chip readable: the label reaches WCAG AA (4.5:1) on any colour", () => {
    fc.assert(
      fc.property(hex(6), (body) => {
        const background = `#${body.toLowerCase()}`;
        expect(contrastRatio(background, statusTextColor(background))).toBeGreaterThanOrEqual(4.5);
      }),
    );
  });

  it("picks white on dark and black on light palette colours", () => {
    expect(statusTextColor("#1e293b")).toBe("#ffffff");
    expect(statusTextColor("#e2e8f0")).toBe("#000000");
    expect(statusTextColor("#eab308")).toBe("#000000");
    for (const color of statusPalette) expect(normalizeColor(color)).toBe(color);
  });
});
