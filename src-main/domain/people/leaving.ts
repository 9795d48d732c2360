/**
 * What a user takes with them when deleted (alone, or as a deleted customer's contact):
 * their grants and their support-contact places on licenses go by foreign-key cascade, so
 * each affected object gets an audit entry first and its timeline shows why.
 */
import { eq, inArray } from 'drizzle-orm';
import { licenseSupportContacts, userObjectRights, users } from '../../../db/schema';
import type { Db } from '../../store/open';
import { recordAudit } from '../audit/audit';
import { recordGrantsLeaving } from './grants';

/** Call inside the deleting transaction, before the users are deleted. */
export function recordUsersLeaving(tx: Db, actor: string, userIds: number[], because: string): { grantsRemoved: number; supportContactPlacesRemoved: number } {
  if (!userIds.length) return { grantsRemoved: 0, supportContactPlacesRemoved: 0 };
  const grantsRemoved = recordGrantsLeaving(tx, actor, inArray(userObjectRights.userId, userIds), because);
  const places = tx
    .select({ licenseId: licenseSupportContacts.licenseId, userId: users.id, name: users.name, email: users.email })
    .from(licenseSupportContacts)
    .innerJoin(users, eq(users.id, licenseSupportContacts.userId))
    .where(inArray(licenseSupportContacts.userId, userIds))
    .all();
  for (const { licenseId, ...user } of places) {
    recordAudit(tx, { actor, targetType: 'license', targetId: licenseId, action: 'license.supportContactRemoved', details: { ...user, because } });
  }
  return { grantsRemoved, supportContactPlacesRemoved: places.length };
}
