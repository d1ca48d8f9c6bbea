'use client';
import { useSyncExternalStore, type ReactNode } from 'react';
import { Bar, BarChart, CartesianGrid, Cell, Legend, Line, LineChart, Pie, PieChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';

/** One plotted series: which field of the data rows, its legend label and colour. */
export interface ChartSeries {
  key: string;
  label: string;
  color: string;
}

export type ChartRow = Record<string, string | number | null>;

interface ChartFrameProps {
  title: string;
  description?: string;
  height: number;
  empty: boolean;
  emptyMessage?: string;
  /** One sentence summarising the data, read by screen readers in place of the drawing. */
  summary?: string;
  children: ReactNode;
}

/** A <figure> with a caption, an empty state, and a text summary for assistive technology. */
function ChartFrame({ title, description, height, empty, emptyMessage = 'No data yet.', summary, children }: ChartFrameProps) {
  return (
    <figure className="mx-chart" aria-label={title}>
      <figcaption>
        {title}
        {description ? <span className="mx-chart__description">{description}</span> : null}
      </figcaption>
      {empty ? (
        <div className="mx-chart__empty" style={{ height }}>
          {emptyMessage}
        </div>
      ) : (
        <div style={{ width: '100%', height }} role="img" aria-label={summary ?? title}>
          {children}
        </div>
      )}
    </figure>
  );
}

const REDUCED_MOTION = '(prefers-reduced-motion: reduce)';

function subscribeReducedMotion(onChange: () => void): () => void {
  if (typeof window === 'undefined' || !window.matchMedia) return () => undefined;
  const query = window.matchMedia(REDUCED_MOTION);
  query.addEventListener('change', onChange);
  return () => query.removeEventListener('change', onChange);
}

/**
 * Whether charts may animate: not when the person asked the system for reduced motion (and not on
 * the server). Screenshots rely on it too: a resize restarts Recharts' animation from zero.
 */
export function useChartAnimation(): boolean {
  return useSyncExternalStore(
    subscribeReducedMotion,
    () => !(window.matchMedia?.(REDUCED_MOTION).matches ?? false),
    () => false,
  );
}

const AXIS_TICK = { fontSize: 12, fill: '#5b6678' };

export interface BarChartCardProps {
  title: string;
  description?: string;
  data: ChartRow[];
  xKey: string;
  series: ChartSeries[];
  stacked?: boolean;
  height?: number;
  summary?: string;
  emptyMessage?: string;
}

/** Bars per category (stacked or side by side), with a legend and tooltip. */
export function BarChartCard({ title, description, data, xKey, series, stacked, height = 280, summary, emptyMessage }: BarChartCardProps) {
  const animate = useChartAnimation();
  return (
    <ChartFrame title={title} description={description} height={height} empty={data.length === 0} emptyMessage={emptyMessage} summary={summary}>
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} margin={{ top: 8, right: 12, bottom: 4, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="#e3e8f0" />
          <XAxis dataKey={xKey} tick={AXIS_TICK} tickLine={false} />
          <YAxis allowDecimals={false} tick={AXIS_TICK} tickLine={false} axisLine={false} width={40} />
          <Tooltip />
          <Legend itemSorter={null} />
          {series.map((item) => (
            <Bar
              key={item.key}
              dataKey={item.key}
              name={item.label}
              fill={item.color}
              stackId={stacked ? 'stack' : undefined}
              isAnimationActive={animate}
              animationDuration={400}
            />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </ChartFrame>
  );
}

export interface PieSlice {
  name: string;
  value: number;
  color: string;
}

export interface PieChartCardProps {
  title: string;
  description?: string;
  data: PieSlice[];
  height?: number;
  /** Draw a ring (donut) instead of a full pie. */
  donut?: boolean;
  emptyMessage?: string;
}

/** Share of a whole; slices with 0 are left out, and the summary lists each slice's count. */
export function PieChartCard({ title, description, data, height = 280, donut = true, emptyMessage }: PieChartCardProps) {
  const animate = useChartAnimation();
  const slices = data.filter((slice) => slice.value > 0);
  const summary = `${title}: ${data.map((slice) => `${slice.name} ${slice.value}`).join(', ')}`;
  return (
    <ChartFrame title={title} description={description} height={height} empty={slices.length === 0} emptyMessage={emptyMessage} summary={summary}>
      <ResponsiveContainer width="100%" height="100%">
        <PieChart>
          <Pie
            data={slices}
            dataKey="value"
            nameKey="name"
            innerRadius={donut ? '55%' : 0}
            outerRadius="78%"
            paddingAngle={slices.length > 1 ? 2 : 0}
            label
            isAnimationActive={animate}
            animationDuration={400}
          >
            {slices.map((slice) => (
              <Cell key={slice.name} fill={slice.color} />
            ))}
          </Pie>
          <Tooltip />
          <Legend itemSorter={null} />
        </PieChart>
      </ResponsiveContainer>
    </ChartFrame>
  );
}

export interface LineChartCardProps {
  title: string;
  description?: string;
  data: ChartRow[];
  xKey: string;
  series: ChartSeries[];
  /** Fixed value axis, e.g. [-1, 1] for a score. */
  yDomain?: [number, number];
  height?: number;
  summary?: string;
  emptyMessage?: string;
}

/** Values over an ordered axis (time buckets). */
export function LineChartCard({ title, description, data, xKey, series, yDomain, height = 280, summary, emptyMessage }: LineChartCardProps) {
  const animate = useChartAnimation();
  return (
    <ChartFrame title={title} description={description} height={height} empty={data.length === 0} emptyMessage={emptyMessage} summary={summary}>
      <ResponsiveContainer width="100%" height="100%">
        <LineChart data={data} margin={{ top: 8, right: 12, bottom: 4, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="#e3e8f0" />
          <XAxis dataKey={xKey} tick={AXIS_TICK} tickLine={false} />
          <YAxis domain={yDomain ?? ['auto', 'auto']} tick={AXIS_TICK} tickLine={false} axisLine={false} width={40} />
          <Tooltip />
          <Legend itemSorter={null} />
          {series.map((item) => (
            <Line
              key={item.key}
              type="monotone"
              dataKey={item.key}
              name={item.label}
              stroke={item.color}
              strokeWidth={2}
              dot={{ r: 3 }}
              connectNulls
              isAnimationActive={animate}
              animationDuration={400}
            />
          ))}
        </LineChart>
      </ResponsiveContainer>
    </ChartFrame>
  );
}
