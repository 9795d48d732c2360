/**
 * Loads the sample catalog through the API (`invoke`), exactly as a person would enter
 * it, so the sample obeys every rule the hosts enforce and writes the same audit log.
 * The PayPal sales go through the IPN import, the Stripe account through the sync's
 * page writer (stripe.ts), as real sales would.
 */
import type { MethodInput, MethodName, MethodOutput } from '../../api/contract';
import { invoke, type ApiContext } from '../../api/dispatch';
import { KeyHubError } from '../../api/errors';
import { handlers } from '../../api/handlers';
import { demoCatalog, type DemoVendor } from './catalog';
import { loadDemoLicensing, type DemoLicensingSummary } from './licensing';
import { loadDemoSales, type DemoSalesSummary } from './sales';
import { loadDemoStripe, type DemoStripeSummary } from './stripe';

export interface DemoSummary {
  vendors: number;
  features: number;
  skus: number;
  packages: number;
  releases: number;
  licensing: DemoLicensingSummary;
  /** Null when the licensing books were left empty (the keys were not the demo's to open). */
  sales: DemoSalesSummary | null;
  /** Null with `sales`: the Stripe account's purchases need the keys too. */
  stripe: DemoStripeSummary | null;
}

export interface LoadDemoOptions {
  /** Load even when the store already holds vendors (names that clash are refused). */
  force?: boolean;
  today?: Date;
}

async function call<M extends MethodName>(ctx: ApiContext, method: M, input: MethodInput<M>): Promise<MethodOutput<M>> {
  const envelope = await invoke(ctx, handlers, method, input);
  if (!envelope.ok) {
    const { code, message, details } = envelope.error;
    throw new KeyHubError(code, `The demo catalog could not be loaded (${method}): ${message}`, details);
  }
  return envelope.data as MethodOutput<M>;
}

export async function vendorCount(ctx: ApiContext): Promise<number> {
  return (await call(ctx, 'vendor.list', { limit: 1 })).total;
}

type CatalogSummary = Omit<DemoSummary, 'licensing' | 'sales' | 'stripe'>;

async function loadVendor(ctx: ApiContext, demo: DemoVendor, summary: CatalogSummary): Promise<void> {
  const { features, packages, skus, ...address } = demo;
  const vendor = await call(ctx, 'vendor.create', address);
  summary.vendors += 1;

  const featureIds = new Map<string, number>();
  for (const feature of features) {
    featureIds.set(feature.code, (await call(ctx, 'feature.create', { vendorId: vendor.id, ...feature })).id);
    summary.features += 1;
  }

  const packageIds = new Map<string, number>();
  for (const pkg of packages) {
    const created = await call(ctx, 'package.create', { vendorId: vendor.id, displayName: pkg.displayName });
    packageIds.set(pkg.displayName, created.id);
    summary.packages += 1;
    for (const release of pkg.releases) {
      await call(ctx, 'release.create', { packageId: created.id, ...release });
      summary.releases += 1;
    }
  }

  for (const { features: codes, packages: names, ...sku } of skus) {
    const lookup = (map: Map<string, number>, key: string) => {
      const id = map.get(key);
      if (id === undefined) throw new KeyHubError('INTERNAL', `Demo data names "${key}", which it never defines.`);
      return id;
    };
    await call(ctx, 'sku.create', {
      vendorId: vendor.id,
      ...sku,
      featureIds: codes.map((code) => lookup(featureIds, code)),
      packageIds: names.map((name) => lookup(packageIds, name)),
    });
    summary.skus += 1;
  }
}

/** Fills a fresh store with the sample catalog; refuses a store that already has vendors unless forced. */
export async function loadDemo(ctx: ApiContext, options: LoadDemoOptions = {}): Promise<DemoSummary> {
  const existing = await vendorCount(ctx);
  if (existing > 0 && !options.force) {
    throw new KeyHubError(
      'CONFLICT',
      `This data folder already holds ${existing} vendor${existing === 1 ? '' : 's'}, so the demo catalog was not loaded. ` +
        'The demo is meant for a fresh folder: choose an empty one with --data DIR, or add --force to load it anyway.',
      { vendorCount: existing },
    );
  }
  const summary: CatalogSummary = { vendors: 0, features: 0, skus: 0, packages: 0, releases: 0 };
  const today = options.today ?? new Date();
  let licensing: DemoLicensingSummary;
  let sales: DemoSalesSummary | null = null;
  let stripe: DemoStripeSummary | null = null;
  // All or nothing: each API call's own transaction nests as a savepoint inside this
  // one. Safe to await inside because the demo loads before any host serves requests.
  const { sqlite } = ctx.store;
  sqlite.exec('BEGIN IMMEDIATE');
  try {
    for (const vendor of demoCatalog(today)) await loadVendor(ctx, vendor, summary);
    licensing = await loadDemoLicensing(ctx, call, today);
    // Sales sign licenses as they import, so they need the keys the licensing books opened.
    if (licensing.licenses > 0) {
      sales = await loadDemoSales(ctx, call, today);
      stripe = await loadDemoStripe(ctx, today);
    }
    sqlite.exec('COMMIT');
  } catch (error) {
    sqlite.exec('ROLLBACK');
    throw error;
  } finally {
    ctx.vault.lock();
  }
  return { ...summary, licensing, sales, stripe };
}

/** Subscription statuses as the demo line lists them: those that follow first. */
const STATUS_ORDER = ['active', 'trialing', 'past_due', 'unpaid', 'canceled'];

const count = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** What a person should know after the demo loaded, as lines (the CLI and `npm start -- --demo` print them). */
export function describeDemo(summary: DemoSummary): string[] {
  const l = summary.licensing;
  const lines = [
    `  ${summary.vendors} vendors, ${summary.skus} SKUs, ${summary.features} feature codes, ${summary.packages} packages, ${summary.releases} releases.`,
  ];
  if (l.licenses) {
    lines.push(`  ${l.customers} customers (${l.contacts} contacts), ${l.licenses} signed licenses with ${l.domains} domains, ${l.apps} apps with a month of reports.`);
  } else {
    lines.push('  No licenses: the store already has its own signing-key passphrase, so the demo left the licensing books empty.');
  }
  const s = summary.sales;
  if (s) {
    lines.push(
      `  ${count(s.purchases, 'PayPal purchase')} over the last 12 months in ${s.currencies.join(' and ')} (${count(s.customers, 'new customer')}): ${count(s.issued, 'license')} issued, ${s.revoked} revoked by a refund; ` +
        `${count(s.pending, 'payment')} pending, ${count(s.decisions, 'partial refund')} waiting for a decision, ${count(s.waitingUnits, 'item')} waiting for a SKU mapping.`,
    );
  }
  const st = summary.stripe;
  if (st) {
    const statuses = Object.entries(st.statuses)
      .sort(([a], [b]) => STATUS_ORDER.indexOf(a) - STATUS_ORDER.indexOf(b))
      .map(([status, n]) => `${n} ${status.replace('_', ' ')}`)
      .join(', ');
    lines.push(
      `  ${count(st.purchases, 'Stripe purchase')} and ${count(st.subscriptions, 'subscription')} (${statuses}), as if synced from Stripe (${count(st.customers, 'new customer')}): ` +
        `${count(st.issued, 'license')} issued, ${st.revoked} revoked by a refund, ${count(st.unmappedPrices, 'price')} waiting for a SKU mapping. Stripe itself is not connected.`,
    );
  }
  if (l.passphrase) lines.push(`  The demo's signing keys are locked with the passphrase "${l.passphrase}". Change it on the Signing keys screen before real use.`);
  return lines;
}
