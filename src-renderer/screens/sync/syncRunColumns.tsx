import { Link } from 'react-router';
import type { SyncRun } from '../../../src-main/domain/sync/types';
import { NarrowOnly, type Column } from '../../components/DataTable';
import { formatMoment } from '../../format/dates';
import { SyncRunStatusBadge } from './SyncBadges';
import { syncPaths } from './syncPaths';
import { COUNT_LABELS, formatDuration, SYNC_MODE_HINTS, SYNC_MODE_LABELS, SYNC_TRIGGER_LABELS } from './syncWords';

const countColumns: Column<SyncRun>[] = COUNT_LABELS.map(({ key, label }) => ({
  id: key,
  header: label,
  align: 'end',
  nowrap: true,
  cell: (run) => <span className={key === 'errors' && run.errors > 0 ? 'sync-count sync-count--errors' : 'sync-count'}>{run[key].toLocaleString()}</span>,
}));

/** The runs table: when, how, how it went, what it did, how long it took. */
export const syncRunColumns: Column<SyncRun>[] = [
  {
    id: 'started',
    header: 'Started',
    nowrap: true,
    cell: (run) => (
      <Link to={syncPaths.run(run.id)} aria-label={`Run ${run.id}`}>
        {formatMoment(run.startedAt)}
      </Link>
    ),
  },
  {
    id: 'mode',
    header: 'Mode',
    nowrap: true,
    cell: (run) => (
      <>
        <span title={SYNC_MODE_HINTS[run.mode]}>{SYNC_MODE_LABELS[run.mode]}</span>
        <NarrowOnly>{SYNC_TRIGGER_LABELS[run.trigger]}</NarrowOnly>
      </>
    ),
  },
  { id: 'trigger', header: 'Trigger', nowrap: true, wideOnly: true, cell: (run) => SYNC_TRIGGER_LABELS[run.trigger] },
  { id: 'status', header: 'Status', nowrap: true, cell: (run) => <SyncRunStatusBadge status={run.status} /> },
  ...countColumns,
  { id: 'duration', header: 'Duration', align: 'end', nowrap: true, cell: (run) => formatDuration(run.startedAt, run.finishedAt ?? (run.status === 'running' ? null : run.heartbeatAt)) },
];
