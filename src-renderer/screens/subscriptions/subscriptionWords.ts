/** Subscriptions in words: Stripe's statuses as staff say them, and the list's filters. */
import type { SUBSCRIPTION_FILTERS } from '../../../src-main/api/schemas/sync';
import type { SubscriptionRow, SubscriptionStatus } from '../../../src-main/domain/sync/types';
import { formatDay } from '../../format/dates';

export type SubscriptionFilter = (typeof SUBSCRIPTION_FILTERS)[number];

export const SUBSCRIPTION_STATUS_LABELS: Record<SubscriptionStatus, string> = {
  active: 'Active',
  trialing: 'Trial',
  past_due: 'Past due',
  unpaid: 'Unpaid',
  canceled: 'Canceled',
  incomplete: 'Incomplete',
  incomplete_expired: 'Expired unpaid',
  paused: 'Paused',
};

/** What each status means for the licenses, for a hint. */
export const SUBSCRIPTION_STATUS_HINTS: Record<SubscriptionStatus, string> = {
  active: 'Paid: its licenses run to the period’s end plus the SKU’s grace.',
  trialing: 'In its trial: its licenses run to the trial’s end plus the SKU’s grace.',
  past_due: 'A renewal payment failed and Stripe is retrying: its licenses keep their expiry meanwhile.',
  unpaid: 'Stripe stopped retrying the payment: renewal has ended.',
  canceled: 'Canceled: renewal has ended; its licenses run out at their expiry.',
  incomplete: 'The first payment has not gone through yet.',
  incomplete_expired: 'The first payment never went through: renewal has ended.',
  paused: 'Paused at Stripe: its licenses keep their expiry.',
};

/** The status filter: "Renewal ended" first (what staff look for), then each status. */
export const SUBSCRIPTION_FILTER_OPTIONS: { value: SubscriptionFilter; label: string }[] = [
  { value: 'ended', label: 'Renewal ended' },
  ...(Object.entries(SUBSCRIPTION_STATUS_LABELS) as Array<[SubscriptionStatus, string]>).map(([value, label]) => ({ value, label })),
];

/** "Cancels on 3 Mar 2027", "Renewal ended 1 Feb 2027", or null when it renews as usual. */
export function renewalNote(s: Pick<SubscriptionRow, 'renewalEndedAt' | 'cancelAtPeriodEnd' | 'currentPeriodEnd' | 'status'>): string | null {
  if (s.renewalEndedAt) return `Renewal ended ${formatDay(s.renewalEndedAt)}`;
  if (s.cancelAtPeriodEnd) return `Cancels on ${formatDay(s.currentPeriodEnd)}`;
  return null;
}
