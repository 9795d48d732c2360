import { Link } from 'react-router';
import { SKU_AVAILABILITY, SKU_SORT } from '../../../../src-main/api/schemas';
import { availabilityLabel } from '../../../components/Badges';
import { DataTable } from '../../../components/DataTable';
import { EmptyState } from '../../../components/EmptyState';
import { FilterSelect } from '../../../components/FilterSelect';
import { ListBody } from '../../../components/ListBody';
import { ListToolbar } from '../../../components/ListToolbar';
import { PageHeader } from '../../../components/PageHeader';
import { SearchBox } from '../../../components/SearchBox';
import { useApiQuery } from '../../../hooks/useApiQuery';
import { useListParams } from '../../../hooks/useListParams';
import { paths } from '../shared/paths';
import { useVendorOptions } from '../shared/useVendorOptions';
import { skuColumns } from './skuColumns';

type Availability = (typeof SKU_AVAILABILITY)[number];

const AVAILABILITY_OPTIONS = SKU_AVAILABILITY.map((a) => ({ value: a, label: availabilityLabel(a) }));
const columns = skuColumns({ withVendor: true });

function asAvailability(value: string): Availability | undefined {
  return (SKU_AVAILABILITY as readonly string[]).includes(value) ? (value as Availability) : undefined;
}

export function SkuListScreen() {
  const params = useListParams(SKU_SORT, 'sku');
  const vendorId = params.idFilter('vendor');
  const availability = asAvailability(params.filter('availability'));
  const list = useApiQuery('sku.list', { ...params.query, vendorId, availability });
  const vendors = useVendorOptions();
  const noVendors = !vendors.loading && vendors.options.length === 0;

  return (
    <>
      <PageHeader
        title="SKUs"
        subtitle="What you sell: each SKU grants feature codes and packages, with its limits, durations and sale window."
        actions={
          <Link className="button button--primary" to={paths.newSku(vendorId)}>
            Add SKU
          </Link>
        }
      />
      <ListToolbar>
        <SearchBox label="Search SKUs" placeholder="Search by SKU code or name" value={params.search} onSearch={params.setSearch} />
        <FilterSelect label="Vendor" allLabel="All vendors" value={params.filter('vendor')} onChange={(v) => params.setFilter('vendor', v)} options={vendors.options} />
        <FilterSelect label="Availability" allLabel="Any availability" value={params.filter('availability')} onChange={(v) => params.setFilter('availability', v)} options={AVAILABILITY_OPTIONS} />
      </ListToolbar>
      <ListBody
        query={list}
        noun="SKUs"
        onPage={params.setPage}
        filtered={Boolean(params.search || vendorId || availability)}
        onClearFilters={params.clearFilters}
        emptyState={
          noVendors ? (
            <EmptyState
              title="No SKUs yet, and no vendor to sell them."
              action={
                <Link className="button button--primary" to={paths.newVendor}>
                  Add your first vendor
                </Link>
              }
            >
              <p>Every SKU belongs to a vendor. Add the vendor first, then its SKUs.</p>
            </EmptyState>
          ) : (
            <EmptyState
              title="No SKUs yet."
              action={
                <Link className="button button--primary" to={paths.newSku()}>
                  Add your first SKU
                </Link>
              }
            >
              <p>A SKU is a product you sell. Tip: create the feature codes it grants first, then pick them on the SKU.</p>
            </EmptyState>
          )
        }
      >
        {(items) => (
          <DataTable caption="SKUs" columns={columns} rows={items} rowKey={(s) => s.id} rowHref={(s) => paths.sku(s.id)} sort={params.sort} dir={params.dir} onSort={params.setSort} busy={list.loading} />
        )}
      </ListBody>
    </>
  );
}
