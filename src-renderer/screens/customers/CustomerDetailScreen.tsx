import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import type { CustomerDetail, UserRow } from '../../../src-main/domain/people/types';
import { api } from '../../api/client';
import { DataTable, type Column } from '../../components/DataTable';
import { DeleteButton } from '../../components/DeleteButton';
import { EmptyState } from '../../components/EmptyState';
import { Facts } from '../../components/Facts';
import { ObjectRightsPanel } from '../../components/ObjectRightsPanel';
import { PageHeader } from '../../components/PageHeader';
import { Pagination } from '../../components/Pagination';
import { Section } from '../../components/Section';
import { useToast } from '../../components/Toasts';
import { formatMoment } from '../../format/dates';
import { useApiQuery } from '../../hooks/useApiQuery';
import { RouteRecord } from '../catalog/shared/RouteRecord';
import { auditPaths } from '../audit/objectPaths';
import { licenseColumns } from '../licenses/licenseColumns';
import { licensePaths } from '../licenses/licensePaths';
import { ActiveBadge, RoleBadge } from '../users/userWords';
import { userPaths } from '../users/userPaths';
import { AddContactDialog } from './AddContactDialog';
import { CustomerPurchasesSection } from './CustomerPurchasesSection';
import { customerPaths } from './customerPaths';
import { customerKindLabel, KindBadge, placeOf } from './customerKinds';

export function CustomerDetailScreen() {
  return (
    <RouteRecord method="customer.get" what="customer">
      {(c, reload) => <CustomerDetailView customer={c} reload={reload} />}
    </RouteRecord>
  );
}

function CustomerDetailView({ customer, reload }: { customer: CustomerDetail; reload: () => void }) {
  const navigate = useNavigate();
  const toast = useToast();
  const address = [customer.street, customer.city, [customer.region, customer.postal].filter(Boolean).join(' '), customer.country]
    .filter(Boolean)
    .join(', ');

  return (
    <>
      <PageHeader
        title={customer.name}
        titleAside={<KindBadge kind={customer.kind} />}
        subtitle={[customer.email, placeOf(customer)].filter(Boolean).join(' · ') || 'No contact details on file.'}
        back={{ to: customerPaths.customers, label: 'Customers' }}
        actions={
          <>
            <Link className="button" to={customerPaths.editCustomer(customer.id)}>
              Edit
            </Link>
            <Link className="button" to={auditPaths.forTarget('customer', customer.id)}>
              History
            </Link>
            <DeleteButton
              kind="customer"
              name={customer.name}
              consequence="Their contacts (with the contacts’ rights and subscriptions) and their provider ids go with them. A customer who owns or bought a license, or has purchases on the books, cannot be deleted. This cannot be undone."
              run={() => api('customer.delete', { id: customer.id })}
              onDeleted={() => {
                toast.success(`Customer “${customer.name}” deleted.`);
                navigate(customerPaths.customers, { replace: true });
              }}
            />
          </>
        }
      />
      <div className="card">
        <Facts
          facts={[
            { label: 'Kind', value: customerKindLabel(customer.kind) },
            { label: 'Email', value: customer.email ? <a href={`mailto:${customer.email}`}>{customer.email}</a> : '—' },
            { label: 'Phone', value: customer.phone ?? '—' },
            { label: 'Address', value: address || '—' },
            { label: 'Licenses', value: customer.licenseCount.toLocaleString(), hint: 'Owned or bought.' },
            { label: 'Contacts', value: customer.contactCount.toLocaleString() },
            { label: 'Added', value: formatMoment(customer.createdAt) },
            { label: 'Last changed', value: formatMoment(customer.updatedAt) },
          ]}
        />
        {customer.notes && <p className="notes">{customer.notes}</p>}
      </div>
      <ContactsSection customer={customer} onChanged={reload} />
      <CustomerLicensesSection customerId={customer.id} />
      <CustomerPurchasesSection customerId={customer.id} customerName={customer.name} />
      <Section title="Payment provider ids" count={customer.providerIds.length}>
        {customer.providerIds.length === 0 ? (
          <EmptyState compact title="No Stripe or PayPal id yet.">
            <p>Sync links a customer to their ids at Stripe and PayPal when their purchases come in.</p>
          </EmptyState>
        ) : (
          <dl className="key-values">
            {customer.providerIds.map((p) => (
              <div className="key-values__row" key={`${p.provider}:${p.providerCustomerId}`}>
                <dt>{providerName(p.provider)}</dt>
                <dd>
                  <code className="key-values__value">{p.providerCustomerId}</code>
                </dd>
              </div>
            ))}
          </dl>
        )}
      </Section>
      <ObjectRightsPanel objectType="customer" objectId={customer.id} objectLabel={`customer ${customer.name}`} />
    </>
  );
}

