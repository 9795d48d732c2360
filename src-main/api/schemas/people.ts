/** Input schemas of customers, users (staff and customers' contacts) and rights. */
import { z } from 'zod';
import { id, listQuery, optionalText, trimmed } from './common';

export const CUSTOMER_KINDS = ['organization', 'person'] as const;
const customerKind = z.enum(CUSTOMER_KINDS, { error: 'Choose organisation or person.' });
export const customerFields = z.object({
  kind: customerKind.default('organization'),
  name: trimmed(1024, 'Name'),
  email: z
    .string()
    .trim()
    .max(256, 'Email must be at most 256 characters.')
    .refine((v) => v === '' || /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v), 'Email must look like name@example.com.')
    .nullish()
    .transform((v) => (v ? v : null)),
  phone: optionalText(256, 'Phone'),
  street: optionalText(256, 'Street'),
  city: optionalText(256, 'City'),
  region: optionalText(256, 'Region'),
  postal: optionalText(64, 'Postal code'),
  country: optionalText(256, 'Country'),
  notes: optionalText(4096, 'Notes'),
});
export const CUSTOMER_SORT = ['name', 'kind', 'email', 'createdAt', 'licenseCount'] as const;
export const customerList = listQuery(CUSTOMER_SORT).extend({ kind: z.enum(CUSTOMER_KINDS).optional() });
/** A patch: `kind` has no default here, or every edit would turn a person into an organisation. */
export const customerUpdate = customerFields.extend({ kind: customerKind }).partial().extend({ id });

export const USER_ROLES = ['owner', 'admin', 'staff', 'viewer'] as const;
const email = z
  .string({ error: 'Email is required.' })
  .trim()
  .min(3, 'Email is required.')
  .max(256, 'Email must be at most 256 characters.')
  .regex(/^[^\s@]+@[^\s@]+\.[^\s@]+$/, 'Email must look like name@example.com.');
export const userFields = z.object({
  name: trimmed(256, 'Name'),
  email,
  /** Left out: `staff` for the vendor's staff, `viewer` for a customer's contact. */
  role: z.enum(USER_ROLES).optional(),
  isActive: z.boolean().default(true),
  /** A customer's contact person; left out: one of the vendor's staff. */
  customerId: id.nullish().transform((v) => v ?? null),
});
export const USER_SORT = ['name', 'email', 'role', 'createdAt'] as const;
export const userList = listQuery(USER_SORT).extend({
  customerId: id.optional(),
  /** staff: no customer; contact: a customer's person. */
  kind: z.enum(['staff', 'contact']).optional(),
});
export const userUpdate = z.object({
  id,
  name: trimmed(256, 'Name').optional(),
  email: email.optional(),
  role: z.enum(USER_ROLES).optional(),
  isActive: z.boolean().optional(),
  customerId: id.nullable().optional(),
});

/** What a right can be held on (db/schema.ts OBJECT_TYPES; the people domain checks they agree). */
export const OBJECT_TYPES = ['vendor', 'sku', 'license', 'app', 'package', 'customer'] as const;

export const rightFields = z.object({ name: trimmed(1024, 'Right name') });
export const objectRef = z.object({
  objectType: z.enum(OBJECT_TYPES),
  objectId: z.string().trim().min(1, 'Choose the object.').max(64),
});
export const rightGrant = objectRef.extend({ userId: id, rightId: id });
