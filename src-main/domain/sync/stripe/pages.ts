/**
 * Storing one page: the objects that changed, their effects (transactions, licenses,
 * subscriptions), the stream's cursor and the run's counts and heartbeat, all in one
 * write transaction. The signing keys the effects need are opened first (a
 * better-sqlite3 transaction cannot wait). When an object's effects are refused, the
 * page runs again with a savepoint an object: that object is not stored (a later full
 * sync tries it again) and goes to the run's errors; the rest commit.
 *
 * `storeStripeObjects` is the same write for objects that come from no run (the demo's
 * account snapshot): no cursor, no run row, and a refusal refuses them all.
 */
import type Database from 'better-sqlite3';
import { toErrorBody, type ApiContext } from '../../../api/dispatch';
import { nowUtc } from '../../../shared/time';
import type { FulfilContext } from '../../sales/fulfil';
import { SkuMatcher } from '../../sales/item-skus';
import { isMessageFailure } from '../../sales/record';
import { SkuBook, withSigners } from '../../sales/signing';
import { emptyCounts, recordProgress, recordSyncError } from '../runs';
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
  /** An object whose effects were refused (the rest commit); absent: the refusal refuses the whole write. */
  refused?(object: ChangedObject, reason: string, now: string): void;
}

interface Catalog {
  skus: SkuBook;
  matcher: SkuMatcher;
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
      if (!hooks.refused || !isMessageFailure(error)) throw error;
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
            if (!isMessageFailure(error)) throw error;
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
