/**
 * Stripe's sync status, kept fresh: polled about every second while a run is running
 * (here, in another window, from the schedule or the command line) and every 15 seconds
 * otherwise. A sync started from this page is followed through its job too, because a
 * short run can start and end between two polls; either way, each run that ends is
 * reported once.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ApiErrorBody } from '../../../src-main/api/errors';
import type { JobStatus } from '../../../src-main/domain/jobs/jobs';
import type { StripeStatus, SyncRun } from '../../../src-main/domain/sync/types';
import { api } from '../../api/client';

const BUSY_POLL_MS = 1000;
const IDLE_POLL_MS = 15_000;

/** How a run ended: the run's row, or, when the sync failed before it had one, the job's error. */
export type RunEnding = { run: SyncRun; error: null } | { run: null; error: ApiErrorBody };

export interface StripeStatusState {
  status: StripeStatus | undefined;
  error: Error | undefined;
  /** A sync started here whose run is not visible yet. */
  starting: boolean;
  /** Follows the job a "Sync now" started. */
  watch: (job: JobStatus) => void;
  reload: () => void;
}

interface Watched {
  job: JobStatus;
  /** The newest run when it started: a run after it is this job's. */
  lastRunIdBefore: number;
}

export function useStripeStatus(onEnded: (ending: RunEnding) => void): StripeStatusState {
  const [status, setStatus] = useState<StripeStatus>();
  const [error, setError] = useState<Error>();
  const [watched, setWatched] = useState<Watched | null>(null);
  const [tick, setTick] = useState(0);
  const statusRef = useRef<StripeStatus | undefined>(undefined);
  const watchedRef = useRef<Watched | null>(null);
  const runningSeen = useRef<number | null>(null);
  const reported = useRef(new Set<number>());
  const onEndedRef = useRef(onEnded);
  useEffect(() => {
    onEndedRef.current = onEnded;
  });

  useEffect(() => {
    let current = true;
    const following = watchedRef.current;
    Promise.all([api('stripe.status', {}), following ? api('job.get', { id: following.job.id }) : Promise.resolve(null)]).then(
      ([next, job]) => {
        if (!current) return;
        const report = (ending: RunEnding) => {
          if (ending.run) {
            if (reported.current.has(ending.run.id)) return;
            reported.current.add(ending.run.id);
          }
          onEndedRef.current(ending);
        };
        // A run seen running that is no longer: it ended (whoever started it).
        if (next.running) runningSeen.current = next.running.id;
        else if (runningSeen.current !== null) {
          runningSeen.current = null;
          if (next.lastRun) report({ run: next.lastRun, error: null });
        }
        if (following && job && job.state !== 'running' && !next.running) {
          watchedRef.current = null;
          setWatched(null);
          const run = next.lastRun && next.lastRun.id > following.lastRunIdBefore ? next.lastRun : null;
          if (run) report({ run, error: null });
          else if (job.error) report({ run: null, error: job.error });
        } else if (following && job) {
          const updated = { ...following, job };
          watchedRef.current = updated;
          setWatched(updated);
        }
        statusRef.current = next;
        setStatus(next);
        setError(undefined);
      },
      (failure: unknown) => current && setError(failure instanceof Error ? failure : new Error(String(failure))),
    );
    return () => {
      current = false;
    };
  }, [tick]);

  const busy = Boolean(status?.running) || watched !== null;
  useEffect(() => {
    if (status === undefined && error === undefined) return;
    const timer = window.setTimeout(() => setTick((t) => t + 1), busy ? BUSY_POLL_MS : IDLE_POLL_MS);
    return () => window.clearTimeout(timer);
  }, [status, error, busy]);

  const watch = useCallback((job: JobStatus) => {
    const next = { job, lastRunIdBefore: statusRef.current?.lastRun?.id ?? 0 };
    watchedRef.current = next;
    setWatched(next);
    setTick((t) => t + 1);
  }, []);

  const reload = useCallback(() => setTick((t) => t + 1), []);

  return { status, error, starting: watched !== null && !status?.running, watch, reload };
}
