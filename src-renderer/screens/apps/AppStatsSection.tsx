/**
 * An app's stats as a chart over time: one line a stat kind, one point an hour, day or
 * month (UTC; the API sums each bucket and fills empty ones with 0). The numbers are
 * also there as a table, for reading them exactly and for screen readers.
 */
import { useEffect, useState } from 'react';
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { STAT_BUCKETS } from '../../../src-main/api/schemas';
import type { AppDetail, AppStatSeries } from '../../../src-main/domain/apps/types';
import { EmptyState } from '../../components/EmptyState';
import { FilterSelect } from '../../components/FilterSelect';
import { Section } from '../../components/Section';
import { useApiQuery } from '../../hooks/useApiQuery';

type Bucket = (typeof STAT_BUCKETS)[number];

const BUCKET_OPTIONS: { value: Bucket; label: string }[] = [
  { value: 'hour', label: 'Hour' },
  { value: 'day', label: 'Day' },
  { value: 'month', label: 'Month' },
];

type Period = '48h' | '7d' | '30d' | '12m' | 'all';
const PERIODS: Record<Period, { label: string; hours?: number; days?: number; months?: number }> = {
  '48h': { label: 'Last 48 hours', hours: 48 },
  '7d': { label: 'Last 7 days', days: 7 },
  '30d': { label: 'Last 30 days', days: 30 },
  '12m': { label: 'Last 12 months', months: 12 },
  all: { label: 'All time' },
};
const PERIOD_OPTIONS = (Object.keys(PERIODS) as Period[]).map((p) => ({ value: p, label: PERIODS[p].label }));

/** Lines in the app's accent first, then colours told apart by people with common colour blindness. */
const COLOURS = ['#2d5bd7', '#d9822b', '#1b7a4b', '#b93025', '#7a4fc9', '#0f8a9d', '#94560a'];

/** The period's start, at a whole hour (UTC): the same input all hour long, so nothing reloads by itself. */
function periodStart(period: Period, now: number): string | undefined {
  const p = PERIODS[period];
  const d = new Date(now);
  d.setUTCMinutes(0, 0, 0);
  if (p.hours) {
    d.setUTCHours(d.getUTCHours() - (p.hours - 1));
  } else if (p.days) {
    d.setUTCHours(0);
    d.setUTCDate(d.getUTCDate() - (p.days - 1));
  } else if (p.months) {
    d.setUTCHours(0);
    d.setUTCDate(1);
    d.setUTCMonth(d.getUTCMonth() - (p.months - 1));
  } else {
    return undefined;
  }
  return d.toISOString();
}

/** `20 Nov 09:00`, `20 Nov`, `Nov 2026`: the bucket's start, in UTC like the buckets. */
function bucketLabel(t: string, bucket: Bucket): string {
  const d = new Date(t);
  const day = d.toLocaleDateString('en-GB', { day: 'numeric', month: 'short', timeZone: 'UTC' });
  if (bucket === 'hour') return `${day} ${t.slice(11, 16)}`;
  if (bucket === 'day') return day;
  return d.toLocaleDateString('en-GB', { month: 'short', year: 'numeric', timeZone: 'UTC' });
}

type Row = { t: string } & Record<string, number | string>;

/** One row a bucket, one column a series (keyed `k<kind>`), for the chart and the table. */
function rowsOf(series: AppStatSeries[]): Row[] {
  const byTime = new Map<string, Row>();
  for (const s of series) {
    for (const point of s.points) {
      const row = byTime.get(point.t) ?? { t: point.t };
      row[`k${s.kind}`] = point.value;
      byTime.set(point.t, row);
    }
  }
  return [...byTime.values()].sort((a, b) => (a.t < b.t ? -1 : a.t > b.t ? 1 : 0));
}

