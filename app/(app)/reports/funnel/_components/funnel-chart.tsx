import { BarsChart } from "@/app/(app)/_components/staircase-chart";

interface Row {
  key: string;
  name: string;
  color: string;
  entered: number;
}

/**
 * The funnel as bars, one per status in board order, in the status's colour — the dashboards' bar
 * drawing, loaded after the page like theirs. A picture for sighted users: screen readers get its
 * label and the table below, which holds the same figures.
 */
export function FunnelChart({ title, label, rows }: { title: string; label: string; rows: Row[] }) {
  return (
    <figure className="space-y-2 rounded-lg border border-border bg-card p-3" data-testid="funnel-chart">
      <figcaption className="text-sm font-medium">{title}</figcaption>
      <BarsChart label={label} rows={rows.map(({ key, name, color, entered }) => ({ key, name, color, value: entered }))} testId="funnel-bars" />
    </figure>
  );
}
