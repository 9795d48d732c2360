/** Transactions in words: payment statuses, list filters, import results. */
import type { TRANSACTION_FILTERS } from '../../../src-main/api/schemas';
import type { ImportTally, PaymentStatus } from '../../../src-main/domain/sales/types';
import { plural } from '../../format/numbers';

export type TransactionFilter = (typeof TRANSACTION_FILTERS)[number];

export const PAYMENT_STATUS_LABELS: Record<PaymentStatus, string> = {
  waiting: 'Pending',
  preauthorized: 'Pre-authorised',
  confirmed: 'Paid',
  rejected: 'Rejected',
  refunded: 'Refunded',
  partially_refunded: 'Partly refunded',
  reversed: 'Reversed',
  error: 'Error',
};

/** The status filter: what staff look for first (a decision to take, licenses owed), then each status. */
export const STATUS_FILTER_OPTIONS: { value: TransactionFilter; label: string }[] = [
  { value: 'decision', label: 'Needs a decision' },
  { value: 'unfulfilled', label: 'Licenses waiting' },
  ...(Object.entries(PAYMENT_STATUS_LABELS) as Array<[PaymentStatus, string]>).map(([value, label]) => ({ value, label })),
];

/** What a payment log entry is, when it says no more than its type. */
export const LOG_EVENT_LABELS: Record<string, string> = {
  received: 'Received',
  status: 'Status change',
  refund: 'Refund',
  reversal: 'Reversal',
  reversal_cancelled: 'Reversal cancelled',
  decision: 'Decision',
};

export const logEventLabel = (eventType: string) => LOG_EVENT_LABELS[eventType] ?? eventType;

/** Adds one batch's answer to the running total of an import. */
/** "2 new purchases, 1 update": what the import recorded, besides licenses. */
export function recordedWords(tally: ImportTally): string {
  const parts = [tally.recorded > 0 && plural(tally.recorded, 'new purchase'), tally.updated > 0 && plural(tally.updated, 'update')].filter(Boolean);
  return parts.length ? parts.join(', ') : 'nothing new';
}