export function AppStatsSection({ app, version }: { app: AppDetail; version: number }) {
  const [kind, setKind] = useState('');
  const [period, setPeriod] = useState<Period>('30d');
  const [bucket, setBucket] = useState<Bucket>('day');
  const [now] = useState(() => Date.now());
  const from = periodStart(period, now);
  const stats = useApiQuery('app.stats', { appId: app.id, bucket, ...(kind ? { kind: Number(kind) } : {}), ...(from ? { from } : {}) });
  const { reload } = stats;
  useEffect(() => {
    if (version > 0) reload();
  }, [version, reload]);

  const series = stats.data ?? stats.lastData;
  const kindOptions = app.statKinds.map((k) => ({ value: String(k.kind), label: k.label }));

  let body;
  if (app.statKinds.length === 0) {
    body = (
      <EmptyState compact title="No stats reported yet.">
        <p>Stats arrive in the app’s reports: use Import report.</p>
      </EmptyState>
    );
  } else if (stats.error) {
    body = (
      <p className="section__error" role="alert">
        {stats.error.message}
      </p>
    );
  } else if (!series) {
    body = <p className="loading">Loading stats…</p>;
  } else if (series.length === 0) {
    body = (
      <EmptyState compact title="No stats in this period.">
        <p>Choose a longer period, or All time.</p>
      </EmptyState>
    );
  } else {
    body = <StatsChart series={series} bucket={bucket} busy={stats.loading} />;
  }

  return (
    <Section title="Stats">
      {app.statKinds.length > 0 && (
        <div className="list-toolbar section__toolbar">
          <FilterSelect label="Stat" allLabel="All stats" value={kind} onChange={setKind} options={kindOptions} />
          <PlainSelect label="Period" value={period} onChange={(v) => setPeriod(v as Period)} options={PERIOD_OPTIONS} />
          <PlainSelect label="One point per" value={bucket} onChange={(v) => setBucket(v as Bucket)} options={BUCKET_OPTIONS} />
        </div>
      )}
      {body}
    </Section>
  );
}

/** A labelled drop-down that always has a value (FilterSelect's look, without its "all" choice). */
function PlainSelect({ label, value, onChange, options }: { label: string; value: string; onChange: (value: string) => void; options: { value: string; label: string }[] }) {
  return (
    <label className="filter">
      <span className="filter__label">{label}</span>
      <select className="input filter__select" value={value} onChange={(e) => onChange(e.target.value)}>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </label>
  );
}

function StatsChart({ series, bucket, busy }: { series: AppStatSeries[]; bucket: Bucket; busy: boolean }) {
  const rows = rowsOf(series);
  const title = `${series.map((s) => s.label).join(', ')} per ${bucket}`;
  return (
    <figure className={busy ? 'stats-chart stats-chart--busy' : 'stats-chart'} aria-label={title}>
      <div className="stats-chart__plot" aria-hidden="true">
        <ResponsiveContainer width="100%" height={260}>
          <LineChart data={rows} margin={{ top: 8, right: 16, bottom: 0, left: 0 }}>
            <CartesianGrid stroke="#e1e4ea" vertical={false} />
            <XAxis dataKey="t" tickFormatter={(t: string) => bucketLabel(t, bucket)} tick={{ fontSize: 12 }} minTickGap={24} />
            <YAxis allowDecimals={false} tick={{ fontSize: 12 }} width={56} />
            <Tooltip labelFormatter={(t) => bucketLabel(String(t), bucket)} />
            <Legend />
            {series.map((s, i) => (
              <Line key={s.kind} type="monotone" dataKey={`k${s.kind}`} name={s.label} stroke={COLOURS[i % COLOURS.length]} strokeWidth={2} dot={rows.length <= 40} isAnimationActive={false} />
            ))}
          </LineChart>
        </ResponsiveContainer>
      </div>
      <details className="stats-chart__numbers">
        <summary>Show the numbers</summary>
        <div className="table-wrap">
          <table className="table">
            <caption className="visually-hidden">{title}</caption>
            <thead>
              <tr>
                <th scope="col">{bucket === 'hour' ? 'Hour (UTC)' : bucket === 'day' ? 'Day (UTC)' : 'Month'}</th>
                {series.map((s) => (
                  <th scope="col" className="cell--end" key={s.kind}>
                    {s.label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.t}>
                  <td className="cell--nowrap">{bucketLabel(row.t, bucket)}</td>
                  {series.map((s) => (
                    <td className="cell--end" key={s.kind}>
                      {(Number(row[`k${s.kind}`] ?? 0)).toLocaleString()}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}
