"use client";
import dynamic from "next/dynamic";
import type { Row, StackedSeries } from "./chart-drawings";

// recharts (about 120 kB gzip) loads after the page is shown and usable: the charts are pictures
// beside tables that hold the same figures, so nothing waits for them, and their frames have the
// height the drawing will take, so nothing moves when it arrives.
const BarsDrawing = dynamic(() => import("./chart-drawings").then((m) => m.BarsDrawing), { ssr: false });
const StackedDrawing = dynamic(() => import("./chart-drawings").then((m) => m.StackedDrawing), { ssr: false });

const ROW_HEIGHT = 28;

/**
 * Bars in the rows' own colours (a module's statuses in board order, or months). A picture for
 * sighted users: screen readers get its label and the table beside it, which holds the same figures.
 */
export function BarsChart({ label, rows, testId }: { label: string; rows: Row[]; testId: string }) {
  const height = rows.length * ROW_HEIGHT + 36;
  return (
    <div role="img" aria-label={label} style={{ height }} className="w-full text-xs" data-testid={testId}>
      <BarsDrawing rows={rows} height={height} />
    </div>
  );
}

/** Stacked bars: one per row (a week), one colour per series (a source); the table beside it has the figures. */
export function StackedChart({
  label,
  rows,
  series,
  testId,
}: {
  label: string;
  rows: Record<string, string | number>[];
  series: StackedSeries[];
  testId: string;
}) {
  const height = 220;
  return (
    <div role="img" aria-label={label} style={{ height }} className="w-full text-xs" data-testid={testId}>
      <StackedDrawing rows={rows} series={series} height={height} />
    </div>
  );
}
