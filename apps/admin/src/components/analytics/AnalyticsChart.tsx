"use client";

import { useId } from "react";
import { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

export interface ChartSeries {
  key: string;
  name: string;
  color: string;
}

/** One row per day or month: its label and a value per series key. */
export type ChartRow = { label: string } & Record<string, number | string>;

export interface AnalyticsChartProps {
  title: string;
  /** What the chart shows in one sentence: also its accessible description. */
  description: string;
  kind: "bar" | "line";
  series: ChartSeries[];
  rows: ChartRow[];
}

const axis = { stroke: "#475569", fontSize: 12 };

/**
 * A chart of numbers the server component fetched. The drawing is one image with the chart's title
 * as its name; screen readers get the same numbers from a visually hidden table beside it.
 */
export function AnalyticsChart({ title, description, kind, series, rows }: AnalyticsChartProps) {
  const id = useId();
  const titleId = `${id}-title`;
  const descriptionId = `${id}-description`;
  const common = { data: rows, margin: { top: 8, right: 16, bottom: 0, left: 0 }, accessibilityLayer: false };
  const axes = (
    <>
      <CartesianGrid stroke="#e2e8f0" vertical={false} />
      <XAxis dataKey="label" tick={axis} tickLine={false} axisLine={{ stroke: "#e2e8f0" }} minTickGap={16} />
      <YAxis allowDecimals={false} tick={axis} tickLine={false} axisLine={false} width={40} />
      <Tooltip />
      {series.length > 1 ? <Legend wrapperStyle={{ fontSize: 12 }} /> : null}
    </>
  );
  return (
    <figure aria-labelledby={titleId} aria-describedby={descriptionId} className="rounded-card border border-line bg-surface p-5">
      <figcaption>
        <h3 id={titleId} className="text-base font-semibold text-ink">
          {title}
        </h3>
        <p id={descriptionId} className="mt-1 text-sm text-muted">
          {description}
        </p>
      </figcaption>
      <div role="img" aria-labelledby={titleId} aria-describedby={descriptionId} className="mt-4 h-64 w-full" data-chart={title}>
        <ResponsiveContainer width="100%" height="100%" initialDimension={{ width: 600, height: 256 }}>
          {kind === "bar" ? (
            <BarChart {...common}>
              {axes}
              {series.map((s) => (
                <Bar key={s.key} dataKey={s.key} name={s.name} fill={s.color} radius={[3, 3, 0, 0]} isAnimationActive={false} />
              ))}
            </BarChart>
          ) : (
            <LineChart {...common}>
              {axes}
              {series.map((s) => (
                <Line key={s.key} type="monotone" dataKey={s.key} name={s.name} stroke={s.color} strokeWidth={2} dot={false} isAnimationActive={false} />
              ))}
            </LineChart>
          )}
        </ResponsiveContainer>
      </div>
      <table className="sr-only">
        <caption>{title}</caption>
        <thead>
          <tr>
            <th scope="col">Period</th>
            {series.map((s) => (
              <th key={s.key} scope="col">
                {s.name}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.label}>
              <th scope="row">{row.label}</th>
              {series.map((s) => (
                <td key={s.key}>{row[s.key]}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
