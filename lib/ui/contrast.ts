export interface Rgb {
  r: number;
  g: number;
  b: number;
}

const HEX_RE = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i;

/** Parses `#rgb` / `#rrggbb` (case-insensitive, surrounding whitespace ignored). */
export function parseHex(hex: string): Rgb | null {
  const match = HEX_RE.exec(hex.trim());
  const body = match?.[1];
  if (!body) return null;
  const full =
    body.length === 3
      ? body
          .split("")
          .map((ch) => ch + ch)
          .join("")
      : body;
  return {
    r: parseInt(full.slice(0, 2), 16),
    g: parseInt(full.slice(2, 4), 16),
    b: parseInt(full.slice(4, 6), 16),
  };
}

function channel(value: number): number {
  const c = value / 255;
  return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
}

/** WCAG 2.x relative luminance, 0 (black) … 1 (white). */
export function relativeLuminance(color: Rgb): number {
  return 0.2126 * channel(color.r) + 0.7152 * channel(color.g) + 0.0722 * channel(color.b);
}

function toRgb(color: Rgb | string): Rgb | null {
  return typeof color === "string" ? parseHex(color) : color;
}

/** WCAG contrast ratio (1 … 21). Returns NaN if a hex string is invalid. */
export function contrastRatio(a: Rgb | string, b: Rgb | string): number {
  const ca = toRgb(a);
  const cb = toRgb(b);
  if (!ca || !cb) return Number.NaN;
  const la = relativeLuminance(ca);
  const lb = relativeLuminance(cb);
  return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
}

const BLACK: Rgb = { r: 0, g: 0, b: 0 };
const WHITE: Rgb = { r: 255, g: 255, b: 255 };

/**
 * Black or white, whichever contrasts more with `bgHex`.
 * The better of the two is always >= ~4.58:1, so AA for normal text holds
 * for every sRGB background. Invalid input falls back to black.
 */
export function readableTextColor(bgHex: string): "#000000" | "#ffffff" {
  const bg = parseHex(bgHex);
  if (!bg) return "#000000";
  return contrastRatio(bg, WHITE) > contrastRatio(bg, BLACK) ? "#ffffff" : "#000000";
}
