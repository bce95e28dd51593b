"use client";
import { useRouter } from "next/navigation";
import { useLocale } from "next-intl";
import { Bar, BarChart, CartesianGrid, Cell, Legend, Tooltip, XAxis, YAxis } from "recharts";

interface Row {
  key: string;
  name: string;
  color: string;
  value: number;
  /** Where a click on the bar leads (the table beside the chart has the same links for the keyboard). */
  href?: string | null;
}

const ROW_HEIGHT = 26;

/**
 * Bars in the rows' own colours (a module's statuses in board order, or months). A picture for
 * sighted users: screen readers get its label and the table beside it, which holds the same figures.
 */
export function BarsChart({ label, rows, testId }: { label: string; rows: Row[]; testId: string }) {
  const compact = new Intl.NumberFormat(useLocale(), { notation: "compact" });
  const router = useRouter();
  const height = rows.length * ROW_HEIGHT + 36;
  return (
    // The height is known before the chart draws: nothing below it shifts.
    <div role="img" aria-label={label} style={{ height }} className="w-full text-xs" data-testid={testId}>
      <BarChart responsive data={rows} layout="vertical" margin={{ top: 4, right: 20, bottom: 4, left: 4 }} style={{ width: "100%", height }}>
        <CartesianGrid horizontal={false} stroke="var(--border)" />
        <XAxis
          type="number"
          allowDecimals={false}
          stroke="var(--muted-foreground)"
          tick={{ fill: "var(--muted-foreground)" }}
          tickFormatter={(v: number) => compact.format(v)}
        />
        <YAxis type="category" dataKey="name" width={130} stroke="var(--muted-foreground)" tick={{ fill: "var(--foreground)" }} interval={0} />
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
  series: { key: string; name: string; color: string }[];
  testId: string;
}) {
  const height = 220;
  return (
    <div role="img" aria-label={label} style={{ height }} className="w-full text-xs" data-testid={testId}>
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
    </div>
  );
}
