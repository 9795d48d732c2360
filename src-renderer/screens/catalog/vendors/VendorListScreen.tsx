import { Link } from 'react-router';
import { VENDOR_SORT } from '../../../../src-main/api/schemas';
import type { VendorRow } from '../../../../src-main/domain/catalog/types';
import { DataTable, type Column } from '../../../components/DataTable';
import { EmptyState } from '../../../components/EmptyState';
import { ListBody } from '../../../components/ListBody';
import { ListToolbar } from '../../../components/ListToolbar';
import { PageHeader } from '../../../components/PageHeader';
import { SearchBox } from '../../../components/SearchBox';
import { formatDay } from '../../../format/dates';
import { useApiQuery } from '../../../hooks/useApiQuery';
import { useListParams } from '../../../hooks/useListParams';
import { paths } from '../shared/paths';

type VendorSort = (typeof VENDOR_SORT)[number];

const columns: Column<VendorRow, VendorSort>[] = [
  { id: 'name', header: 'Name', sortKey: 'name', cell: (v) => <Link to={paths.vendor(v.id)}>{v.name}</Link> },
  { id: 'country', header: 'Location', sortKey: 'country', cell: (v) => locationOf(v) || <span className="muted">—</span> },
  { id: 'skus', header: 'SKUs', align: 'end', nowrap: true, cell: (v) => v.skuCount },
  { id: 'features', header: 'Feature codes', align: 'end', nowrap: true, cell: (v) => v.featureCount },
  { id: 'packages', header: 'Packages', align: 'end', nowrap: true, cell: (v) => v.packageCount },
  { id: 'createdAt', header: 'Added', sortKey: 'createdAt', nowrap: true, cell: (v) => formatDay(v.createdAt) },
];

export function locationOf(v: { city: string | null; region: string | null; country: string | null }): string {
  return [v.city, v.region, v.country].filter(Boolean).join(', ');
}

export function VendorListScreen() {
  const params = useListParams(VENDOR_SORT, 'name');
  const list = useApiQuery('vendor.list', params.query);

  return (
    <>
      <PageHeader
        title="Vendors"
        subtitle="The companies whose products you license. Each has its own SKUs, feature codes, packages and signing keys."
        actions={
          <Link className="button button--primary" to={paths.newVendor}>
            Add vendor
          </Link>
        }
      />
      <ListToolbar>
        <SearchBox
          label="Search vendors"
          placeholder="Search by name, city or country"
          value={params.search}
          onSearch={params.setSearch}
        />
      </ListToolbar>
      <ListBody
        query={list}
        noun="vendors"
        onPage={params.setPage}
        filtered={Boolean(params.search)}
        onClearFilters={params.clearFilters}
        emptyState={
          <EmptyState
            title="No vendors yet."
            action={
              <Link className="button button--primary" to={paths.newVendor}>
                Add your first vendor
              </Link>
            }
          >
            <p>Start with the company whose products you sell. Its SKUs, feature codes and packages come next.</p>
          </EmptyState>
        }
      >
        {(items) => (
          <DataTable
            caption="Vendors"
            columns={columns}
            rows={items}
            rowKey={(v) => v.id}
            rowHref={(v) => paths.vendor(v.id)}
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
