/** Input schemas of transactions, IPN import, the fulfilment queue and mappings, and settings. */
import { z } from 'zod';
import { byId, id, listQuery, optionalDate, trimmed } from './common';

/** As db/schema.ts PAYMENT_STATUSES (repeated here: the renderer must not import the schema). */
export const PAYMENT_STATUS_VALUES = ['waiting', 'preauthorized', 'confirmed', 'rejected', 'refunded', 'partially_refunded', 'reversed', 'error'] as const;
/** List filters: a status, or `decision` (a partial refund waiting for staff) or `unfulfilled` (paid units still without their license). */
export const TRANSACTION_FILTERS = [...PAYMENT_STATUS_VALUES, 'decision', 'unfulfilled'] as const;
export const TRANSACTION_SORT = ['paymentDate', 'gross', 'payer', 'id'] as const;

export const transactionList = listQuery(TRANSACTION_SORT).extend({
  status: z.enum(TRANSACTION_FILTERS).optional(),
  provider: z.string().trim().min(1).max(32).optional(),
  /** Payment date from (inclusive) and to (exclusive), UTC. */
  from: optionalDate('From').optional(),
  to: optionalDate('To').optional(),
  skuId: id.optional(),
  customerId: id.optional(),
});

/** One message of an import, with the line its text starts on. */
export const importedMessage = z.object({
  line: z.number().int().min(1),
  text: z.string().max(256 * 1024, 'A message is at most 256 KB.'),
});

/** A batch of IPN messages (a file is sent in batches; each is imported on its own). */
export const transactionImportIpn = z.object({
  messages: z.array(importedMessage).min(1, 'There is nothing to import.').max(5000, 'Send at most 5,000 messages at once.'),
});

/** A partial refund's decision: revoke these licenses of the transaction (none keeps them all). */
export const transactionDecide = z.object({
  id,
  revokeLicenseIds: z.array(id).max(1000).default([]),
  note: trimmed(1024, 'A note on the decision'),
});

export const customerPurchases = z.object({
  customerId: id,
  limit: z.number().int().min(1).max(100).optional(),
  offset: z.number().int().min(0).optional(),
});

export const WAITING_REASONS = ['unmapped', 'ambiguous', 'no_signing_key', 'key_retired'] as const;
export const fulfilmentWaiting = z.object({
  reason: z.enum(WAITING_REASONS).optional(),
  limit: z.number().int().min(1).max(500).optional(),
  offset: z.number().int().min(0).optional(),
});

/** Map items called so (by number, or by name) to a SKU; waiting purchases are fulfilled at once. */
export const fulfilmentMap = z.object({
  matchField: z.enum(['item_number', 'item_name']),
  matchValue: trimmed(256, 'The item number or name'),
  skuId: id,
});

/** Fulfils what waits and can now be fulfilled (a key assigned since); one transaction, or all. */
export const fulfilmentRetry = z.object({ transactionId: id.optional() });

export const fulfilmentUnmap = byId;

export const settingsUpdate = z.object({
  ipn: z
    .object({
      validate: z.boolean().optional(),
      validateUrl: z
        .string()
        .trim()
        .max(2048, 'The URL must be at most 2048 characters.')
        .refine((v) => /^https?:\/\/[^\s/]+(\/\S*)?$/i.test(v), 'The validation URL must be an http(s) URL, like https://ipnpb.paypal.com/cgi-bin/webscr.')
        .optional(),
    })
    .strict()
    .optional(),
});
