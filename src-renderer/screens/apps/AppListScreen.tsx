import { useState } from 'react';
import { Link } from 'react-router';
import { APP_SORT } from '../../../src-main/api/schemas';
import type { AppRow } from '../../../src-main/domain/apps/types';
import { DataTable, NarrowOnly, type Column } from '../../components/DataTable';
import { EmptyState } from '../../components/EmptyState';
import { ExportCsvButton } from '../../components/ExportCsvButton';
import { ListBody } from '../../components/ListBody';
import { ListToolbar } from '../../components/ListToolbar';
import { PageHeader } from '../../components/PageHeader';
import { SearchBox } from '../../components/SearchBox';
import { formatDay } from '../../format/dates';
import { useApiQuery } from '../../hooks/useApiQuery';
import { useListParams } from '../../hooks/useListParams';
import { licensePaths } from '../licenses/licensePaths';
import { appPaths } from './appPaths';
import { ImportReportDialog } from './ImportReportDialog';

type AppSort = (typeof APP_SORT)[number];

const columns: Column<AppRow, AppSort>[] = [
  {
    id: 'name',
    header: 'App',
    sortKey: 'displayName',
    cell: (a) => (
      <>
        <Link to={appPaths.app(a.id)}>{a.displayName}</Link>
        <NarrowOnly>
          <span className="code">{a.id}</span>
        </NarrowOnly>
      </>
    ),
  },
  { id: 'id', header: 'App id', wideOnly: true, cell: (a) => <span className="code guid">{a.id}</span> },
  { id: 'licenses', header: 'Licenses', sortKey: 'licenseCount', align: 'end', nowrap: true, cell: (a) => a.licenseCount },
  { id: 'keys', header: 'Keys', align: 'end', nowrap: true, cell: (a) => a.keyCount },
  { id: 'issues', header: 'Issues', align: 'end', nowrap: true, cell: (a) => a.issueCount },
  { id: 'createdAt', header: 'Added', sortKey: 'createdAt', nowrap: true, cell: (a) => formatDay(a.createdAt) },
];

export function AppListScreen() {
  const params = useListParams(APP_SORT, 'displayName');
  const list = useApiQuery('app.list', params.query);
  const anyLicense = useApiQuery('license.list', { limit: 1 });
  const noLicenses = anyLicense.data?.total === 0;
  const [importing, setImporting] = useState(false);

  return (
    <>
      <PageHeader
        title="Apps"
        subtitle="The applications that check your licenses: each has a GUID, app keys, and the licenses it is bound to."
        actions={
          <>
            <button type="button" className="button" onClick={() => setImporting(true)}>
              Import report…
            </button>
            <Link className="button button--primary" to={appPaths.newApp()}>
              Add app
            </Link>
          </>
        }
      />
      <ListToolbar>
        <SearchBox label="Search apps" placeholder="Search by name, app id or app key" value={params.search} onSearch={params.setSearch} />
        <span className="list-toolbar__end">
          <ExportCsvButton list="app.list" query={params.query} noun="app" />
        </span>
      </ListToolbar>
      <ListBody
        query={list}
        noun="apps"
        onPage={params.setPage}
        filtered={Boolean(params.search)}
        onClearFilters={params.clearFilters}
        emptyState={
          noLicenses ? (
            <EmptyState
              title="No apps yet, and no license to bind one to."
              action={
                <Link className="button button--primary" to={licensePaths.newLicense}>
                  Issue a license
                </Link>
              }
            >
              <p>An app always holds at least one license. Issue the license first, then add the app.</p>
            </EmptyState>
          ) : (
            <EmptyState
              title="No apps yet."
              action={
                <Link className="button button--primary" to={appPaths.newApp()}>
                  Add your first app
                </Link>
              }
            >
              <p>Register an application with a license it runs under; then give it app keys, and import the reports it sends.</p>
            </EmptyState>
          )
        }
      >
        {(items) => (
          <DataTable
            caption="Apps"
            columns={columns}
            rows={items}
            rowKey={(a) => a.id}
            rowHref={(a) => appPaths.app(a.id)}
            sort={params.sort}
            dir={params.dir}
            onSort={params.setSort}
            busy={list.loading}
          />
        )}
      </ListBody>
      {importing && <ImportReportDialog onClose={() => setImporting(false)} onImported={list.reload} />}
    </>
  );
}
