/**
 * The demo's licensing books: a signing key per vendor, customers with contacts, licenses
 * in every state with manual and automatic domains, apps with keys and a month of
 * reports, rights and notification subscriptions. Entered through the API like the
 * catalog, so it obeys every rule and fills the audit log and timelines as real work would.
 */
import type { MethodInput, MethodName, MethodOutput } from '../../api/contract';
import type { ApiContext } from '../../api/dispatch';
import { addDays, DAY_MS } from '../../shared/time';

/** Documented in the README and printed by `keyhub demo`: the demo is for trying KeyHub, not for real keys. */
export const DEMO_PASSPHRASE = 'keyhub demo passphrase';

export interface DemoLicensingSummary {
  keys: number;
  customers: number;
  contacts: number;
  licenses: number;
  domains: number;
  apps: number;
  /** Set when the demo set the vault's passphrase (a fresh store). */
  passphrase: string | null;
}

export type DemoCall = <M extends MethodName>(ctx: ApiContext, method: M, input: MethodInput<M>) => Promise<MethodOutput<M>>;

interface DemoCustomer {
  kind: 'organization' | 'person';
  name: string;
  email: string;
  country: string;
  contacts: Array<{ name: string; email: string }>;
}

const CUSTOMERS: DemoCustomer[] = [
  { kind: 'person', name: 'Kathrin Fretz', email: 'angelagube@photometer.com', country: 'Switzerland', contacts: [] },
  {
    kind: 'organization',
    name: 'Photometer AG',
    email: 'billing@photometer.example',
    country: 'Switzerland',
    contacts: [
      { name: 'Lena Brunner', email: 'lena.brunner@photometer.example' },
      { name: 'Marco Keller', email: 'marco.keller@photometer.example' },
    ],
  },
  {
    kind: 'organization',
    name: 'Bluewater Outfitters',
    email: 'it@bluewater.example',
    country: 'United States',
    contacts: [{ name: 'Dana Whitfield', email: 'dana@bluewater.example' }],
  },
  { kind: 'organization', name: 'Gallery Nord GmbH', email: 'web@gallery-nord.example', country: 'Germany', contacts: [{ name: 'Jonas Weber', email: 'jonas.weber@gallery-nord.example' }] },
  { kind: 'person', name: 'Priya Raman', email: 'priya@raman.example', country: 'India', contacts: [] },
  { kind: 'organization', name: 'Harbor Analytics Ltd', email: 'accounts@harbor.example', country: 'United Kingdom', contacts: [{ name: 'Tom Ashby', email: 'tom.ashby@harbor.example' }] },
];

interface DemoLicense {
  sku: string;
  owner: string;
  domains: string[];
  autoDomains?: string[];
  /** Days from today; left out: the SKU's duration. */
  expiresInDays?: number;
  then?: 'suspend' | 'revoke';
  app?: string;
  overrideReason?: string;
}

const LICENSES: DemoLicense[] = [
  // Kathrin Fretz's R3Bundle1Ent comes from her purchase (sales.ts); this one shows an override of the sale window.
  { sku: 'R3Bundle1Ent', owner: 'Photometer AG', domains: ['photometer.com'], overrideReason: 'Replacement for a license lost in the 2012 store migration' },
  { sku: 'R4Elite', owner: 'Photometer AG', domains: ['photometer.example.com', 'cdn.photometer.example.com'], autoDomains: ['staging.photometer.example.com'], app: 'Photometer image service' },
  { sku: 'R4Performance', owner: 'Bluewater Outfitters', domains: ['bluewater.example.com'] },
  { sku: 'R4EliteAnnual', owner: 'Gallery Nord GmbH', domains: ['gallery-nord.example.com'], autoDomains: ['shop.gallery-nord.example.com'], expiresInDays: 12, app: 'Gallery Nord shop' },
  { sku: 'R4Creative', owner: 'Priya Raman', domains: ['raman.example.com'], then: 'suspend' },
  { sku: 'R4Performance', owner: 'Harbor Analytics Ltd', domains: ['harbor.example.com'], then: 'revoke' },
  { sku: 'KSansWeb', owner: 'Bluewater Outfitters', domains: ['bluewater.example.com', 'blog.bluewater.example.com'] },
  { sku: 'NWComparePro', owner: 'Harbor Analytics Ltd', domains: [], expiresInDays: 20 },
];

