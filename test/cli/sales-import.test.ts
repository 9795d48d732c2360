/**
 * keyhub import ipn and keyhub settings through the real CLI: the seed's sample issues
 * one license, a second import skips it, a file with bad messages lists them and exits
 * 1, --json sums every file, stdin, files read in batches, the keys unlocked only when
 * a purchase must be signed (and what happens when they cannot be).
 */
import { writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MethodInput, MethodName, MethodOutput } from '../../src-main/api/contract';
import { createApiContext, invoke } from '../../src-main/api/dispatch';
import { handlers } from '../../src-main/api/handlers';
import { DEFAULT_IPN_VALIDATE_URL, DEFAULT_STRIPE_SETTINGS } from '../../src-main/domain/settings/settings';
import { openStore } from '../../src-main/store/open';
import { DATABASE_FILE } from '../../src-main/store/paths';
import { asLines, SEED_SAMPLE, sampleForm, samplePairs } from '../domain/ipn-fixture';
import { TEST_KDF_COST } from '../support/temp-store';
import { keyhub, removeDir, tempDataDir, type CliOptions, type CliResult } from './support';

const PASS = 'correct horse battery';
let dataDir: string;
let files: string;

type Call = <M extends MethodName>(method: M, input: MethodInput<M>) => Promise<MethodOutput<M>>;

/** A store with a vendor, a key (cheap KDF: the stored parameters win, so CLI unlocks are quick) and the SKU R3Bundle1Ent. */
async function seed(dir: string): Promise<void> {
  const store = openStore({ dataDir: dir });
  const ctx = createApiContext(store, 'test', 'test', { kdfCost: TEST_KDF_COST });
  const call: Call = async (method, input) => {
    const envelope = await invoke(ctx, handlers, method, input);
    if (!envelope.ok) throw new Error(`${method}: ${envelope.error.message}`);
    return envelope.data as never;
  };
  try {
    const vendor = await call('vendor.create', { name: 'Imazen' });
    await call('vault.setup', { passphrase: PASS });
    const key = await call('key.generate', { vendorId: vendor.id, displayName: 'Main' });
    await call('sku.create', { vendorId: vendor.id, sku: 'R3Bundle1Ent', privateKeyId: key.id, licenseDuration: 365 });
  } finally {
    ctx.vault.lock();
    store.close();
  }
}

function count(sql: string): number {
  const db = new Database(path.join(dataDir, DATABASE_FILE), { readonly: true });
  try {
    return (db.prepare(sql).get() as { n: number }).n;
  } finally {
    db.close();
  }
}

const file = (name: string, content: string) => {
  const target = path.join(files, name);
  writeFileSync(target, content);
  return target;
};

/** No passphrase unless asked for: the import must not need one for what it does not sign. */
function cli(args: string[], options: CliOptions & { passphrase?: string } = {}): Promise<CliResult> {
  const { passphrase = '', ...rest } = options;
  return keyhub(args, { dataDir, ...rest, env: { KEYHUB_PASSPHRASE: passphrase, ...rest.env } });
}

beforeAll(async () => {
  dataDir = tempDataDir();
  files = tempDataDir();
  await seed(dataDir);
});
afterAll(() => {
  removeDir(dataDir);
  removeDir(files);
});

