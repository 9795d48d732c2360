/**
 * The top of the Users & rights area: its title, what can be done from anywhere in it
 * (add a user, grant a right), and the two tabs: the users, and the rights they hold.
 */
import { useState } from 'react';
import { Link, NavLink } from 'react-router';
import { GrantRightDialog } from '../../components/GrantRightDialog';
import { PageHeader } from '../../components/PageHeader';
import { userPaths } from './userPaths';

export function UsersAreaHeader({ onGranted }: { onGranted?: () => void }) {
  const [granting, setGranting] = useState(false);
  return (
    <>
      <PageHeader
        title="Users & rights"
        subtitle="Your staff and your customers’ contacts, and which rights each holds on which license, app or customer."
        actions={
          <>
            <button type="button" className="button" onClick={() => setGranting(true)}>
              Grant a right…
            </button>
            <Link className="button button--primary" to={userPaths.newUser()}>
              Add user
            </Link>
          </>
        }
      />
      <nav className="tabs" aria-label="Users & rights">
        <NavLink end to={userPaths.users} className={({ isActive }) => (isActive ? 'tabs__tab tabs__tab--active' : 'tabs__tab')}>
          Users
        </NavLink>
        <NavLink to={userPaths.rights} className={({ isActive }) => (isActive ? 'tabs__tab tabs__tab--active' : 'tabs__tab')}>
          Rights
        </NavLink>
      </nav>
      {granting && (
        <GrantRightDialog
          onClose={() => setGranting(false)}
          onGranted={() => {
            setGranting(false);
            onGranted?.();
          }}
        />
      )}
    </>
  );
}
