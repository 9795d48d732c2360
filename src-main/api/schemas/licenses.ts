/** Input schemas of the license lifecycle and domain licenses. */
import { z } from 'zod';
import { guid, id, listQuery, optionalText, override, positiveDays, trimmed, utcDateTime } from './common';
import { licenseSign } from './keys';

export const LICENSE_STATES = ['active', 'suspended', 'revoked', 'expired'] as const;
/** List filters: a state, or `expiring` (active and expiring within 30 days). */
export const LICENSE_FILTERS = [...LICENSE_STATES, 'expiring'] as const;
export const LICENSE_SORT = ['id', 'issued', 'expires', 'owner', 'sku'] as const;

export const licenseList = listQuery(LICENSE_SORT).extend({
  state: z.enum(LICENSE_FILTERS).optional(),
  skuId: id.optional(),
  vendorId: id.optional(),
  /** Licenses this customer owns or bought. */
  customerId: id.optional(),
  appId: guid('App id').optional(),
});

/**
 * Issues a license from a SKU. The owner name defaults to the owning customer's name;
 * a SKU outside its release/expiration window needs `override`.
 */
export const licenseIssue = licenseSign
  .extend({
    owner: trimmed(256, 'Owner name').optional(),
    owningEntityId: id.optional(),
    purchasingEntityId: id.optional(),
    appIds: z.array(guid('App id')).max(100).default([]),
    supportContactIds: z.array(id).max(100).default([]),
    override: override.optional(),
  })
  .refine((v) => v.owner !== undefined || v.owningEntityId !== undefined, {
    message: 'Give an owner name or choose the owning customer.',
    path: ['owner'],
  });

const reason = trimmed(1024, 'A reason');

export const licenseRevoke = z.object({ id, reason });
export const licenseSuspend = z.object({ id, reason });
/** From suspended, or (with a reason) from revoked. */
export const licenseResume = z.object({ id, reason: optionalText(1024, 'Reason') });
/**
 * Renew or extend: a new expiry, or `days` more, or (neither) the SKU's license duration
 * more, counted from the later of now and the current expiry. `expires: null` makes it perpetual.
 */
export const licenseRenew = z
  .object({ id, expires: utcDateTime('New expiry').nullable().optional(), days: positiveDays('Days').optional() })
  .refine((v) => v.expires === undefined || v.days === undefined, { message: 'Give a new expiry or a number of days, not both.', path: ['days'] });
export const licenseTransfer = z.object({
  id,
  owningEntityId: id,
  /** Left out: the new owning customer's name. */
  ownerName: trimmed(256, 'Owner name').optional(),
  reason: optionalText(1024, 'Reason'),
});
/** Owner fields: editable within the SKU's `edit_ownership_duration`, later only with `override`. */
export const licenseUpdateOwner = z.object({
  id,
  ownerName: trimmed(256, 'Owner name').optional(),
  owningEntityId: id.nullable().optional(),
  purchasingEntityId: id.nullable().optional(),
  override: override.optional(),
});
/** Support contacts: at most the SKU's `max_support_contacts`, changeable within its window or with `override`. */
export const licenseSetSupportContacts = z.object({ id, userIds: z.array(id).max(100), override: override.optional() });

export const DOMAIN_STATES = ['live', 'expired', 'stopped'] as const;
export const DOMAIN_SORT = ['domain', 'issued', 'expires', 'license'] as const;
export const domainList = listQuery(DOMAIN_SORT).extend({
  licenseId: id.optional(),
  state: z.enum(DOMAIN_STATES).optional(),
  automatic: z.boolean().optional(),
});
export const domainAdd = z.object({
  licenseId: id,
  domain: trimmed(1024, 'Domain'),
  /** Automatic domains are the ones licensed software registers; they renew themselves. */
  automatic: z.boolean().default(false),
  /** Left out: from the SKU's manual/auto domain duration; null: never (manual only). */
  expires: utcDateTime('Expiry').nullable().optional(),
});
/** Deleting is allowed where the SKU's can_delete_* says so, otherwise only with `override`. */
export const domainDelete = z.object({ id, override: override.optional() });
/** Renews automatic domain licenses expiring within `withinDays` whose license is still valid. */
export const domainRenewDue = z.object({ withinDays: positiveDays('Renewal window').max(365).default(7) });