describe('keyhub import ipn', () => {
  it('with the keys locked and no passphrase to be had, a purchase to sign stops the import, says how to give one, and records nothing', async () => {
    const sample = file('seed-sample.txt', SEED_SAMPLE);
    const result = await cli(['import', 'ipn', sample]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`Stopped at line 1 of ${sample}.`);
    for (const way of ['KEYHUB_PASSPHRASE', '--passphrase-file PATH', 'in a terminal']) expect(result.stderr).toContain(way);
    expect(count('SELECT count(*) AS n FROM transactions')).toBe(0);
  });

  it("the seed's sample issues one license (the keys unlocked from the environment); a second import skips it without a passphrase", async () => {
    const sample = file('seed-sample.txt', SEED_SAMPLE);
    const first = await cli(['import', 'ipn', sample], { passphrase: PASS });
    expect(first).toMatchObject({ code: 0, stderr: '' });
    expect(first.stdout).toBe(`Imported ${sample}: 1 message — issued 1 license, 0 duplicates skipped, 0 waiting for a SKU or signing key; none rejected.\n`);
    expect(count("SELECT count(*) AS n FROM licenses l JOIN skus s ON s.id = l.sku_id WHERE s.sku = 'R3Bundle1Ent' AND l.owner_name = 'Kathrin Fretz'")).toBe(1);

    const again = await cli(['import', 'ipn', sample]);
    expect(again.code).toBe(0);
    expect(again.stdout).toBe(`Imported ${sample}: 1 message — issued 0 licenses, 1 duplicate skipped, 0 waiting for a SKU or signing key; none rejected.\n`);
  });

  it('a file with bad messages imports the rest, lists each refusal by line and txn id, and exits 1', async () => {
    const mixed = file('mixed.txt', [sampleForm({ txn_id: 'CLI-GOOD1' }), sampleForm({ txn_id: 'CLI-BAD1', mc_currency: 'XXY' }), '', asLines(samplePairs({ txn_id: 'CLI-GOOD2', quantity1: '2' })), ''].join('\n'));
    const result = await cli(['import', 'ipn', mixed, '--passphrase-file', file('pass', `${PASS}\n`)]);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe(
      [
        `Imported ${mixed}: 3 messages — issued 3 licenses, 0 duplicates skipped, 0 waiting for a SKU or signing key; 1 rejected:`,
        '  line 2 (txn CLI-BAD1): mc_currency is “XXY”, not a currency KeyHub knows (an ISO 4217 code like USD or EUR).',
        '',
      ].join('\n'),
    );
    expect(count("SELECT count(*) AS n FROM transactions WHERE provider_txn_id LIKE 'CLI-%'")).toBe(2);
  });

  it('--json sums every file (stdin too) and names the file of each refusal; refunds revoke', async () => {
    const refund = file(
      'refund.txt',
      `${sampleForm({ txn_id: 'CLI-R1', parent_txn_id: 'CLI-GOOD1', payment_status: 'Refunded', mc_gross: '-249.00', mc_fee: '-9.02', reason_code: 'refund' })}\n`,
    );
    const bad = `${sampleForm({ txn_id: undefined })}\n`;
    const result = await cli(['import', 'ipn', refund, '-', '--json'], { input: bad });
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stdout)).toEqual({
      messages: 2,
      recorded: 0,
      updated: 1,
      duplicates: 0,
      issued: 0,
      revoked: 1,
      restored: 0,
      waiting: 0,
      rejected: [{ file: 'stdin', line: 1, txnId: null, reason: 'the message has no txn_id (PayPal’s transaction id), so it cannot be recorded exactly once: missing txn id.' }],
      rejectedCount: 1,
      bytes: expect.any(Number),
    });
    expect(count("SELECT count(*) AS n FROM transactions WHERE provider_txn_id = 'CLI-GOOD1' AND status = 'refunded'")).toBe(1);
  });

  it('reads a large file in batches: counts stay exact and a refusal in a later batch keeps its line', async () => {
    const lines = Array.from({ length: 2500 }, (_, i) => sampleForm({ txn_id: `BULK-${i}`, payment_status: 'Pending', pending_reason: 'echeck' }));
    lines[2199] = sampleForm({ txn_id: 'BULK-2199', mc_gross: '1,00', payment_status: 'Pending' });
    const bulk = file('bulk.txt', `${lines.join('\n')}\n`);
    const result = await cli(['import', 'ipn', bulk, '--json']);
    expect(result.code).toBe(1);
    const tally = JSON.parse(result.stdout);
    expect(tally).toMatchObject({ messages: 2500, recorded: 2499, issued: 0, rejectedCount: 1 });
    expect(tally.rejected).toEqual([{ file: bulk, line: 2200, txnId: 'BULK-2199', reason: 'mc_gross is “1,00”, not an amount in USD (like 249 or 9.02).' }]);
  });

  it('a file that cannot be read is a usage error before anything is imported', async () => {
    const good = file('good-again.txt', `${sampleForm({ txn_id: 'NEVER' })}\n`);
    const result = await cli(['import', 'ipn', good, path.join(files, 'missing.txt')], { passphrase: PASS });
    expect(result).toMatchObject({ code: 2, stdout: '' });
    expect(result.stderr).toBe(`keyhub: Cannot read the IPN file ${path.join(files, 'missing.txt')}: no such file.\n`);
    expect(count("SELECT count(*) AS n FROM transactions WHERE provider_txn_id = 'NEVER'")).toBe(0);
  });

  it('an empty file says so', async () => {
    const empty = file('empty.txt', '\n\n# nothing yet\n');
    expect(await cli(['import', 'ipn', empty])).toMatchObject({ code: 0, stdout: `Imported ${empty}: no IPN messages in it.\n` });
  });
});

describe('keyhub settings', () => {
  it('show prints the defaults; ipn --validate on --url changes them; --json prints the settings', async () => {
    const shown = await cli(['settings', 'show']);
    expect(shown.code).toBe(0);
    expect(shown.stdout).toBe(`IPN validation:  off\nValidation URL:  ${DEFAULT_IPN_VALIDATE_URL}\n`);
    // A port nothing listens on (taken, then given back): validation cannot reach it.
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(probe.address() as AddressInfo).port}/webscr`;
    await new Promise((resolve) => probe.close(resolve));
    const changed = await cli(['settings', 'ipn', '--validate', 'on', '--url', url, '--json']);
    expect(changed.code).toBe(0);
    expect(JSON.parse(changed.stdout)).toEqual({ ipn: { validate: true, validateUrl: url }, stripe: DEFAULT_STRIPE_SETTINGS });
    const refused = await cli(['import', 'ipn', file('validated.txt', `${sampleForm({ txn_id: 'VAL1' })}\n`)]);
    expect(refused.code).toBe(1);
    expect(refused.stdout).toContain(`  line 1 (txn VAL1): could not reach ${url} (connection refused): nothing recorded; import it again later.`);
    expect(count("SELECT count(*) AS n FROM transactions WHERE provider_txn_id = 'VAL1'")).toBe(0);
    const off = await cli(['settings', 'ipn', '--validate', 'off']);
    expect(off.stdout).toBe(`IPN validation:  off\nValidation URL:  ${url}\n`);
  });

  it('a bad URL is refused naming --url; no option is a usage error', async () => {
    const bad = await cli(['settings', 'ipn', '--url', 'ftp://example.com/']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/^keyhub: The validation URL must be an http\(s\) URL, like https:\/\/ipnpb\.paypal\.com\/cgi-bin\/webscr\. \(--url\)\n$/);
    const none = await cli(['settings', 'ipn']);
    expect(none).toMatchObject({ code: 2, stderr: 'keyhub: Give --validate on|off, --url URL, or both.\n' });
    expect((await cli(['settings', 'ipn', '--validate', 'maybe'])).code).toBe(2);
  });
});
