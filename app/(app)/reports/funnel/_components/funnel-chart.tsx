"use client";
import { Bar, BarChart, CartesianGrid, Cell, Tooltip, XAxis, YAxis } from "recharts";

interface Row {
  key: string;
  name: string;
  color: string;
  entered: number;
}

const ROW_HEIGHT = 28;

/**
 * The funnel as bars, one per status in board order, in the status's colour. A picture for sighted
 * users: screen readers get its label and the table below, which holds the same figures.
 */
export function FunnelChart({ title, label, rows }: { title: string; label: string; rows: Row[] }) {
  const height = rows.length * ROW_HEIGHT + 40;
  return (
    <figure className="space-y-2 rounded-lg border border-border bg-card p-3" data-testid="funnel-chart">
      <figcaption className="text-sm font-medium">{title}</figcaption>
      {/* The height is known before the chart draws: nothing below it shifts. */}
      <div role="img" aria-label={label} style={{ height }} className="w-full text-xs">
        <BarChart responsive data={rows} layout="vertical" margin={{ top: 4, right: 24, bottom: 4, left: 8 }} style={{ width: "100%", height }}>
          <CartesianGrid horizontal={false} stroke="var(--border)" />
          <XAxis type="number" allowDecimals={false} stroke="var(--muted-foreground)" tick={{ fill: "var(--muted-foreground)" }} />
          <YAxis type="category" dataKey="name" width={150} stroke="var(--muted-foreground)" tick={{ fill: "var(--foreground)" }} interval={0} />
          <Tooltip
            cursor={{ fill: "var(--muted)" }}
            contentStyle={{ background: "var(--card)", border: "1px solid var(--border)", borderRadius: 6, color: "var(--card-foreground)" }}
          />
          <Bar dataKey="entered" isAnimationActive={false} radius={[0, 4, 4, 0]}>
            {rows.map((row) => (
              <Cell key={row.key} fill={row.color} />
            ))}
          </Bar>
        </BarChart>
      </div>
    </figure>
  );
}
