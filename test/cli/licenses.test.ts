/**
 * keyhub license … and keyhub domain … through the real CLI: issuing with customers and
 * domains, showing, renewing, transferring, owner and contact edits, suspend/resume/revoke,
 * the timeline, domain add/delete/renew-due, and the lists; people output and --json.
 */
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SignedLicense } from '../../src-main/domain/licenses/issue';
import type { CappedPage, DomainLicenseRow, DomainRenewal, LicenseDetail, LicenseRow, TimelineEntry } from '../../src-main/domain/licenses/types';
import type { MethodInput, MethodName, MethodOutput } from '../../src-main/api/contract';
import { createApiContext, invoke } from '../../src-main/api/dispatch';
import { handlers } from '../../src-main/api/handlers';
import { openStore } from '../../src-main/store/open';
import { DATABASE_FILE } from '../../src-main/store/paths';
import { TEST_KDF_COST } from '../support/temp-store';
import { keyhub, removeDir, tempDataDir, type CliOptions, type CliResult } from './support';

const PASS = 'correct horse battery';
let dataDir: string;
let customers: { photometer: number; bluewater: number };
let contact: number;

type Call = <M extends MethodName>(method: M, input: MethodInput<M>) => Promise<MethodOutput<M>>;

/** Like ./seed, with a cheap passphrase KDF: the stored parameters win, so every CLI unlock is quick too. */
async function seedCheaply(dir: string, seed: (call: Call) => Promise<void>): Promise<void> {
  const store = openStore({ dataDir: dir });
  const ctx = createApiContext(store, 'test', 'test', { kdfCost: TEST_KDF_COST });
  const call: Call = async (method, input) => {
    const envelope = await invoke(ctx, handlers, method, input);
    if (!envelope.ok) throw new Error(`${method}: ${envelope.error.message}`);
    return envelope.data as never;
  };
  try {
    await seed(call);
  } finally {
    ctx.vault.lock();
    store.close();
  }
}

beforeAll(async () => {
  dataDir = tempDataDir();
  await seedCheaply(dataDir, async (call) => {
    const vendor = await call('vendor.create', { name: 'Imazen' });
    await call('vault.setup', { passphrase: PASS });
    const key = await call('key.generate', { vendorId: vendor.id, displayName: 'Main' });
    await call('sku.create', { vendorId: vendor.id, sku: 'R4Elite', privateKeyId: key.id, licenseDuration: 365, autoDomainDuration: 30, maxDomains: 2, maxSupportContacts: 1, canDeleteAutoDomains: true });
    await call('sku.create', { vendorId: vendor.id, sku: 'R3Old', privateKeyId: key.id, releaseDate: '2020-01-01', expirationDate: '2021-01-01' });
    customers = {
      photometer: (await call('customer.create', { name: 'Photometer AG' })).id,
      bluewater: (await call('customer.create', { name: 'Bluewater Outfitters' })).id,
    };
    contact = (await call('user.create', { name: 'Lena Brunner', email: 'lena@photometer.example', customerId: customers.photometer })).id;
  });
});
afterAll(() => removeDir(dataDir));

function cli(args: string[], options: CliOptions & { passphrase?: string } = {}): Promise<CliResult> {
  const { passphrase = PASS, ...rest } = options;
  return keyhub(args, { dataDir, ...rest, env: { KEYHUB_PASSPHRASE: passphrase, ...rest.env } });
}

async function cliJson<T>(args: string[], options: CliOptions & { passphrase?: string } = {}): Promise<T> {
  const result = await cli([...args, '--json'], options);
  if (result.code !== 0) throw new Error(`keyhub ${args.join(' ')} failed (${result.code}): ${result.stdout}${result.stderr}`);
  return JSON.parse(result.stdout) as T;
}

