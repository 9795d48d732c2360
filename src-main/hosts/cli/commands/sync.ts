/**
 * keyhub sync stripe|runs|run: runs the Stripe sync in this process (a progress line on a
 * terminal; Ctrl-C stops after the current page, and the next sync resumes there), and
 * lists past runs with their counts and errors.
 */
import { Command } from 'commander';
import type { JobStatus } from '../../../domain/jobs/jobs';
import { STREAMS } from '../../../domain/sync/stripe/streams';
import { STRIPE_OBJECT_TYPES } from '../../../domain/sync/stripe/types';
import type { SyncRun, SyncRunDetail } from '../../../domain/sync/types';
import { action } from '../action';
import { ApiFailure, EXIT_FAILED } from '../failures';
import { keyValues, listOutput, section, showDate, type Column } from '../format';
import { addPassphraseOption } from '../passphrase';
import { positiveId, wholeNumber } from '../parse';
import type { CliSession } from '../session';
import { unlockOnLocked } from '../unlock-on-locked';

const count = (n: number) => n.toLocaleString('en-US');
const plural = (n: number, word: string, words = `${word}s`) => `${count(n)} ${n === 1 ? word : words}`;
const TRIGGERS = { schedule: 'on schedule', manual: 'from the app', cli: 'from the command line' } as const;

/** "120 fetched, 3 created, 2 updated, 115 unchanged; 5 licenses issued, 1 revoked; 0 errors". */
export function countsText(run: SyncRun): string {
  return `${count(run.fetched)} fetched, ${count(run.created)} created, ${count(run.updated)} updated, ${count(run.unchanged)} unchanged; ${plural(run.fulfilled, 'license')} issued, ${count(run.revoked)} revoked; ${plural(run.errors, 'error')}`;
}

/** One line about a run: "run 12 (incremental, from the command line) succeeded 2026-11-21T10:03:00Z: counts". */
export function runLine(run: SyncRun): string {
  const when = run.status === 'running' ? `running since ${showDate(run.startedAt)}${run.stage ? `, ${run.stage}` : ''}` : `${run.status} ${showDate(run.finishedAt ?? run.startedAt)}`;
  return `run ${run.id} (${run.mode}, ${TRIGGERS[run.trigger]}) ${when}: ${countsText(run)}`;
}

const RUN_COLUMNS: Column<SyncRun>[] = [
  { header: 'id', value: (r) => r.id, align: 'right' },
  { header: 'started', value: (r) => showDate(r.startedAt) },
  { header: 'trigger', value: (r) => r.trigger },
  { header: 'mode', value: (r) => r.mode },
  { header: 'status', value: (r) => r.status },
  { header: 'fetched', value: (r) => r.fetched, align: 'right' },
  { header: 'created', value: (r) => r.created, align: 'right' },
  { header: 'updated', value: (r) => r.updated, align: 'right' },
  { header: 'unchanged', value: (r) => r.unchanged, align: 'right' },
  { header: 'issued', value: (r) => r.fulfilled, align: 'right' },
  { header: 'revoked', value: (r) => r.revoked, align: 'right' },
  { header: 'errors', value: (r) => r.errors, align: 'right' },
];

function errorsText(detail: SyncRunDetail): string {
  const lines = detail.errorList.map((e) => `  ${[e.objectType, e.objectId].filter(Boolean).join(' ') || 'sync'}: ${e.reason}`);
  if (detail.errors > detail.errorList.length) lines.push(`  … and ${count(detail.errors - detail.errorList.length)} more (keyhub sync run ${detail.id} --json)`);
  return lines.join('\n');
}

export function runText(detail: SyncRunDetail): string {
  const head = keyValues([
    ['Run', `${detail.id} (${detail.provider}, ${detail.mode}, ${TRIGGERS[detail.trigger]})`],
    ['Status', detail.status],
    ['Started', showDate(detail.startedAt)],
    ['Finished', showDate(detail.finishedAt)],
    ['Stage', detail.stage],
    ['Counts', countsText(detail)],
    ['Message', detail.message],
  ]);
  return detail.errorList.length ? `${head}\n${section('Errors', errorsText(detail))}` : head;
}

/** The summary after `keyhub sync stripe`: one line of counts, the run's message (why it stopped, how it resumes), each error. */
export function syncSummary(detail: SyncRunDetail): string {
  const lines = [`Stripe sync ${detail.status} (${detail.mode}, run ${detail.id}): ${countsText(detail)}.`];
  if (detail.message) lines.push(detail.message);
  if (detail.errorList.length) lines.push('Errors:', errorsText(detail));
  return lines.join('\n');
}

const STAGE_LABELS = STRIPE_OBJECT_TYPES.map((type) => STREAMS[type].label);
const BAR_WIDTH = 20;

/**
 * How far a run has come, from its stage: a backfill or relist reads each object type in
 * order, then the events ("Invoices: 1,200 read", "Events since …: 40 of 120"); an
 * incremental run reads events only. Null when the stage does not say (a retry wait).
 */
export function runFraction(run: Pick<SyncRun, 'mode' | 'stage'>): number | null {
  const stage = run.stage ?? '';
  const events = /^Events since .*: ([\d,]+) of ([\d,]+)$/.exec(stage);
  const eventsPart = events ? Number(events[1].replace(/,/g, '')) / Math.max(1, Number(events[2].replace(/,/g, ''))) : stage.startsWith('Events since') ? 0 : null;
  if (run.mode === 'incremental') return eventsPart;
  const steps = STAGE_LABELS.length + 1;
  const type = STAGE_LABELS.findIndex((label) => stage.startsWith(`${label}:`));
  if (type >= 0) return type / steps;
  return eventsPart === null ? null : (STAGE_LABELS.length + eventsPart) / steps;
}

