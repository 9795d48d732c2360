/**
 * Sync: where KeyHub stands with Stripe (first sync done, next scheduled run), "Sync
 * now" and "Re-list everything", the live progress of a running sync (from here, the
 * schedule or the command line) with "Stop", and the last runs with what each did.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { Link } from 'react-router';
import type { StripeStatus } from '../../../src-main/domain/sync/types';
import { api, messageOf } from '../../api/client';
import { DataTable } from '../../components/DataTable';
import { Dialog } from '../../components/Dialog';
import { EmptyState } from '../../components/EmptyState';
import { Facts } from '../../components/Facts';
import { ListBody } from '../../components/ListBody';
import { PageHeader } from '../../components/PageHeader';
import { Section } from '../../components/Section';
import { useToast } from '../../components/Toasts';
import { formatMoment } from '../../format/dates';
import { useApiForm } from '../../forms/useApiForm';
import { useApiQuery } from '../../hooks/useApiQuery';
import { useVault } from '../keys/VaultContext';
import { LivemodeBadge } from './SyncBadges';
import { SyncProgressPanel } from './SyncProgressPanel';
import { syncPaths } from './syncPaths';
import { syncRunColumns } from './syncRunColumns';
import { runOutcomeWords, scheduleWords } from './syncWords';
import { useStripeStatus, type RunEnding } from './useStripeStatus';

const PAGE_SIZE = 20;

export function SyncScreen() {
  const toast = useToast();
  const vault = useVault();
  const form = useApiForm();
  const [page, setPage] = useState(1);
  const [relisting, setRelisting] = useState(false);
  const [stopping, setStopping] = useState(false);
  const runs = useApiQuery('sync.runs', { provider: 'stripe', limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE });
  const reloadRuns = runs.reload;
  const lastStart = useRef<{ full: boolean }>({ full: false });
  const startRef = useRef<(full: boolean) => Promise<boolean>>(async () => false);

  const onEnded = useCallback(
    (ending: RunEnding) => {
      reloadRuns();
      setStopping(false);
      if (ending.run) {
        const show = ending.run.status === 'succeeded' ? toast.success : ending.run.status === 'failed' ? toast.error : toast.info;
        show(runOutcomeWords(ending.run));
      } else if (ending.error.code === 'LOCKED') {
        // The sync found the keys locked before it began: unlock, then start it again.
        void vault.ensureUnlocked(ending.error.message).then((unlocked) => unlocked && startRef.current(lastStart.current.full));
      } else {
        toast.error(`Sync failed: ${ending.error.message}`);
      }
    },
    [reloadRuns, toast, vault],
  );
  const stripe = useStripeStatus(onEnded);
  const status = stripe.status;
  const running = status?.running ?? null;

  // While a run is running, its row in the table keeps up with it.
  useEffect(() => {
    if (running) reloadRuns();
  }, [running, reloadRuns]);

  async function start(full: boolean): Promise<boolean> {
    lastStart.current = { full };
    const job = await form.submit('stripe.sync', full ? { full: true } : {}, vault.recoverLocked);
    if (!job) return false;
    stripe.watch(job);
    reloadRuns();
    return true;
  }
  useEffect(() => {
    startRef.current = start;
  });

  async function stop() {
    setStopping(true);
    try {
      const answer = await api('stripe.stop', {});
      if (answer.stopping) toast.info('Stopping after the current page. The next sync resumes from there.');
      else {
        setStopping(false);
        toast.info('No sync is running.');
      }
    } catch (error) {
      setStopping(false);
      toast.error(`The sync could not be stopped: ${messageOf(error)}`);
    }
    stripe.reload();
  }

  const connected = status?.connection.connected === true;
  const busy = running !== null || stripe.starting;
  const actions = connected && (
    <>
      {busy ? (
        <button type="button" className="button button--danger-quiet" onClick={() => void stop()} disabled={stopping || !running}>
          {stopping ? 'Stopping…' : 'Stop'}
        </button>
      ) : (
        <>
          <button type="button" className="button" onClick={() => setRelisting(true)} disabled={form.saving}>
            Re-list everything…
          </button>
          <button type="button" className="button button--primary" onClick={() => void start(false)} disabled={form.saving}>
            {form.saving ? 'Starting…' : 'Sync now'}
          </button>
        </>
      )}
    </>
  );

  const runsData = runs.data ?? runs.lastData;
  return (
    <>
      <PageHeader title="Sync" subtitle="Keeps KeyHub in step with Stripe: purchases, refunds, disputes and subscriptions, and the licenses they issue or end." actions={actions} />
      {form.banner && (
        <p className="refusal sync-refusal" role="alert">
          {form.banner}
        </p>
      )}
      {stripe.error && !status ? (
        <EmptyState
          title="The sync status could not be loaded."
          action={
            <button type="button" className="button" onClick={stripe.reload}>
              Try again
            </button>
          }
        >
          <p>{stripe.error.message}</p>
        </EmptyState>
      ) : !status ? (
        <p className="loading" aria-busy="true">
          Loading the sync status…
        </p>
      ) : !connected ? (
        <EmptyState
          title="Stripe is not connected."
          action={
            <Link className="button button--primary" to={syncPaths.settings}>
              Go to Settings
            </Link>
          }
        >
          <p>
            Connect your Stripe account in Settings with a restricted key that can read your data. KeyHub then reads purchases, refunds, disputes and subscriptions on a
            schedule or when you ask, and issues or ends their licenses. No public address or webhook is needed.
          </p>
        </EmptyState>
      ) : (
        <>
          {busy && <SyncProgressPanel run={running} stopping={stopping} />}
          <SyncOverview status={status} />
        </>
      )}
      {(connected || (runsData?.total ?? 0) > 0) && (
        <Section title="Runs" count={runsData?.total}>
          <ListBody
            query={runs}
            noun="runs"
            onPage={setPage}
            filtered={false}
            onClearFilters={() => setPage(1)}
            emptyState={
              <EmptyState
                compact
                title="No runs yet."
                action={
                  connected && (
                    <button type="button" className="button button--primary" onClick={() => void start(false)} disabled={busy || form.saving}>
                      Run the first sync
                    </button>
                  )
                }
              >
                <p>The first sync reads everything in your Stripe account, type by type. It can be stopped and resumes where it stopped; later runs read only what changed.</p>
              </EmptyState>
            }
          >
            {(items) => (
              <div className="sync-runs">
                <DataTable caption="Sync runs, newest first" columns={syncRunColumns} rows={items} rowKey={(r) => r.id} rowHref={(r) => syncPaths.run(r.id)} busy={runs.loading} />
              </div>
            )}
          </ListBody>
        </Section>
      )}
      {relisting && (
        <RelistDialog
          requestsPerSecond={status?.settings.requestsPerSecond ?? 20}
          saving={form.saving}
          refusal={form.banner}
          onClose={() => setRelisting(false)}
          onConfirm={() => void start(true).then((started) => started && setRelisting(false))}
        />
      )}
    </>
  );
}

/** Where KeyHub stands with Stripe: the account, the first sync, the schedule, the last run. */
function SyncOverview({ status }: { status: StripeStatus }) {
  const { connection, settings, lastRun } = status;
  return (
    <Section
      title="Stripe"
      actions={
        <Link className="button button--small" to={syncPaths.settings}>
          Connection and schedule
        </Link>
      }
    >
      {!connection.usable && (
        <p className="state-notice state-notice--suspended sync-notice" role="status">
          {connection.unusableReason ?? 'The Stripe key cannot be read now.'} “Sync now” asks for what it needs.
        </p>
      )}
      <Facts
        facts={[
          {
            label: 'Account',
            value: (
              <>
                {connection.accountName ?? 'Unnamed account'} <LivemodeBadge livemode={connection.livemode} />
              </>
            ),
            hint: connection.accountId ?? undefined,
          },
          {
            label: 'First sync',
            value: status.backfillDone ? 'Done' : lastRun ? 'Not finished yet' : 'Not started',
            hint: status.backfillDone
              ? 'Each run now reads only what changed (Stripe’s events).'
              : lastRun
                ? 'The next run carries on where the last one stopped.'
                : 'The first run reads everything, type by type.',
          },
          {
            label: 'Next scheduled run',
            value: status.nextRunAt ? formatMoment(status.nextRunAt) : settings.scheduleMinutes === 0 ? 'None' : 'While KeyHub runs',
            hint:
              settings.scheduleMinutes === 0
                ? 'The schedule is off: sync with “Sync now”, or set a schedule in Settings.'
                : `${scheduleWords(settings.scheduleMinutes)}, while the desktop app or the browser host is open.`,
          },
          { label: 'Changes read up to', value: formatMoment(status.eventsCursor, 'Not yet'), hint: 'The newest Stripe event applied.' },
          {
            label: 'Last run',
            value: lastRun ? <Link to={syncPaths.run(lastRun.id)}>{formatMoment(lastRun.startedAt)}</Link> : 'None yet',
            hint: lastRun && lastRun.status !== 'running' ? runOutcomeWords(lastRun) : undefined,
          },
        ]}
      />
    </Section>
  );
}

