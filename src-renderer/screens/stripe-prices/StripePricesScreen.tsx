/**
 * Stripe prices and the SKU each one's purchases issue licenses of: by the `keyhub_sku`
 * metadata, by a mapping made here, or not at all (its purchases wait). "Map to SKU…"
 * saves a mapping by item number (the price id) and fulfils what waits; "Remove mapping"
 * stops future matches and leaves issued licenses alone.
 */
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import type { StripePriceRow } from '../../../src-main/domain/sync/types';
import { api } from '../../api/client';
import { ConfirmButton } from '../../components/ConfirmButton';
import { DataTable, type Column } from '../../components/DataTable';
import { EmptyState } from '../../components/EmptyState';
import { ListBody } from '../../components/ListBody';
import { PageHeader } from '../../components/PageHeader';
import { SearchBox } from '../../components/SearchBox';
import { useToast } from '../../components/Toasts';
import { plural } from '../../format/numbers';
import { useApiQuery } from '../../hooks/useApiQuery';
import { PAGE_SIZE, SEARCH_MAX_LENGTH } from '../../hooks/useListParams';
import { mappedWords } from '../fulfilment/fulfilmentWords';
import { syncPaths } from '../sync/syncPaths';
import { MapPriceDialog } from './MapPriceDialog';
import { PRICE_MATCH_HINTS, PRICE_MATCH_LABELS, priceName, priceWords } from './priceWords';
import './stripe-prices.css';

/** The search, the "unmatched only" switch and the page, in the address (Back returns to the same view). */
function usePriceParams() {
  const [params, setParams] = useSearchParams();
  const search = (params.get('q') ?? '').slice(0, SEARCH_MAX_LENGTH);
  const unmatched = params.get('match') === 'unmatched';
  const page = Math.max(1, Number.parseInt(params.get('page') ?? '1', 10) || 1);
  const update = (changes: Record<string, string | null>) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        for (const [name, value] of Object.entries(changes)) {
          if (value) next.set(name, value);
          else next.delete(name);
        }
        return next;
      },
      { replace: true },
    );
  return {
    search,
    unmatched,
    query: { ...(search ? { search } : {}), ...(unmatched ? { match: 'unmatched' as const } : {}), limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE },
    setSearch: (text: string) => update({ q: text.trim() || null, page: null }),
    setUnmatched: (on: boolean) => update({ match: on ? 'unmatched' : null, page: null }),
    setPage: (next: number) => update({ page: next > 1 ? String(next) : null }),
    clear: () => update({ q: null, match: null, page: null }),
  };
}

