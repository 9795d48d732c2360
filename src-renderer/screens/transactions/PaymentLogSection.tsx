/** Every change the provider reported for a transaction (and staff decisions), oldest first. */
import type { PaymentLogEntry } from '../../../src-main/domain/sales/types';
import { Section } from '../../components/Section';
import { formatMoment } from '../../format/dates';
import { PaymentStatusBadge } from './TransactionBadges';
import { logEventLabel } from './transactionWords';

export function PaymentLogSection({ log }: { log: PaymentLogEntry[] }) {
  return (
    <Section title="Payment log" count={log.length}>
      <div className="table-wrap">
        <table className="table">
          <caption className="visually-hidden">Payment log, oldest first</caption>
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Event</th>
              <th scope="col">Status</th>
              <th scope="col">Message</th>
            </tr>
          </thead>
          <tbody>
            {log.map((entry) => (
              <tr key={entry.id}>
                <td className="cell--nowrap">
                  <LogTime entry={entry} />
                </td>
                <td className="cell--nowrap">{logEventLabel(entry.eventType)}</td>
                <td className="cell--nowrap">
                  <StatusChange from={entry.fromStatus} to={entry.toStatus} />
                </td>
                <td>{entry.message ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Section>
  );
}

function StatusChange({ from, to }: { from: PaymentLogEntry['fromStatus']; to: PaymentLogEntry['toStatus'] }) {
  if (!to) return <>—</>;
  if (!from || from === to) return <PaymentStatusBadge status={to} />;
  return (
    <span className="status-change">
      <PaymentStatusBadge status={from} /> <span aria-label="to">→</span> <PaymentStatusBadge status={to} />
    </span>
  );
}

/** When the provider says it happened (a refund's own date), and when KeyHub recorded it if that differs. */
function LogTime({ entry }: { entry: PaymentLogEntry }) {
  const occurred = typeof entry.data.occurredAt === 'string' ? entry.data.occurredAt : null;
  if (!occurred || formatMoment(occurred) === formatMoment(entry.createdAt)) return <time dateTime={entry.createdAt}>{formatMoment(entry.createdAt)}</time>;
  return (
    <>
      <time dateTime={occurred}>{formatMoment(occurred)}</time>
      <span className="cell-note">recorded {formatMoment(entry.createdAt)}</span>
    </>
  );
}
