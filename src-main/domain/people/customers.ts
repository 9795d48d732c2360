/** Customers: the seed's purchasing and owning entities, an organisation or a person. */
import { and, asc, eq, sql } from 'drizzle-orm';
import { customers, providerCustomers, transactions, users } from '../../../db/schema';
import { KeyHubError, invalidField, notFound } from '../../api/errors';
import type { ParsedInput } from '../../api/contract';
import type { Db } from '../../store/open';
import { nowUtc } from '../../shared/time';
import { recordAudit } from '../audit/audit';
import { countCorrelated, countRows, definedOnly, matchesAny, orderBy, pageOf, toPage } from '../catalog/common';
import type { Deleted, Page } from '../catalog/types';
import { removeGrantsOnObject } from './grants';
import { recordUsersLeaving } from './leaving';
import { userRowsWhere } from './users';
import type { Customer, CustomerDetail, CustomerRow } from './types';

/** Licenses naming the customer as owning or purchasing entity (each license once). */
const licenseCount = sql<number>`${sql.raw(
  '(SELECT count(*) FROM licenses WHERE licenses.owning_entity_id = customers.id OR licenses.purchasing_entity_id = customers.id)',
)}`;
const contactCount = countCorrelated('users', 'users.customer_id', 'customers.id');

const rowColumns = {
  id: customers.id,
  kind: customers.kind,
  name: customers.name,
  email: customers.email,
  phone: customers.phone,
  street: customers.street,
  city: customers.city,
  region: customers.region,
  postal: customers.postal,
  country: customers.country,
  notes: customers.notes,
  createdAt: customers.createdAt,
  updatedAt: customers.updatedAt,
  licenseCount,
  contactCount,
};

const SORT_COLUMNS = {
  name: sql`${customers.name} COLLATE NOCASE`,
  kind: customers.kind,
  // lower() orders as NOCASE does (ASCII) and reads the index on lower(email).
  email: sql`lower(${customers.email})`,
  createdAt: customers.createdAt,
  licenseCount,
} as const;

export function listCustomers(db: Db, input: ParsedInput<'customer.list'>): Page<CustomerRow> {
  const where = and(
    input.kind ? eq(customers.kind, input.kind) : undefined,
    matchesAny(input.search, [customers.name, customers.email]),
  );
  const { limit, offset } = pageOf(input);
  const items = db
    .select(rowColumns)
    .from(customers)
    .where(where)
    .orderBy(orderBy(SORT_COLUMNS[input.sort ?? 'name'], input.dir), customers.id)
    .limit(limit)
    .offset(offset)
    .all();
  return toPage(items, countRows(db, customers, where), input);
}

function customerRow(db: Db, id: number): CustomerRow | undefined {
  return db.select(rowColumns).from(customers).where(eq(customers.id, id)).get();
}

export function getCustomer(db: Db, id: number): CustomerDetail {
  const row = customerRow(db, id);
  if (!row) throw notFound('Customer', id);
  const providerIds = db
    .select({ provider: providerCustomers.provider, providerCustomerId: providerCustomers.providerCustomerId })
    .from(providerCustomers)
    .where(eq(providerCustomers.customerId, id))
    .orderBy(asc(providerCustomers.provider), asc(providerCustomers.providerCustomerId))
    .all();
  return { ...row, contacts: userRowsWhere(db, eq(users.customerId, id)), providerIds };
}

/** A customer named by another record (a user's `customerId`, a license's entities). */
export function requireCustomer(db: Db, id: number, field = 'customerId'): Customer {
  const row = db.select().from(customers).where(eq(customers.id, id)).get();
  if (!row) throw invalidField(field, `Customer ${id} does not exist.`);
  return row;
}

export function createCustomer(db: Db, actor: string, input: ParsedInput<'customer.create'>): Customer {
  return db.transaction((tx) => {
    const customer = tx.insert(customers).values(input).returning().get();
    recordAudit(tx, { actor, targetType: 'customer', targetId: customer.id, action: 'customer.create', details: { name: customer.name, kind: customer.kind } });
    return customer;
  });
}

export function updateCustomer(db: Db, actor: string, input: ParsedInput<'customer.update'>): Customer {
  return db.transaction((tx) => {
    const { id, ...patch } = input;
    const fields = definedOnly(patch);
    const before = tx.select().from(customers).where(eq(customers.id, id)).get();
    if (!before) throw notFound('Customer', id);
    const customer = Object.keys(fields).length
      ? tx.update(customers).set({ ...fields, updatedAt: nowUtc() }).where(eq(customers.id, id)).returning().get()
      : before;
    recordAudit(tx, { actor, targetType: 'customer', targetId: id, action: 'customer.update', details: { before, after: customer } });
    return customer;
  });
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/**
 * Refused while a license or a payment names the customer (the books keep them). Its
 * contacts, their grants and its provider ids go with it; the audit log says who.
 */
export function deleteCustomer(db: Db, actor: string, id: number): Deleted {
  return db.transaction((tx) => {
    const customer = customerRow(tx, id);
    if (!customer) throw notFound('Customer', id);
    if (customer.licenseCount > 0) {
      throw new KeyHubError(
        'IN_USE',
        `${customer.name} is the owning or purchasing entity of ${plural(customer.licenseCount, 'license')}. Transfer ${customer.licenseCount === 1 ? 'it' : 'them'} to another customer first; a customer with licenses cannot be deleted.`,
        { licenseCount: customer.licenseCount },
      );
    }
    const transactionCount = countRows(tx, transactions, eq(transactions.customerId, id));
    if (transactionCount > 0) {
      throw new KeyHubError(
        'IN_USE',
        `${customer.name} has ${plural(transactionCount, 'payment transaction')} on the books; a customer with purchases cannot be deleted.`,
        { transactionCount },
      );
    }
    const contacts = tx.select({ id: users.id, name: users.name, email: users.email }).from(users).where(eq(users.customerId, id)).all();
    recordUsersLeaving(tx, actor, contacts.map((c) => c.id), 'customer.delete');
    removeGrantsOnObject(tx, actor, 'customer', String(id), 'customer.delete');
    tx.delete(customers).where(eq(customers.id, id)).run();
    recordAudit(tx, { actor, targetType: 'customer', targetId: id, action: 'customer.delete', details: { name: customer.name, kind: customer.kind, contactsRemoved: contacts } });
    return { id, deleted: true as const };
  });
}
