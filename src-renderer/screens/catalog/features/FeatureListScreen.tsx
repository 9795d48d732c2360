import { Link } from 'react-router';
import { FEATURE_SORT } from '../../../../src-main/api/schemas';
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
import { featureColumns } from './featureColumns';

const columns = featureColumns({ withVendor: true });

export function FeatureListScreen() {
  const params = useListParams(FEATURE_SORT, 'code');
  const vendorId = params.idFilter('vendor');
  const list = useApiQuery('feature.list', { ...params.query, vendorId });
  const vendors = useVendorOptions();

  return (
    <>
      <PageHeader
        title="Feature codes"
        subtitle="What your apps check a license for. Each vendor has its own codes; SKUs grant them."
        actions={
          <Link className="button button--primary" to={paths.newFeature(vendorId)}>
            Add feature code
          </Link>
        }
      />
      <ListToolbar>
        <SearchBox label="Search feature codes" placeholder="Search by code or description" value={params.search} onSearch={params.setSearch} />
        <FilterSelect label="Vendor" allLabel="All vendors" value={params.filter('vendor')} onChange={(v) => params.setFilter('vendor', v)} options={vendors.options} />
      </ListToolbar>
      <ListBody
        query={list}
        noun="feature codes"
        onPage={params.setPage}
        filtered={Boolean(params.search || vendorId)}
        onClearFilters={params.clearFilters}
        emptyState={
          <EmptyState
            title="No feature codes yet."
            action={
              <Link className="button button--primary" to={paths.newFeature()}>
                Add your first feature code
              </Link>
            }
          >
            <p>A feature code names something a license unlocks, like “export-pdf” or “pro”. Your apps check for it.</p>
          </EmptyState>
        }
      >
        {(items) => (
          <DataTable caption="Feature codes" columns={columns} rows={items} rowKey={(f) => f.id} rowHref={(f) => paths.feature(f.id)} sort={params.sort} dir={params.dir} onSort={params.setSort} busy={list.loading} />
        )}
      </ListBody>
    </>
  );
}
