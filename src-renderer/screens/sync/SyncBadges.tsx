import type { SyncRunStatus } from '../../../src-main/domain/sync/types';
import { SYNC_STATUS_LABELS } from './syncWords';

/** How a sync run went: running, succeeded, failed, or interrupted (it resumes next time). */
export function SyncRunStatusBadge({ status }: { status: SyncRunStatus }) {
  return <span className={`badge badge--sync-${status}`}>{SYNC_STATUS_LABELS[status]}</span>;
}

/** Which Stripe data a key reads: test mode or live. */
export function LivemodeBadge({ livemode }: { livemode: boolean | null }) {
  if (livemode === null) return null;
  return <span className={livemode ? 'badge badge--stripe-live' : 'badge badge--stripe-test'}>{livemode ? 'Live' : 'Test'}</span>;
}
