/**
 * The mappings staff have made (an item number or name → a SKU), each removable after a
 * confirmation. Removing one changes nothing already issued: it only stops future matches.
 */
import { Link } from 'react-router';
import type { ItemMapping } from '../../../src-main/domain/sales/types';
import { api } from '../../api/client';
import { ConfirmButton } from '../../components/ConfirmButton';
import { EmptyState } from '../../components/EmptyState';
import { Section } from '../../components/Section';
import { useToast } from '../../components/Toasts';
import { formatMoment } from '../../format/dates';
import type { QueryState } from '../../hooks/useApiQuery';
import { paths } from '../catalog/shared/paths';
import { MATCH_FIELD_LABELS, mappingWords } from './fulfilmentWords';

interface MappingsSectionProps {
  query: QueryState<ItemMapping[]>;
  onChanged: () => void;
}

export function MappingsSection({ query, onChanged }: MappingsSectionProps) {
  const toast = useToast();
  const mappings = query.data ?? query.lastData;
  return (
    <Section title="Item mappings" count={mappings?.length}>
      {query.error ? (
        <p className="section__error" role="alert">
          {query.error.message}
        </p>
      ) : !mappings ? (
        <p className="loading">Loading mappings…</p>
      ) : mappings.length === 0 ? (
        <EmptyState compact title="No mappings yet.">
          <p>
            Items find their SKU by its code: e-junkie’s <code>sku</code> field, or the code after <code>||</code> in the item number. When an item names none, map
            it from the queue above and later purchases of it follow the mapping.
          </p>
        </EmptyState>
      ) : (
        <div className="table-wrap">
          <table className="table">
            <caption className="visually-hidden">Item mappings</caption>
            <thead>
              <tr>
                <th scope="col">Items with</th>
                <th scope="col">SKU</th>
                <th scope="col">Vendor</th>
                <th scope="col">Made by</th>
                <th scope="col">Made</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {mappings.map((m) => (
                <tr key={m.id}>
                  <td>
                    <span className="cell-note">{MATCH_FIELD_LABELS[m.matchField]}</span>
                    <code>{m.matchValue}</code>
                  </td>
                  <td>
                    <Link className="code" to={paths.sku(m.skuId)}>
                      {m.sku}
                    </Link>
                    {m.skuName && <span className="cell-note">{m.skuName}</span>}
                  </td>
                  <td>{m.vendorName}</td>
                  <td>{m.createdBy}</td>
                  <td className="cell--nowrap">{formatMoment(m.createdAt)}</td>
                  <td className="cell--nowrap">
                    <ConfirmButton
                      small
                      label="Delete"
                      ariaLabel={`Delete the mapping of ${mappingWords(m.matchField, m.matchValue)}`}
                      title={`Delete the mapping of ${mappingWords(m.matchField, m.matchValue)}?`}
                      confirmLabel="Delete mapping"
                      busyLabel="Deleting…"
                      refusedTitle="The mapping was not deleted"
                      run={() => api('fulfilment.unmap', { id: m.id })}
                      onDone={() => {
                        toast.success(`Mapping of ${mappingWords(m.matchField, m.matchValue)} deleted.`);
                        onChanged();
                      }}
                    >
                      <p>
                        Items with {mappingWords(m.matchField, m.matchValue)} will no longer map to <strong>{m.sku}</strong>: purchases of them imported from now on
                        wait in the queue, unless they name a SKU code.
                      </p>
                      <p className="muted">Licenses already issued through this mapping stay, and so do the SKUs given to items already recorded.</p>
                    </ConfirmButton>
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