interface RelistDialogProps {
  requestsPerSecond: number;
  saving: boolean;
  refusal: string | null;
  onClose: () => void;
  onConfirm: () => void;
}

/** "Re-list everything" reads the whole account again: said first, with what it costs. */
function RelistDialog({ requestsPerSecond, saving, refusal, onClose, onConfirm }: RelistDialogProps) {
  return (
    <Dialog
      alert
      title="Re-list everything from Stripe?"
      onClose={onClose}
      actions={
        <>
          <button type="button" className="button" onClick={onClose} autoFocus>
            Cancel
          </button>
          <button type="button" className="button button--primary" onClick={onConfirm} disabled={saving}>
            {saving ? 'Starting…' : 'Re-list everything'}
          </button>
        </>
      }
    >
      {refusal && (
        <p className="refusal" role="alert">
          {refusal}
        </p>
      )}
      <p>
        KeyHub reads every product, price, customer, Checkout Session, invoice, subscription, payment, refund and dispute again, instead of only what changed since
        the last run.
      </p>
      <p>
        What is already right stays as it is; what differs is brought in step, and issues or ends licenses as the change would have. It takes longer: Stripe is read
        100 objects a request, at most {requestsPerSecond} requests a second.
      </p>
      <p className="muted">Use it when you think a change was missed, for example after restoring a backup or after KeyHub was off for more than 30 days.</p>
    </Dialog>
  );
}
