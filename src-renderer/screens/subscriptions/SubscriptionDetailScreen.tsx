/**
 * One subscription: where it stands at Stripe (status, period, cancellation, trial),
 * how long its licenses run past the paid period (the SKU's grace), its customer, its
 * items with their SKU and the licenses each issued, the invoices it was paid with, and
 * Stripe's object as last synced.
 */
import { useMemo } from 'react';
import { Link } from 'react-router';
import type { SubscriptionDetail, SubscriptionItemDetail } from '../../../src-main/domain/sync/types';
import { CopyButton } from '../../components/CopyButton';
import { DataTable } from '../../components/DataTable';
import { EmptyState } from '../../components/EmptyState';
import { Facts } from '../../components/Facts';
import { PageHeader } from '../../components/PageHeader';
import { Section } from '../../components/Section';
import { formatDay, formatMoment } from '../../format/dates';
import { formatDays, plural } from '../../format/numbers';
import { RouteRecord } from '../catalog/shared/RouteRecord';
import { LicenseStateBadge } from '../licenses/LicenseBadges';
import { syncPaths } from '../sync/syncPaths';
import { transactionColumns } from '../transactions/transactionColumns';
import { SubscriptionStatusBadge } from './SubscriptionBadges';
import { SUBSCRIPTION_STATUS_HINTS } from './subscriptionWords';
import './subscriptions.css';

export function SubscriptionDetailScreen() {
  return <RouteRecord method="subscription.get" what="subscription">{(subscription) => <SubscriptionView subscription={subscription} />}</RouteRecord>;
}

/** "1 Mar 2027 – 1 Apr 2027". */
function period(start: string | null, end: string | null): string {
  if (!start && !end) return '—';
  return `${formatDay(start)} – ${formatDay(end)}`;
}

/** What happens to the licenses now, when it is not the usual "they follow each renewal". */
function licenseNotice(s: SubscriptionDetail): { text: string; tone: 'ended' | 'warning' } | null {
  if (s.renewalEndedAt) {
    return { text: `Renewal ended on ${formatDay(s.renewalEndedAt)}: its licenses no longer follow this subscription and run out at their expiry.`, tone: 'ended' };
  }
  if (s.status === 'past_due') return { text: 'A renewal payment failed and Stripe is retrying it: its licenses keep their expiry meanwhile.', tone: 'warning' };
  if (s.cancelAtPeriodEnd) return { text: `Canceled at the end of its period: renewal ends on ${formatDay(s.currentPeriodEnd)}.`, tone: 'warning' };
  return null;
}

function SubscriptionView({ subscription: s }: { subscription: SubscriptionDetail }) {
  const notice = licenseNotice(s);
  const customer = s.customerId !== null ? <Link to={syncPaths.customer(s.customerId)}>{s.customerName ?? `Customer ${s.customerId}`}</Link> : (s.customerName ?? '—');
  return (
    <>
      <PageHeader
        title={`Subscription ${s.providerSubscriptionId}`}
        titleAside={<SubscriptionStatusBadge status={s.status} />}
        subtitle={
          <>
            {s.customerName ?? 'Unknown customer'} · {s.itemsSummary || 'no items'} · {plural(s.licenseCount, 'license')}
          </>
        }
        back={{ to: syncPaths.subscriptions, label: 'Subscriptions' }}
      />
      {notice && (
        <p className={notice.tone === 'ended' ? 'state-notice state-notice--revoked' : 'state-notice state-notice--suspended'} role="status">
          {notice.text}
        </p>
      )}
      <div className="detail-grid">
        <Section title="Subscription">
          <Facts
            facts={[
              { label: 'Status', value: <SubscriptionStatusBadge status={s.status} />, hint: SUBSCRIPTION_STATUS_HINTS[s.status] },
              { label: 'Stripe id', value: <span className="code">{s.providerSubscriptionId}</span> },
              { label: 'Current period', value: period(s.currentPeriodStart, s.currentPeriodEnd) },
              {
                label: 'Cancel at period end',
                value: s.cancelAtPeriodEnd ? 'Yes' : 'No',
                hint: s.cancelAtPeriodEnd ? `It ends on ${formatDay(s.currentPeriodEnd)} instead of renewing.` : undefined,
              },
              ...(s.cancelAt ? [{ label: 'Cancels at', value: formatMoment(s.cancelAt) }] : []),
              { label: 'Canceled', value: formatMoment(s.canceledAt, 'No') },
              { label: 'Ended', value: formatMoment(s.endedAt, 'No') },
              {
                label: 'Renewal ended',
                value: formatMoment(s.renewalEndedAt, 'No'),
                hint: s.renewalEndedAt ? 'Its licenses stopped following it then.' : 'Its licenses follow each paid period.',
              },
              { label: 'Trial', value: s.trialStart || s.trialEnd ? period(s.trialStart, s.trialEnd) : 'None' },
              { label: 'Grace', value: formatDays(s.graceDays), hint: 'The SKU’s grace: how long its licenses run past the paid period.' },
              { label: 'Started', value: formatMoment(s.startedAt) },
              { label: 'Last synced', value: formatMoment(s.updatedAt) },
            ]}
          />
        </Section>
        <Section title="Customer">
          <Facts
            facts={[
              { label: 'Customer', value: customer },
              { label: 'Stripe customer id', value: s.providerCustomerId ? <span className="code">{s.providerCustomerId}</span> : '—' },
              { label: 'Currency', value: s.currency ?? '—' },
            ]}
          />
        </Section>
      </div>
      <ItemsSection subscription={s} />
      <Section title="Paid invoices" count={s.transactions.length}>
        {s.transactions.length === 0 ? (
          <EmptyState compact title="No paid invoice synced yet." />
        ) : (
          <DataTable
            caption={`Invoices of subscription ${s.providerSubscriptionId}, newest first`}
            columns={transactionColumns}
            rows={s.transactions}
            rowKey={(t) => t.id}
            rowHref={(t) => syncPaths.transaction(t.id)}
          />
        )}
      </Section>
      <RawObjectSection subscription={s} />
    </>
  );
}

