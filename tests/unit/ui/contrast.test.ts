import { describe, it, expect } from "vitest";
import fc from "fast-check";
import { contrastRatio, parseHex, readableTextColor, relativeLuminance } from "../../../lib/ui/contrast";

const toHex = (n: number) => n.toString(16).padStart(2, "0");
const rgbHex = fc
  .tuple(fc.integer({ min: 0, max: 255 }), fc.integer({ min: 0, max: 255 }), fc.integer({ min: 0, max: 255 }))
  .map(([r, g, b]) => `#${toHex(r)}${toHex(g)}${toHex(b)}`);

describe("parseHex", () => {
  it("parses #rrggbb and #rgb, case-insensitively", () => {
    expect(parseHex("#ff8000")).toEqual({ r: 255, g: 128, b: 0 });
    expect(parseHex("#FF8000")).toEqual({ r: 255, g: 128, b: 0 });
    expect(parseHex("#abc")).toEqual({ r: 0xaa, g: 0xbb, b: 0xcc });
    expect(parseHex("#ABC")).toEqual({ r: 0xaa, g: 0xbb, b: 0xcc });
    expect(parseHex("#000000")).toEqual({ r: 0, g: 0, b: 0 });
  });

  it("rejects invalid input", () => {
    for (const bad of ["", "#", "fff", "ffffff", "#ff", "#ffff", "#fffff", "#fffffff", "#ggg", "#12345z", "red", "rgb(0,0,0)"]) {
      expect(parseHex(bad)).toBeNull();
    }
  });

  it("round-trips any rgb triple", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 255 }), fc.integer({ min: 0, max: 255 }), fc.integer({ min: 0, max: 255 }), (r, g, b) => {
        expect(parseHex(`#${toHex(r)}${toHex(g)}${toHex(b)}`)).toEqual({ r, g, b });
      }),
    );
  });
});

describe("relativeLuminance / contrastRatio", () => {
  it("has luminance 0 for black and 1 for white", () => {
    expect(relativeLuminance({ r: 0, g: 0, b: 0 })).toBe(0);
    expect(relativeLuminance({ r: 255, g: 255, b: 255 })).toBeCloseTo(1, 10);
  });

  it("is 21 for black on white and 1 for identical colours", () => {
    expect(contrastRatio("#000000", "#ffffff")).toBeCloseTo(21, 10);
    expect(contrastRatio("#ffffff", "#000")).toBeCloseTo(21, 10);
    expect(contrastRatio("#336699", "#336699")).toBe(1);
  });

  it("is symmetric and within [1, 21]", () => {
    fc.assert(
      fc.property(rgbHex, rgbHex, (a, b) => {
        const ratio = contrastRatio(a, b);
        expect(ratio).toBeCloseTo(contrastRatio(b, a), 12);
        expect(ratio).toBeGreaterThanOrEqual(1);
        expect(ratio).toBeLessThanOrEqual(21 + 1e-9);
      }),
    );
  });

  it("returns NaN for invalid hex", () => {
    expect(contrastRatio("nope", "#fff")).toBeNaN();
  });
});

describe("readableTextColor", () => {
  it("picks black on light and white on dark backgrounds", () => {
    expect(readableTextColor("#ffff00")).toBe("#000000");
    expect(readableTextColor("#000080")).toBe("#ffffff");
    expect(readableTextColor("#ffffff")).toBe("#000000");
    expect(readableTextColor("#000")).toBe("#ffffff");
  });

  it("always picks the better of black and white", () => {
    fc.assert(
      fc.property(rgbHex, (bg) => {
        const chosen = contrastRatio(readableTextColor(bg), bg);
        const best = Math.max(contrastRatio("#000000", bg), contrastRatio("#ffffff", bg));
        expect(chosen).toBe(best);
      }),
    );
  });

  // max(ratio vs black, ratio vs white) is minimised where (L+0.05)² = 0.05·1.05,
  // i.e. at ≈ 4.58:1, so AA (4.5:1) is achievable for every sRGB background.
  it("always reaches WCAG AA (>= 4.5:1) for normal text", () => {
    fc.assert(
      fc.property(rgbHex, (bg) => {
        expect(contrastRatio(readableTextColor(bg), bg)).toBeGreaterThanOrEqual(4.5);
      }),
      { numRuns: 2000 },
    );
  });

  it("reaches AA for every grey (worst case region)", () => {
    for (let v = 0; v <= 255; v++) {
      const bg = `#${toHex(v)}${toHex(v)}${toHex(v)}`;
      expect(contrastRatio(readableTextColor(bg), bg)).toBeGreaterThanOrEqual(4.5);
    }
  });
});
