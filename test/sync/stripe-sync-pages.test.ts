/**
 * How the engine stores a page around its effects (the effects themselves replaced by a
 * stand-in here; the real ones have their own tests): an object whose effects are refused
 * or fail on their own (a bug, an unreadable file) is not stored and is listed with the
 * run's errors while the rest of its page commits; a failing store stops the run;
 * when the effects must sign and the keys are locked, the run is recorded as interrupted,
 * LOCKED is thrown, and after unlocking the next run resumes with the keys open.
 */
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { KeyHubError } from '../../src-main/api/errors';
import { getRun } from '../../src-main/domain/sync/runs';
import type { ChangedObject, EffectContext } from '../../src-main/domain/sync/stripe/types';
import { licensing, PASS } from '../domain/license-lifecycle-fixture';
import { StripeWorld } from '../support/stripe/world';
import { cursor, expectStoreEqualsWorld, populate, runs, storedObjects, syncSetup, type SyncSetup } from './stripe-sync-support';

const stand = vi.hoisted(() => ({
  refuse: new Set<string>(),
  /** Objects whose effects throw this (not a refusal). */
  crash: new Map<string, () => Error>(),
  keyFor: new Map<string, number>(),
  applied: [] as Array<{ id: string; change: string; signers: number[] }>,
}));

vi.mock('../../src-main/domain/sync/stripe/effects', () => ({
  applyStripeEffects(ectx: EffectContext, object: ChangedObject) {
    // A write of its own, to show it is rolled back with the object.
    ectx.sqlite.prepare("INSERT OR REPLACE INTO settings (key, value) VALUES (?, '1')").run(`effect:${object.id}`);
    if (stand.refuse.has(object.id)) throw new KeyHubError('VALIDATION', `Refused ${object.id} on purpose.`);
    const crash = stand.crash.get(object.id);
    if (crash) throw crash();
    stand.applied.push({ id: object.id, change: object.change, signers: [...ectx.fulfil.signers.keys()] });
    return { fulfilled: stand.keyFor.has(object.id) ? 2 : 0, revoked: 0, restored: 0, renewed: 0, waiting: 0 };
  },
  stripeSigningKeys(_sqlite: unknown, objects: readonly ChangedObject[]) {
    return new Set(objects.flatMap((o) => (stand.keyFor.has(o.id) ? [stand.keyFor.get(o.id)!] : [])));
  },
}));

let s: SyncSetup;
beforeEach(() => {
  stand.refuse.clear();
  stand.crash.clear();
  stand.keyFor.clear();
  stand.applied.length = 0;
});
afterEach(async () => s?.cleanup());

const effectMarks = () => (s.t.store.sqlite.prepare("SELECT key FROM settings WHERE key LIKE 'effect:%' ORDER BY key").all() as Array<{ key: string }>).map((r) => r.key.slice(7));

