/**
 * The seed's UserObjectRights: which user holds which right on which object (a license,
 * an app, a customer, a SKU, a vendor, a package). Grants and revocations are audited on
 * the object itself, so a license's or an app's timeline shows who was given what.
 */
import { and, asc, eq, sql, type SQL } from 'drizzle-orm';
import { rights, userObjectRights, users } from '../../../db/schema';
import { KeyHubError, invalidField, notFound } from '../../api/errors';
import type { ParsedInput } from '../../api/contract';
import type { Db } from '../../store/open';
import { recordAudit } from '../audit/audit';
import type { Deleted } from '../catalog/types';
import { grantLabelSql, objectLabel, objectNoun, requireObject, storedObjectId } from './objects';
import type { ObjectRight, ObjectType } from './types';

const grantColumns = {
  id: userObjectRights.id,
  userId: userObjectRights.userId,
  userName: users.name,
  userEmail: users.email,
  rightId: userObjectRights.rightId,
  rightName: rights.name,
  objectType: userObjectRights.objectType,
  objectId: userObjectRights.objectId,
  objectLabel: sql<string>`${sql.raw(grantLabelSql('"user_object_rights"."object_type"', '"user_object_rights"."object_id"'))}`,
};

/** Grants with names for people, in a stable order. */
export function grantsWhere(db: Db, where: SQL | undefined, order: SQL[] = [sql`${rights.name} COLLATE NOCASE`, sql`${users.name} COLLATE NOCASE`]): ObjectRight[] {
  return db
    .select(grantColumns)
    .from(userObjectRights)
    .innerJoin(users, eq(users.id, userObjectRights.userId))
    .innerJoin(rights, eq(rights.id, userObjectRights.rightId))
    .where(where)
    .orderBy(...order, asc(userObjectRights.id))
    .all();
}

/** Who holds what on one object (the license and app pages show these). */
export function grantsOnObject(db: Db, input: ParsedInput<'right.forObject'>): ObjectRight[] {
  const objectId = storedObjectId(input.objectType, input.objectId);
  if (objectLabel(db, input.objectType, objectId) === null) throw notFound(objectNoun(input.objectType), objectId);
  return grantsWhere(db, and(eq(userObjectRights.objectType, input.objectType), eq(userObjectRights.objectId, objectId)));
}

/** Every right one user holds, grouped by object. */
export function grantsOfUser(db: Db, userId: number): ObjectRight[] {
  return grantsWhere(db, eq(userObjectRights.userId, userId), [
    asc(userObjectRights.objectType),
    sql`${sql.raw(grantLabelSql('"user_object_rights"."object_type"', '"user_object_rights"."object_id"'))} COLLATE NOCASE`,
    sql`${rights.name} COLLATE NOCASE`,
  ]);
}

function grantById(db: Db, id: number): ObjectRight | undefined {
  return grantsWhere(db, eq(userObjectRights.id, id))[0];
}

/** What the audit log keeps of a grant: enough to read it after the user or object is gone. */
function grantDetails(grant: ObjectRight, because?: string) {
  return {
    grantId: grant.id,
    userId: grant.userId,
    userName: grant.userName,
    userEmail: grant.userEmail,
    rightId: grant.rightId,
    right: grant.rightName,
    objectLabel: grant.objectLabel,
    ...(because && { because }),
  };
}

export function grantRight(db: Db, actor: string, input: ParsedInput<'right.grant'>): ObjectRight {
  return db.transaction((tx) => {
    const user = tx.select({ id: users.id, name: users.name }).from(users).where(eq(users.id, input.userId)).get();
    if (!user) throw invalidField('userId', `User ${input.userId} does not exist.`);
    const right = tx.select().from(rights).where(eq(rights.id, input.rightId)).get();
    if (!right) throw invalidField('rightId', `Right ${input.rightId} does not exist.`);
    const objectId = storedObjectId(input.objectType, input.objectId);
    const label = requireObject(tx, input.objectType, objectId);
    const existing = tx
      .select({ id: userObjectRights.id })
      .from(userObjectRights)
      .where(
        and(
          eq(userObjectRights.userId, user.id),
          eq(userObjectRights.rightId, right.id),
          eq(userObjectRights.objectType, input.objectType),
          eq(userObjectRights.objectId, objectId),
        ),
      )
      .get();
    if (existing) {
      const message = `${user.name} already holds "${right.name}" on ${label}.`;
      throw new KeyHubError('CONFLICT', message, { fields: { rightId: message }, existingId: existing.id });
    }
    const { id } = tx
      .insert(userObjectRights)
      .values({ userId: user.id, rightId: right.id, objectType: input.objectType, objectId })
      .returning({ id: userObjectRights.id })
      .get();
    const grant = grantById(tx, id)!;
    recordAudit(tx, { actor, targetType: input.objectType, targetId: objectId, action: 'right.grant', details: grantDetails(grant) });
    return grant;
  });
}

/** Takes back one grant; audited on the object it was held on. */
export function revokeGrant(db: Db, actor: string, id: number): Deleted {
  return db.transaction((tx) => {
    const grant = grantById(tx, id);
    if (!grant) throw notFound('Grant', id);
    tx.delete(userObjectRights).where(eq(userObjectRights.id, id)).run();
    recordAudit(tx, { actor, targetType: grant.objectType, targetId: grant.objectId, action: 'right.revoke', details: grantDetails(grant) });
    return { id, deleted: true as const };
  });
}

/**
 * Records a `right.revoke` on each object for grants about to disappear with something
 * else (a deleted user, customer or app), so the objects' timelines say so. Call inside
 * the deleting transaction, before the delete; `because` is the action that caused it.
 */
export function recordGrantsLeaving(tx: Db, actor: string, where: SQL, because: string): number {
  const leaving = grantsWhere(tx, where);
  for (const grant of leaving) {
    recordAudit(tx, { actor, targetType: grant.objectType, targetId: grant.objectId, action: 'right.revoke', details: grantDetails(grant, because) });
  }
  return leaving.length;
}

/**
 * Removes every grant held on an object that is being deleted (grants name objects by
 * type and id, so no foreign key does it), with an audit entry each. For app, customer
 * and catalog deletes.
 */
export function removeGrantsOnObject(tx: Db, actor: string, type: ObjectType, objectId: string, because: string): number {
  const on = and(eq(userObjectRights.objectType, type), eq(userObjectRights.objectId, objectId))!;
  const removed = recordGrantsLeaving(tx, actor, on, because);
  if (removed) tx.delete(userObjectRights).where(on).run();
  return removed;
}
