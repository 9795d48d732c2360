/**
 * The dashboard's two charts (recharts, drawn as SVG): licenses issued per month over
 * the last year, and licenses by state. Each is a figure with a caption, and its numbers
 * are also in a table for screen readers.
 */
import { format, parseISO } from 'date-fns';
import { Bar, BarChart, CartesianGrid, Cell, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { DashboardSummary } from '../../../src-main/domain/insight/types';
import type { LicenseState } from '../../../src-main/domain/licenses/types';
import { LICENSE_STATE_LABELS } from '../licenses/licenseWords';
import { ChartFigure } from './ChartFigure';

// SVG presentation attributes take colours, not CSS variables: these match tokens.css.
export const ACCENT = '#2d5bd7';
const STATE_COLOURS: Record<LicenseState, string> = {
  active: '#1b7a4b',
  expired: '#8a93a1',
  suspended: '#c27a12',
  revoked: '#b93025',
};
export const AXIS = { fontSize: 12, fill: '#5b6676' };
export const CHART_HEIGHT = 220;

/** `2026-03` -> `Mar 26`. */
export function monthLabel(month: string): string {
  return format(parseISO(`${month}-01`), 'MMM yy');
}

export function IssuedPerMonthChart({ months }: { months: DashboardSummary['issuedPerMonth'] }) {
  const data = months.map((m) => ({ month: monthLabel(m.month), count: m.count }));
  return (
    <ChartFigure id="chart-issued" title="Licenses issued per month" rows={data.map((d) => [d.month, d.count])} header={['Month', 'Licenses issued']}>
      <ResponsiveContainer width="100%" height={CHART_HEIGHT}>
        <BarChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: -16 }}>
          <CartesianGrid vertical={false} stroke="#e1e4ea" />
          <XAxis dataKey="month" tick={AXIS} tickLine={false} axisLine={{ stroke: '#c9ced8' }} interval="preserveStartEnd" />
          <YAxis allowDecimals={false} tick={AXIS} tickLine={false} axisLine={false} />
          <Tooltip cursor={{ fill: '#eaf0fd' }} formatter={(value) => [value, 'Issued']} />
          <Bar dataKey="count" name="Issued" fill={ACCENT} radius={[3, 3, 0, 0]} isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </ChartFigure>
  );
}

const STATES: LicenseState[] = ['active', 'expired', 'suspended', 'revoked'];

export function LicensesByStateChart({ licenses }: { licenses: DashboardSummary['licenses'] }) {
  const data = STATES.map((state) => ({ state, label: LICENSE_STATE_LABELS[state], count: licenses[state] }));
  return (
    <ChartFigure id="chart-states" title="Licenses by state" rows={data.map((d) => [d.label, d.count])} header={['State', 'Licenses']}>
      <ResponsiveContainer width="100%" height={CHART_HEIGHT}>
        <BarChart data={data} layout="vertical" margin={{ top: 8, right: 16, bottom: 0, left: 8 }}>
          <CartesianGrid horizontal={false} stroke="#e1e4ea" />
          <XAxis type="number" allowDecimals={false} tick={AXIS} tickLine={false} axisLine={{ stroke: '#c9ced8' }} />
          <YAxis type="category" dataKey="label" tick={AXIS} tickLine={false} axisLine={false} width={76} />
          <Tooltip cursor={{ fill: '#eef0f3' }} formatter={(value) => [value, 'Licenses']} />
          <Bar dataKey="count" name="Licenses" radius={[0, 3, 3, 0]} isAnimationActive={false}>
            {data.map((d) => (
              <Cell key={d.state} fill={STATE_COLOURS[d.state]} />
            ))}
          </Bar>
        </BarChart>
      </ResponsiveContainer>
    </ChartFigure>
  );
}
