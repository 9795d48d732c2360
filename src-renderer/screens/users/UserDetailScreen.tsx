import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import type { UserDetail } from '../../../src-main/domain/people/types';
import { api } from '../../api/client';
import { DeleteButton } from '../../components/DeleteButton';
import { EmptyState } from '../../components/EmptyState';
import { Facts } from '../../components/Facts';
import { GrantRightDialog } from '../../components/GrantRightDialog';
import { RightsTable } from '../../components/ObjectRightsPanel';
import { PageHeader } from '../../components/PageHeader';
import { Section } from '../../components/Section';
import { useToast } from '../../components/Toasts';
import { formatMoment } from '../../format/dates';
import { SubscriptionsTable } from '../apps/SubscriptionsTable';
import { auditPaths, objectPath } from '../audit/objectPaths';
import { RouteRecord } from '../catalog/shared/RouteRecord';
import { customerPaths } from '../customers/customerPaths';
import { licensePaths } from '../licenses/licensePaths';
import { userPaths } from './userPaths';
import { ActiveBadge, RoleBadge, roleLabel } from './userWords';

export function UserDetailScreen() {
  return (
    <RouteRecord method="user.get" what="user">
      {(u, reload) => <UserDetailView user={u} reload={reload} />}
    </RouteRecord>
  );
}

function UserDetailView({ user, reload }: { user: UserDetail; reload: () => void }) {
  const navigate = useNavigate();
  const toast = useToast();
  const [granting, setGranting] = useState(false);
  const worksFor = user.customerId ? (
    <>
      Contact of <Link to={customerPaths.customer(user.customerId)}>{user.customerName}</Link>
    </>
  ) : (
    'Your staff'
  );

  return (
    <>
      <PageHeader
        title={user.name}
        titleAside={
          <>
            <RoleBadge role={user.role} />
            {!user.isActive && <ActiveBadge active={false} />}
          </>
        }
        subtitle={
          <>
            {user.email} · {worksFor}
          </>
        }
        back={{ to: userPaths.users, label: 'Users & rights' }}
        actions={
          <>
            <Link className="button" to={userPaths.editUser(user.id)}>
              Edit
            </Link>
            <Link className="button" to={auditPaths.forTarget('user', user.id)}>
              History
            </Link>
            <DeleteButton
              kind="user"
              name={user.name}
              consequence="Their rights, support-contact places and notification subscriptions go with them; the audit log keeps their name. This cannot be undone."
              run={() => api('user.delete', { id: user.id })}
              onDeleted={() => {
                toast.success(`User “${user.name}” deleted.`);
                navigate(userPaths.users, { replace: true });
              }}
            />
          </>
        }
      />
      <div className="card">
        <Facts
          facts={[
            { label: 'Email', value: <a href={`mailto:${user.email}`}>{user.email}</a> },
            { label: 'Role', value: roleLabel(user.role) },
            { label: 'Status', value: user.isActive ? 'Active' : 'Inactive' },
            { label: 'Works for', value: worksFor },
            { label: 'Added', value: formatMoment(user.createdAt) },
            { label: 'Last changed', value: formatMoment(user.updatedAt) },
          ]}
        />
      </div>

      <Section
        title="Rights held"
        count={user.rights.length}
        actions={
          <button type="button" className="button button--small" onClick={() => setGranting(true)}>
            Grant a right…
          </button>
        }
      >
        {user.rights.length === 0 ? (
          <EmptyState compact title={`${user.name} holds no rights yet.`}>
            <p>Grant a right on a license, an app or a customer to say what they may do there.</p>
          </EmptyState>
        ) : (
          <RightsTable caption={`Rights held by ${user.name}`} grants={user.rights} show="object" objectHref={(g) => objectPath(g.objectType, g.objectId)} onChanged={reload} />
        )}
      </Section>

      <Section title="Support contact for" count={user.supportContactFor.length}>
        {user.supportContactFor.length === 0 ? (
          <EmptyState compact title="Not a support contact of any license.">
            <p>A license’s page sets its support contacts.</p>
          </EmptyState>
        ) : (
          <ul className="ref-list">
            {user.supportContactFor.map((l) => (
              <li key={l.licenseId}>
                <Link to={licensePaths.license(l.licenseId)}>License {l.licenseId}</Link>
                <span className="muted">
                  {' '}
                  — {l.ownerName} · <span className="code">{l.sku}</span>
                </span>
              </li>
            ))}
          </ul>
        )}
      </Section>

      <Section title="App notifications" count={user.subscriptions.length}>
        {user.subscriptions.length === 0 ? (
          <EmptyState compact title="No app notifications.">
            <p>Subscribe them to an app’s notifications (licensing failures, outdated versions…) from the app’s page.</p>
          </EmptyState>
        ) : (
          <SubscriptionsTable subscriptions={user.subscriptions} caption={`App notifications of ${user.name}`} by="app" onChanged={reload} />
        )}
      </Section>

      {granting && (
        <GrantRightDialog
          user={{ id: user.id, name: user.name }}
          onClose={() => setGranting(false)}
          onGranted={() => {
            setGranting(false);
            reload();
          }}
        />
      )}
    </>
  );
}
