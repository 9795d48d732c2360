/**
 * One transaction: what was paid, by whom and through which provider; its items with
 * the SKU each became (or why its licenses wait); the licenses it issued; every change
 * the provider reported; and the message exactly as it came. A partial refund waits for
 * staff's decision at the top.
 */
import { Link } from 'react-router';
import { providerLabel } from '../../../src-main/domain/sales/providers';
import type { TransactionDetail } from '../../../src-main/domain/sales/types';
import { Facts } from '../../components/Facts';
import { PageHeader } from '../../components/PageHeader';
import { Section } from '../../components/Section';
import { formatMoment } from '../../format/dates';
import { formatMoney } from '../../format/money';
import { plural } from '../../format/numbers';
import { RouteRecord } from '../catalog/shared/RouteRecord';
import { DecisionPanel } from './DecisionPanel';
import { LicensesSection, ItemsSection } from './ItemsSections';
import { PaymentLogSection } from './PaymentLogSection';
import { RawMessageSection } from './RawMessageSection';
import { PaymentStatusBadge } from './TransactionBadges';
import { transactionPaths } from './transactionPaths';

export function TransactionDetailScreen() {
  return (
    <RouteRecord method="transaction.get" what="transaction">
      {(transaction, reload) => <TransactionDetailView transaction={transaction} reload={reload} />}
    </RouteRecord>
  );
}

function TransactionDetailView({ transaction: t, reload }: { transaction: TransactionDetail; reload: () => void }) {
  const money = (minor: number) => formatMoney(minor, t.currency);
  const payer = t.customerId !== null ? <Link to={transactionPaths.customer(t.customerId)}>{t.payerName ?? t.customerName}</Link> : (t.payerName ?? '—');
  return (
    <>
      <PageHeader
        title={`Transaction ${t.providerTxnId}`}
        titleAside={<PaymentStatusBadge status={t.status} />}
        subtitle={
          <>
            {t.payerName ?? 'Unknown payer'} · {money(t.gross)} · {providerLabel(t.provider)} · {formatMoment(t.paymentDate)}
          </>
        }
        back={{ to: transactionPaths.transactions, label: 'Transactions' }}
      />
      {t.pendingDecision && <DecisionPanel transaction={t} onDecided={reload} />}
      {t.waitingUnits > 0 && (
        <p className="state-notice state-notice--suspended" role="status">
          {plural(t.waitingUnits, 'license')} of this purchase {t.waitingUnits === 1 ? 'is' : 'are'} not issued yet: see why under Items, or go to the{' '}
          <Link to={transactionPaths.waitingQueue}>waiting items</Link>.
        </p>
      )}

      <div className="detail-grid">
        <Section title="Payment">
          <Facts
            facts={[
              { label: 'Status', value: <PaymentStatusBadge status={t.status} /> },
              { label: 'Provider', value: providerLabel(t.provider) },
              { label: 'Transaction id', value: <span className="code">{t.providerTxnId}</span> },
              { label: 'Type', value: t.txnType ?? '—' },
              { label: 'Payment date', value: formatMoment(t.paymentDate), hint: `${t.paymentDate.slice(0, 19).replace('T', ' ')} UTC` },
              { label: 'Gross', value: <span className="money">{money(t.gross)}</span> },
              { label: 'Fee', value: <span className="money">{money(t.fee)}</span> },
              { label: 'Tax', value: <span className="money">{money(t.tax)}</span> },
              { label: 'Shipping', value: <span className="money">{money(t.shipping)}</span> },
              {
                label: 'Refunded',
                value: <span className={t.refunded > 0 ? 'money money--refund' : 'money'}>{money(t.refunded)}</span>,
                hint: t.refunded > 0 && t.refunded < t.gross ? `${money(t.gross - t.refunded)} kept.` : undefined,
              },
              { label: 'Paid to', value: t.business ?? '—' },
            ]}
          />
        </Section>
        <Section title="Payer">
          <Facts
            facts={[
              { label: 'Payer', value: payer, hint: t.customerId !== null && t.customerName && t.customerName !== t.payerName ? `Customer: ${t.customerName}` : undefined },
              { label: 'Email', value: t.payerEmail ?? '—' },
              { label: 'Name', value: [t.payerFirstName, t.payerLastName].filter(Boolean).join(' ') || '—' },
              { label: 'Business', value: t.payerBusinessName || '—' },
              { label: 'Country', value: t.residenceCountry ?? '—' },
              { label: 'Payer id', value: t.payerId ? <span className="code">{t.payerId}</span> : '—', hint: `${providerLabel(t.provider)}’s id for the payer.` },
              { label: 'Recorded', value: formatMoment(t.createdAt) },
            ]}
          />
        </Section>
      </div>

      <ItemsSection transaction={t} />
      <LicensesSection transaction={t} />
      <PaymentLogSection log={t.log} />
      <RawMessageSection transaction={t} />
    </>
  );
}
