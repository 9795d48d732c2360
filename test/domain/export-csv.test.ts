/**
 * export.csv: runs the named list with its own filters and sort, page by page, and
 * writes every row as CSV (nested values as readable text); a bad query is refused as
 * the list would refuse it; more than 100,000 rows are cut there and say so.
 */
import { parse } from 'csv-parse/sync';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempStore, type TempStore } from '../support/temp-store';
import { cellText, collectRows, EXPORT_ROW_LIMIT, toCsv } from '../../src-main/domain/insight/export';
import { nowUtc } from '../../src-main/shared/time';
import { daysFromNow, insertDomain, insertLicense, insertManyLicenses, seedCatalog } from './list-fixture';

let t: TempStore;
let skuId: number;

beforeEach(() => {
  t = tempStore();
  skuId = seedCatalog(t).skus.alpha;
});

afterEach(() => t.cleanup());

const records = (csv: string) => parse(csv, { columns: true }) as Array<Record<string, string>>;

describe('export.csv', () => {
  it("exports a list's rows with its filters and sort, a header of its fields, named by list and day", async () => {
    insertLicense(t, { skuId, owner: 'Anna Adler', status: 'revoked' });
    insertLicense(t, { skuId, owner: 'Zoe Zimmer', status: 'revoked', expires: daysFromNow(30) });
    insertLicense(t, { skuId, owner: 'Kept Out' });
    const out = await t.call('export.csv', { list: 'license.list', query: { state: 'revoked', sort: 'owner', dir: 'desc' } });
    expect(out.filename).toBe(`licenses-${nowUtc().slice(0, 10)}.csv`);
    expect(out).toMatchObject({ rows: 2, truncated: false });
    expect(out.csv.split('\n')[0]).toBe(
      'id,skuId,sku,vendorId,vendorName,ownerName,owningEntityId,owningEntityName,purchasingEntityId,purchasingEntityName,issued,expires,status,state,statusReason,liveDomainCount,appCount,transactionItemId,createdAt,updatedAt',
    );
    const rows = records(out.csv);
    expect(rows.map((r) => [r.ownerName, r.state, r.sku, r.vendorName])).toEqual([
      ['Zoe Zimmer', 'revoked', 'alpha', 'Imazen'],
      ['Anna Adler', 'revoked', 'alpha', 'Imazen'],
    ]);
    expect(rows[1].expires).toBe(''); // null: an empty cell
  });

  it('writes booleans as true/false and keeps text from customers inert in spreadsheets', async () => {
    const id = insertLicense(t, { skuId, owner: '=HYPERLINK("http://evil.example","x")' });
    insertDomain(t, { licenseId: id, domain: 'example.com', automatic: true });
    const domains = records((await t.call('export.csv', { list: 'domain.list', query: {} })).csv);
    expect(domains).toHaveLength(1);
    expect(domains[0]).toMatchObject({ domainName: 'example.com', isAutomatic: 'true', hasFile: 'false', ownerName: `'=HYPERLINK("http://evil.example","x")` });
    expect((await t.call('export.csv', { list: 'domain.list', query: {} })).filename).toMatch(/^domain-licenses-\d{4}-\d{2}-\d{2}\.csv$/);
  });

  it("exports other areas' lists too, with nested details as readable text", async () => {
    await t.call('customer.create', { name: 'Acme Photo GmbH', email: 'billing@acme-photo.ch' });
    const customers = records((await t.call('export.csv', { list: 'customer.list', query: {} })).csv);
    expect(customers.map((c) => c.name)).toEqual(['Acme Photo GmbH']);
    const audit = records((await t.call('export.csv', { list: 'audit.list', query: { action: 'customer.create' } })).csv);
    expect(audit).toHaveLength(1);
    expect(audit[0].details).toMatch(/name: Acme Photo GmbH/);
  });

  it('refuses a query the list refuses, naming the field under query', async () => {
    const error = await t.fail('export.csv', { list: 'license.list', query: { state: 'lapsed' } });
    expect(error.code).toBe('VALIDATION');
    expect(Object.keys((error.details as { fields: Record<string, string> }).fields)).toEqual(['query.state']);
    expect((await t.fail('export.csv', { list: 'license.purge', query: {} })).code).toBe('VALIDATION');
  });

  it('exports an empty list as an empty file', async () => {
    expect(await t.call('export.csv', { list: 'license.list', query: { state: 'suspended' } })).toMatchObject({ rows: 0, truncated: false, csv: '' });
  });

  it(`stops at ${EXPORT_ROW_LIMIT.toLocaleString('en')} rows and says the export is cut short`, { timeout: 120_000 }, async () => {
    insertManyLicenses(t, skuId, EXPORT_ROW_LIMIT + 1);
    const out = await t.call('export.csv', { list: 'license.list', query: { sort: 'id', dir: 'asc' } });
    expect(out).toMatchObject({ rows: EXPORT_ROW_LIMIT, truncated: true });
    const lines = out.csv.trimEnd().split('\n');
    expect(lines).toHaveLength(EXPORT_ROW_LIMIT + 1);
    expect(lines[1].startsWith('1,')).toBe(true);
    expect(lines[EXPORT_ROW_LIMIT].startsWith(`${EXPORT_ROW_LIMIT},`)).toBe(true);
  });
});

describe('reading a list for export', () => {
  const pagesOf = (rows: number, total: number, totalIsLowerBound: boolean) => (offset: number, limit: number) => ({
    items: Array.from({ length: Math.max(0, Math.min(limit, rows - offset)) }, (_, i) => offset + i),
    total,
    totalIsLowerBound,
  });

  it('says a search that stopped at its cap of matches was cut short', async () => {
    expect(await collectRows(pagesOf(10_000, 10_000, true))).toMatchObject({ truncated: true });
  });

  it('reads a list past its capped count to the end, and then it is whole', async () => {
    const whole = await collectRows(pagesOf(12_345, 10_000, true));
    expect(whole.rows).toHaveLength(12_345);
    expect(whole.truncated).toBe(false);
    expect(await collectRows(pagesOf(700, 700, false))).toMatchObject({ truncated: false });
  });
});

describe('cells', () => {
  it('turn nested values into text a person reads', () => {
    expect(cellText(null)).toBe('');
    expect(cellText(['a', 'b', null])).toBe('a; b');
    expect(cellText({ from: '2026-01-01', to: null, domains: ['x.com', 'y.com'] })).toBe('from: 2026-01-01, domains: (x.com; y.com)');
    expect(cellText([{ id: 'g1', displayName: 'App' }, { id: 'g2', displayName: 'Other' }])).toBe('id: g1, displayName: App; id: g2, displayName: Other');
  });

  it('take every field any row has as a column, in first-seen order', () => {
    expect(toCsv([{ a: 1 }, { b: 'x', a: 2 }])).toBe('a,b\n1,\n2,x\n');
    expect(toCsv([])).toBe('');
  });
});
