/** An app's JSON-lines reports, its issues and its stats charted over time, on a real store. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempStore, type TempStore } from '../support/temp-store';

let t: TempStore;
let appId: string;
let otherId: string;

beforeEach(async () => {
  t = tempStore();
  const vendorId = (await t.call('vendor.create', { name: 'Imazen' })).id;
  await t.call('vault.setup', { passphrase: 'correct horse battery' });
  const key = await t.call('key.generate', { vendorId, displayName: 'Main' });
  const skuId = (await t.call('sku.create', { vendorId, sku: 'R3', privateKeyId: key.id })).id;
  const licenseId = (await t.call('license.issue', { skuId, owner: 'Kathrin Fretz' })).licenseId;
  appId = (await t.call('app.create', { displayName: 'Shop site', licenseIds: [licenseId] })).id;
  otherId = (await t.call('app.create', { displayName: 'Blog', licenseIds: [licenseId] })).id;
});
afterEach(() => t.cleanup());

const lines = (...records: unknown[]) => records.map((r) => (typeof r === 'string' ? r : JSON.stringify(r))).join('\n');
const count = (sql: string, ...params: unknown[]) => t.store.sqlite.prepare(sql).pluck().get(...params) as number;
const UNKNOWN_APP = '3f2b9c1e-5d4a-4b8e-9f10-2a6c7d8e9f01';

describe('app.report', () => {
  it('keeps the good lines and lists each bad one by number and reason', async () => {
    const content = lines(
      { type: 'issue', severity: 'Error', message: 'License check failed', details: 'Request from 10.0.4.17', time: '2026-11-20T10:00:00Z' }, // 1
      '', // 2: blank, ignored
      '{"type":"stat","kind":1,', // 3
      { type: 'alert', message: 'x', time: '2026-11-20T10:00:00Z' }, // 4
      { type: 'stat', kind: 1, value: 123, time: '2026-11-20T10:05:00+02:00' }, // 5
      { type: 'stat', app: UNKNOWN_APP, kind: 1, value: 1, time: '2026-11-20T10:00:00Z' }, // 6
      { type: 'stat', kind: 1, value: 1 }, // 7
      { type: 'stat', kind: 1, value: 1, time: 'yesterday' }, // 8
      { type: 'stat', kind: 1, value: 1.5, time: '2026-11-20T10:00:00Z' }, // 9
      { type: 'issue', severity: 'Warning', message: 'x'.repeat(5000), time: '2026-11-20T10:00:00Z' }, // 10
      { type: 'stat', app: otherId.toUpperCase(), kind: 'Licensed domains seen', value: 3, time: '2026-11-21' }, // 11
      { type: 'stat', kind: 'Bogus', value: 1, time: '2026-11-20T10:00:00Z' }, // 12
      '[1, 2]', // 13
      { kind: 1, value: 1, time: '2026-11-20T10:00:00Z' }, // 14
      { type: 'issue', message: 'no severity', time: '2026-11-20T10:00:00Z' }, // 15
      '   ', // 16: blank
      { type: 'stat', app: 'not-a-guid', kind: 1, value: 1, time: '2026-11-20T10:00:00Z' }, // 17
      { type: 'stat', kind: 'active_installs', value: 7, time: '2026-11-20T10:00:00Z', extra: 'ignored' }, // 18
    );
    const result = await t.call('app.report', { appId, content });
    expect(result).toMatchObject({ issues: 1, stats: 3, rejectedCount: 12 });
    expect(result.rejected).toEqual([
      { line: 3, reason: expect.stringMatching(/^not JSON \(/) },
      { line: 4, reason: 'unknown type "alert": a line is {"type":"issue",…} or {"type":"stat",…}' },
      { line: 6, reason: `app ${UNKNOWN_APP} does not exist` },
      { line: 7, reason: '"time" is missing' },
      { line: 8, reason: '"time" "yesterday" is not an ISO time with a zone like 2026-11-20T10:00:00Z' },
      { line: 9, reason: '"value" must be a whole number (at most 2^53 - 1)' },
      { line: 10, reason: '"message" is 5000 characters; at most 4096' },
      { line: 12, reason: expect.stringMatching(/^"kind" "Bogus" is not a number or a known stat kind \(Requests, Licensed domains seen/) },
      { line: 13, reason: 'not a JSON object' },
      { line: 14, reason: '"type" is missing: a line is {"type":"issue",…} or {"type":"stat",…}' },
      { line: 15, reason: '"severity" is missing' },
      { line: 17, reason: expect.stringMatching(/^"app" must be a GUID/) },
    ]);
    expect(t.store.sqlite.prepare('SELECT app_id, severity, message, details, time FROM app_issues').all()).toEqual([
      { app_id: appId, severity: 'Error', message: 'License check failed', details: 'Request from 10.0.4.17', time: '2026-11-20T10:00:00.000Z' },
    ]);
    expect(t.store.sqlite.prepare('SELECT app_id, stat_kind, stat_value, time FROM app_stats ORDER BY id').all()).toEqual([
      { app_id: appId, stat_kind: 1, stat_value: 123, time: '2026-11-20T08:05:00.000Z' },
      { app_id: otherId, stat_kind: 2, stat_value: 3, time: '2026-11-21T00:00:00.000Z' },
      { app_id: appId, stat_kind: 5, stat_value: 7, time: '2026-11-20T10:00:00.000Z' },
    ]);
  });

  it('writes one audit entry a report on each app it touched, with the counts', async () => {
    await t.call('app.report', {
      appId,
      content: lines(
        { type: 'stat', kind: 1, value: 1, time: '2026-11-20T10:00:00Z' },
        { type: 'stat', kind: 1, value: 2, time: '2026-11-20T11:00:00Z' },
        { type: 'issue', app: otherId, severity: 'Error', message: 'x', time: '2026-11-20T10:00:00Z' },
        'junk',
      ),
    });
    const entries = t.store.sqlite.prepare("SELECT target_type AS type, target_id AS target, details FROM audit_log WHERE action = 'app.report' ORDER BY audit_log.id").all() as Array<{ type: string; target: string; details: string }>;
    expect(entries.map((e) => [e.type, e.target, JSON.parse(e.details)])).toEqual([
      ['app', appId, { issues: 0, stats: 2, rejectedLines: 1 }],
      ['app', otherId, { issues: 1, stats: 0, rejectedLines: 1 }],
    ]);
  });

  it('needs an app for lines without one; an unknown report app is refused whole', async () => {
    const line = { type: 'stat', kind: 1, value: 1, time: '2026-11-20T10:00:00Z' };
    expect(await t.call('app.report', { content: lines(line, { ...line, app: appId }) })).toEqual({
      issues: 0,
      stats: 1,
      rejected: [{ line: 1, reason: 'no app: give the line an "app", or give the report its app' }],
      rejectedCount: 1,
    });
    expect(await t.fail('app.report', { appId: UNKNOWN_APP, content: lines(line) })).toMatchObject({ code: 'NOT_FOUND' });
    expect(count('SELECT count(*) FROM app_stats')).toBe(1);
  });

  it('reads CRLF line endings and a byte-order mark, and numbers lines as an editor does', async () => {
    const content = `\uFEFF${JSON.stringify({ type: 'stat', kind: 1, value: 1, time: '2026-11-20T10:00:00Z' })}\r\n\r\nnope\r\n`;
    expect(await t.call('app.report', { appId, content })).toEqual({ issues: 0, stats: 1, rejected: [{ line: 3, reason: expect.stringMatching(/^not JSON/) }], rejectedCount: 1 });
  });

  it('lists at most 1000 rejected lines and counts them all', async () => {
    const result = await t.call('app.report', { appId, content: Array.from({ length: 1200 }, () => 'junk').join('\n') });
    expect(result.rejected).toHaveLength(1000);
    expect(result.rejected.at(-1)!.line).toBe(1000);
    expect(result.rejectedCount).toBe(1200);
  });
});

describe('app.issues', () => {
  it('pages newest first and filters by severity, ignoring case', async () => {
    const issues = [
      { severity: 'Error', message: 'a', time: '2026-11-20T10:00:00Z' },
      { severity: 'Warning', message: 'b', time: '2026-11-22T10:00:00Z' },
      { severity: 'error', message: 'c', time: '2026-11-21T10:00:00Z' },
      { severity: 'Error', message: 'd', time: '2026-11-23T10:00:00Z' },
    ].map((i) => ({ type: 'issue', ...i }));
    await t.call('app.report', { appId, content: lines(...issues) });
    const page = await t.call('app.issues', { appId, limit: 2, offset: 1 });
    expect(page).toMatchObject({ total: 4, limit: 2, offset: 1 });
    expect(page.items.map((i) => i.message)).toEqual(['b', 'c']);
    expect((await t.call('app.issues', { appId, severity: 'ERROR' })).items.map((i) => i.message)).toEqual(['d', 'c', 'a']);
    expect((await t.call('app.get', { id: appId })).recentIssues.map((i) => i.message)).toEqual(['d', 'b', 'c', 'a']);
    expect((await t.fail('app.issues', { appId: UNKNOWN_APP })).code).toBe('NOT_FOUND');
  });

  it('app.get shows the 20 most recent only, with the full count', async () => {
    const issues = Array.from({ length: 25 }, (_, i) => ({ type: 'issue', severity: 'Error', message: `m${i}`, time: new Date(Date.UTC(2026, 10, 1, i)).toISOString() }));
    await t.call('app.report', { appId, content: lines(...issues) });
    const detail = await t.call('app.get', { id: appId });
    expect(detail.issueCount).toBe(25);
    expect(detail.recentIssues.map((i) => i.message)).toEqual(Array.from({ length: 20 }, (_, i) => `m${24 - i}`));
  });
});

describe('app.stats', () => {
  beforeEach(async () => {
    const stat = (kind: number | string, value: number, time: string) => ({ type: 'stat', kind, value, time });
    await t.call('app.report', {
      appId,
      content: lines(
        stat(1, 10, '2026-11-20T10:05:00Z'),
        stat(1, 5, '2026-11-20T10:55:00Z'),
        stat(1, 7, '2026-11-20T12:00:00Z'),
        stat(1, 100, '2026-11-22T23:59:59.999Z'),
        stat(1, 1000, '2026-12-01T00:00:00Z'),
        stat('Errors', 2, '2026-11-20T10:30:00Z'),
        stat(9, 4, '2026-11-21T08:00:00Z'),
        stat(1, 50000, '2026-11-20T10:00:00Z'.replace('2026', '2025')),
      ),
    });
    // Another app's stats never leak into this one's series.
    await t.call('app.report', { appId: otherId, content: lines(stat(1, 999, '2026-11-20T10:00:00Z')) });
  });

  it('sums each UTC day, fills days without reports with 0, and labels kinds', async () => {
    const series = await t.call('app.stats', { appId, from: '2026-11-20', to: '2026-11-24' });
    expect(series).toEqual([
      { kind: 1, label: 'Requests', points: [
        { t: '2026-11-20T00:00:00.000Z', value: 22 },
        { t: '2026-11-21T00:00:00.000Z', value: 0 },
        { t: '2026-11-22T00:00:00.000Z', value: 100 },
        { t: '2026-11-23T00:00:00.000Z', value: 0 },
      ] },
      { kind: 4, label: 'Errors', points: [
        { t: '2026-11-20T00:00:00.000Z', value: 2 },
        { t: '2026-11-21T00:00:00.000Z', value: 0 },
        { t: '2026-11-22T00:00:00.000Z', value: 0 },
        { t: '2026-11-23T00:00:00.000Z', value: 0 },
      ] },
      { kind: 9, label: 'Kind 9', points: [
        { t: '2026-11-20T00:00:00.000Z', value: 0 },
        { t: '2026-11-21T00:00:00.000Z', value: 4 },
        { t: '2026-11-22T00:00:00.000Z', value: 0 },
        { t: '2026-11-23T00:00:00.000Z', value: 0 },
      ] },
    ]);
  });

  it('buckets by hour and by month, by one kind, from included and to excluded', async () => {
    const hourly = await t.call('app.stats', { appId, kind: 1, bucket: 'hour', from: '2026-11-20T10:00:00Z', to: '2026-11-20T12:00:00Z' });
    expect(hourly).toEqual([{ kind: 1, label: 'Requests', points: [{ t: '2026-11-20T10:00:00.000Z', value: 15 }, { t: '2026-11-20T11:00:00.000Z', value: 0 }] }]);
    const monthly = await t.call('app.stats', { appId, kind: 1, bucket: 'month' });
    expect(monthly[0].points.map((p) => [p.t.slice(0, 7), p.value])).toEqual([
      ['2025-11', 50000], ['2025-12', 0], ['2026-01', 0], ['2026-02', 0], ['2026-03', 0], ['2026-04', 0], ['2026-05', 0],
      ['2026-06', 0], ['2026-07', 0], ['2026-08', 0], ['2026-09', 0], ['2026-10', 0], ['2026-11', 122], ['2026-12', 1000],
    ]);
    expect(await t.call('app.stats', { appId, kind: 3 })).toEqual([]);
  });

  it('refuses a range that ends before it starts, or more points than a chart can show', async () => {
    expect(await t.fail('app.stats', { appId, from: '2026-11-24', to: '2026-11-20' })).toMatchObject({ code: 'VALIDATION', details: { fields: { to: expect.stringMatching(/must be after From/) } } });
    const tooMany = await t.fail('app.stats', { appId, bucket: 'hour' });
    expect(tooMany).toMatchObject({ code: 'VALIDATION', message: expect.stringMatching(/by hour would be more than 5000 points a series/) });
    expect((await t.call('app.stats', { appId, bucket: 'day' }))[0].points).toHaveLength(377);
  });

  it('app.get lists the stat kinds present with their counts', async () => {
    expect((await t.call('app.get', { id: appId })).statKinds).toEqual([
      { kind: 1, label: 'Requests', count: 6 },
      { kind: 4, label: 'Errors', count: 1 },
      { kind: 9, label: 'Kind 9', count: 1 },
    ]);
  });
});
