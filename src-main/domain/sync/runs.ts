/**
 * Sync runs: one `sync_runs` row per run, with its counts, stage and heartbeat. A row
 * that is running with a fresh heartbeat is the lease: a second sync (this process or
 * another, e.g. the CLI beside the desktop app) is refused while it holds.
 */
import type Database from 'better-sqlite3';
import { KeyHubError, notFound } from '../../api/errors';
import type { Page } from '../catalog/types';
import { statement } from '../../store/statements';
import type { SyncCounts, SyncErrorEntry, SyncMode, SyncRun, SyncRunDetail, SyncRunStatus, SyncTrigger } from './types';

const RUN_COLUMNS = `id, provider, mode, trigger, status, started_at AS startedAt, finished_at AS finishedAt, heartbeat_at AS heartbeatAt,
  stage, fetched, created, updated, unchanged, fulfilled, revoked, errors, message`;

export const emptyCounts = (): SyncCounts => ({ fetched: 0, created: 0, updated: 0, unchanged: 0, fulfilled: 0, revoked: 0, errors: 0 });

const TRIGGER_WORDS: Record<SyncTrigger, string> = { schedule: 'on schedule', manual: 'from the app', cli: 'from the command line' };

/** "10:03 UTC on 2026-11-21". */
export function timeWords(iso: string): string {
  return `${iso.slice(11, 16)} UTC on ${iso.slice(0, 10)}`;
}

function runningRows(sqlite: Database.Database, provider: string): SyncRun[] {
  return statement(sqlite, `SELECT ${RUN_COLUMNS} FROM sync_runs WHERE provider = ? AND status = 'running' ORDER BY id`).all(provider) as SyncRun[];
}

const isFresh = (run: SyncRun, nowMs: number, staleAfterMs: number) => nowMs - Date.parse(run.heartbeatAt) < staleAfterMs;

export interface BeginRun {
  provider: string;
  trigger: SyncTrigger;
  staleAfterMs: number;
  now: string;
  /** Chooses the mode once the lease is held (inside the same transaction, so no other run moved the cursors meanwhile). */
  plan: () => { mode: SyncMode; message: string | null };
}

/**
 * Takes the lease and starts a run. Refused (CONFLICT, naming the run) while another run
 * of the provider is alive; a run silent for longer than `staleAfterMs` was cut off and
 * is marked interrupted, naming the run that took over (should it still be alive, its
 * next write finds it has lost the lease and it stops).
 */
export function beginRun(sqlite: Database.Database, begin: BeginRun): SyncRun {
  const nowMs = Date.parse(begin.now);
  return sqlite
    .transaction(() => {
      const stale = runningRows(sqlite, begin.provider);
      for (const run of stale) {
        if (isFresh(run, nowMs, begin.staleAfterMs)) {
          throw new KeyHubError(
            'CONFLICT',
            `A sync is already running (run ${run.id}, started ${TRIGGER_WORDS[run.trigger]} at ${timeWords(run.startedAt)}); wait for it to finish, or stop it.`,
            { runId: run.id },
          );
        }
      }
      const { mode, message } = begin.plan();
      const id = Number(
        statement(sqlite, "INSERT INTO sync_runs (provider, mode, trigger, status, started_at, heartbeat_at, message) VALUES (?, ?, ?, 'running', ?, ?, ?)").run(
          begin.provider,
          mode,
          begin.trigger,
          begin.now,
          begin.now,
          message,
        ).lastInsertRowid,
      );
      for (const run of stale) {
        statement(sqlite, "UPDATE sync_runs SET status = 'interrupted', finished_at = ?, message = ? WHERE id = ?").run(
          begin.now,
          `Another sync (run ${id}) took over: nothing was heard from this one after ${timeWords(run.heartbeatAt)} (KeyHub was closed, the computer slept, or it was kept waiting), so it was counted as stopped. Run ${id} carried on from where it stopped.`,
          run.id,
        );
      }
      return runRow(sqlite, id);
    })
    .immediate();
}

/**
 * Thrown when a run finds it no longer holds the lease (another sync took over, or
 * KeyHub marked it stopped on quitting): it stops at once, writing nothing more.
 */
export class RunTakenOver extends Error {
  constructor(readonly runId: number) {
    super(`Sync run ${runId} no longer holds the lease: another sync took over.`);
    this.name = 'RunTakenOver';
  }
}

/**
 * Adds a page's counts to the run and touches its heartbeat (inside the page's
 * transaction). Throws RunTakenOver when the run no longer holds the lease, which rolls
 * the page back.
 */
export function recordProgress(sqlite: Database.Database, runId: number, counts: SyncCounts, stage: string, now: string): void {
  const { changes } = statement(
    sqlite,
    `UPDATE sync_runs SET fetched = fetched + ?, created = created + ?, updated = updated + ?, unchanged = unchanged + ?,
       fulfilled = fulfilled + ?, revoked = revoked + ?, errors = errors + ?, stage = ?, heartbeat_at = ? WHERE id = ? AND status = 'running'`,
  ).run(counts.fetched, counts.created, counts.updated, counts.unchanged, counts.fulfilled, counts.revoked, counts.errors, stage, now, runId);
  if (changes === 0) throw new RunTakenOver(runId);
}

/** Keeps the lease alive (between pages, while the run waits); throws RunTakenOver when it is held no longer. */
export function touchRun(sqlite: Database.Database, runId: number, now: string): void {
  const { changes } = statement(sqlite, "UPDATE sync_runs SET heartbeat_at = ? WHERE id = ? AND status = 'running'").run(now, runId);
  if (changes === 0) throw new RunTakenOver(runId);
}