describe('keyhub license and keyhub domain', () => {
  let id: number;

  it('license issue takes the owner from --customer, with domains and a support contact; show prints it all', async () => {
    const signed = await cliJson<SignedLicense>(['license', 'issue', '--sku', 'r4elite', '--customer', String(customers.photometer), '--domain', 'www.example.com', '--support-contact', String(contact)]);
    id = signed.licenseId;
    expect(signed.files.map((f) => f.domain)).toEqual([null, 'example.com']);
    const shown = await cli(['license', 'show', String(id)]);
    expect(shown.code).toBe(0);
    for (const line of [/^Owner:\s+Photometer AG$/m, /^SKU:\s+R4Elite \(1\), Imazen$/m, /^State:\s+active$/m, /^Owning customer:\s+Photometer AG \(\d+\)$/m, /^Domains:\s+1 live of 2$/m, /^\s*\d+\s+example\.com\s+manual\s+live\s/m, /^\s*\d+\s+Lena Brunner\s+lena@photometer\.example$/m]) {
      expect(shown.stdout).toMatch(line);
    }
  });

  it('license issue refuses an off-sale SKU with the reason, and issues it with --override (also keyhub sign)', async () => {
    const refused = await cli(['license', 'issue', '--sku', 'R3Old', '--owner', 'A']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toBe('keyhub: SKU R3Old has been off sale since 2021-01-01 (its expiration date); give a reason to override and issue it anyway. (--sku, --override)\n');
    const issued = await cli(['license', 'issue', '--sku', 'R3Old', '--owner', 'A', '--override', 'Replacement license']);
    expect(issued.code).toBe(0);
    expect(issued.stdout).toMatch(/^Issued license \d+ for A \(SKU R3Old\), expires never; signed by key [0-9a-f]{16}\.$/m);
    const signed = await cli(['sign', '--sku', 'R3Old', '--owner', 'B', '--override', 'Replacement license']);
    expect(signed.code).toBe(0);
    expect(signed.stdout).toContain('-----BEGIN KEYHUB LICENSE-----');
  });

  it('domain add licenses an automatic domain, refuses past max_domains and a duplicate, with exit 1', async () => {
    const added = await cli(['domain', 'add', String(id), 'https://shop.example.com/', '--automatic']);
    expect(added.code).toBe(0);
    expect(added.stdout).toMatch(new RegExp(`^Licensed shop\\.example\\.com under license ${id} \\(automatic, expires .*\\)\\.\\nIts file: keyhub license file ${id} --domain shop\\.example\\.com\\n$`));
    const full = await cli(['domain', 'add', String(id), 'third.example.com']);
    expect(full).toMatchObject({ code: 1, stderr: `keyhub: SKU R4Elite allows 2 domains per license; license ${id} already has 2 live domains.\n` });
    const duplicate = await cliJson<unknown>(['domain', 'add', String(id), 'example.com']).catch((e: Error) => e.message);
    expect(duplicate).toMatch(/"code": "CONFLICT"/);
  });

  it('license renew adds days and re-signs; license transfer moves it to another customer', async () => {
    const before = await cliJson<LicenseDetail>(['license', 'show', String(id)]);
    const renewed = await cliJson<LicenseDetail>(['license', 'renew', String(id), '--days', '10']);
    expect(Date.parse(renewed.expires!) - Date.parse(before.expires!)).toBe(10 * 86_400_000);
    const moved = await cli(['license', 'transfer', String(id), '--to', String(customers.bluewater), '--reason', 'Company sold']);
    expect(moved.stdout).toBe(`Transferred license ${id} to Bluewater Outfitters (${customers.bluewater}), owner Bluewater Outfitters.\n`);
    const file = await cli(['license', 'file', String(id)]);
    expect(file.stdout).toMatch(/^Owner: Bluewater Outfitters$/m);
    expect(file.stdout).toContain(`Expires: ${renewed.expires}`);
  });

  it('license renew with the keys unavailable changes nothing and says how to give the passphrase', async () => {
    const refused = await cli(['license', 'renew', String(id), '--days', '10'], { passphrase: '' });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('KEYHUB_PASSPHRASE');
  });

  it('license owner and license contacts edit the owner fields and support contacts', async () => {
    const owner = await cli(['license', 'owner', String(id), '--purchaser', String(customers.photometer)]);
    expect(owner.stdout).toBe(`License ${id}: owner Bluewater Outfitters, owning Bluewater Outfitters (${customers.bluewater}), purchasing Photometer AG (${customers.photometer}).\n`);
    const contacts = await cli(['license', 'contacts', String(id), '--user', 'none']);
    expect(contacts.stdout).toBe(`License ${id}'s support contacts: none.\n`);
  });

  it('suspend, resume (no passphrase needed), revoke; a second revoke is refused', async () => {
    expect((await cli(['license', 'suspend', String(id), '--reason', 'Payment overdue'])).stdout).toBe(`Suspended license ${id} (Bluewater Outfitters): Payment overdue.\n`);
    expect((await cli(['license', 'resume', String(id)], { passphrase: '' })).stdout).toBe(`License ${id}: Resumed by cli.\n`);
    expect((await cli(['license', 'revoke', String(id), '--reason', 'chargeback'])).stdout).toBe(`Revoked license ${id} (Bluewater Outfitters): chargeback.\n`);
    expect(await cli(['license', 'revoke', String(id), '--reason', 'again'])).toMatchObject({ code: 1, stderr: `keyhub: License ${id} is already revoked: chargeback.\n` });
    expect((await cli(['license', 'revoke', String(id)])).code).toBe(2);
  });

  it('license timeline lists what happened, oldest first', async () => {
    const timeline = await cli(['license', 'timeline', String(id)]);
    const lines = timeline.stdout.trim().split('\n').map((line) => line.replace(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2} {2}/, ''));
    expect(lines[0]).toMatch(/^Issued by cli: R4Elite for Photometer AG, expires .*, with 1 domain \(example\.com\)\.$/);
    expect(lines.slice(3)).toEqual([
      'Transferred by cli from Photometer AG to Bluewater Outfitters (owner Bluewater Outfitters): Company sold.',
      'Owner details changed by cli: purchasing customer none → Photometer AG.',
      'Support contacts set by cli: none.',
      'Suspended by cli: Payment overdue.',
      'Resumed by cli.',
      'Revoked by cli: chargeback.',
    ]);
    const json = await cliJson<TimelineEntry[]>(['license', 'timeline', String(id)]);
    expect(json.map((e) => e.action).slice(0, 3)).toEqual(['license.issue', 'domain.add', 'license.renew']);
  });

  it('domain delete needs --yes and the SKU permission', async () => {
    const detail = await cliJson<LicenseDetail>(['license', 'show', String(id)]);
    const auto = detail.domains.find((d) => d.isAutomatic)!;
    const manual = detail.domains.find((d) => !d.isAutomatic)!;
    expect((await cli(['domain', 'delete', String(auto.id)])).code).toBe(2);
    expect((await cli(['domain', 'delete', String(auto.id), '--yes'])).stdout).toBe(`Deleted domain license ${auto.id}.\n`);
    const refused = await cli(['domain', 'delete', String(manual.id), '--yes']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/does not allow deleting manual domain licenses .*give a reason to override\. \(--override\)\n$/);
  });

  it('domain renew-due renews what is due, reports it, and leaves a stopped license alone', async () => {
    const fresh = await cliJson<SignedLicense>(['license', 'issue', '--sku', 'R4Elite', '--owner', 'Gallery Nord GmbH']);
    const due = await cliJson<DomainLicenseRow>(['domain', 'add', String(fresh.licenseId), 'shop.gallery-nord.com', '--automatic']);
    const soon = new Date(Date.now() + 86_400_000).toISOString();
    const db = new Database(path.join(dataDir, DATABASE_FILE));
    db.prepare('UPDATE domain_licenses SET expires = ? WHERE id = ?').run(soon, due.id);
    db.close();
    const result = await cli(['domain', 'renew-due', '--within', '7']);
    expect(result).toMatchObject({ code: 0, stdout: 'Renewed 1 automatic domain license; 0 automatic domain licenses left to lapse (license suspended, revoked or expired).\n' });
    const after = await cliJson<LicenseDetail>(['license', 'show', String(fresh.licenseId)]);
    expect(Date.parse(after.domains[0].expires!)).toBeGreaterThan(Date.now() + 29 * 86_400_000);
    expect(await cliJson<DomainRenewal>(['domain', 'renew-due'])).toEqual({ renewed: 0, stopped: 0, failed: [] });
  });

  it('license list and domain list find what was issued', async () => {
    const licenses = await cliJson<CappedPage<LicenseRow>>(['license', 'list', '--search', 'Bluewater']);
    expect(licenses.items.map((l) => l.id)).toEqual([id]);
    const table = await cli(['license', 'list', '--state', 'revoked']);
    expect(table.stdout).toMatch(new RegExp(`^\\s*${id}\\s+Bluewater Outfitters\\s+R4Elite\\s+revoked\\s`, 'm'));
    const domains = await cliJson<CappedPage<DomainLicenseRow>>(['domain', 'list', '--license', String(id)]);
    expect(domains.items.map((d) => [d.domainName, d.state])).toEqual([['example.com', 'stopped']]);
    expect((await cli(['domain', 'list', '--license', String(id)])).stdout).toMatch(/^\s*\d+\s+example\.com\s+\d+\s+Bluewater Outfitters\s+R4Elite\s+manual\s+stopped\s/m);
  });
});
