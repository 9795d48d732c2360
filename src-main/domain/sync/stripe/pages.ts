/**
 * Storing one page: the objects that changed, their effects (transactions, licenses,
 * subscriptions), the stream's cursor and the run's counts and heartbeat, all in one
 * write transaction. The signing keys the effects need are opened first (a
 * better-sqlite3 transaction cannot wait). When an object's effects are refused, the
 * page runs again with a savepoint an object: that object is not stored (a later full
 * sync tries it again) and goes to the run's errors; the rest commit.
 */
import type Database from 'better-sqlite3';
import { toErrorBody } from '../../../api/dispatch';
import { nowUtc } from '../../../shared/time';
import type { FulfilContext } from '../../sales/fulfil';
import { isMessageFailure } from '../../sales/record';
import { withSigners } from '../../sales/signing';
import { emptyCounts, recordProgress, recordSyncError } from '../runs';
import type { SyncCounts } from '../types';
import { STRIPE_SYNC_ACTOR } from './api-version';
import { applyStripeEffects, stripeSigningKeys } from './effects';
import { catalogView, reportProgress, type SyncEngine } from './engine';
import { diffObjects, upsertObject, type ReadObject } from './objects';
import type { ChangedObject, EffectContext } from './types';

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

function addCounts(into: SyncCounts, from: SyncCounts): void {
  for (const key of Object.keys(from) as Array<keyof SyncCounts>) into[key] += from[key];
}

/** Stores a page (see the module comment); LOCKED when the effects must sign and the keys are locked. */
export async function commitPage(engine: SyncEngine, page: PageWrite): Promise<void> {
  const { sqlite, ctx } = engine;
  const diff = diffObjects(sqlite, page.objects);
  const keyIds = diff.changed.length > 0 ? stripeSigningKeys(sqlite, diff.changed) : new Set<number>();
  const now = nowUtc();
  const { skus, matcher } = catalogView(engine);
  const counts = await withSigners(ctx, keyIds, (signers) => {
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
    const start = (): SyncCounts => ({ ...emptyCounts(), fetched: page.fetched, unchanged: diff.unchanged });
    const finish = (into: SyncCounts) => {
      page.save(sqlite, now);
      recordProgress(sqlite, engine.runId, into, page.stage, now);
    };

    // Fast path: the whole page in one transaction, no savepoint an object.
    try {
      return sqlite
        .transaction(() => {
          const into = start();
          diff.changed.forEach((object, i) => store(into, object, diff.reads[i]));
          finish(into);
          return into;
        })
        .immediate();
    } catch (error) {
      if (!isMessageFailure(error)) throw error;
    }
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
            recordSyncError(sqlite, engine.runId, object.type, object.id, toErrorBody(error).message, now);
          }
        });
        finish(into);
        return into;
      })
      .immediate();
  });
  addCounts(engine.counts, counts);
  engine.stage = page.stage;
  reportProgress(engine);
}
