import { Link } from 'react-router';
import { CUSTOMER_SORT } from '../../../src-main/api/schemas';
import type { CustomerRow } from '../../../src-main/domain/people/types';
import { DataTable, type Column } from '../../components/DataTable';
import { EmptyState } from '../../components/EmptyState';
import { ExportCsvButton } from '../../components/ExportCsvButton';
import { FilterSelect } from '../../components/FilterSelect';
import { ListBody } from '../../components/ListBody';
import { ListToolbar } from '../../components/ListToolbar';
import { PageHeader } from '../../components/PageHeader';
import { SearchBox } from '../../components/SearchBox';
import { formatDay } from '../../format/dates';
import { useApiQuery } from '../../hooks/useApiQuery';
import { useListParams } from '../../hooks/useListParams';
import { customerPaths } from './customerPaths';
import { asCustomerKind, CUSTOMER_KIND_OPTIONS, KindBadge, placeOf } from './customerKinds';

type CustomerSort = (typeof CUSTOMER_SORT)[number];

const columns: Column<CustomerRow, CustomerSort>[] = [
  { id: 'name', header: 'Name', sortKey: 'name', cell: (c) => <Link to={customerPaths.customer(c.id)}>{c.name}</Link> },
  { id: 'kind', header: 'Kind', sortKey: 'kind', nowrap: true, cell: (c) => <KindBadge kind={c.kind} /> },
  { id: 'email', header: 'Email', sortKey: 'email', cell: (c) => c.email ?? <span className="muted">—</span> },
  { id: 'place', header: 'Location', wideOnly: true, cell: (c) => placeOf(c) || <span className="muted">—</span> },
  { id: 'contacts', header: 'Contacts', align: 'end', nowrap: true, cell: (c) => c.contactCount },
  { id: 'licenses', header: 'Licenses', sortKey: 'licenseCount', align: 'end', nowrap: true, cell: (c) => c.licenseCount },
  { id: 'createdAt', header: 'Added', sortKey: 'createdAt', nowrap: true, cell: (c) => formatDay(c.createdAt) },
];

export function CustomerListScreen() {
  const params = useListParams(CUSTOMER_SORT, 'name');
  const kind = asCustomerKind(params.filter('kind'));
  const query = { ...params.query, kind };
  const list = useApiQuery('customer.list', query);

  return (
    <>
      <PageHeader
        title="Customers"
        subtitle="The organisations and people who buy and own your licenses, with their contacts."
        actions={
          <Link className="button button--primary" to={customerPaths.newCustomer}>
            Add customer
          </Link>
        }
      />
      <ListToolbar>
        <SearchBox label="Search customers" placeholder="Search by name, email or city" value={params.search} onSearch={params.setSearch} />
        <FilterSelect label="Kind" allLabel="Organisations and people" value={params.filter('kind')} onChange={(v) => params.setFilter('kind', v)} options={CUSTOMER_KIND_OPTIONS} />
        <span className="list-toolbar__end">
          <ExportCsvButton list="customer.list" query={query} noun="customer" />
        </span>
      </ListToolbar>
      <ListBody
        query={list}
        noun="customers"
        onPage={params.setPage}
        filtered={Boolean(params.search || kind)}
        onClearFilters={params.clearFilters}
        emptyState={
          <EmptyState
            title="No customers yet."
            action={
              <Link className="button button--primary" to={customerPaths.newCustomer}>
                Add your first customer
              </Link>
            }
          >
            <p>
              A customer is the organisation or person who buys or owns a license. Add one here, then issue them a license; purchases
              synced from Stripe or PayPal add their customers too.
            </p>
          </EmptyState>
        }
      >
        {(items) => (
          <DataTable
            caption="Customers"
            columns={columns}
            rows={items}
            rowKey={(c) => c.id}
            rowHref={(c) => customerPaths.customer(c.id)}
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
