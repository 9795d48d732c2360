/** audit.list and audit.facets: each filter, the date range, order, paging, and the indexes they read. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AUDIT_COUNT_CAP, auditPageQuery, facetSql } from '../../src-main/domain/insight/audit-log';
import { auditList } from '../../src-main/api/schemas';
import { tempStore, type TempStore } from '../support/temp-store';

let t: TempStore;

// [at, actor, targetType, targetId, action]
const ROWS: Array<[string, string, string, string, string]> = [
  ['2026-01-30T23:59:59.999Z', 'cli', 'license', '12', 'license.issue'],
  ['2026-01-31T00:00:00.000Z', 'desktop', 'license', '12', 'domain.add'],
  ['2026-01-31T12:00:00.000Z', 'desktop', 'license', '13', 'license.revoke'],
  ['2026-01-31T23:59:59.999Z', 'browser', 'app', '3f2b9c1e-5d4a-4b8e-9f10-2a6c7d8e9f01', 'app.create'],
  ['2026-02-01T00:00:00.000Z', 'cli', 'customer', '4', 'customer.update'],
  ['2026-02-02T08:00:00.000Z', 'sync:stripe', 'license', '12', 'licenses.bulk'],
  ['2026-02-03T08:00:00.000Z', 'cli', 'license', '120', 'license'],
];

beforeAll(() => {
  t = tempStore();
  const insert = t.store.sqlite.prepare('INSERT INTO audit_log (at, actor, target_type, target_id, action, details) VALUES (?, ?, ?, ?, ?, ?)');
  for (const [at, actor, targetType, targetId, action] of ROWS) insert.run(at, actor, targetType, targetId, action, JSON.stringify({ note: action }));
});
afterAll(() => t.cleanup());

const actions = async (input: Record<string, unknown>) => (await t.call('audit.list', input as never)).items.map((r) => r.action);

describe('audit.list', () => {
  it('is newest first by default, oldest first with dir asc, with details parsed', async () => {
    const page = await t.call('audit.list', {});
    expect(page.total).toBe(ROWS.length);
    expect(page.items.map((r) => r.at)).toEqual(ROWS.map((r) => r[0]).reverse());
    expect(page.items[0]).toMatchObject({ actor: 'cli', targetType: 'license', targetId: '120', action: 'license', actorUserId: null, details: { note: 'license' } });
    expect((await t.call('audit.list', { dir: 'asc' })).items[0].action).toBe('license.issue');
  });

  it('filters by actor, exactly', async () => {
    expect(await actions({ actor: 'desktop' })).toEqual(['license.revoke', 'domain.add']);
    expect(await actions({ actor: 'desk' })).toEqual([]);
  });

  it('filters by action exactly, or by a prefix ending in "."', async () => {
    expect(await actions({ action: 'license.revoke' })).toEqual(['license.revoke']);
    // "license." takes license.issue and license.revoke, not "licenses.bulk" nor the bare "license".
    expect(await actions({ action: 'license.' })).toEqual(['license.revoke', 'license.issue']);
    expect(await actions({ action: 'license' })).toEqual(['license']);
  });

  it('filters by target type and target id', async () => {
    expect(await actions({ targetType: 'license' })).toEqual(['license', 'licenses.bulk', 'license.revoke', 'domain.add', 'license.issue']);
    expect(await actions({ targetType: 'license', targetId: '12' })).toEqual(['licenses.bulk', 'domain.add', 'license.issue']);
    expect(await actions({ targetId: '3f2b9c1e-5d4a-4b8e-9f10-2a6c7d8e9f01' })).toEqual(['app.create']);
  });

  it('from is inclusive; a "to" date takes in that whole day; a "to" time takes in that instant', async () => {
    expect(await actions({ from: '2026-01-31', to: '2026-01-31' })).toEqual(['app.create', 'license.revoke', 'domain.add']);
    expect(await actions({ from: '2026-01-31T12:00:00Z', to: '2026-02-01T00:00:00.000Z' })).toEqual(['customer.update', 'app.create', 'license.revoke']);
    expect(await actions({ to: '2026-01-30T23:59:59.998Z' })).toEqual([]);
    expect(await actions({ from: '2026-02-02' })).toEqual(['license', 'licenses.bulk']);
  });

  it('combines filters and pages in SQL with the total of all matches', async () => {
    const page = await t.call('audit.list', { targetType: 'license', actor: 'cli', limit: 1, offset: 1 });
    expect(page).toMatchObject({ total: 2, limit: 1, offset: 1, items: [{ action: 'license.issue' }] });
  });

  it('empty filter text means any; a bad date is a field error', async () => {
    expect((await t.call('audit.list', { actor: '', action: ' ' })).total).toBe(ROWS.length);
    const bad = await t.fail('audit.list', { from: '2026-02-30' });
    expect(bad).toMatchObject({ code: 'VALIDATION', details: { fields: { from: expect.stringContaining('real date') } } });
    expect((await t.fail('audit.list', { to: 'yesterday' })).details).toMatchObject({ fields: { to: expect.any(String) } });
  });

  it('gives the same page whichever way it reads', async () => {
    for (const input of [{ action: 'license.' }, { targetType: 'license' }, { targetType: 'license', action: 'license.', dir: 'asc' }]) {
      const parsed = auditList.parse(input);
      const sorted = auditPageQuery(t.store.db, parsed, false).all().map((r) => r.id);
      expect(auditPageQuery(t.store.db, parsed, true).all().map((r) => r.id)).toEqual(sorted);
      expect(sorted.length).toBeGreaterThan(1);
    }
  });

  it('counts every match below the cap', async () => {
    expect(await t.call('audit.list', { actor: 'cli' })).toMatchObject({ total: 3, totalIsLowerBound: false });
  });

  it('reads each filter shape in index order: no sort step, no table scan', () => {
    // [filters, read in time order (many matches of a filter without an ordered index), the index]
    const shapes: Array<[Record<string, unknown>, boolean, string]> = [
      [{}, false, 'audit_log_at_idx'],
      [{ from: '2026-01-31' }, false, 'audit_log_at_idx'],
      [{ actor: 'cli' }, false, 'audit_log_actor_idx'],
      [{ action: 'license.revoke' }, false, 'audit_log_action_idx'],
      [{ targetType: 'license', targetId: '12' }, false, 'audit_log_target_idx'],
      [{ action: 'license.' }, true, 'audit_log_at_idx'],
      [{ targetType: 'license' }, true, 'audit_log_at_idx'],
    ];
    for (const [input, byTime, index] of shapes) {
      const { sql, params } = auditPageQuery(t.store.db, auditList.parse(input), byTime).toSQL();
      const plan = (t.store.sqlite.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as Array<{ detail: string }>).map((p) => p.detail).join('\n');
      expect(plan, JSON.stringify(input)).toContain(index);
      expect(plan, JSON.stringify(input)).not.toContain('TEMP B-TREE');
    }
  });
});

describe('audit.facets', () => {
  it('lists each actor, action and target type once, sorted', async () => {
    expect(await t.call('audit.facets', {})).toEqual({
      actors: ['browser', 'cli', 'desktop', 'sync:stripe'],
      actions: ['app.create', 'customer.update', 'domain.add', 'license', 'license.issue', 'license.revoke', 'licenses.bulk'],
      targetTypes: ['app', 'customer', 'license'],
    });
  });

  it('probes an index per value instead of reading the whole log', () => {
    for (const column of ['actor', 'action', 'target_type'] as const) {
      const plan = (t.store.sqlite.prepare(`EXPLAIN QUERY PLAN ${facetSql(column)}`).all() as Array<{ detail: string }>).map((p) => p.detail);
      expect(plan.filter((d) => d.includes('audit_log')).every((d) => d.startsWith('SEARCH audit_log USING COVERING INDEX')), plan.join('\n')).toBe(true);
    }
  });
});

describe('a long audit log', () => {
  it('stops counting at the cap and says the total is a lower bound; pages still read', async () => {
    const big = tempStore();
    try {
      big.store.sqlite
        .prepare(
          `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${AUDIT_COUNT_CAP + 5})
           INSERT INTO audit_log (actor, target_type, target_id, action, at)
           SELECT 'cli', 'license', i, 'license.issue', strftime('%Y-%m-%dT%H:%M:%fZ', '2026-01-01', '+' || i || ' seconds') FROM n`,
        )
        .run();
      const page = await big.call('audit.list', { limit: 2 });
      expect(page).toMatchObject({ total: AUDIT_COUNT_CAP, totalIsLowerBound: true });
      expect(page.items.map((r) => r.targetId)).toEqual([String(AUDIT_COUNT_CAP + 5), String(AUDIT_COUNT_CAP + 4)]);
      // Many matches of a prefix: read in time order, the same newest rows.
      expect((await big.call('audit.list', { action: 'license.', limit: 1 })).items.map((r) => r.targetId)).toEqual([String(AUDIT_COUNT_CAP + 5)]);
      expect(await big.call('audit.list', { from: '2026-01-01T00:00:06Z', dir: 'asc', limit: 1 })).toMatchObject({
        total: AUDIT_COUNT_CAP,
        totalIsLowerBound: false,
        items: [{ targetId: '6' }],
      });
    } finally {
      big.cleanup();
    }
  });
});
