"use client";
import { useRouter } from "next/navigation";
import { useLocale } from "next-intl";
import { Bar, BarChart, CartesianGrid, Cell, Legend, Tooltip, XAxis, YAxis } from "recharts";

export interface Row {
  key: string;
  name: string;
  color: string;
  value: number;
  /** Where a click on the bar leads (the table beside the chart has the same links for the keyboard). */
  href?: string | null;
}

export interface StackedSeries {
  key: string;
  name: string;
  color: string;
}

/*
 * The charts' drawings (recharts, about 120 kB gzip): loaded after the page by ./staircase-chart.tsx, inside
 * frames of the height they will have.
 */

export function BarsDrawing({ rows, height }: { rows: Row[]; height: number }) {
  const compact = new Intl.NumberFormat(useLocale(), { notation: "compact" });
  const router = useRouter();
  return (
    <BarChart responsive data={rows} layout="vertical" margin={{ top: 4, right: 20, bottom: 4, left: 4 }} style={{ width: "100%", height }}>
      <CartesianGrid horizontal={false} stroke="var(--border)" />
      <XAxis
        type="number"
        allowDecimals={false}
        stroke="var(--muted-foreground)"
        tick={{ fill: "var(--muted-foreground)" }}
        tickFormatter={(v: number) => compact.format(v)}
      />
      <YAxis type="category" dataKey="name" width={150} stroke="var(--muted-foreground)" tick={{ fill: "var(--foreground)" }} interval={0} />
      <Tooltip
        cursor={{ fill: "var(--muted)" }}
        contentStyle={{ background: "var(--card)", border: "1px solid var(--border)", borderRadius: 6, color: "var(--card-foreground)" }}
      />
      <Bar dataKey="value" isAnimationActive={false} radius={[0, 4, 4, 0]}>
        {rows.map((row) => (
          <Cell key={row.key} fill={row.color} cursor={row.href ? "pointer" : undefined} onClick={row.href ? () => router.push(row.href!) : undefined} />
        ))}
      </Bar>
    </BarChart>
  );
}

export function StackedDrawing({ rows, series, height }: { rows: Record<string, string | number>[]; series: StackedSeries[]; height: number }) {
  return (
    <BarChart responsive data={rows} margin={{ top: 4, right: 8, bottom: 4, left: 0 }} style={{ width: "100%", height }}>
      <CartesianGrid vertical={false} stroke="var(--border)" />
      <XAxis dataKey="name" stroke="var(--muted-foreground)" tick={{ fill: "var(--muted-foreground)" }} />
      <YAxis allowDecimals={false} width={32} stroke="var(--muted-foreground)" tick={{ fill: "var(--muted-foreground)" }} />
      <Tooltip
        cursor={{ fill: "var(--muted)" }}
        contentStyle={{ background: "var(--card)", border: "1px solid var(--border)", borderRadius: 6, color: "var(--card-foreground)" }}
      />
      <Legend wrapperStyle={{ color: "var(--foreground)" }} />
      {series.map((s) => (
        <Bar key={s.key} dataKey={s.key} name={s.name} stackId="all" fill={s.color} isAnimationActive={false} />
      ))}
    </BarChart>
  );
}
