import { Link } from 'react-router';
import type { SUBSCRIPTION_SORT } from '../../../src-main/api/schemas/sync';
import type { SubscriptionRow } from '../../../src-main/domain/sync/types';
import type { Column } from '../../components/DataTable';
import { formatDay } from '../../format/dates';
import { syncPaths } from '../sync/syncPaths';
import { SubscriptionStatusBadge } from './SubscriptionBadges';
import { renewalNote } from './subscriptionWords';

export type SubscriptionSort = (typeof SUBSCRIPTION_SORT)[number];

export const subscriptionColumns: Column<SubscriptionRow, SubscriptionSort>[] = [
  {
    id: 'subscription',
    header: 'Subscription',
    sortKey: 'id',
    nowrap: true,
    cell: (s) => (
      <Link className="code" to={syncPaths.subscription(s.id)} aria-label={`Subscription ${s.providerSubscriptionId}`}>
        {s.providerSubscriptionId}
      </Link>
    ),
  },
  {
    id: 'customer',
    header: 'Customer',
    sortKey: 'customer',
    cell: (s) => (
      <>
        {s.customerId !== null ? <Link to={syncPaths.customer(s.customerId)}>{s.customerName ?? `Customer ${s.customerId}`}</Link> : (s.customerName ?? '—')}
        {s.providerCustomerId && <span className="cell-note code">{s.providerCustomerId}</span>}
      </>
    ),
  },
  {
    id: 'status',
    header: 'Status',
    sortKey: 'status',
    nowrap: true,
    cell: (s) => {
      const note = renewalNote(s);
      return (
        <>
          <SubscriptionStatusBadge status={s.status} />
          {note && <span className={s.renewalEndedAt ? 'cell-note cell-note--ended' : 'cell-note'}>{note}</span>}
        </>
      );
    },
  },
  { id: 'items', header: 'Items', cell: (s) => s.itemsSummary || '—' },
  { id: 'periodEnd', header: 'Current period end', sortKey: 'currentPeriodEnd', nowrap: true, cell: (s) => formatDay(s.currentPeriodEnd) },
  { id: 'licenses', header: 'Licenses', align: 'end', nowrap: true, cell: (s) => s.licenseCount.toLocaleString() },
  { id: 'started', header: 'Started', sortKey: 'startedAt', nowrap: true, cell: (s) => formatDay(s.startedAt) },
];
