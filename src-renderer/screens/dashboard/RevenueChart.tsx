/**
 * Revenue per month over the last year, one currency at a time (amounts in different
 * currencies are never added up): each month's bar is its gross, split into what was
 * kept (net) and what went back (refunds, reversals). With several currencies a switch
 * chooses; the one with the most gross comes first.
 */
import { useState } from 'react';
import { Link } from 'react-router';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { DashboardSummary, RevenueMonth } from '../../../src-main/domain/insight/types';
import { EmptyState } from '../../components/EmptyState';
import { Section } from '../../components/Section';
import { formatMoney, formatMoneyCompact } from '../../format/money';
import { plural } from '../../format/numbers';
import { transactionPaths } from '../transactions/transactionPaths';
import { ChartFigure } from './ChartFigure';
import { ACCENT, AXIS, CHART_HEIGHT, monthLabel } from './LicenseCharts';

const REFUNDED = '#e3a29b';
const TITLE = 'Revenue per month';

/** The currencies sold in, as the summary orders them (most gross first). */
export function currenciesOf(revenue: RevenueMonth[]): string[] {
  return [...new Set(revenue.map((r) => r.currency))];
}

export function RevenueSection({ revenue }: { revenue: DashboardSummary['revenuePerMonth'] }) {
  const currencies = currenciesOf(revenue);
  const [chosen, setChosen] = useState<string | null>(null);
  if (currencies.length === 0) {
    return (
      <Section title={TITLE}>
        <EmptyState compact title="No sales yet.">
          <p>
            Revenue per month shows here once purchases come in. Import IPN messages on <Link to={transactionPaths.transactions}>Transactions</Link>.
          </p>
        </EmptyState>
      </Section>
    );
  }
  const currency = chosen && currencies.includes(chosen) ? chosen : currencies[0];
  return <RevenueChart currency={currency} currencies={currencies} months={revenue.filter((r) => r.currency === currency)} onCurrency={setChosen} />;
}

interface RevenueChartProps {
  currency: string;
  currencies: string[];
  months: RevenueMonth[];
  onCurrency: (currency: string) => void;
}

function RevenueChart({ currency, currencies, months, onCurrency }: RevenueChartProps) {
  const money = (minor: number) => formatMoney(minor, currency);
  const data = months.map((m) => ({ ...m, label: monthLabel(m.month) }));
  const total = months.reduce((sum, m) => ({ gross: sum.gross + m.gross, refunded: sum.refunded + m.refunded, net: sum.net + m.net, purchases: sum.purchases + m.purchases }), {
    gross: 0,
    refunded: 0,
    net: 0,
    purchases: 0,
  });
  const switcher =
    currencies.length > 1 ? (
      <label className="chart__switch">
        <span>Currency</span>
        <select className="input" value={currency} onChange={(e) => onCurrency(e.target.value)} aria-label="Currency of the revenue chart">
          {currencies.map((c) => (
            <option key={c} value={c}>
              {c}
            </option>
          ))}
        </select>
      </label>
    ) : (
      <span className="chart__currency">{currency}</span>
    );
  return (
    <ChartFigure
      id="chart-revenue"
      wide
      title={TITLE}
      controls={switcher}
      summary={
        <>
          Last 12 months: <strong>{money(total.net)}</strong> net of {money(total.gross)} gross · {money(total.refunded)} refunded · {plural(total.purchases, 'purchase')}
        </>
      }
      header={['Month', `Gross (${currency})`, 'Refunded', 'Net', 'Purchases']}
      rows={data.map((d) => [d.label, money(d.gross), money(d.refunded), money(d.net), d.purchases])}
    >
      <ResponsiveContainer width="100%" height={CHART_HEIGHT}>
        <BarChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: 8 }} maxBarSize={56}>
          <CartesianGrid vertical={false} stroke="#e1e4ea" />
          <XAxis dataKey="label" tick={AXIS} tickLine={false} axisLine={{ stroke: '#c9ced8' }} interval="preserveStartEnd" />
          <YAxis tick={AXIS} tickLine={false} axisLine={false} width={64} tickFormatter={(v: number) => formatMoneyCompact(v, currency)} />
          <Tooltip
            cursor={{ fill: '#eaf0fd' }}
            formatter={(value, name) => [money(Number(value)), name]}
            labelFormatter={(label, payload) => {
              const month = payload?.[0]?.payload as (RevenueMonth & { label: string }) | undefined;
              return month ? `${label}: ${money(month.gross)} gross, ${plural(month.purchases, 'purchase')}` : String(label);
            }}
          />
          <Legend iconSize={10} />
          <Bar dataKey="net" name="Net" stackId="gross" fill={ACCENT} isAnimationActive={false} />
          <Bar dataKey="refunded" name="Refunded" stackId="gross" fill={REFUNDED} radius={[3, 3, 0, 0]} isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </ChartFigure>
  );
}
