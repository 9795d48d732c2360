/**
 * STUB (owned by the effects helper): what a stored Stripe object changes in KeyHub.
 * The engine calls these; the signatures are the contract.
 */
import type Database from 'better-sqlite3';
import { emptyEffectTally, type ChangedObject, type EffectContext, type EffectTally } from '../types';

/** Applies one changed object's effects inside the caller's write transaction (throws to refuse it). */
export function applyStripeEffects(ectx: EffectContext, object: ChangedObject): EffectTally {
  void ectx;
  void object;
  return emptyEffectTally();
}

/** The signing keys the effects of these objects may sign with (read before the write transaction); empty when none must sign. */
export function stripeSigningKeys(sqlite: Database.Database, objects: readonly ChangedObject[]): Set<number> {
  void sqlite;
  void objects;
  return new Set();
}
