/**
 * One sync run: how it went and why (its message), what it did (the counts), and every
 * object it could not apply, by type and Stripe id, with the reason. A running run is
 * followed live.
 */
import { useEffect } from 'react';
import type { SyncRunDetail } from '../../../src-main/domain/sync/types';
import { EmptyState } from '../../components/EmptyState';
import { Facts } from '../../components/Facts';
import { LoadState } from '../../components/LoadState';
import { PageHeader } from '../../components/PageHeader';
import { Section } from '../../components/Section';
import { formatMoment } from '../../format/dates';
import { plural } from '../../format/numbers';
import { useApiQuery } from '../../hooks/useApiQuery';
import { useRouteId } from '../catalog/shared/useRouteId';
import { NotFoundScreen } from '../NotFoundScreen';
import { SyncRunStatusBadge } from './SyncBadges';
import { syncPaths } from './syncPaths';
import { COUNT_LABELS, formatDuration, SYNC_MODE_HINTS, SYNC_MODE_LABELS, SYNC_TRIGGER_LABELS } from './syncWords';

const LIVE_POLL_MS = 1000;

export function SyncRunDetailScreen() {
  const id = useRouteId();
  const run = useApiQuery('sync.run', id ? { id } : null);
  const { reload } = run;
  const running = run.data?.status === 'running';

  useEffect(() => {
    if (!running) return;
    const timer = window.setTimeout(reload, LIVE_POLL_MS);
    return () => window.clearTimeout(timer);
  }, [running, run.data, reload]);

  if (!id) return <NotFoundScreen />;
  return (
    <LoadState data={run.data} error={run.error} what="sync run" onRetry={reload}>
      {(loaded) => <SyncRunView run={loaded} />}
    </LoadState>
  );
}

/** A sentence for the run's outcome when it left no message. */
function outcomeText(run: SyncRunDetail): string {
  if (run.message) return run.message;
  switch (run.status) {
    case 'running':
      return run.stage ?? 'Running…';
    case 'succeeded':
      return run.errors > 0 ? `Finished; ${plural(run.errors, 'object')} could not be applied (below).` : 'Finished without errors.';
    case 'interrupted':
      return 'Stopped before the end; the next sync resumes where it stopped.';
    case 'failed':
      return 'Failed; the next sync resumes where it stopped.';
  }
}

function SyncRunView({ run }: { run: SyncRunDetail }) {
  const shownErrors = run.errorList.length;
  return (
    <>
      <PageHeader
        title={`Sync run ${run.id}`}
        titleAside={<SyncRunStatusBadge status={run.status} />}
        subtitle={`${SYNC_MODE_LABELS[run.mode]} · ${SYNC_TRIGGER_LABELS[run.trigger]} · ${formatMoment(run.startedAt)}`}
        back={{ to: syncPaths.sync, label: 'Sync' }}
      />
      <p className={run.status === 'failed' ? 'state-notice state-notice--revoked' : run.status === 'succeeded' && run.errors === 0 ? 'state-notice' : 'state-notice state-notice--suspended'} role="status">
        {outcomeText(run)}
      </p>
      <div className="detail-grid">
        <Section title="Run">
          <Facts
            facts={[
              { label: 'Status', value: <SyncRunStatusBadge status={run.status} /> },
              { label: 'Mode', value: SYNC_MODE_LABELS[run.mode], hint: SYNC_MODE_HINTS[run.mode] },
              { label: 'Started by', value: SYNC_TRIGGER_LABELS[run.trigger] },
              { label: 'Started', value: formatMoment(run.startedAt) },
              { label: 'Finished', value: formatMoment(run.finishedAt, run.status === 'running' ? 'Still running' : '—') },
              { label: 'Duration', value: formatDuration(run.startedAt, run.finishedAt ?? (run.status === 'running' ? null : run.heartbeatAt)) },
              { label: run.status === 'running' ? 'Doing now' : 'Last step', value: run.stage ?? '—' },
              { label: 'Provider', value: run.provider === 'stripe' ? 'Stripe' : run.provider },
            ]}
          />
        </Section>
        <Section title="What it did">
          <Facts facts={COUNT_LABELS.map(({ key, label, hint }) => ({ label, value: run[key].toLocaleString(), hint }))} />
        </Section>
      </div>
      <Section title="Errors" count={run.errors}>
        {shownErrors === 0 ? (
          <EmptyState compact title={run.errors > 0 ? 'The errors of this run are no longer kept.' : 'No errors: every object read was applied.'} />
        ) : (
          <>
            {run.errors > shownErrors && (
              <p className="section__intro muted">
                The first {shownErrors.toLocaleString()} of {plural(run.errors, 'error')}, oldest first.
              </p>
            )}
            <div className="table-wrap">
              <table className="table">
                <caption className="visually-hidden">Objects this run could not apply</caption>
                <thead>
                  <tr>
                    <th scope="col">Object type</th>
                    <th scope="col">Object id</th>
                    <th scope="col">Reason</th>
                    <th scope="col">When</th>
                  </tr>
                </thead>
                <tbody>
                  {run.errorList.map((e) => (
                    <tr key={e.id}>
                      <td className="cell--nowrap">{e.objectType ?? '—'}</td>
                      <td className="cell--nowrap code">{e.objectId ?? '—'}</td>
                      <td className="sync-error__reason">{e.reason}</td>
                      <td className="cell--nowrap">{formatMoment(e.createdAt)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <p className="section__intro muted">An object that could not be applied is not stored, so “Re-list everything” (or the next full sync) tries it again once the cause is fixed.</p>
          </>
        )}
      </Section>
    </>
  );
}
