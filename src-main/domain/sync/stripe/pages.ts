/**
 * Storing one page: the objects that changed, their effects (transactions, licenses,
 * subscriptions), the stream's cursor and the run's counts and heartbeat, all in one
 * write transaction. The signing keys the effects need are opened first (a
 * better-sqlite3 transaction cannot wait). When an object's effects fail (refused, or an
 * error of its own: a bug, a license file that cannot be read), the page runs again
 * with a savepoint an object: that object is not stored (a later full sync tries it
 * again) and goes to the run's errors; the rest commit. Locked keys, a failing store or
 * a lost lease stop the page instead: they are no one object's fault.
 *
 * `storeStripeObjects` is the same write for objects that come from no run (the demo's
 * account snapshot): no cursor, no run row, and a refusal refuses them all.
 */
import type Database from 'better-sqlite3';
import { toErrorBody, type ApiContext } from '../../../api/dispatch';
import { KeyHubError } from '../../../api/errors';
import { nowUtc } from '../../../shared/time';
import type { FulfilContext } from '../../sales/fulfil';
import { SkuMatcher } from '../../sales/item-skus';
import { isMessageFailure } from '../../sales/record';
import { SkuBook, withSigners } from '../../sales/signing';
import { emptyCounts, recordProgress, recordSyncError, RunTakenOver } from '../runs';
import type { SyncCounts } from '../types';
import { STRIPE_SYNC_ACTOR } from './api-version';
import { applyStripeEffects, stripeSigningKeys } from './effects';
import { catalogView, reportProgress, type SyncEngine } from './engine';
import { diffObjects, nextVersion, readObject, upsertObject, type ReadObject } from './objects';
import type { ChangedObject, EffectContext, StripeJson, StripeObjectType } from './types';

export interface PageWrite {
  /** The objects read for this page (list page, or an events chunk's re-fetches). */
  objects: ReadObject[];
  /** Objects read from Stripe for it (counted as fetched). */
  fetched: number;
  /** The run's stage once the page is stored ("Invoices: 1,200 read"). */
  stage: string;
  /** Writes the stream's cursor (and events applied) inside the page's transaction. */
  save(sqlite: Database.Database, now: string): void;
}

/** What a write does besides the objects, inside its transaction. */
interface WriteHooks {
  /** Last in the transaction: the cursor, the run's counts. */
  finish(sqlite: Database.Database, counts: SyncCounts, now: string): void;
  /** An object whose effects failed (the rest commit); absent: its failure fails the whole write. */
  refused?(object: ChangedObject, reason: string, now: string): void;
}

interface Catalog {
  skus: SkuBook;
  matcher: SkuMatcher;
}

/** SQLite result codes (and their extended `_…` forms) of the store itself failing: busy, I/O, full, read-only, damaged. */
const STORE_FAILURE_CODES = [
  'SQLITE_BUSY',
  'SQLITE_LOCKED',
  'SQLITE_IOERR',
  'SQLITE_FULL',
  'SQLITE_READONLY',
  'SQLITE_CORRUPT',
  'SQLITE_NOTADB',
  'SQLITE_CANTOPEN',
  'SQLITE_NOMEM',
  'SQLITE_PROTOCOL',
  'SQLITE_INTERRUPT',
  'SQLITE_PERM',
  'SQLITE_NOLFS',
];

/** The store failed (SQLite's code, or KeyHub's error for it), whatever object was being written. */
export function isStoreFailure(error: unknown): boolean {
  if (error instanceof KeyHubError) {
    // A busy store reaches here as INTERNAL naming SQLite's message.
    return error.code === 'STORE_TOO_NEW' || error.code === 'STORE_INVALID' || (error.code === 'INTERNAL' && typeof error.details?.sqlite === 'string');
  }
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && STORE_FAILURE_CODES.some((failure) => code === failure || code.startsWith(`${failure}_`));
}

/**
 * One object's failure, recorded against it while the rest of its page commits: any
 * error of its effects except locked keys, a failing store or a lost lease, which stop
 * the page (they would fail every object, and a store error may have undone more).
 */
export function isObjectFailure(error: unknown): boolean {
  if (error instanceof RunTakenOver || isStoreFailure(error)) return false;
  return !(error instanceof KeyHubError && error.code === 'LOCKED');
}

