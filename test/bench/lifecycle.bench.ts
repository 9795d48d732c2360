/**
 * Licenses at scale: on a generated store of 1,000,000 licenses and about 3,000,000
 * domain licenses (lifecycle-store.ts; --quick: 20,000 / 60,000), the store's open time
 * and the median and p95 of 200 calls through the API boundary (validation included)
 * for every kind of search, the first page of every sort and state filter, domain.list
 * and dashboard.summary. Goals: p95 under 50 ms for every list and search, open under 1 s.
 */
import { createApiContext, invoke, type ApiContext } from '../../src-main/api/dispatch';
import { handlers } from '../../src-main/api/handlers';
import { openStore } from '../../src-main/store/open';
import { FULL_SIZE, generatedStore, QUICK_SIZE, type GeneratedStore } from './lifecycle-store';
import { percentile, report, timeEach } from './report';

const QUERIES = 200;
const LIST_GOAL_MS = 50;
const OPEN_GOAL_MS = 1000;

interface Sample {
  id: number;
  owner: string;
  customer: string | null;
  email: string | null;
  contactEmail: string | null;
  domain: string | null;
  appId: string | null;
  appKey: string | null;
}

/** Terms taken from the store itself, spread over it, so every query finds something real. */
function samples(ctx: ApiContext, count: number): Sample[] {
  const db = ctx.store.sqlite;
  const max = (db.prepare('SELECT max(id) FROM licenses').pluck().get() as number) ?? 1;
  const one = db.prepare(`
    SELECT l.id, l.owner_name AS owner, c.name AS customer, c.email,
      (SELECT u.email FROM users u WHERE u.customer_id = c.id LIMIT 1) AS contactEmail,
      (SELECT d.domain_name FROM domain_licenses d WHERE d.license_id = l.id ORDER BY d.id DESC LIMIT 1) AS domain,
      (SELECT al.app_id FROM app_licenses al WHERE al.license_id = l.id LIMIT 1) AS appId,
      (SELECT k.id FROM app_licenses al JOIN app_keys k ON k.app_id = al.app_id WHERE al.license_id = l.id LIMIT 1) AS appKey
    FROM licenses l LEFT JOIN customers c ON c.id = l.owning_entity_id WHERE l.id >= ? ORDER BY l.id LIMIT 1`);
  const appLicense = db.prepare('SELECT license_id FROM app_licenses WHERE rowid >= ? ORDER BY rowid LIMIT 1').pluck();
  const apps = (db.prepare('SELECT count(*) FROM app_licenses').pluck().get() as number) || 1;
  return Array.from({ length: count }, (_, i) => {
    // Every other sample is a license that has an app, so app searches have terms.
    const id = i % 2 ? ((appLicense.get(1 + ((i * 7919) % apps)) as number | undefined) ?? 1) : 1 + ((i * 104_729) % max);
    return one.get(id) as Sample;
  });
}

function goal(p95: number, limit: number): string {
  return `goal p95 < ${limit} ms: ${p95 < limit ? 'met' : 'NOT met'}`;
}

