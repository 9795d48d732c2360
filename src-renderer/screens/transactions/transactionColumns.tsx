import { Link } from 'react-router';
import type { TRANSACTION_SORT } from '../../../src-main/api/schemas';
import { providerLabel } from '../../../src-main/domain/sales/providers';
import type { TransactionRow } from '../../../src-main/domain/sales/types';
import { NarrowOnly, type Column } from '../../components/DataTable';
import { formatDay } from '../../format/dates';
import { formatMoney } from '../../format/money';
import { plural } from '../../format/numbers';
import { PaymentStatusBadge } from './TransactionBadges';
import { transactionPaths } from './transactionPaths';

export type TransactionSort = (typeof TRANSACTION_SORT)[number];

export const transactionColumns: Column<TransactionRow, TransactionSort>[] = [
  {
    id: 'date',
    header: 'Date',
    sortKey: 'paymentDate',
    nowrap: true,
    cell: (t) => (
      <Link to={transactionPaths.transaction(t.id)} aria-label={`Transaction ${t.providerTxnId}`}>
        {formatDay(t.paymentDate)}
      </Link>
    ),
  },
  {
    id: 'payer',
    header: 'Payer',
    sortKey: 'payer',
    cell: (t) => (
      <>
        {t.customerId !== null ? <Link to={transactionPaths.customer(t.customerId)}>{t.payerName ?? t.customerName}</Link> : (t.payerName ?? '—')}
        {t.payerEmail && t.payerEmail !== t.payerName && <span className="cell-note">{t.payerEmail}</span>}
        <NarrowOnly>{t.providerTxnId}</NarrowOnly>
      </>
    ),
  },
  {
    id: 'txn',
    header: 'Transaction',
    wideOnly: true,
    nowrap: true,
    cell: (t) => (
      <>
        <span className="code">{t.providerTxnId}</span>
        <span className="cell-note">{providerLabel(t.provider)}</span>
      </>
    ),
  },
  { id: 'items', header: 'Items', cell: (t) => t.itemsSummary || '—' },
  {
    id: 'amount',
    header: 'Amount',
    sortKey: 'gross',
    align: 'end',
    nowrap: true,
    cell: (t) => (
      <>
        <span className="money">{formatMoney(t.gross, t.currency)}</span>
        {t.refunded > 0 && <span className="cell-note cell-note--refund">−{formatMoney(t.refunded, t.currency)} refunded</span>}
      </>
    ),
  },
  {
    id: 'status',
    header: 'Status',
    nowrap: true,
    cell: (t) => (
      <>
        <PaymentStatusBadge status={t.status} />
        {t.pendingDecision && <span className="cell-note cell-note--attention">Needs a decision</span>}
        {t.waitingUnits > 0 && <span className="cell-note cell-note--attention">{plural(t.waitingUnits, 'license')} waiting</span>}
      </>
    ),
  },
  { id: 'licenses', header: 'Licenses', align: 'end', nowrap: true, cell: (t) => t.licenseCount },
];