export function StripePricesScreen() {
  const toast = useToast();
  const params = usePriceParams();
  const list = useApiQuery('stripe.prices', params.query);
  const [mapping, setMapping] = useState<StripePriceRow | null>(null);
  const data = list.data ?? list.lastData;
  const everyPriceMatches = params.unmatched && !params.search && data?.total === 0;

  const columns: Column<StripePriceRow>[] = [
    {
      id: 'price',
      header: 'Price',
      cell: (p) => (
        <>
          <span className="price-name">{priceName(p)}</span>
          <span className="cell-note code">{p.priceId}</span>
          {!p.active && <span className="cell-note">Archived at Stripe</span>}
        </>
      ),
    },
    {
      id: 'product',
      header: 'Product',
      cell: (p) => (
        <>
          {p.productName ?? '—'}
          {p.productId && <span className="cell-note code">{p.productId}</span>}
        </>
      ),
    },
    { id: 'amount', header: 'Amount', nowrap: true, cell: (p) => <span className="money">{priceWords(p)}</span> },
    { id: 'metadata', header: 'Metadata SKU', nowrap: true, cell: (p) => (p.metadataSku ? <code>{p.metadataSku}</code> : <span className="muted">—</span>) },
    {
      id: 'sku',
      header: 'SKU',
      cell: (p) => (
        <>
          {p.skuId !== null && p.sku ? (
            <Link className="code" to={syncPaths.sku(p.skuId)}>
              {p.sku}
            </Link>
          ) : (
            <span className="muted">No SKU</span>
          )}{' '}
          <span className={`badge badge--price-${p.match}`} title={PRICE_MATCH_HINTS[p.match]}>
            {PRICE_MATCH_LABELS[p.match]}
          </span>
          {p.skuName && <span className="cell-note price-sku-name">{p.skuName}</span>}
        </>
      ),
    },
    {
      id: 'waiting',
      header: 'Waiting',
      align: 'end',
      nowrap: true,
      cell: (p) => (p.waitingUnits > 0 ? <span className="price-waiting">{plural(p.waitingUnits, 'unit')}</span> : <span className="muted">0</span>),
    },
    {
      id: 'actions',
      header: 'Actions',
      nowrap: true,
      cell: (p) => <PriceActions price={p} onMap={setMapping} onUnmapped={list.reload} />,
    },
  ];

  return (
    <>
      <PageHeader
        title="Stripe prices"
        subtitle={
          <>
            Each synced price and the SKU its purchases issue licenses of: named by the price’s (or its product’s) <code>keyhub_sku</code> metadata, or by a
            mapping made here.
          </>
        }
      />
      <div className="list-toolbar">
        <SearchBox label="Search prices" placeholder="Price id, nickname or product" value={params.search} onSearch={params.setSearch} />
        <label className="toolbar-check">
          <input type="checkbox" className="checkbox" checked={params.unmatched} onChange={(e) => params.setUnmatched(e.target.checked)} />
          Unmatched only
        </label>
      </div>
      {everyPriceMatches ? (
        <EmptyState compact title="Every synced price finds its SKU.">
          <p>New prices show here after the next sync if nothing names their SKU.</p>
        </EmptyState>
      ) : (
        <ListBody
          query={list}
          noun="prices"
          onPage={params.setPage}
          filtered={Boolean(params.search || params.unmatched)}
          onClearFilters={params.clear}
          emptyState={
            <EmptyState
              title="No Stripe prices yet."
              action={
                <Link className="button button--primary" to={syncPaths.sync}>
                  Go to Sync
                </Link>
              }
            >
              <p>
                Prices show here once Stripe is connected (Settings) and synced. Give a price or its product the metadata <code>keyhub_sku</code> = a SKU code at
                Stripe, or map it here; purchases of a price that finds no SKU wait on Waiting items.
              </p>
            </EmptyState>
          }
        >
          {(items) => <DataTable caption="Stripe prices" columns={columns} rows={items} rowKey={(p) => p.priceId} busy={list.loading} />}
        </ListBody>
      )}
      {mapping && (
        <MapPriceDialog
          price={mapping}
          onClose={() => setMapping(null)}
          onMapped={(result) => {
            setMapping(null);
            toast.success(mappedWords(mapping.priceId, result.mapping.sku, result));
            list.reload();
          }}
        />
      )}
    </>
  );
}

interface PriceActionsProps {
  price: StripePriceRow;
  onMap: (price: StripePriceRow) => void;
  onUnmapped: () => void;
}

function PriceActions({ price: p, onMap, onUnmapped }: PriceActionsProps) {
  const toast = useToast();
  if (p.match === 'metadata') return <span className="muted">Named by metadata</span>;
  const mappingId = p.mappingId;
  return (
    <span className="button-row price-actions">
      <button type="button" className="button button--small button--primary" onClick={() => onMap(p)} aria-label={`${mappingId === null ? 'Map' : 'Change the mapping of'} ${p.priceId} to a SKU`}>
        {mappingId === null ? 'Map to SKU…' : 'Change…'}
      </button>
      {mappingId !== null && (
        <ConfirmButton
          small
          label="Remove mapping"
          ariaLabel={`Remove the mapping of ${p.priceId}`}
          title={`Remove the mapping of ${p.priceId}?`}
          confirmLabel="Remove mapping"
          busyLabel="Removing…"
          refusedTitle="The mapping was not removed"
          run={() => api('fulfilment.unmap', { id: mappingId })}
          onDone={() => {
            toast.success(`Mapping of ${p.priceId} removed.`);
            onUnmapped();
          }}
        >
          <p>
            Purchases of <code>{p.priceId}</code> synced from now on no longer get licenses of <strong>{p.sku}</strong>
            {p.metadataSku ? <>: they follow its metadata (<code>{p.metadataSku}</code>) again.</> : ': they wait on Waiting items until it is mapped again.'}
          </p>
          <p className="muted">Licenses already issued through this mapping stay.</p>
        </ConfirmButton>
      )}
    </span>
  );
}
