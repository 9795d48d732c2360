/** A transaction's items (the SKU each became, or why its licenses wait) and the licenses they issued. */
import { Link } from 'react-router';
import type { TransactionDetail, TransactionItemDetail } from '../../../src-main/domain/sales/types';
import { EmptyState } from '../../components/EmptyState';
import { Section } from '../../components/Section';
import { formatDay } from '../../format/dates';
import { formatMoney } from '../../format/money';
import { plural } from '../../format/numbers';
import { LicenseStateBadge } from '../licenses/LicenseBadges';
import { transactionPaths } from './transactionPaths';

export function ItemsSection({ transaction: t }: { transaction: TransactionDetail }) {
  return (
    <Section title="Items" count={t.items.length}>
      {t.items.length === 0 ? (
        <EmptyState compact title="The message named no items." />
      ) : (
        <div className="table-wrap">
          <table className="table">
            <caption className="visually-hidden">Items of transaction {t.providerTxnId}</caption>
            <thead>
              <tr>
                <th scope="col">Item</th>
                <th scope="col">Number</th>
                <th scope="col" className="cell--end">
                  Quantity
                </th>
                <th scope="col" className="cell--end">
                  Amount
                </th>
                <th scope="col">SKU</th>
                <th scope="col" className="cell--end">
                  Licenses
                </th>
              </tr>
            </thead>
            <tbody>
              {t.items.map((item) => (
                <tr key={item.id}>
                  <td>
                    {item.name ?? '—'}
                    {item.options.map((o) => (
                      <span key={`${o.name}=${o.selection}`} className="cell-note">
                        {o.name}: {o.selection}
                      </span>
                    ))}
                  </td>
                  <td className="code">{item.number ?? '—'}</td>
                  <td className="cell--end">{item.quantity}</td>
                  <td className="cell--end cell--nowrap money">{formatMoney(item.gross, t.currency)}</td>
                  <td>
                    <ItemSku item={item} />
                  </td>
                  <td className="cell--end">{item.licenses.length}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Section>
  );
}

/** The SKU the item became, and why its units wait when they do. */
function ItemSku({ item }: { item: TransactionItemDetail }) {
  return (
    <>
      {item.skuId !== null && item.sku ? (
        <Link className="code" to={transactionPaths.sku(item.skuId)}>
          {item.sku}
        </Link>
      ) : (
        <span className="muted">No SKU</span>
      )}
      {item.waiting && (
        <span className="item-waiting">
          {plural(item.waiting.units, 'license')} waiting: {item.waiting.message} <Link to={transactionPaths.waitingQueue}>Waiting items</Link>
        </span>
      )}
    </>
  );
}

export function LicensesSection({ transaction: t }: { transaction: TransactionDetail }) {
  const licenses = t.items.flatMap((item) => item.licenses.map((license) => ({ license, of: item.quantity })));
  return (
    <Section title="Licenses issued" count={licenses.length}>
      {licenses.length === 0 ? (
        <EmptyState compact title="No license issued by this purchase.">
          <p>
            {t.status === 'confirmed'
              ? 'Its items wait for a SKU or a signing key (see Items).'
              : 'Licenses are issued once the payment is completed; a refund or reversal before that issues none.'}
          </p>
        </EmptyState>
      ) : (
        <div className="table-wrap">
          <table className="table">
            <caption className="visually-hidden">Licenses issued by transaction {t.providerTxnId}</caption>
            <thead>
              <tr>
                <th scope="col">License</th>
                <th scope="col">SKU</th>
                <th scope="col">Owner</th>
                <th scope="col">Unit</th>
                <th scope="col">State</th>
                <th scope="col">Expires</th>
              </tr>
            </thead>
            <tbody>
              {licenses.map(({ license: l, of }) => (
                <tr key={l.id}>
                  <td className="cell--nowrap">
                    <Link className="code" to={transactionPaths.license(l.id)} aria-label={`License ${l.id}`}>
                      #{l.id}
                    </Link>
                  </td>
                  <td className="code">{l.sku}</td>
                  <td>{l.ownerName}</td>
                  <td className="cell--nowrap">
                    {l.unit} of {of}
                  </td>
                  <td>
                    <LicenseStateBadge state={l.state} />
                  </td>
                  <td className="cell--nowrap">{formatDay(l.expires, 'Never')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Section>
  );
}
