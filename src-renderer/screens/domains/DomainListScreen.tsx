/** Every domain license across licenses: find one, see whether it is live, open its license. */
import { Link } from 'react-router';
import { DOMAIN_SORT, DOMAIN_STATES } from '../../../src-main/api/schemas';
import { DataTable } from '../../components/DataTable';
import { EmptyState } from '../../components/EmptyState';
import { ExportCsvButton } from '../../components/ExportCsvButton';
import { FilterSelect } from '../../components/FilterSelect';
import { ListBody } from '../../components/ListBody';
import { ListToolbar } from '../../components/ListToolbar';
import { PageHeader } from '../../components/PageHeader';
import { SearchBox } from '../../components/SearchBox';
import { useApiQuery } from '../../hooks/useApiQuery';
import { useListParams } from '../../hooks/useListParams';
import { domainStateLabel } from '../licenses/LicenseBadges';
import { licensePaths } from '../licenses/licensePaths';
import { domainColumns } from './domainColumns';

type DomainStateFilter = (typeof DOMAIN_STATES)[number];

const STATE_OPTIONS = DOMAIN_STATES.map((s) => ({ value: s, label: domainStateLabel(s) }));
const KIND_OPTIONS = [
  { value: 'auto', label: 'Automatic' },
  { value: 'manual', label: 'Manual' },
];

function asDomainState(value: string): DomainStateFilter | undefined {
  return (DOMAIN_STATES as readonly string[]).includes(value) ? (value as DomainStateFilter) : undefined;
}

function asAutomatic(value: string): boolean | undefined {
  return value === 'auto' ? true : value === 'manual' ? false : undefined;
}

export function DomainListScreen() {
  const params = useListParams(DOMAIN_SORT, 'domain');
  const state = asDomainState(params.filter('state'));
  const automatic = asAutomatic(params.filter('kind'));
  const licenseId = params.idFilter('license');
  const filters = { state, automatic, licenseId };
  const list = useApiQuery('domain.list', { ...params.query, ...filters });

  return (
    <>
      <PageHeader
        title="Domains"
        subtitle="Domain licenses across every license: manual ones added by staff, automatic ones registered by licensed software and renewed while their license is valid."
      />
      <ListToolbar>
        <SearchBox label="Search domains" placeholder="Domain, owner or license id" value={params.search} onSearch={params.setSearch} />
        <FilterSelect label="State" allLabel="Any state" value={params.filter('state')} onChange={(v) => params.setFilter('state', v)} options={STATE_OPTIONS} />
        <FilterSelect label="Kind" allLabel="Manual and automatic" value={params.filter('kind')} onChange={(v) => params.setFilter('kind', v)} options={KIND_OPTIONS} />
        <span className="list-toolbar__end">
          <ExportCsvButton list="domain.list" noun="domain" query={{ search: params.query.search, sort: params.sort, dir: params.dir, ...filters }} />
        </span>
      </ListToolbar>
      {licenseId && (
        <p className="filter-note">
          Domains of <Link to={licensePaths.license(licenseId)}>license {licenseId}</Link> only.{' '}
          <button type="button" className="button button--small" onClick={() => params.setFilter('license', '')}>
            Show all domains
          </button>
        </p>
      )}
      <ListBody
        query={list}
        noun="domains"
        onPage={params.setPage}
        filtered={Boolean(params.search || state || automatic !== undefined || licenseId)}
        onClearFilters={params.clearFilters}
        emptyState={
          <EmptyState
            title="No domain licenses yet."
            action={
              <Link className="button button--primary" to={licensePaths.licenses}>
                Go to licenses
              </Link>
            }
          >
            <p>Domains are added on a license’s page, or when it is issued; automatic ones appear when licensed software registers them.</p>
          </EmptyState>
        }
      >
        {(items) => (
          <DataTable
            caption="Domain licenses"
            columns={domainColumns}
            rows={items}
            rowKey={(d) => d.id}
            rowHref={(d) => licensePaths.license(d.licenseId)}
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
