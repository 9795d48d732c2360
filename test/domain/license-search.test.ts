/**
 * license.list's and domain.list's search box: every kind of term finds the licenses it
 * names and no others, and the indexes stay in step when owners, domains, customers
 * and contacts change through the API.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempStore, type TempStore } from '../support/temp-store';
import { parseSearch } from '../../src-main/domain/licenses/search-terms';
import { insertApp, insertContact, insertCustomer, insertDomain, insertLicense, seedCatalog } from './list-fixture';

const APP = '3f2b9c1e-5d4a-4b8e-9f10-2a6c7d8e9f01';
const APP_KEY = 'a1b2c3d4-0000-4000-8000-00000000beef';
const OTHER_APP = '77777777-1111-4222-8333-444444444444';

let t: TempStore;
let L: Record<'kathrin' | 'jonas' | 'acme' | 'lukas' | 'anna' | 'muller', number>;

async function found(search: string, extra: Record<string, unknown> = {}): Promise<number[]> {
  const page = await t.call('license.list', { search, limit: 500, ...extra });
  return page.items.map((r) => r.id).sort((a, b) => a - b);
}

const ids = (...names: Array<keyof typeof L>) => names.map((n) => L[n]).sort((a, b) => a - b);

beforeEach(() => {
  t = tempStore();
  const { skus } = seedCatalog(t);
  const acme = insertCustomer(t, 'Acme Photo GmbH', 'billing@acme-photo.ch');
  insertContact(t, acme, 'Kathrin Fretz', 'kf@acme-photo.ch');
  const northwind = insertCustomer(t, 'Northwind Traders', 'orders@northwind.com');
  const muller = insertCustomer(t, 'Müller AG');
  L = {
    kathrin: insertLicense(t, { skuId: skus.alpha, owner: 'Kathrin Fretz' }),
    // Owned by Northwind, bought by Acme (a reseller).
    jonas: insertLicense(t, { skuId: skus.alpha, owner: 'Jonas Weber', owningEntityId: northwind, purchasingEntityId: acme }),
    acme: insertLicense(t, { skuId: skus.beta, owner: 'Acme Photo GmbH', owningEntityId: acme, purchasingEntityId: acme, status: 'revoked' }),
    lukas: insertLicense(t, { skuId: skus.gamma, owner: 'Lukas Schmidt' }),
    anna: insertLicense(t, { skuId: skus.gamma, owner: 'Dr Anna Katz' }),
    muller: insertLicense(t, { skuId: skus.gamma, owner: 'Mueller Holding', owningEntityId: muller }),
  };
  insertDomain(t, { licenseId: L.kathrin, domain: 'example.com' });
  insertDomain(t, { licenseId: L.kathrin, domain: 'shop.example.com' });
  insertDomain(t, { licenseId: L.jonas, domain: 'northwind.com' });
  insertDomain(t, { licenseId: L.lukas, domain: 'kathrin-shop.org' });
  insertApp(t, APP, [L.lukas], [APP_KEY]);
  insertApp(t, OTHER_APP, [L.jonas]);
});

afterEach(() => t.cleanup());

describe('license.list search', () => {
  it('finds owners by the start of their name or of its second word, ignoring case', async () => {
    expect(await found('Kathrin Fretz')).toEqual(ids('kathrin'));
    expect(await found('fretz')).toEqual(ids('kathrin'));
    expect(await found('dr anna')).toEqual(ids('anna'));
    expect(await found('ANNA KA')).toEqual(ids('anna'));
    expect(await found('schmi')).toEqual(ids('lukas'));
  });

  it('finds "kath" in owners and domains (kathrin-shop.org), not in Katz', async () => {
    expect(await found('kath')).toEqual(ids('kathrin', 'lukas'));
  });

  it('finds customers by a word of their name: licenses they own or bought', async () => {
    expect(await found('traders')).toEqual(ids('jonas'));
    // Acme owns two licenses and bought Jonas's.
    expect(await found('photo')).toEqual(ids('jonas', 'acme'));
    expect(await found('muller')).toEqual(ids('muller'));
  });

  it("finds a customer's email and a contact's email", async () => {
    expect(await found('orders@northwind.com')).toEqual(ids('jonas'));
    expect(await found('billing@acme-photo.ch')).toEqual(ids('jonas', 'acme'));
    expect(await found('kf@acme-photo.ch')).toEqual(ids('jonas', 'acme'));
    expect(await found('nobody@acme-photo.ch')).toEqual([]);
  });

  it('finds domains, their subdomains by the parent domain, and pasted URLs', async () => {
    expect(await found('shop.example.com')).toEqual(ids('kathrin'));
    expect(await found('example.com')).toEqual(ids('kathrin'));
    expect(await found('https://www.Shop.Example.com/cart?x=1')).toEqual(ids('kathrin'));
    expect(await found('exam')).toEqual(ids('kathrin'));
    expect(await found('northwind.com')).toEqual(ids('jonas'));
    expect(await found('other.com')).toEqual([]);
  });

  it('finds a license by its id, with or without #', async () => {
    expect(await found(String(L.acme))).toEqual(ids('acme'));
    expect(await found(`#${L.muller}`)).toEqual(ids('muller'));
    expect(await found('999999')).toEqual([]);
  });

  it('finds licenses by app id, by its first 8+ hex digits, and by app key', async () => {
    expect(await found(APP)).toEqual(ids('lukas'));
    expect(await found(`{${APP.toUpperCase()}}`)).toEqual(ids('lukas'));
    expect(await found('3F2B9C1E')).toEqual(ids('lukas'));
    expect(await found('3f2b9c1e5d4a')).toEqual(ids('lukas'));
    expect(await found(APP_KEY)).toEqual(ids('lukas'));
    expect(await found(OTHER_APP)).toEqual(ids('jonas'));
    expect(await found('3f2b9c1')).toEqual([]); // 7 hex digits: too short to be an app id
  });

  it('applies the filters to what the search finds', async () => {
    expect(await found('photo', { state: 'revoked' })).toEqual(ids('acme'));
    expect(await found('photo', { state: 'active' })).toEqual(ids('jonas'));
    expect(await found('kath', { appId: APP })).toEqual(ids('lukas'));
    const gamma = (t.store.sqlite.prepare("SELECT id FROM skus WHERE sku = 'gamma'").get() as { id: number }).id;
    // "k" starts Kathrin (SKU alpha) and kathrin-shop.org (Lukas, SKU gamma).
    expect(await found('k', { skuId: gamma })).toEqual(ids('lukas'));
  });

  it('counts what it found exactly when it read every match', async () => {
    const page = await t.call('license.list', { search: 'photo' });
    expect(page.total).toBe(2);
    expect(page.totalIsLowerBound).toBe(false);
  });
});

describe('broad searches', () => {
  it('say the total is a lower bound when more customers match than are read', async () => {
    const big = tempStore();
    try {
      const { skus } = seedCatalog(big);
      big.store.sqlite.transaction(() => {
        for (let i = 0; i < 1001; i++) {
          const customer = insertCustomer(big, `Globex Branch ${i}`);
          insertLicense(big, { skuId: skus.alpha, owner: `Owner ${i}`, owningEntityId: customer });
        }
      })();
      const page = await big.call('license.list', { search: 'globex', limit: 1 });
      expect(page.totalIsLowerBound).toBe(true);
      expect(page.total).toBeGreaterThanOrEqual(1000);
      expect((await big.call('license.list', { search: 'globex branch 1000' })).items.map((r) => r.ownerName)).toEqual(['Owner 1000']);
    } finally {
      big.cleanup();
    }
  });
});

describe('domain.list search', () => {
  const domains = async (search: string) => (await t.call('domain.list', { search })).items.map((d) => d.domainName).sort();

  it('finds domains by name, by parent domain, by owner and by license id', async () => {
    expect(await domains('shop.ex')).toEqual(['shop.example.com']);
    expect(await domains('example.com')).toEqual(['example.com', 'shop.example.com']);
    expect(await domains('fretz')).toEqual(['example.com', 'shop.example.com']);
    expect(await domains(String(L.jonas))).toEqual(['northwind.com']);
    expect(await domains('nothing-here.net')).toEqual([]);
  });
});

describe('search terms', () => {
  it('reads what the text can mean', () => {
    expect(parseSearch('  ')).toBeNull();
    expect(parseSearch('#42')).toMatchObject({ licenseId: 42, guid: null });
    expect(parseSearch('Kathrin  Fretz')).toMatchObject({ name: 'kathrin fretz', domain: null, words: '"kathrin"* AND "fretz"*' });
    expect(parseSearch('kathrin.fretz@example.com')).toMatchObject({ domain: null, words: '"kathrin" + "fretz" + "example" + "com"*' });
    expect(parseSearch('http://www.Example.com/x')).toMatchObject({ domain: 'example.com' });
    expect(parseSearch('3F2B9C1E-5D4A')).toMatchObject({ guid: null, guidPrefix: '3f2b9c1e-5d4a' });
    expect(parseSearch('a')).toMatchObject({ words: '"a"' }); // one letter: a whole word, not a prefix
  });
});

describe('search stays in step with changes made through the API', () => {
  it('after an owner change, a domain delete, a customer rename and a contact email change', async () => {
    const vendorId = (await t.call('vendor.create', { name: 'Signing Vendor' })).id;
    await t.call('vault.setup', { passphrase: 'correct horse battery' });
    const key = await t.call('key.generate', { vendorId, displayName: 'Main' });
    const skuId = (await t.call('sku.create', { vendorId, sku: 'R3', privateKeyId: key.id, canDeleteManualDomains: true })).id;
    const customer = await t.call('customer.create', { name: 'Globex Corporation', email: 'it@globex.example' });
    const issued = await t.call('license.issue', { skuId, owner: 'Hank Scorpio', owningEntityId: customer.id, domains: ['globex.com', 'shop.globex.com'] });
    const id = issued.licenseId;
    expect(await found('scorpio')).toEqual([id]);
    expect(await found('globex.com')).toEqual([id]);

    await t.call('license.updateOwner', { id, ownerName: 'Homer Simpson' });
    expect(await found('scorpio')).toEqual([]);
    expect(await found('simpson')).toEqual([id]);

    const shop = issued.files.find((f) => f.domain === 'shop.globex.com')!.domainLicenseId!;
    await t.call('domain.delete', { id: shop });
    expect((await t.call('domain.list', { search: 'shop.globex' })).items).toEqual([]);
    expect((await t.call('domain.list', { search: 'globex.com' })).items.map((d) => d.domainName)).toEqual(['globex.com']);

    await t.call('customer.update', { id: customer.id, name: 'Initech LLC', email: 'it@initech.example' });
    expect(await found('globex corporation')).toEqual([]);
    expect(await found('it@globex.example')).toEqual([]);
    expect(await found('initech')).toEqual([id]);
    expect(await found('it@initech.example')).toEqual([id]);

    const contact = await t.call('user.create', { name: 'Bill Lumbergh', email: 'bill@tps-reports.example', customerId: customer.id });
    expect(await found('bill@tps-reports.example')).toEqual([id]);
    await t.call('user.update', { id: contact.id, email: 'william@tps-reports.example' });
    expect(await found('bill@tps-reports.example')).toEqual([]);
    expect(await found('william@tps')).toEqual([id]);
  });
});
