import { Link } from 'react-router';
import { LICENSE_FILTERS, LICENSE_SORT } from '../../../src-main/api/schemas';
import { DataTable } from '../../components/DataTable';
import { EmptyState } from '../../components/EmptyState';
import { ExportCsvButton } from '../../components/ExportCsvButton';
import { FilterSelect } from '../../components/FilterSelect';
import { ListBody } from '../../components/ListBody';
import { PageHeader } from '../../components/PageHeader';
import { SearchBox } from '../../components/SearchBox';
import { useApiQuery, useWholeList } from '../../hooks/useApiQuery';
import { useListParams } from '../../hooks/useListParams';
import { licenseColumns } from './licenseColumns';
import { licensePaths } from './licensePaths';

type LicenseFilter = (typeof LICENSE_FILTERS)[number];

const LICENSE_FILTER_OPTIONS: { value: LicenseFilter; label: string }[] = [
  { value: 'active', label: 'Active' },
  { value: 'expiring', label: 'Expiring in 30 days' },
  { value: 'suspended', label: 'Suspended' },
  { value: 'revoked', label: 'Revoked' },
  { value: 'expired', label: 'Expired' },
];

function asLicenseFilter(value: string): LicenseFilter | undefined {
  return (LICENSE_FILTERS as readonly string[]).includes(value) ? (value as LicenseFilter) : undefined;
}

/** Every SKU as a filter choice: "R3-PRO · Acme Software". */
function useSkuOptions() {
  const skus = useWholeList('sku.list', { sort: 'sku', dir: 'asc' });
  return (skus.data ?? []).map((s) => ({ value: String(s.id), label: `${s.sku} · ${s.vendorName}` }));
}

export function LicenseListScreen() {
  const params = useListParams(LICENSE_SORT, 'id', 'desc');
  const state = asLicenseFilter(params.filter('state'));
  const skuId = params.idFilter('sku');
  const filters = { state, skuId };
  const list = useApiQuery('license.list', { ...params.query, ...filters });
  const skuOptions = useSkuOptions();

  return (
    <>
      <PageHeader
        title="Licenses"
        subtitle="Every license issued: who owns it, what it grants, its domains and where it stands."
        actions={
          <Link className="button button--primary" to={licensePaths.newLicense}>
            Issue license
          </Link>
        }
      />
      {/* A wider search box than other lists: its placeholder names everything it finds. */}
      <div className="list-toolbar list-toolbar--wide-search">
        <SearchBox
          label="Search licenses"
          placeholder="Owner, customer, email, domain, license id, app id or app key"
          value={params.search}
          onSearch={params.setSearch}
        />
        <FilterSelect label="State" allLabel="Any state" value={params.filter('state')} onChange={(v) => params.setFilter('state', v)} options={LICENSE_FILTER_OPTIONS} />
        <FilterSelect label="SKU" allLabel="All SKUs" value={params.filter('sku')} onChange={(v) => params.setFilter('sku', v)} options={skuOptions} />
        <span className="list-toolbar__end">
          <ExportCsvButton list="license.list" noun="license" query={{ search: params.query.search, sort: params.sort, dir: params.dir, ...filters }} />
        </span>
      </div>
      <ListBody
        query={list}
        noun="licenses"
        onPage={params.setPage}
        filtered={Boolean(params.search || state || skuId)}
        onClearFilters={params.clearFilters}
        emptyState={
          <EmptyState
            title="No licenses yet."
            action={
              <Link className="button button--primary" to={licensePaths.newLicense}>
                Issue your first license
              </Link>
            }
          >
            <p>A license is issued from a SKU to an owner, signed with the SKU’s key. Issued licenses, with their domains and apps, are listed here.</p>
          </EmptyState>
        }
      >
        {(items) => (
          <DataTable
            caption="Licenses"
            columns={licenseColumns}
            rows={items}
            rowKey={(l) => l.id}
            rowHref={(l) => licensePaths.license(l.id)}
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