function providerName(provider: string): string {
  if (provider === 'stripe') return 'Stripe';
  if (provider === 'paypal') return 'PayPal';
  return provider;
}

const contactColumns: Column<UserRow>[] = [
  { id: 'name', header: 'Name', cell: (u) => <Link to={userPaths.user(u.id)}>{u.name}</Link> },
  { id: 'email', header: 'Email', cell: (u) => u.email },
  { id: 'role', header: 'Role', nowrap: true, cell: (u) => <RoleBadge role={u.role} /> },
  { id: 'active', header: 'Status', nowrap: true, cell: (u) => <ActiveBadge active={u.isActive} /> },
];

function ContactsSection({ customer, onChanged }: { customer: CustomerDetail; onChanged: () => void }) {
  const [adding, setAdding] = useState(false);
  return (
    <Section
      title="Contacts"
      count={customer.contacts.length}
      actions={
        <button type="button" className="button button--small" onClick={() => setAdding(true)}>
          Add contact…
        </button>
      }
    >
      {customer.contacts.length === 0 ? (
        <EmptyState compact title="No contacts yet.">
          <p>Add the people you deal with at {customer.name}: they can be a license’s support contacts and get app notifications.</p>
        </EmptyState>
      ) : (
        <DataTable caption={`Contacts of ${customer.name}`} columns={contactColumns} rows={customer.contacts} rowKey={(u) => u.id} rowHref={(u) => userPaths.user(u.id)} />
      )}
      {adding && (
        <AddContactDialog
          customer={customer}
          onClose={() => setAdding(false)}
          onAdded={() => {
            setAdding(false);
            onChanged();
          }}
        />
      )}
    </Section>
  );
}

const LICENSES_PAGE = 10;

function CustomerLicensesSection({ customerId }: { customerId: number }) {
  const [page, setPage] = useState(1);
  const licenses = useApiQuery('license.list', { customerId, sort: 'issued', dir: 'desc', limit: LICENSES_PAGE, offset: (page - 1) * LICENSES_PAGE });
  const data = licenses.data ?? licenses.lastData;
  return (
    <Section title="Licenses" count={data?.total}>
      {licenses.error ? (
        <p className="section__error" role="alert">
          {licenses.error.message}
        </p>
      ) : !data ? (
        <p className="loading">Loading licenses…</p>
      ) : data.total === 0 ? (
        <EmptyState compact title="This customer owns no license yet.">
          <p>
            Issue one from <Link to={licensePaths.newLicense}>Issue a license</Link> and choose this customer as its owner.
          </p>
        </EmptyState>
      ) : (
        <>
          <DataTable caption="Licenses of this customer" columns={licenseColumns} rows={data.items} rowKey={(l) => l.id} rowHref={(l) => licensePaths.license(l.id)} busy={licenses.loading} />
          <div className="section__pages">
            <Pagination offset={data.offset} pageSize={data.limit} total={data.total} onPage={setPage} noun="licenses" totalIsLowerBound={data.totalIsLowerBound} />
          </div>
        </>
      )}
    </Section>
  );
}
