/**
 * Domain licenses on a real store: adding (expiry rules, the license's state, duplicates,
 * max_domains), deleting under the SKU's permissions, the renewal sweep for automatic
 * domains, and resume restoring the ones that lapsed.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { renewDueDomains, renewalSweep } from '../../src-main/domain/licenses/domain-renewal';
import { verifyLicense } from '../../src-main/license/verifier';
import { tempStore, type TempStore } from '../support/temp-store';
import { addCustomer, DAY, daysFromNow, domainFileOf, licenseFileOf, licensing, one, PASS, rows, run, setDomainDates, setLicenseDates, snapshot, type Licensing } from './license-lifecycle-fixture';

let t: TempStore;
let l: Licensing;

beforeEach(async () => {
  t = tempStore();
  l = await licensing(t);
});
afterEach(() => t.cleanup());

const PAST = { issued: '2020-01-01T00:00:00.000Z', expires: '2021-01-01T00:00:00.000Z' };
const near = (iso: string | null, expected: number) => {
  expect(iso).not.toBeNull();
  expect(Math.abs(Date.parse(iso!) - expected)).toBeLessThan(5_000);
};
const domainAudit = (licenseId: number, action: string) =>
  rows(t, "SELECT details FROM audit_log WHERE target_type = 'license' AND target_id = ? AND action = ?", String(licenseId), action).map((r) => JSON.parse(r.details as string) as Record<string, unknown>);

async function issue(rules: Parameters<Licensing['sku']>[0] = {}, extra: { domains?: string[] } = {}) {
  const skuId = await l.sku(rules);
  return (await t.call('license.issue', { skuId, owner: 'Kathrin Fretz', ...extra })).licenseId;
}

describe('domain.add', () => {
  it('adds a manual domain with the SKU manual duration, signed as a domain file with the license terms', async () => {
    const id = await issue({ licenseDuration: 365, manualDomainDuration: 30 });
    const row = await t.call('domain.add', { licenseId: id, domain: 'https://WWW.Example.com/shop' });
    expect(row).toMatchObject({ licenseId: id, domainName: 'example.com', isAutomatic: false, state: 'live', renewsAutomatically: false, hasFile: true });
    near(row.expires, Date.now() + 30 * DAY);
    const file = (await t.call('license.file', { licenseId: id, domain: 'example.com' })).file;
    const verdict = verifyLicense(file, { publicKeys: [l.key.publicKey], domain: 'www.example.com', features: ['R_Elite'] });
    expect(verdict.valid).toBe(true);
    expect(verdict.claims).toMatchObject({ kind: 'domain', licenseId: String(id), owner: 'Kathrin Fretz', sku: 'R1', expires: row.expires });
    expect(domainAudit(id, 'domain.add')).toEqual([{ domainLicenseId: row.id, domain: 'example.com', automatic: false, expires: row.expires, reissued: false }]);
  });

  it('adds an automatic domain with the automatic duration; its expiry cannot be chosen', async () => {
    const id = await issue({ autoDomainDuration: 7, manualDomainDuration: 30 });
    const row = await t.call('domain.add', { licenseId: id, domain: 'auto.example.com', automatic: true });
    expect(row).toMatchObject({ isAutomatic: true, renewsAutomatically: true });
    near(row.expires, Date.now() + 7 * DAY);
    expect((await t.fail('domain.add', { licenseId: id, domain: 'b.example.com', automatic: true, expires: '2099-01-01' })).details?.fields).toHaveProperty('expires');
  });

  it('takes an explicit expiry or none, and never lets a domain outlive its license', async () => {
    const id = await issue({ licenseDuration: 30, manualDomainDuration: 365 });
    const licenseExpires = (await t.call('license.get', { id })).expires;
    expect((await t.call('domain.add', { licenseId: id, domain: 'a.example.com' })).expires).toBe(licenseExpires);
    expect((await t.call('domain.add', { licenseId: id, domain: 'b.example.com', expires: null })).expires).toBe(licenseExpires);
    expect((await t.call('domain.add', { licenseId: id, domain: 'c.example.com', expires: '2099-01-01' })).expires).toBe(licenseExpires);
    const soon = daysFromNow(3);
    expect((await t.call('domain.add', { licenseId: id, domain: 'd.example.com', expires: soon })).expires).toBe(soon);
    expect((await t.fail('domain.add', { licenseId: id, domain: 'e.example.com', expires: '2001-01-01' })).message).toBe('The expiry must be in the future.');
    // A perpetual license with no manual duration: a domain with no expiry at all.
    const perpetual = await issue();
    expect((await t.call('domain.add', { licenseId: perpetual, domain: 'example.com' })).expires).toBeNull();
  });

  it.each([
    ['suspended', (id: number) => t.call('license.suspend', { id, reason: 'Payment overdue' }), /is suspended: Payment overdue; domains can be added only to a valid license/],
    ['revoked', (id: number) => t.call('license.revoke', { id, reason: 'chargeback' }), /is revoked: chargeback; domains can be added only/],
    ['expired', async (id: number) => setLicenseDates(t, id, PAST), /is expired on 2021-01-01; domains can be added only/],
  ])('refuses a %s license and changes nothing', async (_, make, message) => {
    const id = await issue();
    await make(id);
    const before = snapshot(t);
    const error = await t.fail('domain.add', { licenseId: id, domain: 'example.com' });
    expect(error.code).toBe('CONFLICT');
    expect(error.message).toMatch(message);
    expect(snapshot(t)).toBe(before);
  });

  it('refuses a live duplicate by name and terms; re-issues an expired row for the same domain in place', async () => {
    const id = await issue({ manualDomainDuration: 30 });
    const first = await t.call('domain.add', { licenseId: id, domain: 'example.com', expires: '2099-01-01' });
    const duplicate = await t.fail('domain.add', { licenseId: id, domain: 'WWW.EXAMPLE.COM' });
    expect(duplicate).toMatchObject({ code: 'CONFLICT', message: `example.com is already licensed under license ${id} (manual, expires 2099-01-01).` });
    setDomainDates(t, first.id, PAST);
    const again = await t.call('domain.add', { licenseId: id, domain: 'example.com', automatic: true });
    expect(again).toMatchObject({ id: first.id, isAutomatic: true, state: 'live' });
    expect(rows(t, 'SELECT id FROM domain_licenses')).toHaveLength(1);
    expect(domainFileOf(t, first.id).issued).toBe(again.issued);
    expect(domainAudit(id, 'domain.add').at(-1)).toMatchObject({ reissued: true, automatic: true });
  });

  it('allows at most max_domains live domains; expired ones do not count', async () => {
    const id = await issue({ maxDomains: 2 }, { domains: ['a.example.com'] });
    const b = await t.call('domain.add', { licenseId: id, domain: 'b.example.com' });
    const before = snapshot(t);
    const full = await t.fail('domain.add', { licenseId: id, domain: 'c.example.com' });
    expect(full).toMatchObject({ code: 'VALIDATION', message: `SKU R1 allows 2 domains per license; license ${id} already has 2 live domains.` });
    expect(snapshot(t)).toBe(before);
    setDomainDates(t, b.id, PAST);
    expect((await t.call('domain.add', { licenseId: id, domain: 'c.example.com' })).state).toBe('live');
  });

  it("refuses a domain the shared rule refuses, with the rule's reason", async () => {
    const id = await issue();
    const error = await t.fail('domain.add', { licenseId: id, domain: 'co.uk' });
    expect(error.details?.fields).toEqual({ domain: expect.stringMatching(/"co\.uk" is a public suffix/) });
    expect((await t.fail('domain.add', { licenseId: 999, domain: 'example.com' })).code).toBe('NOT_FOUND');
  });
});

describe('domain.delete', () => {
  it('deletes only what the SKU allows; otherwise only with an override, which is audited on the license', async () => {
    const id = await issue({ canDeleteManualDomains: false, canDeleteAutoDomains: true, autoDomainDuration: 7 }, { domains: ['manual.example.com'] });
    const auto = await t.call('domain.add', { licenseId: id, domain: 'auto.example.com', automatic: true });
    const manual = (await t.call('license.get', { id })).domains.find((d) => d.domainName === 'manual.example.com')!;
    expect(await t.call('domain.delete', { id: auto.id })).toEqual({ id: auto.id, deleted: true });
    const before = snapshot(t);
    const refused = await t.fail('domain.delete', { id: manual.id });
    expect(refused).toMatchObject({ code: 'VALIDATION', details: { fields: { override: expect.any(String) } } });
    expect(refused.message).toBe(`SKU R1 does not allow deleting manual domain licenses (can_delete_manual_domains is off), so manual.example.com stays on license ${id}; give a reason to override.`);
    expect(snapshot(t)).toBe(before);
    await t.call('domain.delete', { id: manual.id, override: { reason: 'Customer moved the site' } });
    expect(rows(t, 'SELECT id FROM domain_licenses')).toHaveLength(0);
    expect(domainAudit(id, 'domain.delete')).toEqual([
      { domainLicenseId: auto.id, domain: 'auto.example.com', automatic: true, expires: auto.expires },
      expect.objectContaining({ domainLicenseId: manual.id, domain: 'manual.example.com', automatic: false, override: expect.objectContaining({ reason: 'Customer moved the site' }) }),
    ]);
    expect((await t.fail('domain.delete', { id: manual.id })).code).toBe('NOT_FOUND');
  });

  it('refuses an automatic domain when can_delete_auto_domains is off', async () => {
    const id = await issue({ canDeleteManualDomains: true, autoDomainDuration: 7 });
    const auto = await t.call('domain.add', { licenseId: id, domain: 'auto.example.com', automatic: true });
    expect((await t.fail('domain.delete', { id: auto.id })).message).toMatch(/does not allow deleting automatic domain licenses \(can_delete_auto_domains is off\)/);
  });
});

describe('domain.renewDue', () => {
  it("renews valid licenses' automatic domains that are due or lapsed, capped by the license; leaves the rest", async () => {
    const skuId = await l.sku({ autoDomainDuration: 30, licenseDuration: 365 });
    const live = (await t.call('license.issue', { skuId, owner: 'Live' })).licenseId;
    const suspended = (await t.call('license.issue', { skuId, owner: 'Suspended' })).licenseId;
    const soon = await t.call('domain.add', { licenseId: live, domain: 'soon.example.com', automatic: true });
    const lapsed = await t.call('domain.add', { licenseId: live, domain: 'lapsed.example.com', automatic: true });
    const later = await t.call('domain.add', { licenseId: live, domain: 'later.example.com', automatic: true });
    const manual = await t.call('domain.add', { licenseId: live, domain: 'manual.example.com', expires: daysFromNow(2) });
    const stopped = await t.call('domain.add', { licenseId: suspended, domain: 'stopped.example.com', automatic: true });
    setDomainDates(t, soon.id, { expires: daysFromNow(2) });
    setDomainDates(t, lapsed.id, { issued: '2020-01-01T00:00:00.000Z', expires: daysFromNow(-3) });
    setDomainDates(t, later.id, { expires: daysFromNow(20) });
    setDomainDates(t, stopped.id, { expires: daysFromNow(2) });
    await t.call('license.suspend', { id: suspended, reason: 'Payment overdue' });
    const untouched = rows(t, 'SELECT id, expires, license_bytes FROM domain_licenses WHERE id IN (?, ?, ?) ORDER BY id', later.id, manual.id, stopped.id);

    const result = await t.call('domain.renewDue', { withinDays: 7 });
    expect(result).toEqual({ renewed: 2, stopped: 1, failed: [] });
    for (const id of [soon.id, lapsed.id]) {
      const expires = one(t, 'SELECT expires FROM domain_licenses WHERE id = ?', id).expires as string;
      near(expires, Date.now() + 30 * DAY);
      expect(domainFileOf(t, id).expires).toBe(expires);
    }
    expect(rows(t, 'SELECT id, expires, license_bytes FROM domain_licenses WHERE id IN (?, ?, ?) ORDER BY id', later.id, manual.id, stopped.id)).toEqual(untouched);
    expect(verifyLicense((await t.call('license.file', { licenseId: live, domain: 'lapsed.example.com' })).file, { publicKeys: [l.key.publicKey], domain: 'lapsed.example.com' }).valid).toBe(true);
    // One entry per license, on the license, naming the domains.
    const renewals = domainAudit(live, 'domain.renew');
    expect(renewals).toHaveLength(1);
    expect((renewals[0].domains as Array<{ domain: string }>).map((d) => d.domain).sort()).toEqual(['lapsed.example.com', 'soon.example.com']);
    // Nothing is due any more.
    expect(await t.call('domain.renewDue', { withinDays: 7 })).toEqual({ renewed: 0, stopped: 1, failed: [] });
  });

  it('never renews past the license expiry, and leaves a domain its license already caps', async () => {
    const id = await issue({ autoDomainDuration: 30, licenseDuration: 10 });
    const domain = await t.call('domain.add', { licenseId: id, domain: 'auto.example.com', automatic: true });
    const licenseExpires = (await t.call('license.get', { id })).expires;
    expect(domain.expires).toBe(licenseExpires);
    expect(await t.call('domain.renewDue', { withinDays: 30 })).toEqual({ renewed: 0, stopped: 0, failed: [] });
    setDomainDates(t, domain.id, { expires: daysFromNow(1) });
    expect((await t.call('domain.renewDue', { withinDays: 7 })).renewed).toBe(1);
    expect(one(t, 'SELECT expires FROM domain_licenses WHERE id = ?', domain.id).expires).toBe(licenseExpires);
  });

  it('lists a file it cannot read back as failed and renews the rest', async () => {
    const id = await issue({ autoDomainDuration: 30 });
    const good = await t.call('domain.add', { licenseId: id, domain: 'good.example.com', automatic: true });
    const bad = await t.call('domain.add', { licenseId: id, domain: 'bad.example.com', automatic: true });
    for (const d of [good, bad]) setDomainDates(t, d.id, { expires: daysFromNow(1) });
    run(t, "UPDATE domain_licenses SET license_bytes = CAST('not a license' AS BLOB) WHERE id = ?", bad.id);
    const result = await t.call('domain.renewDue', { withinDays: 7 });
    expect(result.renewed).toBe(1);
    expect(result.failed).toEqual([{ id: bad.id, domainName: 'bad.example.com', reason: expect.stringMatching(/cannot be read back/) }]);
  });

  it("re-signs a lapsed domain with the license's current owner name, not the one it was signed with", async () => {
    const id = (await t.call('license.issue', { skuId: await l.sku({ autoDomainDuration: 30 }), owningEntityId: addCustomer(t, 'Old Owner AG') })).licenseId;
    const domain = await t.call('domain.add', { licenseId: id, domain: 'auto.example.com', automatic: true });
    setDomainDates(t, domain.id, { issued: '2020-01-01T00:00:00.000Z', expires: daysFromNow(-1) });
    await t.call('license.transfer', { id, owningEntityId: addCustomer(t, 'New Owner Ltd') });
    expect(domainFileOf(t, domain.id).owner).toBe('Old Owner AG');
    expect((await t.call('domain.renewDue', { withinDays: 7 })).renewed).toBe(1);
    expect(domainFileOf(t, domain.id).owner).toBe('New Owner Ltd');
    const file = (await t.call('license.file', { licenseId: id, domain: 'auto.example.com' })).file;
    expect(verifyLicense(file, { publicKeys: [l.key.publicKey], domain: 'auto.example.com' }).claims?.owner).toBe('New Owner Ltd');
  });

  it('revives a lapsed domain only while the license has a free slot under max_domains; the rest are listed as failed', async () => {
    const id = await issue({ autoDomainDuration: 30, maxDomains: 2, canDeleteManualDomains: true });
    const a = await t.call('domain.add', { licenseId: id, domain: 'a.example.com', automatic: true });
    const b = await t.call('domain.add', { licenseId: id, domain: 'b.example.com', automatic: true });
    for (const d of [a, b]) setDomainDates(t, d.id, { issued: '2020-01-01T00:00:00.000Z', expires: daysFromNow(-1) });
    // The slots the lapsed domains freed: one is taken by a new domain.
    const c = await t.call('domain.add', { licenseId: id, domain: 'c.example.com' });
    const bBefore = one(t, 'SELECT expires, license_bytes FROM domain_licenses WHERE id = ?', b.id);
    const result = await t.call('domain.renewDue', { withinDays: 7 });
    expect(result).toEqual({ renewed: 1, stopped: 0, failed: [{ id: b.id, domainName: 'b.example.com', reason: `License ${id} already has 2 of 2 live domains, so b.example.com stays lapsed.` }] });
    expect(one(t, 'SELECT expires, license_bytes FROM domain_licenses WHERE id = ?', b.id)).toEqual(bBefore);
    expect((await t.call('license.get', { id })).liveDomainCount).toBe(2);
    // Once a slot is free again, the next sweep revives it.
    await t.call('domain.delete', { id: c.id });
    expect(await t.call('domain.renewDue', { withinDays: 7 })).toEqual({ renewed: 1, stopped: 0, failed: [] });
    expect((await t.call('license.get', { id })).domains.map((d) => d.state)).toEqual(['live', 'live']);
  });

  it('writes only what is still due when its batch is written: rows changed in between are skipped and not counted', async () => {
    const skuId = await l.sku({ autoDomainDuration: 30, licenseDuration: 365 });
    const kept = (await t.call('license.issue', { skuId, owner: 'Kept' })).licenseId;
    const revoked = (await t.call('license.issue', { skuId, owner: 'Revoked' })).licenseId;
    const live = await t.call('domain.add', { licenseId: kept, domain: 'live.example.com', automatic: true });
    const gone = await t.call('domain.add', { licenseId: kept, domain: 'gone.example.com', automatic: true });
    const done = await t.call('domain.add', { licenseId: kept, domain: 'done.example.com', automatic: true });
    const stopped = await t.call('domain.add', { licenseId: revoked, domain: 'stopped.example.com', automatic: true });
    for (const d of [live, gone, done, stopped]) setDomainDates(t, d.id, { expires: daysFromNow(2) });
    const later = daysFromNow(20);
    // Requests that land after the sweep read what is due, while it waits for the key.
    const gap = async () => {
      await t.call('license.revoke', { id: revoked, reason: 'chargeback' });
      run(t, 'DELETE FROM domain_licenses WHERE id = ?', gone.id);
      setDomainDates(t, done.id, { expires: later });
      await t.call('license.transfer', { id: kept, owningEntityId: addCustomer(t, 'New Owner Ltd') });
    };
    const vault = new Proxy(t.ctx.vault, {
      get(target, prop) {
        const value = Reflect.get(target, prop, target) as unknown;
        if (prop === 'withSeed') return async (...args: unknown[]) => (await gap(), (value as (...a: unknown[]) => unknown).apply(target, args));
        return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
      },
    });
    const stoppedBefore = one(t, 'SELECT expires, license_bytes FROM domain_licenses WHERE id = ?', stopped.id);

    const result = await renewDueDomains({ ...t.ctx, vault }, 7);
    expect(result).toEqual({ renewed: 1, stopped: 0, failed: [] });
    near(one(t, 'SELECT expires FROM domain_licenses WHERE id = ?', live.id).expires as string, Date.now() + 30 * DAY);
    expect(domainFileOf(t, live.id).owner).toBe('New Owner Ltd');
    expect(one(t, 'SELECT expires, license_bytes FROM domain_licenses WHERE id = ?', stopped.id)).toEqual(stoppedBefore);
    // Renewed by someone else meanwhile: no longer due, so left as they wrote it.
    expect(one(t, 'SELECT expires FROM domain_licenses WHERE id = ?', done.id).expires).toBe(later);
    expect(rows(t, 'SELECT id FROM domain_licenses WHERE id = ?', gone.id)).toEqual([]);
    expect(domainAudit(kept, 'domain.renew')).toEqual([{ domains: [expect.objectContaining({ id: live.id, domain: 'live.example.com' })] }]);
    expect(domainAudit(revoked, 'domain.renew')).toEqual([]);
  });

  it('needs the keys when something is due; the timer sweep waits for an unlock instead', async () => {
    const id = await issue({ autoDomainDuration: 30 });
    const domain = await t.call('domain.add', { licenseId: id, domain: 'auto.example.com', automatic: true });
    setDomainDates(t, domain.id, { expires: daysFromNow(1) });
    await t.call('vault.lock', {});
    expect((await t.fail('domain.renewDue', { withinDays: 7 })).code).toBe('LOCKED');
    expect(await renewalSweep(t.ctx)).toBeNull();
    await t.call('vault.unlock', { passphrase: PASS });
    expect(await renewalSweep(t.ctx)).toEqual({ renewed: 1, stopped: 0, failed: [] });
    expect(rows(t, "SELECT actor FROM audit_log WHERE action = 'domain.renew'")).toEqual([{ actor: 'auto-renewal' }]);
  });
});

describe('resume restores lapsed automatic domains', () => {
  async function suspendedWithLapsedDomain() {
    const id = await issue({ autoDomainDuration: 30, licenseDuration: 365 });
    const domain = await t.call('domain.add', { licenseId: id, domain: 'auto.example.com', automatic: true });
    await t.call('license.suspend', { id, reason: 'Payment overdue' });
    setDomainDates(t, domain.id, { issued: '2020-01-01T00:00:00.000Z', expires: daysFromNow(-1) });
    expect((await t.call('license.get', { id })).domains[0].state).toBe('expired');
    return { id, domain };
  }

  it('renews them at once when the keys are unlocked', async () => {
    const { id, domain } = await suspendedWithLapsedDomain();
    const resumed = await t.call('license.resume', { id });
    expect(resumed.domains[0]).toMatchObject({ id: domain.id, state: 'live', renewsAutomatically: true });
    near(resumed.domains[0].expires, Date.now() + 30 * DAY);
    expect(domainFileOf(t, domain.id).expires).toBe(resumed.domains[0].expires);
    expect((await t.call('license.timeline', { id })).at(-1)!.summary).toBe('Resumed by test. Renewed 1 lapsed automatic domain: auto.example.com.');
  });

  it("renews them with the license's current owner name after a transfer while suspended", async () => {
    const { id, domain } = await suspendedWithLapsedDomain();
    await t.call('license.transfer', { id, owningEntityId: addCustomer(t, 'New Owner Ltd') });
    expect(domainFileOf(t, domain.id).owner).toBe('Kathrin Fretz');
    await t.call('license.resume', { id });
    expect(domainFileOf(t, domain.id)).toMatchObject({ owner: 'New Owner Ltd', expires: one(t, 'SELECT expires FROM domain_licenses WHERE id = ?', domain.id).expires });
  });

  it('leaves a lapsed domain lapsed when the live domains already fill max_domains, and the timeline says why', async () => {
    const id = await issue({ autoDomainDuration: 30, maxDomains: 1 });
    const lapsed = await t.call('domain.add', { licenseId: id, domain: 'auto.example.com', automatic: true });
    setDomainDates(t, lapsed.id, { issued: '2020-01-01T00:00:00.000Z', expires: daysFromNow(-1) });
    await t.call('domain.add', { licenseId: id, domain: 'other.example.com' });
    await t.call('license.suspend', { id, reason: 'Payment overdue' });
    const before = one(t, 'SELECT expires, license_bytes FROM domain_licenses WHERE id = ?', lapsed.id);
    const resumed = await t.call('license.resume', { id });
    expect(resumed.liveDomainCount).toBe(1);
    expect(one(t, 'SELECT expires, license_bytes FROM domain_licenses WHERE id = ?', lapsed.id)).toEqual(before);
    expect((await t.call('license.timeline', { id })).at(-1)!.summary).toBe(`Resumed by test. License ${id} already has 1 of 1 live domain, so auto.example.com stays lapsed.`);
  });

  it('still resumes with the keys locked, says the next sweep renews them, and the sweep does', async () => {
    const { id, domain } = await suspendedWithLapsedDomain();
    await t.call('vault.lock', {});
    const resumed = await t.call('license.resume', { id });
    expect(resumed).toMatchObject({ status: 'active', domains: [{ id: domain.id, state: 'expired' }] });
    expect((await t.call('license.timeline', { id })).at(-1)!.summary).toBe(
      'Resumed by test. 1 lapsed automatic domain (auto.example.com) will be renewed by the next renewal sweep with the keys unlocked.',
    );
    await t.call('vault.unlock', { passphrase: PASS });
    expect((await t.call('domain.renewDue', {})).renewed).toBe(1);
    expect((await t.call('license.get', { id })).domains[0].state).toBe('live');
    expect(licenseFileOf(t, id).owner).toBe('Kathrin Fretz');
  });
});
