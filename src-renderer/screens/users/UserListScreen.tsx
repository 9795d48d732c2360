import { Link } from 'react-router';
import { USER_SORT } from '../../../src-main/api/schemas';
import type { UserRow } from '../../../src-main/domain/people/types';
import { DataTable, type Column } from '../../components/DataTable';
import { EmptyState } from '../../components/EmptyState';
import { ExportCsvButton } from '../../components/ExportCsvButton';
import { FilterSelect } from '../../components/FilterSelect';
import { ListBody } from '../../components/ListBody';
import { ListToolbar } from '../../components/ListToolbar';
import { SearchBox } from '../../components/SearchBox';
import { formatDay } from '../../format/dates';
import { useApiQuery } from '../../hooks/useApiQuery';
import { useListParams } from '../../hooks/useListParams';
import { customerPaths } from '../customers/customerPaths';
import { UsersAreaHeader } from './UsersAreaHeader';
import { userPaths } from './userPaths';
import { ActiveBadge, RoleBadge } from './userWords';

type UserSort = (typeof USER_SORT)[number];
type UserKind = 'staff' | 'contact';

const KIND_OPTIONS: { value: UserKind; label: string }[] = [
  { value: 'staff', label: 'Your staff' },
  { value: 'contact', label: 'Customers’ contacts' },
];

const columns: Column<UserRow, UserSort>[] = [
  { id: 'name', header: 'Name', sortKey: 'name', cell: (u) => <Link to={userPaths.user(u.id)}>{u.name}</Link> },
  { id: 'email', header: 'Email', sortKey: 'email', cell: (u) => u.email },
  { id: 'role', header: 'Role', sortKey: 'role', nowrap: true, cell: (u) => <RoleBadge role={u.role} /> },
  {
    id: 'customer',
    header: 'Works for',
    cell: (u) => (u.customerId ? <Link to={customerPaths.customer(u.customerId)}>{u.customerName}</Link> : <span className="muted">Your staff</span>),
  },
  { id: 'rights', header: 'Rights', align: 'end', nowrap: true, cell: (u) => u.rightCount },
  { id: 'active', header: 'Status', nowrap: true, cell: (u) => <ActiveBadge active={u.isActive} /> },
  { id: 'createdAt', header: 'Added', sortKey: 'createdAt', nowrap: true, wideOnly: true, cell: (u) => formatDay(u.createdAt) },
];

function asKind(value: string): UserKind | undefined {
  return value === 'staff' || value === 'contact' ? value : undefined;
}

export function UserListScreen() {
  const params = useListParams(USER_SORT, 'name');
  const kind = asKind(params.filter('kind'));
  const query = { ...params.query, kind };
  const list = useApiQuery('user.list', query);

  return (
    <>
      <UsersAreaHeader onGranted={list.reload} />
      <ListToolbar>
        <SearchBox label="Search users" placeholder="Search by name or email" value={params.search} onSearch={params.setSearch} />
        <FilterSelect label="Who" allLabel="Staff and contacts" value={params.filter('kind')} onChange={(v) => params.setFilter('kind', v)} options={KIND_OPTIONS} />
        <span className="list-toolbar__end">
          <ExportCsvButton list="user.list" query={query} noun="user" />
        </span>
      </ListToolbar>
      <ListBody
        query={list}
        noun="users"
        onPage={params.setPage}
        filtered={Boolean(params.search || kind)}
        onClearFilters={params.clearFilters}
        emptyState={
          <EmptyState
            title="No users yet."
            action={
              <Link className="button button--primary" to={userPaths.newUser()}>
                Add your first user
              </Link>
            }
          >
            <p>Add your colleagues, then grant them rights on licenses and apps. A customer’s contacts are added from the customer’s page.</p>
          </EmptyState>
        }
      >
        {(items) => (
          <DataTable
            caption="Users"
            columns={columns}
            rows={items}
            rowKey={(u) => u.id}
            rowHref={(u) => userPaths.user(u.id)}
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
