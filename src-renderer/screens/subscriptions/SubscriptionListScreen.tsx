/**
 * Subscriptions synced from Stripe: filtered by status ("Renewal ended" among them) and
 * SKU, searched, sorted by start, period end, status or customer; each row leads to the
 * subscription with its items and the licenses they issued.
 */
import { Link } from 'react-router';
import { SUBSCRIPTION_FILTERS, SUBSCRIPTION_SORT } from '../../../src-main/api/schemas';
import { DataTable } from '../../components/DataTable';
import { EmptyState } from '../../components/EmptyState';
import { FilterSelect } from '../../components/FilterSelect';
import { ListBody } from '../../components/ListBody';
import { PageHeader } from '../../components/PageHeader';
import { SearchBox } from '../../components/SearchBox';
import { useApiQuery, useWholeList } from '../../hooks/useApiQuery';
import { useListParams } from '../../hooks/useListParams';
import { syncPaths } from '../sync/syncPaths';
import { subscriptionColumns } from './subscriptionColumns';
import { SUBSCRIPTION_FILTER_OPTIONS, type SubscriptionFilter } from './subscriptionWords';
import './subscriptions.css';

function asStatusFilter(value: string): SubscriptionFilter | undefined {
  return (SUBSCRIPTION_FILTERS as readonly string[]).includes(value) ? (value as SubscriptionFilter) : undefined;
}

function useSkuOptions() {
  const skus = useWholeList('sku.list', { sort: 'sku', dir: 'asc' });
  return (skus.data ?? []).map((s) => ({ value: String(s.id), label: `${s.sku} · ${s.vendorName}` }));
}

export function SubscriptionListScreen() {
  const params = useListParams(SUBSCRIPTION_SORT, 'startedAt', 'desc');
  const filters = {
    status: asStatusFilter(params.filter('status')),
    skuId: params.idFilter('sku'),
    customerId: params.idFilter('customer'),
  };
  const list = useApiQuery('subscription.list', { ...params.query, ...filters });
  const skuOptions = useSkuOptions();
  const filtered = Boolean(params.search || Object.values(filters).some((v) => v !== undefined));

  return (
    <>
      <PageHeader title="Subscriptions" subtitle="Recurring plans synced from Stripe: where each stands, and the licenses that follow it." />
      <div className="list-toolbar">
        <SearchBox label="Search subscriptions" placeholder="Subscription id, customer name or email" value={params.search} onSearch={params.setSearch} />
        <FilterSelect label="Status" allLabel="Any status" value={params.filter('status')} onChange={(v) => params.setFilter('status', v)} options={SUBSCRIPTION_FILTER_OPTIONS} />
        <FilterSelect label="SKU" allLabel="All SKUs" value={params.filter('sku')} onChange={(v) => params.setFilter('sku', v)} options={skuOptions} />
        {filtered && (
          <span className="list-toolbar__end">
            <button type="button" className="button" onClick={params.clearFilters}>
              Clear filters
            </button>
          </span>
        )}
      </div>
      <ListBody
        query={list}
        noun="subscriptions"
        onPage={params.setPage}
        filtered={filtered}
        onClearFilters={params.clearFilters}
        emptyState={
          <EmptyState
            title="No subscriptions yet."
            action={
              <Link className="button button--primary" to={syncPaths.sync}>
                Go to Sync
              </Link>
            }
          >
            <p>
              Subscriptions come from Stripe. Once Stripe is connected (Settings) and synced, each subscription shows here; its licenses run to the end of the paid
              period plus the SKU’s grace days, and stop following it when renewal ends.
            </p>
          </EmptyState>
        }
      >
        {(items) => (
          <DataTable
            caption="Subscriptions"
            columns={subscriptionColumns}
            rows={items}
            rowKey={(s) => s.id}
            rowHref={(s) => syncPaths.subscription(s.id)}
            sort={params.sort}
            dir={params.dir}
            onSort={params.setSort}
            busy={list.loading}
          />
        )}
      </ListBody>
    </>
  );
}
