/**
 * A customer's purchases with the licenses each issued, side by side: when it was paid,
 * the provider's transaction (linking to its page), what was bought, the amount and
 * where the payment stands, and each license with its state (linking to it).
 */
import { useState } from 'react';
import { Link } from 'react-router';
import { providerLabel } from '../../../src-main/domain/sales/providers';
import type { CustomerPurchase, TransactionRow } from '../../../src-main/domain/sales/types';
import { EmptyState } from '../../components/EmptyState';
import { Pagination } from '../../components/Pagination';
import { Section } from '../../components/Section';
import { formatDay } from '../../format/dates';
import { formatMoney } from '../../format/money';
import { plural } from '../../format/numbers';
import { useApiQuery } from '../../hooks/useApiQuery';
import { LicenseStateBadge } from '../licenses/LicenseBadges';
import { licensePaths } from '../licenses/licensePaths';
import { PaymentStatusBadge } from '../transactions/TransactionBadges';
import { transactionPaths } from '../transactions/transactionPaths';
import './purchases.css';

const PAGE_SIZE = 10;

export function CustomerPurchasesSection({ customerId, customerName }: { customerId: number; customerName: string }) {
  const [page, setPage] = useState(1);
  const purchases = useApiQuery('customer.purchases', { customerId, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE });
  const data = purchases.data ?? purchases.lastData;
  return (
    <Section title="Purchases" count={data?.total}>
      {purchases.error ? (
        <p className="section__error" role="alert">
          {purchases.error.message}
        </p>
      ) : !data ? (
        <p className="loading">Loading purchases…</p>
      ) : data.total === 0 ? (
        <EmptyState compact title="No purchases yet.">
          <p>
            Purchases {customerName} makes through PayPal or Stripe show here with the licenses they issued, once imported on <Link to={transactionPaths.transactions}>Transactions</Link>.
          </p>
        </EmptyState>
      ) : (
        <>
          <div className="table-wrap">
            <table className={purchases.loading ? 'table table--busy' : 'table'}>
              <caption className="visually-hidden">Purchases of {customerName} and the licenses they issued</caption>
              <thead>
                <tr>
                  <th scope="col">Paid</th>
                  <th scope="col">Transaction</th>
                  <th scope="col">Items</th>
                  <th scope="col" className="cell--end">
                    Amount
                  </th>
                  <th scope="col">Status</th>
                  <th scope="col">Licenses</th>
                </tr>
              </thead>
              <tbody>
                {data.items.map((p) => (
                  <PurchaseRow key={p.transaction.id} purchase={p} />
                ))}
              </tbody>
            </table>
          </div>
          <div className="section__pages">
            <Pagination offset={data.offset} pageSize={data.limit} total={data.total} onPage={setPage} noun="purchases" />
          </div>
        </>
      )}
    </Section>
  );
}

function PurchaseRow({ purchase: { transaction: t, licenses } }: { purchase: CustomerPurchase }) {
  return (
    <tr>
      <td className="cell--nowrap">{formatDay(t.paymentDate)}</td>
      <td className="cell--nowrap">
        <Link className="code" to={transactionPaths.transaction(t.id)} aria-label={`Transaction ${t.providerTxnId}`}>
          {t.providerTxnId}
        </Link>
        <span className="cell-note">{providerLabel(t.provider)}</span>
      </td>
      <td>{t.itemsSummary || '—'}</td>
      <td className="cell--end cell--nowrap">
        {formatMoney(t.gross, t.currency)}
        {t.refunded > 0 && <span className="cell-note">{formatMoney(t.refunded, t.currency)} refunded</span>}
      </td>
      <td className="cell--nowrap">
        <PaymentStatusBadge status={t.status} />
        {t.pendingDecision && <span className="cell-note">Needs a decision</span>}
      </td>
      <td>
        {licenses.length > 0 ? (
          <ul className="purchase-licenses" aria-label={`Licenses issued for ${t.providerTxnId}`}>
            {licenses.map((l) => (
              <li key={l.id}>
                <Link to={licensePaths.license(l.id)} aria-label={`License ${l.id}`}>
                  #{l.id}
                </Link>{' '}
                <span className="code">{l.sku}</span> <LicenseStateBadge state={l.state} />
              </li>
            ))}
          </ul>
        ) : (
          <span className="muted">{noLicenseWords(t)}</span>
        )}
        {t.waitingUnits > 0 && (
          <Link className="cell-note" to={transactionPaths.waitingQueue}>
            {plural(t.waitingUnits, 'unit')} waiting
          </Link>
        )}
      </td>
    </tr>
  );
}

/** Why a purchase shows no license. */
function noLicenseWords(t: TransactionRow): string {
  if (t.status === 'waiting' || t.status === 'preauthorized') return 'None until paid';
  if (t.status === 'rejected' || t.status === 'error') return 'None: not paid';
  return 'None';
}