function bar(fraction: number): string {
  const filled = Math.round(Math.min(1, fraction) * BAR_WIDTH);
  return `[${'#'.repeat(filled)}${'-'.repeat(BAR_WIDTH - filled)}]`;
}

/** The progress line, redrawn in place on a terminal's stderr; nothing in pipes or with --json. */
class ProgressLine {
  private shown = 0;
  private lastFraction = 0;
  constructor(private readonly enabled: boolean) {}

  show(run: SyncRun | null, job: JobStatus): void {
    if (!this.enabled) return;
    // The bar never goes back (a retry wait says nothing about how far the run is).
    if (run) this.lastFraction = Math.max(this.lastFraction, runFraction(run) ?? this.lastFraction);
    const text = run
      ? `${bar(this.lastFraction)} ${run.stage ?? job.message} · ${plural(run.fetched, 'object')} in all, ${plural(run.fulfilled, 'license')} issued${run.errors ? `, ${plural(run.errors, 'error')}` : ''}`
      : `${bar(0)} ${job.message}`;
    const line = text.slice(0, (process.stderr.columns || 80) - 1);
    process.stderr.write(`\r${line.padEnd(this.shown)}`);
    this.shown = line.length;
  }

  note(text: string): void {
    this.clear();
    process.stderr.write(`${text}\n`);
  }

  clear(): void {
    if (!this.enabled || this.shown === 0) return;
    process.stderr.write(`\r${' '.repeat(this.shown)}\r`);
    this.shown = 0;
  }
}

const POLL_MS = 200;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Starts the sync job in this process and follows it to its end; a failed job throws its error. */
async function syncOnce(session: CliSession, full: boolean, progress: ProgressLine, started: (job: JobStatus) => void): Promise<SyncRun> {
  let job = await session.call('stripe.sync', { full });
  started(job);
  while (job.state === 'running') {
    await sleep(POLL_MS);
    job = await session.call('job.get', { id: job.id });
    if (job.state === 'running') progress.show((await session.call('stripe.status', {})).running, job);
  }
  progress.clear();
  if (job.state === 'failed') throw new ApiFailure(job.error ?? { code: 'INTERNAL', message: 'The Stripe sync failed.' });
  return job.result as SyncRun;
}

async function syncStripe(session: CliSession, opts: { full?: boolean; passphraseFile?: string }, json: boolean) {
  const progress = new ProgressLine(!json && Boolean(process.stderr.isTTY));
  let jobStarted = false;
  let stopRequested = false;
  // First Ctrl-C: stop after the current page (what is stored stays; the next sync resumes).
  // Second: leave at once; on its way out the run is marked interrupted, its page in flight not stored.
  const onInterrupt = () => {
    if (stopRequested || !jobStarted) {
      if (jobStarted && !json) progress.note('Quit before the current page was stored; the run is recorded as interrupted and the next sync resumes from the last page stored.');
      progress.clear();
      process.exit(130);
    }
    stopRequested = true;
    if (!json) progress.note('Stopping after the current page; the next sync resumes from there. (Ctrl-C again quits at once, dropping that page.)');
    void session.call('stripe.stop', {}).catch(() => undefined);
  };
  process.on('SIGINT', onInterrupt);
  let run: SyncRun;
  try {
    run = await unlockOnLocked(session, opts, json, () => syncOnce(session, Boolean(opts.full), progress, () => (jobStarted = true)), () => progress.clear());
  } finally {
    process.off('SIGINT', onInterrupt);
    progress.clear();
  }
  const detail = await session.call('sync.run', { id: run.id });
  const clean = detail.status === 'succeeded' && detail.errors === 0;
  return { data: detail, human: syncSummary(detail), ...(!clean && { exitCode: EXIT_FAILED }) };
}

export function syncCommand(): Command {
  const command = new Command('sync').description('sync with payment providers (Stripe): run a sync, list past runs');

  addPassphraseOption(
    command
      .command('stripe')
      .description('sync with Stripe now, in this process: new and changed objects, purchases fulfilled, refunds revoked (exit 1 if the run failed or had errors)')
      .option('--full', 're-list every object instead of reading events (changes nothing that is already right)'),
  )
    .addHelpText(
      'after',
      `
The first sync reads everything (a backfill, resumable); later ones read Stripe's events.
Ctrl-C stops after the current page; the next sync resumes from there.
The signing keys are unlocked when the Stripe key is sealed with their passphrase, or when a purchase must be signed.`,
    )
    .action(action<{ full?: boolean; passphraseFile?: string }>(({ opts, session, json }) => syncStripe(session, opts, json)));

  command
    .command('runs')
    .description('past sync runs, newest first, with their counts')
    .option('--provider <name>', 'only this provider (stripe)')
    .option('--limit <n>', 'rows per page (1-200, default 50)', wholeNumber)
    .option('--offset <n>', 'skip this many rows', wholeNumber)
    .action(
      action<{ provider?: string; limit?: number; offset?: number }>(
        async ({ opts, session }) => {
          const page = await session.call('sync.runs', {
            ...(opts.provider !== undefined && { provider: opts.provider }),
            ...(opts.limit !== undefined && { limit: opts.limit }),
            ...(opts.offset !== undefined && { offset: opts.offset }),
          });
          return { data: page, human: listOutput(page, RUN_COLUMNS, 'sync runs', 'Run one: keyhub sync stripe') };
        },
        { limit: '--limit', offset: '--offset', provider: '--provider' },
      ),
    );

  command
    .command('run')
    .description('one sync run: its counts, message and errors (object id and reason)')
    .argument('<id>', 'run id', positiveId)
    .action(
      action(async ({ args, session }) => {
        const detail = await session.call('sync.run', { id: args[0] as number });
        return { data: detail, human: runText(detail) };
      }),
    );
  return command;
}

