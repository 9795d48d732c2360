/**
 * Every purchase and refund the payment providers reported: newest payment first,
 * filtered by status (or what needs staff), provider, payment date and SKU, searched by
 * transaction id, email or name, exported to CSV. IPN messages are imported from here.
 */
import { useState } from 'react';
import { TRANSACTION_FILTERS, TRANSACTION_SORT } from '../../../src-main/api/schemas';
import { providerLabel } from '../../../src-main/domain/sales/providers';
import { DataTable } from '../../components/DataTable';
import { EmptyState } from '../../components/EmptyState';
import { ExportCsvButton } from '../../components/ExportCsvButton';
import { FilterSelect } from '../../components/FilterSelect';
import { ListBody } from '../../components/ListBody';
import { PageHeader } from '../../components/PageHeader';
import { SearchBox } from '../../components/SearchBox';
import { useApiQuery, useWholeList } from '../../hooks/useApiQuery';
import { useListParams } from '../../hooks/useListParams';
import { ImportIpnDialog } from './ImportIpnDialog';
import { transactionColumns } from './transactionColumns';
import { transactionPaths } from './transactionPaths';
import { STATUS_FILTER_OPTIONS, type TransactionFilter } from './transactionWords';

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const PROVIDER_OPTIONS = ['paypal', 'stripe'].map((value) => ({ value, label: providerLabel(value) }));

function asStatusFilter(value: string): TransactionFilter | undefined {
  return (TRANSACTION_FILTERS as readonly string[]).includes(value) ? (value as TransactionFilter) : undefined;
}

/** The day after a `YYYY-MM-DD`: the list's `to` excludes its bound, the filter shows the last day included. */
function dayAfter(day: string): string {
  const next = new Date(`${day}T00:00:00.000Z`);
  next.setUTCDate(next.getUTCDate() + 1);
  return next.toISOString().slice(0, 10);
}

function useSkuOptions() {
  const skus = useWholeList('sku.list', { sort: 'sku', dir: 'asc' });
  return (skus.data ?? []).map((s) => ({ value: String(s.id), label: `${s.sku} · ${s.vendorName}` }));
}

export function TransactionListScreen() {
  const params = useListParams(TRANSACTION_SORT, 'paymentDate', 'desc');
  const [importing, setImporting] = useState(false);
  const from = params.filter('from');
  const to = params.filter('to');
  const filters = {
    status: asStatusFilter(params.filter('status')),
    provider: PROVIDER_OPTIONS.some((p) => p.value === params.filter('provider')) ? params.filter('provider') : undefined,
    from: DAY.test(from) ? from : undefined,
    to: DAY.test(to) ? dayAfter(to) : undefined,
    skuId: params.idFilter('sku'),
  };
  const list = useApiQuery('transaction.list', { ...params.query, ...filters });
  const skuOptions = useSkuOptions();
  const filtered = Boolean(params.search || Object.values(filters).some((v) => v !== undefined));

  const importButton = (
    <button type="button" className="button button--primary" onClick={() => setImporting(true)}>
      Import IPN…
    </button>
  );

  return (
    <>
      <PageHeader title="Transactions" subtitle="Purchases and refunds from your payment providers, and the licenses each one issued." actions={importButton} />
      <div className="list-toolbar transaction-toolbar">
        <SearchBox label="Search transactions" placeholder="Transaction id, payer email or name" value={params.search} onSearch={params.setSearch} />
        <FilterSelect label="Status" allLabel="Any status" value={params.filter('status')} onChange={(v) => params.setFilter('status', v)} options={STATUS_FILTER_OPTIONS} />
        <FilterSelect label="Provider" allLabel="Any provider" value={params.filter('provider')} onChange={(v) => params.setFilter('provider', v)} options={PROVIDER_OPTIONS} />
        <FilterSelect label="SKU" allLabel="All SKUs" value={params.filter('sku')} onChange={(v) => params.setFilter('sku', v)} options={skuOptions} />
        <DayFilter label="Paid from" value={from} onChange={(v) => params.setFilter('from', v)} />
        <DayFilter label="Paid to" value={to} onChange={(v) => params.setFilter('to', v)} />
        <span className="list-toolbar__end">
          {filtered && (
            <button type="button" className="button" onClick={params.clearFilters}>
              Clear filters
            </button>
          )}
          <ExportCsvButton list="transaction.list" noun="transaction" query={{ search: params.query.search, sort: params.sort, dir: params.dir, ...filters }} />
        </span>
      </div>
      <ListBody
        query={list}
        noun="transactions"
        onPage={params.setPage}
        filtered={filtered}
        onClearFilters={params.clearFilters}
        emptyState={
          <EmptyState title="No transactions yet." action={importButton}>
            <p>
              Transactions come from your payment providers. Import PayPal IPN or e-junkie messages (a file of them, or pasted): completed purchases issue their
              licenses, refunds revoke them. From a terminal, <code>keyhub import ipn FILE</code> does the same.
            </p>
          </EmptyState>
        }
      >
        {(items) => (
          <DataTable
            caption="Transactions"
            columns={transactionColumns}
            rows={items}
            rowKey={(t) => t.id}
            rowHref={(t) => transactionPaths.transaction(t.id)}
            sort={params.sort}
            dir={params.dir}
            onSort={params.setSort}
            busy={list.loading}
          />
        )}
      </ListBody>
      {importing && <ImportIpnDialog onClose={() => setImporting(false)} onImported={list.reload} />}
    </>
  );
}

/** A payment-date bound, by UTC day (both days included). */
function DayFilter({ label, value, onChange }: { label: string; value: string; onChange: (value: string) => void }) {
  return (
    <label className="filter">
      <span className="filter__label">{label} (UTC)</span>
      <input type="date" className="input filter__input" value={DAY.test(value) ? value : ''} onChange={(e) => onChange(e.target.value)} />
    </label>
  );
}