function ItemsSection({ subscription: s }: { subscription: SubscriptionDetail }) {
  return (
    <Section title="Items" count={s.items.length}>
      {s.items.length === 0 ? (
        <EmptyState compact title="Stripe listed no items for this subscription." />
      ) : (
        <div className="table-wrap">
          <table className="table">
            <caption className="visually-hidden">Items of subscription {s.providerSubscriptionId}</caption>
            <thead>
              <tr>
                <th scope="col">Item</th>
                <th scope="col">Price</th>
                <th scope="col">SKU</th>
                <th scope="col" className="cell--end">
                  Seats
                </th>
                <th scope="col">Period end</th>
                <th scope="col">Licenses</th>
              </tr>
            </thead>
            <tbody>
              {s.items.map((item) => (
                <tr key={item.id}>
                  <td>
                    {item.productName ?? '—'}
                    <span className="cell-note code">{item.providerItemId}</span>
                  </td>
                  <td className="code cell--nowrap">{item.providerPriceId ?? '—'}</td>
                  <td className="cell--nowrap">
                    <ItemSku item={item} />
                  </td>
                  <td className="cell--end">{item.quantity}</td>
                  <td className="cell--nowrap">{formatDay(item.currentPeriodEnd ?? s.currentPeriodEnd)}</td>
                  <td>
                    <ItemLicenses item={item} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Section>
  );
}

function ItemSku({ item }: { item: SubscriptionItemDetail }) {
  if (item.skuId !== null && item.sku) {
    return (
      <Link className="code" to={syncPaths.sku(item.skuId)}>
        {item.sku}
      </Link>
    );
  }
  return (
    <>
      <span className="muted">No SKU</span>
      <span className="cell-note">
        <Link to={syncPaths.stripePrices}>Map its price</Link>
      </span>
    </>
  );
}

function ItemLicenses({ item }: { item: SubscriptionItemDetail }) {
  if (item.licenses.length === 0) return <span className="muted">None yet</span>;
  return (
    <ul className="subscription-licenses">
      {item.licenses.map((l) => (
        <li key={l.id}>
          <Link className="code" to={syncPaths.license(l.id)} aria-label={`License ${l.id}`}>
            #{l.id}
          </Link>{' '}
          <LicenseStateBadge state={l.state} /> <span className="muted">expires {formatDay(l.expires, 'never')}</span>
        </li>
      ))}
    </ul>
  );
}

/** Stripe's object as last synced, folded away: long, and only sometimes needed. */
function RawObjectSection({ subscription: s }: { subscription: SubscriptionDetail }) {
  const pretty = useMemo(() => {
    try {
      return JSON.stringify(JSON.parse(s.raw), null, 2);
    } catch {
      return s.raw;
    }
  }, [s.raw]);
  return (
    <Section title="Stripe’s object" actions={<CopyButton text={pretty} what="subscription JSON" />}>
      <details className="raw-object">
        <summary className="raw-object__summary">Show the subscription as Stripe sent it (JSON)</summary>
        <pre className="raw-message" aria-label={`Stripe’s object for subscription ${s.providerSubscriptionId}`}>
          {pretty}
        </pre>
      </details>
    </Section>
  );
}