/** Changes a running run's mode (incremental found its cursor too old and re-lists); RunTakenOver when the lease is lost. */
export function setRunMode(sqlite: Database.Database, runId: number, mode: SyncMode, message: string | null, now: string): void {
  const { changes } = statement(sqlite, "UPDATE sync_runs SET mode = ?, message = ?, heartbeat_at = ? WHERE id = ? AND status = 'running'").run(mode, message, now, runId);
  if (changes === 0) throw new RunTakenOver(runId);
}

/**
 * Ends a run that still holds the lease, and answers the row as it stands: a run that
 * lost it keeps what the run that took over (or KeyHub quitting) wrote.
 */
export function finishRun(sqlite: Database.Database, runId: number, status: Exclude<SyncRunStatus, 'running'>, message: string | null, now: string): SyncRun {
  statement(sqlite, "UPDATE sync_runs SET status = ?, message = ?, finished_at = ?, heartbeat_at = ? WHERE id = ? AND status = 'running'").run(status, message, now, now, runId);
  return runRow(sqlite, runId);
}

/**
 * Marks a run interrupted because KeyHub is quitting under it (before its page in flight
 * was stored), so it does not look alive until its heartbeat goes stale. Safe at any
 * moment between two transactions: the page in flight is not stored, and should the run
 * carry on, its next write finds it no longer holds the lease. False when it had ended.
 */
export function abandonRun(sqlite: Database.Database, runId: number, now: string): boolean {
  const row = statement(sqlite, "SELECT stage FROM sync_runs WHERE id = ? AND status = 'running'").get(runId) as { stage: string | null } | undefined;
  if (!row) return false;
  const where = row.stage ? ` (${row.stage})` : '';
  return (
    statement(sqlite, "UPDATE sync_runs SET status = 'interrupted', message = ?, finished_at = ? WHERE id = ? AND status = 'running'").run(
      `Stopped when KeyHub quit, before the page in flight was stored${where}. The next sync resumes from where it stopped.`,
      now,
      runId,
    ).changes > 0
  );
}

/** An object the run could not apply (inside the transaction that skipped it). */
export function recordSyncError(sqlite: Database.Database, runId: number, objectType: string | null, objectId: string | null, reason: string, now: string): void {
  statement(sqlite, 'INSERT INTO sync_errors (run_id, object_type, object_id, reason, created_at) VALUES (?, ?, ?, ?, ?)').run(runId, objectType, objectId, reason, now);
}

function runRow(sqlite: Database.Database, id: number): SyncRun {
  return statement(sqlite, `SELECT ${RUN_COLUMNS} FROM sync_runs WHERE id = ?`).get(id) as SyncRun;
}

export interface RunListQuery {
  provider?: string;
  limit?: number;
  offset?: number;
}

/** Runs, newest first. */
export function listRuns(sqlite: Database.Database, query: RunListQuery = {}): Page<SyncRun> {
  const limit = query.limit ?? 50;
  const offset = query.offset ?? 0;
  const where = query.provider === undefined ? '' : 'WHERE provider = ?';
  const params = query.provider === undefined ? [] : [query.provider];
  const items = statement(sqlite, `SELECT ${RUN_COLUMNS} FROM sync_runs ${where} ORDER BY started_at DESC, id DESC LIMIT ? OFFSET ?`).all(...params, limit, offset) as SyncRun[];
  const { total } = statement(sqlite, `SELECT count(*) AS total FROM sync_runs ${where}`).get(...params) as { total: number };
  return { items, total, limit, offset };
}

const ERROR_LIST_LIMIT = 500;

/** A run with its first 500 errors, oldest first. */
export function getRun(sqlite: Database.Database, id: number): SyncRunDetail {
  const run = statement(sqlite, `SELECT ${RUN_COLUMNS} FROM sync_runs WHERE id = ?`).get(id) as SyncRun | undefined;
  if (!run) throw notFound('Sync run', id);
  const errorList = statement(
    sqlite,
    `SELECT id, run_id AS runId, object_type AS objectType, object_id AS objectId, reason, created_at AS createdAt
     FROM sync_errors WHERE run_id = ? ORDER BY id LIMIT ${ERROR_LIST_LIMIT}`,
  ).all(id) as SyncErrorEntry[];
  return { ...run, errorList };
}

/** The provider's run in progress (a fresh heartbeat: one cut off long ago is not running), or null. */
export function runningRun(sqlite: Database.Database, provider: string, staleAfterMs = DEFAULT_STALE_AFTER_MS, now = new Date().toISOString()): SyncRun | null {
  const nowMs = Date.parse(now);
  return runningRows(sqlite, provider).find((run) => isFresh(run, nowMs, staleAfterMs)) ?? null;
}

/** The provider's last finished run, or null. */
export function lastRun(sqlite: Database.Database, provider: string): SyncRun | null {
  return (
    (statement(sqlite, `SELECT ${RUN_COLUMNS} FROM sync_runs WHERE provider = ? AND status <> 'running' ORDER BY started_at DESC, id DESC LIMIT 1`).get(provider) as
      | SyncRun
      | undefined) ?? null
  );
}

/** A sync touches its heartbeat every page and while it waits; two minutes of silence means it was cut off. */
export const DEFAULT_STALE_AFTER_MS = 120_000;