/** `existing`: a generated store's folder to measure as it is (no generating, no cache check). */
export async function lifecycleBench(quick: boolean, existing?: GeneratedStore): Promise<void> {
  const size = quick ? QUICK_SIZE : FULL_SIZE;
  const generated = existing ?? generatedStore(size, (line) => console.log(line));
  const scale = `${generated.licenses} licenses, ${generated.domains} domain licenses`;
  if (generated.generatedIn !== null) {
    report({ bench: 'lifecycle.store_generate', value: Number(generated.generatedIn.toFixed(1)), unit: 's' }, `${scale}; cached for the next run at ${generated.dataDir}`);
  }

  const opens = await timeEach(5, () => openStore({ dataDir: generated.dataDir }).close());
  const openMedian = percentile(opens, 50);
  report({ bench: 'lifecycle.store_open_median', value: openMedian, unit: 'ms' }, `${scale}; goal < ${OPEN_GOAL_MS} ms: ${openMedian < OPEN_GOAL_MS ? 'met' : 'NOT met'}`);
  report({ bench: 'lifecycle.store_open_max', value: opens[opens.length - 1], unit: 'ms' }, '5 opens, migrations checked each time');

  const store = openStore({ dataDir: generated.dataDir });
  const ctx = createApiContext(store, 'bench', 'test');
  const call = async (method: string, input: unknown) => {
    const result = await invoke(ctx, handlers, method, input);
    if (!result.ok) throw new Error(`${method} ${JSON.stringify(input)}: ${result.error.message}`);
    return result.data;
  };
  const s = samples(ctx, QUERIES);
  const pick = <T>(i: number, f: (x: Sample) => T | null): T => {
    for (let k = 0; k < s.length; k++) {
      const v = f(s[(i + k) % s.length]);
      if (v !== null && v !== undefined) return v;
    }
    throw new Error('no sample has this term');
  };
  const words = (text: string) => text.split(' ');
  const parentOf = (domain: string) => (domain.split('.').length > 2 ? domain.slice(domain.indexOf('.') + 1) : domain);

  const cases: Array<[string, (i: number) => Promise<unknown>]> = [
    // Full name, its second word on, the first four letters ("kath" finds Kathrin).
    ['license_search_owner', (i) => call('license.list', { search: [(o: string) => o, (o: string) => words(o).slice(1).join(' ') || o, (o: string) => o.slice(0, 4)][i % 3](s[i].owner) })],
    ['license_search_customer', (i) => call('license.list', { search: pick(i, (x) => x.customer) })],
    ['license_search_email', (i) => call('license.list', { search: i % 2 ? pick(i, (x) => x.email) : pick(i, (x) => x.contactEmail) })],
    ['license_search_domain', (i) => call('license.list', { search: i % 2 ? pick(i, (x) => x.domain) : parentOf(pick(i, (x) => x.domain)) })],
    ['license_search_license_id', (i) => call('license.list', { search: String(s[i].id) })],
    ['license_search_app_id', (i) => call('license.list', { search: i % 2 ? pick(i, (x) => x.appId) : pick(i, (x) => x.appId).slice(0, 8) })],
    ['license_search_app_key', (i) => call('license.list', { search: pick(i, (x) => x.appKey) })],
  ];
  for (const sort of ['id', 'issued', 'expires', 'owner', 'sku']) {
    for (const dir of ['asc', 'desc']) cases.push([`license_list_sort_${sort}_${dir}`, () => call('license.list', { sort, dir, limit: 50 })]);
  }
  for (const state of ['active', 'expired', 'suspended', 'revoked', 'expiring']) {
    cases.push([`license_list_state_${state}`, (i) => call('license.list', { state, sort: (['id', 'issued', 'expires', 'owner', 'sku'] as const)[i % 5], limit: 50 })]);
  }
  cases.push(
    ['domain_list_first_page', (i) => call('domain.list', { sort: (['domain', 'issued', 'expires', 'license'] as const)[i % 4], dir: i % 8 < 4 ? 'asc' : 'desc', limit: 50 })],
    ['domain_list_state', (i) => call('domain.list', { state: (['live', 'expired', 'stopped'] as const)[i % 3], limit: 50 })],
    ['domain_list_automatic', (i) => call('domain.list', { automatic: i % 2 === 0, sort: 'expires', limit: 50 })],
    ['domain_search', (i) => call('domain.list', { search: [pick(i, (x) => x.domain), s[i].owner, String(s[i].id)][i % 3], limit: 50 })],
    ['domain_list_by_license', (i) => call('domain.list', { licenseId: s[i].id, limit: 50 })],
  );

  let met = 0;
  const missed: string[] = [];
  for (const [name, run] of cases) {
    const durations = await timeEach(QUERIES, run);
    const p95 = percentile(durations, 95);
    report({ bench: `lifecycle.${name}_p50`, value: percentile(durations, 50), unit: 'ms' }, `${scale}, ${QUERIES} queries`);
    report({ bench: `lifecycle.${name}_p95`, value: p95, unit: 'ms' }, goal(p95, LIST_GOAL_MS));
    if (p95 < LIST_GOAL_MS) met++;
    else missed.push(name);
  }
  console.log(`lists and searches: ${met} of ${cases.length} meet p95 < ${LIST_GOAL_MS} ms${missed.length ? `; not met: ${missed.join(', ')}` : ''}`);

  const dashboards = await timeEach(QUERIES, () => call('dashboard.summary', {}));
  report({ bench: 'lifecycle.dashboard_summary_p50', value: percentile(dashboards, 50), unit: 'ms' }, `${scale}, ${dashboards.length} calls`);
  report({ bench: 'lifecycle.dashboard_summary_p95', value: percentile(dashboards, 95), unit: 'ms' });

  const exportStart = performance.now();
  const exported = (await call('export.csv', { list: 'license.list', query: { sort: 'issued', dir: 'desc' } })) as { rows: number; csv: string };
  report({ bench: 'lifecycle.export_licenses_csv', value: Number(((performance.now() - exportStart) / 1000).toFixed(2)), unit: 's' }, `${exported.rows} rows, ${(exported.csv.length / 1e6).toFixed(1)} MB of CSV`);
  store.close();
}
