/**
 * Waiting items: completed purchases whose licenses could not be issued yet, grouped by
 * what the items are called (no SKU matches them) or by their SKU (it cannot sign).
 * Mapping a group to a SKU, or fulfilling once the SKU has a key, issues them at once.
 * Below, the mappings staff have made, each removable.
 */
import { useState } from 'react';
import { Link } from 'react-router';
import { WAITING_REASONS } from '../../../src-main/api/schemas';
import type { WaitingGroup } from '../../../src-main/domain/sales/types';
import { EmptyState } from '../../components/EmptyState';
import { FilterSelect } from '../../components/FilterSelect';
import { PageHeader } from '../../components/PageHeader';
import { Pagination } from '../../components/Pagination';
import { Section } from '../../components/Section';
import { useToast } from '../../components/Toasts';
import { useApiForm } from '../../forms/useApiForm';
import { useApiQuery } from '../../hooks/useApiQuery';
import { paths } from '../catalog/shared/paths';
import { useVault, VaultProvider } from '../keys/VaultContext';
import { transactionPaths } from '../transactions/transactionPaths';
import { amountsWords, groupName, mappedWords, needsMapping, paidWords, retriedWords, WAITING_REASON_LABELS } from './fulfilmentWords';
import { MapItemDialog } from './MapItemDialog';
import { MappingsSection } from './MappingsSection';
import './fulfilment.css';

const PAGE_SIZE = 50;

type QueueReason = (typeof WAITING_REASONS)[number];

const REASON_FILTERS = WAITING_REASONS.map((reason) => ({ value: reason, label: WAITING_REASON_LABELS[reason] }));

/** Mapping and fulfilling sign licenses, so the screen has the vault's unlock dialogs. */
export function FulfilmentScreen() {
  return (
    <VaultProvider>
      <FulfilmentQueue />
    </VaultProvider>
  );
}

function FulfilmentQueue() {
  const toast = useToast();
  const [reason, setReason] = useState<QueueReason | ''>('');
  const [page, setPage] = useState(1);
  const [mapping, setMapping] = useState<WaitingGroup | null>(null);
  const waiting = useApiQuery('fulfilment.waiting', { ...(reason ? { reason } : {}), limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE });
  const mappings = useApiQuery('fulfilment.mappings', {});
  const data = waiting.data ?? waiting.lastData;

  const reloadAll = () => {
    waiting.reload();
    mappings.reload();
  };

  return (
    <>
      <PageHeader title="Waiting items" subtitle="Completed purchases whose licenses wait for a SKU mapping or a signing key." />
      <Section
        title="Waiting"
        count={data?.total}
        actions={
          <FilterSelect
            label="Why"
            value={reason}
            allLabel="Every reason"
            options={REASON_FILTERS}
            onChange={(v) => {
              setReason(v as QueueReason | '');
              setPage(1);
            }}
          />
        }
      >
        {waiting.error ? (
          <p className="section__error" role="alert">
            {waiting.error.message}{' '}
            <button type="button" className="button button--small" onClick={waiting.reload}>
              Try again
            </button>
          </p>
        ) : !data ? (
          <p className="loading" aria-busy="true">
            Loading what waits…
          </p>
        ) : data.total === 0 ? (
          reason ? (
            <EmptyState compact title="Nothing waits for this reason." />
          ) : (
            <EmptyState compact title="Nothing waits: every completed purchase has its licenses.">
              <p>
                Purchases whose items match no SKU, or whose SKU cannot sign, show here after an import on <Link to={transactionPaths.transactions}>Transactions</Link>.
              </p>
            </EmptyState>
          )
        ) : (
          <>
            <WaitingTable groups={data.items} busy={waiting.loading} onMap={setMapping} onFulfilled={reloadAll} />
            <div className="section__pages">
              <Pagination offset={data.offset} pageSize={data.limit} total={data.total} onPage={setPage} noun="groups" />
            </div>
          </>
        )}
      </Section>
      <MappingsSection query={mappings} onChanged={reloadAll} />
      {mapping && (
        <MapItemDialog
          group={mapping}
          onClose={() => setMapping(null)}
          onMapped={(result, name) => {
            setMapping(null);
            toast.success(mappedWords(name, result.mapping.sku, result));
            reloadAll();
          }}
        />
      )}
    </>
  );
}

interface WaitingTableProps {
  groups: WaitingGroup[];
  busy: boolean;
  onMap: (group: WaitingGroup) => void;
  onFulfilled: () => void;
}

function WaitingTable({ groups, busy, onMap, onFulfilled }: WaitingTableProps) {
  return (
    <div className="table-wrap">
      <table className={busy ? 'table table--busy' : 'table'}>
        <caption className="visually-hidden">Items waiting for their licenses</caption>
        <thead>
          <tr>
            <th scope="col">Item</th>
            <th scope="col">Why it waits</th>
            <th scope="col" className="cell--end">
              Purchases
            </th>
            <th scope="col" className="cell--end">
              Units
            </th>
            <th scope="col" className="cell--end">
              Amount
            </th>
            <th scope="col">Paid</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {groups.map((g) => (
            <tr key={g.key} data-group={g.key}>
              <td>
                <ItemCell group={g} />
              </td>
              <td>
                <span className={`badge badge--waiting-${g.ready ? 'ready' : g.reason}`}>{g.ready ? 'Ready to fulfil' : WAITING_REASON_LABELS[g.reason]}</span>
                <span className="cell-note">{g.message}</span>
              </td>
              <td className="cell--end cell--nowrap">{g.purchases.toLocaleString()}</td>
              <td className="cell--end cell--nowrap">{g.units.toLocaleString()}</td>
              <td className="cell--end cell--nowrap">{amountsWords(g.gross)}</td>
              <td className="cell--nowrap">{paidWords(g)}</td>
              <td className="cell--nowrap">
                {needsMapping(g) ? (
                  <button type="button" className="button button--small button--primary" onClick={() => onMap(g)} aria-label={`Map ${groupName(g)} to a SKU`}>
                    Map to SKU…
                  </button>
                ) : (
                  <KeyActions group={g} onFulfilled={onFulfilled} />
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function ItemCell({ group }: { group: WaitingGroup }) {
  return (
    <div className="waiting-item">
      {group.itemNumber && <code className="waiting-item__number">{group.itemNumber}</code>}
      {group.itemName && <span className="waiting-item__name">{group.itemName}</span>}
      {group.skuCode && <span className="cell-note">SKU code {group.skuCode}</span>}
      {!group.itemNumber && !group.itemName && !group.skuCode && <span className="muted">No number or name</span>}
    </div>
  );
}

/** A SKU that cannot sign: open it to choose or rotate its key, then fulfil what waits. */
function KeyActions({ group, onFulfilled }: { group: WaitingGroup; onFulfilled: () => void }) {
  const form = useApiForm();
  const vault = useVault();
  const toast = useToast();
  const { skuId } = group;

  async function fulfil() {
    const result = await form.submit('fulfilment.retry', {}, vault.recoverLocked);
    if (!result) return;
    (result.issued > 0 ? toast.success : toast.info)(retriedWords(result));
    onFulfilled();
  }

  return (
    <div className="waiting-actions">
      {skuId !== null && (
        <Link className="button button--small" to={paths.sku(skuId)}>
          Open SKU {group.sku}
        </Link>
      )}
      <button type="button" className="button button--small button--primary" onClick={() => void fulfil()} disabled={form.saving}>
        {form.saving ? 'Fulfilling…' : 'Fulfil waiting'}
      </button>
      {form.banner && (
        <p className="field__error" role="alert">
          {form.banner}
        </p>
      )}
    </div>
  );
}
