import { readableTextColor } from "@/lib/ui/contrast";

/** The colour picker's palette; any other `#rrggbb` is allowed too. */
export const statusPalette = [
  "#64748b", // slate
  "#ef4444", // red
  "#f97316", // orange
  "#f59e0b", // amber
  "#eab308", // yellow
  "#84cc16", // lime
  "#22c55e", // green
  "#14b8a6", // teal
  "#06b6d4", // cyan
  "#3b82f6", // blue
  "#6366f1", // indigo
  "#8b5cf6", // violet
  "#d946ef", // fuchsia
  "#ec4899", // pink
  "#1e293b", // near black
  "#e2e8f0", // light grey
] as const;

const HEX = /^#?([0-9a-f]{3}|[0-9a-f]{6})$/i;

/** `#rrggbb` in lower case from `#rgb` / `#rrggbb` in any case (the `#` optional); null if neither. */
export function normalizeColor(input: string): string | null {
  const body = HEX.exec(input.trim())?.[1];
  if (!body) return null;
  const full = body.length === 3 ? [...body].map((c) => c + c).join("") : body;
  return `#${full.toLowerCase()}`;
}

/** The chip's label colour: black or white, whichever reads better on the status colour. */
export function statusTextColor(color: string): "#000000" | "#ffffff" {
  return readableTextColor(color);
}
