import { Link } from 'react-router';
import { PACKAGE_SORT } from '../../../../src-main/api/schemas';
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
import { packageColumns } from './packageColumns';

const columns = packageColumns({ withVendor: true });

export function PackageListScreen() {
  const params = useListParams(PACKAGE_SORT, 'displayName');
  const vendorId = params.idFilter('vendor');
  const list = useApiQuery('package.list', { ...params.query, vendorId });
  const vendors = useVendorOptions();

  return (
    <>
      <PageHeader
        title="Packages"
        subtitle="The downloads a license gives access to, and their releases."
        actions={
          <Link className="button button--primary" to={paths.newPackage(vendorId)}>
            Add package
          </Link>
        }
      />
      <ListToolbar>
        <SearchBox label="Search packages" placeholder="Search by package name" value={params.search} onSearch={params.setSearch} />
        <FilterSelect label="Vendor" allLabel="All vendors" value={params.filter('vendor')} onChange={(v) => params.setFilter('vendor', v)} options={vendors.options} />
      </ListToolbar>
      <ListBody
        query={list}
        noun="packages"
        onPage={params.setPage}
        filtered={Boolean(params.search || vendorId)}
        onClearFilters={params.clearFilters}
        emptyState={
          <EmptyState
            title="No packages yet."
            action={
              <Link className="button button--primary" to={paths.newPackage()}>
                Add your first package
              </Link>
            }
          >
            <p>A package is a download (an installer, a plugin) with its releases. Link it to the SKUs whose licenses include it.</p>
          </EmptyState>
        }
      >
        {(items) => (
          <DataTable caption="Packages" columns={columns} rows={items} rowKey={(p) => p.id} rowHref={(p) => paths.package(p.id)} sort={params.sort} dir={params.dir} onSort={params.setSort} busy={list.loading} />
        )}
      </ListBody>
    </>
  );
}
