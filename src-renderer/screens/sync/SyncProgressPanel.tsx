/**
 * A running sync, live: what it is doing ("Invoices, page 3"), the counts so far and
 * how long it has run, under a bar that moves without claiming a percentage (Stripe
 * does not say how many objects there are).
 */
import type { SyncRun } from '../../../src-main/domain/sync/types';
import { Section } from '../../components/Section';
import { formatDuration, COUNT_LABELS, SYNC_MODE_LABELS, SYNC_TRIGGER_LABELS } from './syncWords';

interface SyncProgressPanelProps {
  /** The run, once it has a row; null while it starts. */
  run: SyncRun | null;
  stopping: boolean;
}

export function SyncProgressPanel({ run, stopping }: SyncProgressPanelProps) {
  const stage = stopping ? `Stopping after the current page${run?.stage ? ` (${run.stage})` : ''}…` : (run?.stage ?? 'Starting…');
  return (
    <Section title="Sync in progress">
      <div className="sync-progress">
        <progress className="job-progress__bar" aria-label="Sync progress" />
        <p className="sync-progress__stage" role="status" aria-live="polite">
          {stage}
        </p>
        {run && (
          <>
            <p className="sync-progress__meta muted">
              {SYNC_MODE_LABELS[run.mode]} · {SYNC_TRIGGER_LABELS[run.trigger]} · running for {formatDuration(run.startedAt, null)}
            </p>
            <ul className="sync-counts" aria-label="Counts so far">
              {COUNT_LABELS.map(({ key, label, hint }) => (
                <li key={key} className={key === 'errors' && run.errors > 0 ? 'sync-counts__item sync-counts__item--errors' : 'sync-counts__item'} title={hint}>
                  <span className="sync-counts__value">{run[key].toLocaleString()}</span> <span className="sync-counts__label">{label}</span>
                </li>
              ))}
            </ul>
          </>
        )}
      </div>
    </Section>
  );
}