function addCounts(into: SyncCounts, from: SyncCounts): void {
  for (const key of Object.keys(from) as Array<keyof SyncCounts>) into[key] += from[key];
}

/** Writes what changed of `objects` with its effects (see the module comment); LOCKED when the effects must sign and the keys are locked. */
async function writeObjects(ctx: ApiContext, catalog: Catalog, objects: ReadObject[], fetched: number, hooks: WriteHooks): Promise<SyncCounts> {
  const { sqlite } = ctx.store;
  const diff = diffObjects(sqlite, objects);
  const keyIds = diff.changed.length > 0 ? stripeSigningKeys(sqlite, diff.changed) : new Set<number>();
  const now = nowUtc();
  const { skus, matcher } = catalog;
  return withSigners(ctx, keyIds, (signers) => {
    const fulfil: FulfilContext = { sqlite, actor: STRIPE_SYNC_ACTOR, skus, signers, ids: { next: null } };
    const ectx: EffectContext = { sqlite, actor: STRIPE_SYNC_ACTOR, now, fulfil, matcher };

    const store = (into: SyncCounts, object: ChangedObject, read: ReadObject) => {
      if (!upsertObject(sqlite, read, now)) {
        into.unchanged++;
        return;
      }
      into[object.change]++;
      const tally = applyStripeEffects(ectx, object);
      into.fulfilled += tally.fulfilled;
      into.revoked += tally.revoked;
    };
    const start = (): SyncCounts => ({ ...emptyCounts(), fetched, unchanged: diff.unchanged });

    // Fast path: the whole page in one transaction, no savepoint an object.
    try {
      return sqlite
        .transaction(() => {
          const into = start();
          diff.changed.forEach((object, i) => store(into, object, diff.reads[i]));
          hooks.finish(sqlite, into, now);
          return into;
        })
        .immediate();
    } catch (error) {
      if (!hooks.refused || !isObjectFailure(error)) throw error;
    }
    const refused = hooks.refused;
    // Savepoints roll license ids back: each is read again from the store.
    fulfil.ids = undefined;
    const one = sqlite.transaction(store);
    return sqlite
      .transaction(() => {
        const into = start();
        diff.changed.forEach((object, i) => {
          // Counted only once its savepoint holds.
          const attempt = emptyCounts();
          try {
            one(attempt, object, diff.reads[i]);
            addCounts(into, attempt);
          } catch (error) {
            if (!isObjectFailure(error)) throw error;
            // A refusal is expected; anything else is a bug or a broken file, worth the log.
            if (!isMessageFailure(error)) console.error(`[keyhub] Stripe sync could not apply ${object.type} ${object.id}:`, error);
            into.errors++;
            refused(object, toErrorBody(error).message, now);
          }
        });
        hooks.finish(sqlite, into, now);
        return into;
      })
      .immediate();
  });
}

/** Stores a page (see the module comment); LOCKED when the effects must sign and the keys are locked. */
export async function commitPage(engine: SyncEngine, page: PageWrite): Promise<void> {
  const counts = await writeObjects(engine.ctx, catalogView(engine), page.objects, page.fetched, {
    finish: (sqlite, into, now) => {
      page.save(sqlite, now);
      recordProgress(sqlite, engine.runId, into, page.stage, now);
    },
    refused: (object, reason, now) => recordSyncError(engine.sqlite, engine.runId, object.type, object.id, reason, now),
  });
  addCounts(engine.counts, counts);
  engine.stage = page.stage;
  reportProgress(engine);
}

/** A Stripe object as Stripe would list it (child lists whole), with its type. */
export interface StripeObjectInput {
  type: StripeObjectType;
  json: StripeJson;
}

/**
 * Stores objects that come from no sync run, in the order given (a backfill's: what
 * later objects point at first), and applies their effects exactly as a page does, in
 * one transaction; no run, no cursor. A refused object refuses them all (thrown).
 */
export async function storeStripeObjects(ctx: ApiContext, objects: readonly StripeObjectInput[]): Promise<SyncCounts> {
  const reads = objects.map((o) => readObject(o.type, structuredClone(o.json), nextVersion()));
  const catalog: Catalog = { skus: new SkuBook(ctx.store.db), matcher: new SkuMatcher(ctx.store.sqlite) };
  return writeObjects(ctx, catalog, reads, reads.length, { finish: () => undefined });
}
