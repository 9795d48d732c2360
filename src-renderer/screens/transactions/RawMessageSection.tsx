/** The provider's message exactly as it came: its fields decoded for reading, and the text itself to copy. */
import { useState } from 'react';
import type { TransactionDetail } from '../../../src-main/domain/sales/types';
import { CopyButton } from '../../components/CopyButton';
import { Section } from '../../components/Section';
import { plural } from '../../format/numbers';

export function RawMessageSection({ transaction: t }: { transaction: TransactionDetail }) {
  // PayPal sends many fields empty (address_*, option_*): hidden until asked for.
  const [showEmpty, setShowEmpty] = useState(false);
  const empty = t.rawFields.filter((f) => f.value === '').length;
  const fields = showEmpty ? t.rawFields : t.rawFields.filter((f) => f.value !== '');
  return (
    <Section
      title="Raw message"
      actions={
        <span className="button-row">
          {empty > 0 && (
            <button type="button" className="button button--small" onClick={() => setShowEmpty((v) => !v)}>
              {showEmpty ? 'Hide empty fields' : `Show ${plural(empty, 'empty field')}`}
            </button>
          )}
          <CopyButton text={t.raw} what="raw message" />
        </span>
      }
    >
      {fields.length > 0 && (
        <div className="table-wrap raw-fields">
          <table className="table">
            <caption className="visually-hidden">Fields of the message, decoded</caption>
            <thead>
              <tr>
                <th scope="col">Field</th>
                <th scope="col">Value</th>
              </tr>
            </thead>
            <tbody>
              {fields.map((field, i) => (
                <tr key={`${i}-${field.key}`}>
                  <td className="code cell--nowrap">{field.key}</td>
                  <td className="raw-fields__value">{field.value === '' ? <span className="muted">(empty)</span> : field.value}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <p className="section__intro muted">{t.rawFormat === 'ipn' ? 'As received, escapes and all:' : 'As received (JSON):'}</p>
      <pre className="raw-message" aria-label={`Raw message of transaction ${t.providerTxnId}`}>
        {t.raw}
      </pre>
    </Section>
  );
}
