/**
 * The license lifecycle on a real store: issuing with customers, apps and support
 * contacts; the SKU's sale window; revoke, suspend and resume; renewals and the files
 * they re-sign; transfers and owner edits with their windows and overrides; timelines.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { verifyLicense } from '../../src-main/license/verifier';
import { tempStore, type TempStore } from '../support/temp-store';
import {
  addApp,
  addCustomer,
  addUser,
  claimsOf,
  DAY,
  daysFromNow,
  domainFileOf,
  licenseFileOf,
  licensing,
  one,
  PASS,
  rows,
  setDomainDates,
  setLicenseDates,
  snapshot,
  type Licensing,
} from './license-lifecycle-fixture';

let t: TempStore;
let l: Licensing;

beforeEach(async () => {
  t = tempStore();
  l = await licensing(t);
});
afterEach(() => t.cleanup());

const audit = (licenseId: number, action: string) =>
  rows(t, "SELECT actor, details FROM audit_log WHERE target_type = 'license' AND target_id = ? AND action = ?", String(licenseId), action).map((r) => ({
    actor: r.actor,
    details: JSON.parse(r.details as string) as Record<string, unknown>,
  }));

describe('license.issue', () => {
  it('takes the owner from the owning customer, and stores customers, apps and support contacts', async () => {
    const skuId = await l.sku({ maxSupportContacts: 2 });
    const owning = addCustomer(t, 'Photometer AG');
    const buyer = addCustomer(t, 'Reseller GmbH');
    const app = addApp(t, 'Image service');
    const [ann, bob] = [addUser(t, 'Ann'), addUser(t, 'Bob')];
    const signed = await t.call('license.issue', { skuId, owningEntityId: owning, purchasingEntityId: buyer, appIds: [app.toUpperCase()], supportContactIds: [bob, ann] });
    expect(claimsOf(signed.files[0].file).owner).toBe('Photometer AG');
    const detail = await t.call('license.get', { id: signed.licenseId });
    expect(detail).toMatchObject({
      ownerName: 'Photometer AG',
      owningEntityId: owning,
      owningEntityName: 'Photometer AG',
      purchasingEntityId: buyer,
      purchasingEntityName: 'Reseller GmbH',
      apps: [{ id: app, displayName: 'Image service' }],
      supportContacts: [{ userId: ann, name: 'Ann' }, { userId: bob, name: 'Bob' }],
    });
    // An owner name given wins over the customer's.
    const named = await t.call('license.issue', { skuId, owner: 'Kathrin Fretz', owningEntityId: owning });
    expect((await t.call('license.get', { id: named.licenseId })).ownerName).toBe('Kathrin Fretz');
    expect(audit(signed.licenseId, 'license.issue')[0].details).toMatchObject({ owningEntityId: owning, purchasingEntityId: buyer, appIds: [app], supportContactIds: [bob, ann] });
  });

  it.each([
    ['an unknown owning customer', () => ({ owningEntityId: 999 }), 'owningEntityId', /Customer 999 does not exist/],
    ['an unknown purchasing customer', () => ({ owner: 'A', purchasingEntityId: 999 }), 'purchasingEntityId', /Customer 999 does not exist/],
    ['an unknown app', () => ({ owner: 'A', appIds: ['3f2b9c1e-5d4a-4b8e-9f10-2a6c7d8e9f01'] }), 'appIds', /App 3f2b9c1e-.* does not exist/],
    ['an unknown user as support contact', () => ({ owner: 'A', supportContactIds: [999] }), 'supportContactIds', /User 999 does not exist/],
    ['more support contacts than the SKU allows', () => ({ owner: 'A', supportContactIds: [addUser(t, 'Ann'), addUser(t, 'Bob')] }), 'supportContactIds', /allows 1 support contact per license; 2 were given/],
  ])('refuses %s and writes nothing', async (_, input, field, message) => {
    const skuId = await l.sku({ maxSupportContacts: 1 });
    const before = snapshot(t);
    const error = await t.fail('license.issue', { skuId, ...input() });
    expect(error.code).toBe('VALIDATION');
    expect(error.details?.fields?.[field as never]).toMatch(message);
    expect(snapshot(t)).toBe(before);
  });

  it('refuses a SKU outside its sale window unless overridden with a reason, which the audit keeps', async () => {
    const upcoming = await l.sku({ releaseDate: daysFromNow(30).slice(0, 10) });
    const retired = await l.sku({ releaseDate: '2020-01-01', expirationDate: '2021-06-30' });
    const before = snapshot(t);
    expect((await t.fail('license.issue', { skuId: upcoming, owner: 'A' })).message).toMatch(/^SKU R1 is not on sale until \d{4}-\d{2}-\d{2} \(its release date\); give a reason to override/);
    expect((await t.fail('license.issue', { skuId: retired, owner: 'A' })).message).toBe(
      'SKU R2 has been off sale since 2021-06-30 (its expiration date); give a reason to override and issue it anyway.',
    );
    expect(snapshot(t)).toBe(before);
    const issued = await t.call('license.issue', { skuId: retired, owner: 'A', override: { reason: 'Replacement for a lost license' } });
    expect(audit(issued.licenseId, 'license.issue')[0].details.override).toMatchObject({ reason: 'Replacement for a lost license' });
    // A SKU on sale needs no override, and none is recorded.
    const onSale = await l.sku({ releaseDate: '2020-01-01' });
    const plain = await t.call('license.issue', { skuId: onSale, owner: 'A', override: { reason: 'not needed' } });
    expect(audit(plain.licenseId, 'license.issue')[0].details).not.toHaveProperty('override');
  });

  it('refuses off-sale rows of a batch by line (a batch has no override)', async () => {
    const retired = await l.sku({ releaseDate: '2020-01-01', expirationDate: '2021-06-30' });
    const error = await t.fail('license.signBatch', { rows: [{ skuId: retired, owner: 'A', line: 7 }] });
    expect(error.details?.fields).toEqual({ 'rows.0': expect.stringMatching(/^Line 7: SKU R1 has been off sale since 2021-06-30/) });
  });
});

describe('license.get', () => {
  it("reads features, message and key from the signed file, limits from the SKU, domains by name", async () => {
    const skuId = await l.sku({ maxDomains: 5, editOwnershipDuration: 30, maxSupportContacts: 3, manualDomainDuration: 90, canDeleteManualDomains: true });
    const signed = await t.call('license.issue', { skuId, owner: 'A', message: 'Thank you', domains: ['zeta.example.com', 'alpha.example.com'] });
    const detail = await t.call('license.get', { id: signed.licenseId });
    expect(detail).toMatchObject({ features: ['R_Elite'], message: 'Thank you', keyFingerprint: l.key.fingerprint, hasFile: true, state: 'active', liveDomainCount: 2 });
    expect(detail.domains.map((d) => d.domainName)).toEqual(['alpha.example.com', 'zeta.example.com']);
    expect(detail.limits).toEqual({
      maxDomains: 5,
      liveDomains: 2,
      maxSupportContacts: 3,
      ownershipEditableUntil: new Date(Date.parse(detail.issued) + 30 * DAY).toISOString(),
      supportContactsEditableUntil: null,
      canDeleteManualDomains: true,
      canDeleteAutoDomains: false,
      manualDomainDuration: 90,
      autoDomainDuration: null,
      licenseDuration: null,
    });
    expect((await t.fail('license.get', { id: 999 })).code).toBe('NOT_FOUND');
  });
});

describe('revoke, suspend and resume', () => {
  it('moves between states with reasons, refuses wrong-state requests clearly, and never re-signs', async () => {
    const skuId = await l.sku();
    const { licenseId: id, files } = await t.call('license.issue', { skuId, owner: 'A' });
    expect(await t.call('license.suspend', { id, reason: 'Payment overdue' })).toMatchObject({ status: 'suspended', state: 'suspended', statusReason: 'Payment overdue' });
    expect((await t.fail('license.suspend', { id, reason: 'again' })).message).toBe(`License ${id} is already suspended: Payment overdue.`);
    expect(await t.call('license.resume', { id })).toMatchObject({ status: 'active', statusReason: null });
    expect((await t.fail('license.resume', { id })).message).toMatch(/is not suspended or revoked .*nothing to resume/);
    expect(await t.call('license.revoke', { id, reason: 'chargeback' })).toMatchObject({ status: 'revoked', statusReason: 'chargeback' });
    const again = await t.fail('license.revoke', { id, reason: 'again' });
    expect(again).toMatchObject({ code: 'CONFLICT', message: `License ${id} is already revoked: chargeback.` });
    expect((await t.fail('license.suspend', { id, reason: 'x' })).message).toBe(`License ${id} is revoked: chargeback; a revoked license cannot be suspended.`);
    const noReason = await t.fail('license.resume', { id });
    expect(noReason).toMatchObject({ code: 'VALIDATION', details: { fields: { reason: expect.stringMatching(/needs a reason/) } } });
    expect(await t.call('license.resume', { id, reason: 'Chargeback reversed' })).toMatchObject({ status: 'active' });
    // Status is not signed: the file never changed.
    expect((await t.call('license.file', { licenseId: id })).file).toBe(files[0].file);
    expect(audit(id, 'license.revoke')[0].details).toEqual({ from: 'active', reason: 'chargeback' });
    expect(audit(id, 'license.resume')[1].details).toMatchObject({ from: 'revoked', previousReason: 'chargeback', reason: 'Chargeback reversed' });
  });

  it('suspends an active license only: a revoked one stays revoked', async () => {
    const skuId = await l.sku();
    const { licenseId: id } = await t.call('license.issue', { skuId, owner: 'A' });
    await t.call('license.revoke', { id, reason: 'refund' });
    expect((await t.fail('license.suspend', { id, reason: 'x' })).code).toBe('CONFLICT');
    expect(one(t, 'SELECT status FROM licenses WHERE id = ?', id).status).toBe('revoked');
  });
});

describe('license.renew', () => {
  it('adds days to the current expiry while it is in the future, the SKU duration by default', async () => {
    const skuId = await l.sku({ licenseDuration: 365 });
    const { licenseId: id } = await t.call('license.issue', { skuId, owner: 'A' });
    const before = (await t.call('license.get', { id })).expires!;
    const byDays = await t.call('license.renew', { id, days: 10 });
    expect(Date.parse(byDays.expires!) - Date.parse(before)).toBe(10 * DAY);
    const bySku = await t.call('license.renew', { id });
    expect(Date.parse(bySku.expires!) - Date.parse(before)).toBe(375 * DAY);
    expect(licenseFileOf(t, id).expires).toBe(bySku.expires);
    expect(audit(id, 'license.renew')[1].details).toMatchObject({ from: byDays.expires, to: bySku.expires, days: 365, fromSku: true });
  });

  it('counts from now once the license has expired, and renews an expired license', async () => {
    const skuId = await l.sku({ licenseDuration: 30 });
    const { licenseId: id } = await t.call('license.issue', { skuId, owner: 'A' });
    setLicenseDates(t, id, { issued: '2020-01-01T00:00:00.000Z', expires: '2021-01-01T00:00:00.000Z' });
    expect((await t.call('license.get', { id })).state).toBe('expired');
    const start = Date.now();
    const renewed = await t.call('license.renew', { id });
    expect(renewed.state).toBe('active');
    expect(Date.parse(renewed.expires!) - start).toBeGreaterThanOrEqual(30 * DAY - 5_000);
    expect(Date.parse(renewed.expires!) - start).toBeLessThanOrEqual(30 * DAY + 5_000);
  });

  it('sets a given date, or never; refuses an earlier date, a perpetual license, and a SKU without a duration', async () => {
    const skuId = await l.sku();
    const { licenseId: id } = await t.call('license.issue', { skuId, owner: 'A', expires: daysFromNow(10) });
    expect((await t.fail('license.renew', { id })).message).toBe('SKU R1 has no license duration, so a renewal cannot count one; give the new expiry date (or a number of days).');
    expect((await t.fail('license.renew', { id, expires: daysFromNow(5) })).message).toMatch(/already runs until .*; a renewal gives a later date/);
    expect((await t.call('license.renew', { id, expires: '2099-01-01' })).expires).toBe('2099-01-01T00:00:00.000Z');
    expect(licenseFileOf(t, id).expires).toBe('2099-01-01T00:00:00.000Z');
    expect((await t.call('license.renew', { id, expires: null })).expires).toBeNull();
    expect(licenseFileOf(t, id).expires).toBeNull();
    expect((await t.fail('license.renew', { id, days: 5 })).message).toMatch(/never expires; there is nothing to renew/);
  });

  it('refuses suspended and revoked licenses: resume first', async () => {
    const skuId = await l.sku({ licenseDuration: 30 });
    const { licenseId: id } = await t.call('license.issue', { skuId, owner: 'A' });
    await t.call('license.suspend', { id, reason: 'Payment overdue' });
    const before = snapshot(t);
    expect((await t.fail('license.renew', { id })).message).toBe(`License ${id} is suspended: Payment overdue; resume it before renewing.`);
    expect(snapshot(t)).toBe(before);
  });

  it('re-signs the license and the domain licenses its old expiry capped; the new files verify', async () => {
    const skuId = await l.sku({ licenseDuration: 30, manualDomainDuration: 365 });
    const signed = await t.call('license.issue', { skuId, owner: 'A', domains: ['capped.example.com', 'short.example.com'] });
    const id = signed.licenseId;
    const [capped, short] = (await t.call('license.get', { id })).domains;
    expect(capped.expires).toBe(licenseFileOf(t, id).expires);
    // A domain with its own, earlier expiry is not capped: a renewal leaves it alone.
    setDomainDates(t, short.id, { expires: daysFromNow(3) });
    const shortBytes = one(t, 'SELECT license_bytes AS b FROM domain_licenses WHERE id = ?', short.id).b;
    const renewed = await t.call('license.renew', { id, days: 100 });
    const domainsAfter = Object.fromEntries(renewed.domains.map((d) => [d.domainName, d]));
    expect(domainsAfter['capped.example.com'].expires).toBe(renewed.expires);
    expect(domainFileOf(t, capped.id).expires).toBe(renewed.expires);
    expect(one(t, 'SELECT license_bytes AS b FROM domain_licenses WHERE id = ?', short.id).b).toEqual(shortBytes);
    const file = (await t.call('license.file', { licenseId: id })).file;
    const verdict = verifyLicense(file, { publicKeys: [l.key.publicKey] });
    expect(verdict.valid).toBe(true);
    expect(verdict.claims).toMatchObject({ expires: renewed.expires, issued: claimsOf(signed.files[0].file).issued, owner: 'A' });
    expect(verifyLicense((await t.call('license.file', { licenseId: id, domain: 'capped.example.com' })).file, { publicKeys: [l.key.publicKey], domain: 'capped.example.com' }).valid).toBe(true);
  });

  it('caps the domains of a perpetual license given a date (no expiry or a later one) and re-signs them; earlier ones stay', async () => {
    const skuId = await l.sku();
    const { licenseId: id } = await t.call('license.issue', { skuId, owner: 'A', domains: ['forever.example.com'] });
    const later = await t.call('domain.add', { licenseId: id, domain: 'later.example.com', expires: '2099-01-01' });
    const soon = await t.call('domain.add', { licenseId: id, domain: 'soon.example.com', expires: daysFromNow(3) });
    const forever = (await t.call('license.get', { id })).domains.find((d) => d.domainName === 'forever.example.com')!;
    expect(forever.expires).toBeNull();
    const soonBytes = one(t, 'SELECT license_bytes AS b FROM domain_licenses WHERE id = ?', soon.id).b;
    const renewed = await t.call('license.renew', { id, expires: daysFromNow(100) });
    for (const domain of [forever, later]) {
      expect(one(t, 'SELECT expires FROM domain_licenses WHERE id = ?', domain.id).expires).toBe(renewed.expires);
      expect(domainFileOf(t, domain.id).expires).toBe(renewed.expires);
      const file = (await t.call('license.file', { licenseId: id, domain: domain.domainName })).file;
      expect(verifyLicense(file, { publicKeys: [l.key.publicKey], domain: domain.domainName }).valid).toBe(true);
    }
    expect(one(t, 'SELECT license_bytes AS b FROM domain_licenses WHERE id = ?', soon.id).b).toEqual(soonBytes);
    expect(audit(id, 'license.renew')[0].details).toMatchObject({
      from: null,
      to: renewed.expires,
      domains: [],
      capped: [
        { id: forever.id, domain: 'forever.example.com', from: null, expires: renewed.expires },
        { id: later.id, domain: 'later.example.com', from: '2099-01-01T00:00:00.000Z', expires: renewed.expires },
      ],
    });
    expect((await t.call('license.timeline', { id })).at(-1)!.summary).toMatch(/; 2 domain licenses capped to it\.$/);
  });

  it("re-signs a lapsed domain it revives with the license's current owner, not the one it was signed with", async () => {
    const skuId = await l.sku({ licenseDuration: 30 });
    const from = addCustomer(t, 'Old Owner AG');
    const to = addCustomer(t, 'New Owner Ltd');
    const { licenseId: id } = await t.call('license.issue', { skuId, owningEntityId: from, domains: ['capped.example.com'] });
    const [capped] = (await t.call('license.get', { id })).domains;
    setLicenseDates(t, id, { issued: '2020-01-01T00:00:00.000Z', expires: '2021-01-01T00:00:00.000Z' });
    setDomainDates(t, capped.id, { issued: '2020-01-01T00:00:00.000Z', expires: '2021-01-01T00:00:00.000Z' });
    // The transfer re-signs only live domains: the lapsed one keeps the old owner until it is revived.
    await t.call('license.transfer', { id, owningEntityId: to });
    expect(domainFileOf(t, capped.id).owner).toBe('Old Owner AG');
    const renewed = await t.call('license.renew', { id });
    expect(renewed.domains[0]).toMatchObject({ id: capped.id, state: 'live', expires: renewed.expires });
    expect(domainFileOf(t, capped.id)).toMatchObject({ owner: 'New Owner Ltd', expires: renewed.expires });
    expect(licenseFileOf(t, id).owner).toBe('New Owner Ltd');
  });

  it('re-signs with the SKU\'s current key and records it on the row', async () => {
    const skuId = await l.sku({ licenseDuration: 30 });
    const { licenseId: id } = await t.call('license.issue', { skuId, owner: 'A' });
    const newKey = await t.call('key.generate', { vendorId: l.vendorId, displayName: 'Next' });
    await t.call('sku.update', { id: skuId, privateKeyId: newKey.id });
    await t.call('license.renew', { id, days: 1 });
    expect(licenseFileOf(t, id).keyId).toBe(newKey.fingerprint);
    expect(one(t, 'SELECT signing_key_id AS k FROM licenses WHERE id = ?', id).k).toBe(newKey.id);
  });
});

describe('with the signing keys locked', () => {
  it('renew, transfer, an owner rename and domain.add are refused with LOCKED and change nothing', async () => {
    const skuId = await l.sku({ licenseDuration: 30 });
    const { licenseId: id } = await t.call('license.issue', { skuId, owner: 'A', domains: ['example.com'] });
    const to = addCustomer(t, 'New Owner Ltd');
    await t.call('vault.lock', {});
    const before = snapshot(t);
    for (const [method, input] of [
      ['license.renew', { id, days: 5 }],
      ['license.transfer', { id, owningEntityId: to }],
      ['license.updateOwner', { id, ownerName: 'B' }],
      ['domain.add', { licenseId: id, domain: 'other.example.com' }],
    ] as const) {
      expect((await t.fail(method, input)).code).toBe('LOCKED');
    }
    expect(snapshot(t)).toBe(before);
    // What signs nothing works locked.
    expect((await t.call('license.updateOwner', { id, purchasingEntityId: to })).purchasingEntityId).toBe(to);
    await t.call('vault.unlock', { passphrase: PASS });
  });
});

describe('license.transfer', () => {
  it("moves the license to the customer, re-signs Owner in the license and its live domains, and records from and to", async () => {
    const skuId = await l.sku({ licenseDuration: 365 });
    const from = addCustomer(t, 'Old Owner AG');
    const to = addCustomer(t, 'New Owner Ltd');
    const signed = await t.call('license.issue', { skuId, owningEntityId: from, domains: ['live.example.com', 'gone.example.com'] });
    const id = signed.licenseId;
    const [gone, live] = (await t.call('license.get', { id })).domains;
    setDomainDates(t, gone.id, { issued: '2020-01-01T00:00:00.000Z', expires: '2021-01-01T00:00:00.000Z' });
    const moved = await t.call('license.transfer', { id, owningEntityId: to, reason: 'Company sold' });
    expect(moved).toMatchObject({ ownerName: 'New Owner Ltd', owningEntityId: to, owningEntityName: 'New Owner Ltd' });
    expect(licenseFileOf(t, id).owner).toBe('New Owner Ltd');
    expect(domainFileOf(t, live.id).owner).toBe('New Owner Ltd');
    expect(domainFileOf(t, gone.id).owner).toBe('Old Owner AG');
    expect(verifyLicense((await t.call('license.file', { licenseId: id })).file, { publicKeys: [l.key.publicKey] }).valid).toBe(true);
    expect(audit(id, 'license.transfer')[0].details).toEqual({
      from: { owningEntityId: from, customer: 'Old Owner AG', owner: 'Old Owner AG' },
      to: { owningEntityId: to, customer: 'New Owner Ltd', owner: 'New Owner Ltd' },
      reason: 'Company sold',
      resignedDomains: 1,
    });
    // A given owner name wins; the same owner again is refused.
    expect((await t.call('license.transfer', { id, owningEntityId: from, ownerName: 'Kathrin Fretz' })).ownerName).toBe('Kathrin Fretz');
    expect((await t.fail('license.transfer', { id, owningEntityId: from, ownerName: 'Kathrin Fretz' })).message).toMatch(/already belongs to Old Owner AG/);
    expect((await t.fail('license.transfer', { id, owningEntityId: 999 })).details?.fields).toHaveProperty('owningEntityId');
  });

  it('refuses a transfer to the customer it already belongs to: renaming the owner is an owner edit, within its window', async () => {
    const skuId = await l.sku({ editOwnershipDuration: 30 });
    const owning = addCustomer(t, 'Photometer AG');
    const { licenseId: id } = await t.call('license.issue', { skuId, owningEntityId: owning });
    setLicenseDates(t, id, { issued: '2020-01-01T00:00:00.000Z' });
    const before = snapshot(t);
    const refused = await t.fail('license.transfer', { id, owningEntityId: owning, ownerName: 'Someone Else' });
    expect(refused).toMatchObject({ code: 'CONFLICT', message: `License ${id} already belongs to Photometer AG; to change the owner name use Edit owner.` });
    expect(snapshot(t)).toBe(before);
    expect((await t.fail('license.updateOwner', { id, ownerName: 'Someone Else' })).details?.fields).toHaveProperty('override');
  });

  it('refuses a revoked license', async () => {
    const skuId = await l.sku();
    const { licenseId: id } = await t.call('license.issue', { skuId, owner: 'A' });
    await t.call('license.revoke', { id, reason: 'refund' });
    expect((await t.fail('license.transfer', { id, owningEntityId: addCustomer(t, 'B') })).message).toBe(`License ${id} is revoked: refund; resume it before transferring it.`);
  });
});

describe('license.updateOwner', () => {
  it('edits owner fields within edit_ownership_duration; afterwards only with an override, which is audited', async () => {
    const skuId = await l.sku({ editOwnershipDuration: 30 });
    const buyer = addCustomer(t, 'Buyer');
    const { licenseId: id } = await t.call('license.issue', { skuId, owner: 'A' });
    const edited = await t.call('license.updateOwner', { id, ownerName: 'Kathrin Fretz', purchasingEntityId: buyer });
    expect(edited).toMatchObject({ ownerName: 'Kathrin Fretz', purchasingEntityId: buyer });
    expect(licenseFileOf(t, id).owner).toBe('Kathrin Fretz');

    setLicenseDates(t, id, { issued: new Date(Date.now() - 31 * DAY).toISOString() });
    const before = snapshot(t);
    const refused = await t.fail('license.updateOwner', { id, ownerName: 'Someone Else' });
    expect(refused.code).toBe('VALIDATION');
    expect(refused.message).toMatch(new RegExp(`^License ${id}'s owner fields could be changed until .* \\(SKU R1 allows 30 days after issue, its edit_ownership_duration\\); give a reason to override\\.$`));
    expect(refused.details?.fields).toHaveProperty('override');
    expect(snapshot(t)).toBe(before);

    const overridden = await t.call('license.updateOwner', { id, purchasingEntityId: null, override: { reason: 'Typo in the order' } });
    expect(overridden.purchasingEntityId).toBeNull();
    const last = audit(id, 'license.updateOwner').at(-1)!.details;
    expect(last).toMatchObject({ changes: { purchasingEntityId: { from: buyer, to: null } }, override: { reason: 'Typo in the order' } });
    // The owner name did not change: nothing was re-signed.
    expect(licenseFileOf(t, id).owner).toBe('Kathrin Fretz');
  });

  it('is always editable when the SKU sets no window; a request that changes nothing records nothing', async () => {
    const skuId = await l.sku();
    const { licenseId: id } = await t.call('license.issue', { skuId, owner: 'A' });
    setLicenseDates(t, id, { issued: '2020-01-01T00:00:00.000Z' });
    expect((await t.call('license.updateOwner', { id, ownerName: 'B' })).ownerName).toBe('B');
    const count = rows(t, 'SELECT id FROM audit_log').length;
    await t.call('license.updateOwner', { id, ownerName: 'B' });
    expect(rows(t, 'SELECT id FROM audit_log')).toHaveLength(count);
  });
});

describe('license.setSupportContacts', () => {
  it('allows at most max_support_contacts users, within change_support_contacts_duration or with an override', async () => {
    const skuId = await l.sku({ maxSupportContacts: 2, changeSupportContactsDuration: 14 });
    const [ann, bob, cy] = [addUser(t, 'Ann'), addUser(t, 'Bob'), addUser(t, 'Cy')];
    const { licenseId: id } = await t.call('license.issue', { skuId, owner: 'A' });
    expect((await t.call('license.setSupportContacts', { id, userIds: [ann, bob] })).supportContacts.map((c) => c.name)).toEqual(['Ann', 'Bob']);
    expect((await t.fail('license.setSupportContacts', { id, userIds: [ann, bob, cy] })).message).toBe('SKU R1 allows 2 support contacts per license; 3 were given.');
    expect((await t.fail('license.setSupportContacts', { id, userIds: [999] })).message).toBe('User 999 does not exist.');

    setLicenseDates(t, id, { issued: new Date(Date.now() - 15 * DAY).toISOString() });
    const late = await t.fail('license.setSupportContacts', { id, userIds: [cy] });
    expect(late.message).toMatch(/support contacts could be changed until .*change_support_contacts_duration\); give a reason to override\./);
    expect((await t.call('license.get', { id })).supportContacts).toHaveLength(2);
    const changed = await t.call('license.setSupportContacts', { id, userIds: [cy], override: { reason: 'Ann and Bob left' } });
    expect(changed.supportContacts.map((c) => c.userId)).toEqual([cy]);
    expect(audit(id, 'license.supportContacts').at(-1)!.details).toMatchObject({ from: [ann, bob], to: [cy], names: ['Cy'], override: { reason: 'Ann and Bob left' } });
  });
});

describe('license.timeline', () => {
  it('lists what happened to the license, oldest first, each in one sentence with who did it', async () => {
    const skuId = await l.sku({ licenseDuration: 365, manualDomainDuration: 30 });
    const to = addCustomer(t, 'New Owner Ltd');
    const { licenseId: id } = await t.call('license.issue', { skuId, owner: 'Kathrin Fretz', domains: ['example.com'] });
    await t.call('domain.add', { licenseId: id, domain: 'shop.example.com', expires: null });
    await t.call('license.renew', { id, expires: '2099-01-01' });
    await t.call('license.transfer', { id, owningEntityId: to, reason: 'Company sold' });
    await t.call('license.revoke', { id, reason: 'chargeback' });
    await t.call('license.resume', { id, reason: 'Chargeback reversed' });
    const timeline = await t.call('license.timeline', { id });
    expect(timeline.map((e) => e.action)).toEqual(['license.issue', 'domain.add', 'license.renew', 'license.transfer', 'license.revoke', 'license.resume']);
    expect(timeline.every((e) => e.actor === 'test')).toBe(true);
    const summaries = timeline.map((e) => e.summary);
    expect(summaries[0]).toMatch(/^Issued by test: R1 for Kathrin Fretz, expires \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC, with 1 domain \(example\.com\)\.$/);
    expect(summaries[1]).toMatch(/^Added domain shop\.example\.com \(manual, expires \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC\) by test\.$/);
    // shop.example.com was capped by the license expiry; example.com has its own, earlier one.
    expect(summaries[2]).toMatch(/^Renewed by test: now expires 2099-01-01 \(was .*\); 1 domain license extended with it\.$/);
    expect(summaries.slice(3)).toEqual([
      'Transferred by test from no customer to New Owner Ltd (owner New Owner Ltd): Company sold.',
      'Revoked by test: chargeback.',
      'Resumed by test (was revoked): Chargeback reversed.',
    ]);
    expect(timeline.map((e) => e.at)).toEqual([...timeline.map((e) => e.at)].sort());
    expect((await t.fail('license.timeline', { id: 999 })).code).toBe('NOT_FOUND');
  });

  it('shows the batch that issued a license', async () => {
    const skuId = await l.sku();
    const job = await t.call('license.signBatch', { rows: [{ skuId, owner: 'A' }, { skuId, owner: 'B' }] });
    const done = await t.ctx.jobs.wait(job.id);
    const [first, second] = (done.result as { licenseIds: number[] }).licenseIds;
    for (const id of [first, second]) {
      expect((await t.call('license.timeline', { id })).map((e) => e.summary)).toEqual(['Issued by test in a batch of 2 licenses.']);
    }
  });
});
