import type { SubscriptionStatus } from '../../../src-main/domain/sync/types';
import { SUBSCRIPTION_STATUS_HINTS, SUBSCRIPTION_STATUS_LABELS } from './subscriptionWords';

/** Where a subscription stands at Stripe: active, in trial, past due, canceled… */
export function SubscriptionStatusBadge({ status }: { status: SubscriptionStatus }) {
  return (
    <span className={`badge badge--subscription-${status}`} title={SUBSCRIPTION_STATUS_HINTS[status]}>
      {SUBSCRIPTION_STATUS_LABELS[status]}
    </span>
  );
}