describe('Stripe sync pages and their effects', () => {
  it('leaves out an object whose effects are refused, lists it with the run, and commits the rest of its page', async () => {
    const world = new StripeWorld();
    populate(world);
    s = await syncSetup(world);
    const products = world.all('product').map((p) => p.id as string);
    const refused = products[1];
    stand.refuse.add(refused);

    const run = await s.sync();
    expect(run).toMatchObject({ status: 'succeeded', errors: 1 });
    expect(run.message).toBe('1 object could not be applied (listed with the run); a full sync tries them again.');
    const stored = storedObjects(s.t).map((o) => o.id);
    expect(stored).not.toContain(refused);
    expect(products.filter((id) => id !== refused).every((id) => stored.includes(id))).toBe(true);
    // Its own writes went with it; its page neighbours' stayed.
    expect(effectMarks()).not.toContain(refused);
    expect(effectMarks()).toContain(products[0]);
    expect(getRun(s.t.store.sqlite, run.id).errorList).toMatchObject([{ runId: run.id, objectType: 'product', objectId: refused, reason: `Refused ${refused} on purpose.` }]);
    expect(run.created).toBe(stored.length);
    expect(cursor(s.t, 'backfill:product')).toMatchObject({ done: true });

    // An incremental run does not see it again; a full sync does, and stores it once it is accepted.
    stand.refuse.clear();
    expect(await s.sync()).toMatchObject({ errors: 0, created: 0 });
    expect(storedObjects(s.t).map((o) => o.id)).not.toContain(refused);
    const full = await s.sync({ full: true });
    expect(full).toMatchObject({ status: 'succeeded', errors: 0, created: 1, message: 'Full sync: every object is listed again (what has not changed is not written).' });
    expectStoreEqualsWorld(s.t, world, expect);
  });

  it('records an object whose effects fail on their own (a TypeError, an INTERNAL error) against it, and commits the rest of its page', async () => {
    const world = new StripeWorld();
    populate(world);
    s = await syncSetup(world);
    const products = world.all('product').map((p) => p.id as string);
    const [buggy, unreadable] = [products[0], products[2]];
    stand.crash.set(buggy, () => new TypeError("Cannot read properties of undefined (reading 'period')"));
    stand.crash.set(unreadable, () => new KeyHubError('INTERNAL', 'The license file of license 12 could not be read.'));
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);

    const run = await s.sync();
    expect(run).toMatchObject({ status: 'succeeded', errors: 2, message: '2 objects could not be applied (listed with the run); a full sync tries them again.' });
    const errors = getRun(s.t.store.sqlite, run.id).errorList.map((e) => ({ objectType: e.objectType, objectId: e.objectId, reason: e.reason }));
    expect(errors.sort((a, b) => a.objectId!.localeCompare(b.objectId!))).toEqual(
      [
        { objectType: 'product', objectId: buggy, reason: "KeyHub hit an unexpected error: Cannot read properties of undefined (reading 'period')" },
        { objectType: 'product', objectId: unreadable, reason: 'The license file of license 12 could not be read.' },
      ].sort((a, b) => a.objectId.localeCompare(b.objectId)),
    );
    // Unexpected: logged for whoever reads the log.
    expect(logged.mock.calls.map((c) => String(c[0])).sort()).toEqual([`[keyhub] Stripe sync could not apply product ${buggy}:`, `[keyhub] Stripe sync could not apply product ${unreadable}:`].sort());
    logged.mockRestore();
    const stored = storedObjects(s.t).map((o) => o.id);
    expect(stored).not.toContain(buggy);
    expect(stored).not.toContain(unreadable);
    expect(effectMarks()).not.toContain(buggy);
    expect(products.filter((id) => id !== buggy && id !== unreadable).every((id) => stored.includes(id))).toBe(true);
    expect(cursor(s.t, 'backfill:product')).toMatchObject({ done: true });
    // Every later run goes on (no page is stuck on them); a full sync, once they apply, stores them.
    expect(await s.sync()).toMatchObject({ status: 'succeeded', errors: 0 });
    stand.crash.clear();
    expect(await s.sync({ full: true })).toMatchObject({ status: 'succeeded', errors: 0, created: 2 });
    expectStoreEqualsWorld(s.t, world, expect);
  });

  it('stops the run on a store failure in the effects, storing nothing of that page; the next run resumes there', async () => {
    const world = new StripeWorld();
    populate(world);
    s = await syncSetup(world);
    const [, second] = world.all('price').map((p) => p.id as string);
    stand.crash.set(second, () => new Database.SqliteError('disk I/O error', 'SQLITE_IOERR_WRITE'));
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const run = await s.sync();
    logged.mockRestore();
    expect(run).toMatchObject({ status: 'failed', errors: 0, message: 'The sync stopped on an unexpected error (disk I/O error) (Prices: 0 read). The next sync resumes from where it stopped.' });
    expect(storedObjects(s.t).map((o) => o.type)).not.toContain('price');
    expect(cursor(s.t, 'backfill:price')).toMatchObject({ done: false, read: 0 });
    stand.crash.clear();
    expect(await s.sync()).toMatchObject({ status: 'succeeded', errors: 0 });
    expectStoreEqualsWorld(s.t, world, expect);
  });

  it('records the run as interrupted and throws LOCKED when a page must sign with the keys locked; after unlocking it resumes there', async () => {
    const world = new StripeWorld();
    populate(world);
    s = await syncSetup(world);
    const lic = await licensing(s.t);
    await s.t.call('vault.lock', {});
    const sessions = world.all('checkout.session').map((o) => o.id as string);
    stand.keyFor.set(sessions[1], lic.key.id);

    await expect(s.sync()).rejects.toMatchObject({ code: 'LOCKED' });
    const [locked] = runs(s.t);
    expect(locked.status).toBe('interrupted');
    expect(locked.message).toMatch(/^The signing keys are locked and a purchase needs its licenses signed \(Checkout sessions: \d+ read\): unlock them, then sync again\. The next sync resumes from where it stopped\.$/);
    // Nothing of the page that must sign was stored; what came before it was.
    expect(storedObjects(s.t).map((o) => o.id)).not.toContain(sessions[1]);
    expect(storedObjects(s.t).some((o) => o.type === 'invoice')).toBe(true);
    expect(cursor(s.t, 'backfill:checkout.session')).toMatchObject({ done: false });

    await s.t.call('vault.unlock', { passphrase: PASS });
    const resumed = await s.sync();
    expect(resumed).toMatchObject({ status: 'succeeded', mode: 'backfill', fulfilled: 2, errors: 0 });
    // The page's effects ran with that key open; pages that needed none had none.
    expect(stand.applied.find((a) => a.id === sessions[1])).toEqual({ id: sessions[1], change: 'created', signers: [lic.key.id] });
    expect(stand.applied.find((a) => a.id === sessions[0])?.signers).toEqual([]);
    expectStoreEqualsWorld(s.t, world, expect);
  });

  it('hands the effects each stored object once, as created then updated, never one that did not change', async () => {
    const world = new StripeWorld();
    populate(world);
    s = await syncSetup(world);
    await s.sync();
    const [resizer] = world.all('product');
    const firstRound = stand.applied.filter((a) => a.id === resizer.id);
    expect(firstRound).toEqual([{ id: resizer.id, change: 'created', signers: [] }]);
    world.advance(3600);
    world.update(resizer.id as string, { name: 'Resizer 2' });
    stand.applied.length = 0;
    await s.sync();
    expect(stand.applied.map((a) => [a.id, a.change])).toEqual([[resizer.id, 'updated']]);
    stand.applied.length = 0;
    await s.sync({ full: true });
    expect(stand.applied).toEqual([]);
  });
});
