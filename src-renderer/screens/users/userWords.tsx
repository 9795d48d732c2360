import { USER_ROLES } from '../../../src-main/api/schemas';
import type { UserRole } from '../../../src-main/domain/people/types';

const ROLE_LABELS: Record<UserRole, string> = { owner: 'Owner', admin: 'Admin', staff: 'Staff', viewer: 'Viewer' };

const ROLE_HINTS: Record<UserRole, string> = {
  owner: 'Runs KeyHub for the vendor',
  admin: 'Manages users, rights and keys',
  staff: 'Does the daily licensing work',
  viewer: 'Looks, changes nothing',
};

export const ROLE_OPTIONS = USER_ROLES.map((role) => ({ value: role, label: `${ROLE_LABELS[role]} — ${ROLE_HINTS[role]}` }));

export function roleLabel(role: UserRole): string {
  return ROLE_LABELS[role];
}

export function RoleBadge({ role }: { role: UserRole }) {
  return <span className={`badge badge--role-${role}`}>{ROLE_LABELS[role]}</span>;
}

export function ActiveBadge({ active }: { active: boolean }) {
  return active ? <span className="badge badge--user-active">Active</span> : <span className="badge badge--user-inactive">Inactive</span>;
}
