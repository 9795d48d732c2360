/**
 * The seed's Users: the vendor's staff (no customer) and customers' contact people
 * (`customer_id` set). Emails are unique ignoring case.
 */
import { and, asc, eq, isNotNull, isNull, sql, type SQL } from 'drizzle-orm';
import { customers, licenseSupportContacts, licenses, skus, users } from '../../../db/schema';
import { invalidField, notFound } from '../../api/errors';
import type { ParsedInput } from '../../api/contract';
import type { Db } from '../../store/open';
import { nowUtc } from '../../shared/time';
import { recordAudit } from '../audit/audit';
import { assertUnique, countCorrelated, countRows, definedOnly, matchesAny, orderBy, pageOf, toPage } from '../catalog/common';
import type { Deleted, Page } from '../catalog/types';
import { grantsOfUser } from './grants';
import { recordUsersLeaving } from './leaving';
import { subscriptionsOfUser } from './subscriptions';
import type { User, UserDetail, UserRole, UserRow } from './types';

const rowColumns = {
  id: users.id,
  name: users.name,
  email: users.email,
  role: users.role,
  isActive: users.isActive,
  customerId: users.customerId,
  createdAt: users.createdAt,
  updatedAt: users.updatedAt,
  customerName: customers.name,
  rightCount: countCorrelated('user_object_rights', 'user_object_rights.user_id', 'users.id'),
};

const SORT_COLUMNS = {
  name: sql`${users.name} COLLATE NOCASE`,
  // lower() orders as NOCASE does (ASCII) and reads the unique index on lower(email).
  email: sql`lower(${users.email})`,
  role: users.role,
  createdAt: users.createdAt,
} as const;

/** User rows matching `where`, by name (a customer's contacts, one user). */
export function userRowsWhere(db: Db, where: SQL | undefined): UserRow[] {
  return db
    .select(rowColumns)
    .from(users)
    .leftJoin(customers, eq(customers.id, users.customerId))
    .where(where)
    .orderBy(sql`${users.name} COLLATE NOCASE`, users.id)
    .all();
}

export function listUsers(db: Db, input: ParsedInput<'user.list'>): Page<UserRow> {
  const where = and(
    input.customerId ? eq(users.customerId, input.customerId) : undefined,
    input.kind === 'staff' ? isNull(users.customerId) : input.kind === 'contact' ? isNotNull(users.customerId) : undefined,
    matchesAny(input.search, [users.name, users.email]),
  );
  const { limit, offset } = pageOf(input);
  const items = db
    .select(rowColumns)
    .from(users)
    .leftJoin(customers, eq(customers.id, users.customerId))
    .where(where)
    .orderBy(orderBy(SORT_COLUMNS[input.sort ?? 'name'], input.dir), users.id)
    .limit(limit)
    .offset(offset)
    .all();
  return toPage(items, countRows(db, users, where), input);
}

export function getUser(db: Db, id: number): UserDetail {
  const [row] = userRowsWhere(db, eq(users.id, id));
  if (!row) throw notFound('User', id);
  const supportContactFor = db
    .select({ licenseId: licenses.id, ownerName: licenses.ownerName, sku: skus.sku })
    .from(licenseSupportContacts)
    .innerJoin(licenses, eq(licenses.id, licenseSupportContacts.licenseId))
    .innerJoin(skus, eq(skus.id, licenses.skuId))
    .where(eq(licenseSupportContacts.userId, id))
    .orderBy(asc(licenses.id))
    .all();
  return { ...row, rights: grantsOfUser(db, id), supportContactFor, subscriptions: subscriptionsOfUser(db, id) };
}

function assertEmailFree(db: Db, email: string, exceptId?: number) {
  assertUnique(db, users, {
    idColumn: users.id,
    column: users.email,
    value: email,
    exceptId,
    field: 'email',
    message: `Another user already has the email ${email} (emails are unique, ignoring case).`,
  });
}

function assertCustomerExists(db: Db, customerId: number) {
  if (!db.select({ id: customers.id }).from(customers).where(eq(customers.id, customerId)).get()) {
    throw invalidField('customerId', `Customer ${customerId} does not exist.`);
  }
}

/** A contact is a customer's person, so by default they may only look. */
const defaultRole = (customerId: number | null): UserRole => (customerId === null ? 'staff' : 'viewer');

export function createUser(db: Db, actor: string, input: ParsedInput<'user.create'>): User {
  return db.transaction((tx) => {
    assertEmailFree(tx, input.email);
    if (input.customerId !== null) assertCustomerExists(tx, input.customerId);
    const user = tx
      .insert(users)
      .values({ ...input, role: input.role ?? defaultRole(input.customerId) })
      .returning()
      .get();
    recordAudit(tx, {
      actor,
      targetType: 'user',
      targetId: user.id,
      action: 'user.create',
      details: { name: user.name, email: user.email, role: user.role, customerId: user.customerId },
    });
    return user;
  });
}

export function updateUser(db: Db, actor: string, input: ParsedInput<'user.update'>): User {
  return db.transaction((tx) => {
    const { id, ...patch } = input;
    const fields = definedOnly(patch);
    const before = tx.select().from(users).where(eq(users.id, id)).get();
    if (!before) throw notFound('User', id);
    if (fields.email !== undefined) assertEmailFree(tx, fields.email, id);
    if (fields.customerId != null) assertCustomerExists(tx, fields.customerId);
    const user = Object.keys(fields).length
      ? tx.update(users).set({ ...fields, updatedAt: nowUtc() }).where(eq(users.id, id)).returning().get()
      : before;
    recordAudit(tx, { actor, targetType: 'user', targetId: id, action: 'user.update', details: { before, after: user } });
    return user;
  });
}

/** Their grants, support-contact places and subscriptions go too; each affected license or app is told. */
export function deleteUser(db: Db, actor: string, id: number): Deleted {
  return db.transaction((tx) => {
    const user = tx.select().from(users).where(eq(users.id, id)).get();
    if (!user) throw notFound('User', id);
    const removed = recordUsersLeaving(tx, actor, [id], 'user.delete');
    tx.delete(users).where(eq(users.id, id)).run();
    recordAudit(tx, {
      actor,
      targetType: 'user',
      targetId: id,
      action: 'user.delete',
      details: { name: user.name, email: user.email, customerId: user.customerId, ...removed },
    });
    return { id, deleted: true as const };
  });
}