/** A month of daily stats and a few issues for a demo app, as JSON lines (the `keyhub app report` format). */
function demoReport(today: Date): string {
  const lines: string[] = [];
  for (let day = 30; day >= 1; day--) {
    const time = new Date(today.getTime() - day * DAY_MS).toISOString();
    const requests = 4000 + Math.round(1500 * Math.sin(day / 3)) + (30 - day) * 40;
    lines.push(JSON.stringify({ type: 'stat', kind: 1, value: requests, time }));
    lines.push(JSON.stringify({ type: 'stat', kind: 2, value: 3, time }));
  }
  const at = (days: number) => new Date(today.getTime() - days * DAY_MS).toISOString();
  lines.push(JSON.stringify({ type: 'issue', severity: 'Warning', message: 'Running ImageResizer 4.2.8; 4.3 fixes a WebP memory leak.', time: at(9) }));
  lines.push(JSON.stringify({ type: 'issue', severity: 'Error', message: 'License check failed for dev.photometer.example.com: domain not licensed.', details: 'Request from 10.0.4.17', time: at(3) }));
  return lines.join('\n');
}

export async function loadDemoLicensing(ctx: ApiContext, call: DemoCall, today: Date): Promise<DemoLicensingSummary> {
  const summary: DemoLicensingSummary = { keys: 0, customers: 0, contacts: 0, licenses: 0, domains: 0, apps: 0, passphrase: null };
  const vault = await call(ctx, 'vault.status', {});
  if (vault.state === 'unset') {
    await call(ctx, 'vault.setup', { passphrase: DEMO_PASSPHRASE, minutes: 15 });
    summary.passphrase = DEMO_PASSPHRASE;
  } else if (vault.state !== 'unlocked') {
    // A store with its own passphrase: the catalog loads, the licensing books need the keys.
    return summary;
  }

  const skus = (await call(ctx, 'sku.list', { limit: 500 })).items;
  const vendorIds = [...new Set(skus.map((s) => s.vendorId))];
  for (const vendorId of vendorIds) {
    const key = await call(ctx, 'key.generate', { vendorId, displayName: 'Main signing key' });
    summary.keys += 1;
    for (const sku of skus.filter((s) => s.vendorId === vendorId)) await call(ctx, 'sku.update', { id: sku.id, privateKeyId: key.id });
  }
  const skuId = (code: string) => {
    const sku = skus.find((s) => s.sku === code);
    if (!sku) throw new Error(`The demo licenses name SKU ${code}, which the demo catalog does not define.`);
    return sku.id;
  };

  const customerIds = new Map<string, number>();
  const contactIds: number[] = [];
  for (const { contacts, ...customer } of CUSTOMERS) {
    const created = await call(ctx, 'customer.create', customer);
    customerIds.set(customer.name, created.id);
    summary.customers += 1;
    for (const contact of contacts) {
      contactIds.push((await call(ctx, 'user.create', { ...contact, role: 'viewer', customerId: created.id })).id);
      summary.contacts += 1;
    }
  }
  const staff = await call(ctx, 'user.create', { name: 'Support Desk', email: 'support@keyhub.example', role: 'staff' });

  const now = today.toISOString();
  const rightNames = new Map((await call(ctx, 'right.list', {})).map((r) => [r.name, r.id]));
  const kinds = await call(ctx, 'app.notificationKinds', {});
  for (const demo of LICENSES) {
    const owningEntityId = customerIds.get(demo.owner);
    const issued = await call(ctx, 'license.issue', {
      skuId: skuId(demo.sku),
      owner: demo.owner,
      ...(owningEntityId !== undefined && { owningEntityId, purchasingEntityId: owningEntityId }),
      domains: demo.domains,
      ...(demo.expiresInDays !== undefined && { expires: addDays(now, demo.expiresInDays) }),
      ...(demo.overrideReason !== undefined && { override: { reason: demo.overrideReason } }),
    });
    summary.licenses += 1;
    summary.domains += demo.domains.length;
    for (const domain of demo.autoDomains ?? []) {
      await call(ctx, 'domain.add', { licenseId: issued.licenseId, domain, automatic: true });
      summary.domains += 1;
    }
    if (demo.app) {
      const app = await call(ctx, 'app.create', { displayName: demo.app, licenseIds: [issued.licenseId] });
      await call(ctx, 'app.createKey', { appId: app.id });
      await call(ctx, 'app.report', { appId: app.id, content: demoReport(today) });
      await call(ctx, 'app.subscribe', { userId: staff.id, appId: app.id, kindId: kinds[0].id });
      summary.apps += 1;
    }
    if (contactIds.length && owningEntityId === customerIds.get('Photometer AG')) {
      const view = rightNames.get('Manage domains');
      if (view !== undefined) await call(ctx, 'right.grant', { userId: contactIds[0], rightId: view, objectType: 'license', objectId: String(issued.licenseId) });
    }
    if (demo.then === 'suspend') await call(ctx, 'license.suspend', { id: issued.licenseId, reason: 'Payment overdue: the card on file was declined.' });
    if (demo.then === 'revoke') await call(ctx, 'license.revoke', { id: issued.licenseId, reason: 'Refunded at the customer’s request.' });
  }
  // The keys stay unlocked for the demo's sales; loadDemo locks them at the end.
  return summary;
}
