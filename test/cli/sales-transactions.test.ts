/**
 * keyhub transaction list|show|decide and keyhub fulfilment waiting|map|mappings|unmap|retry
 * through the real CLI, on purchases imported from IPN messages built from the seed's sample.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MethodInput, MethodName, MethodOutput } from '../../src-main/api/contract';
import { createApiContext, invoke } from '../../src-main/api/dispatch';
import { handlers } from '../../src-main/api/handlers';
import type { TransactionDetail, TransactionPage } from '../../src-main/domain/sales/types';
import { openStore } from '../../src-main/store/open';
import { eventForm, SEED_SAMPLE, SEED_TXN, sampleForm } from '../domain/ipn-fixture';
import { TEST_KDF_COST } from '../support/temp-store';
import { keyhub, removeDir, tempDataDir, type CliOptions, type CliResult } from './support';

const PASS = 'correct horse battery';
let dataDir: string;

type Call = <M extends MethodName>(method: M, input: MethodInput<M>) => Promise<MethodOutput<M>>;

beforeAll(async () => {
  dataDir = tempDataDir();
  const store = openStore({ dataDir });
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
    await call('sku.create', { vendorId: vendor.id, sku: 'R4Elite', privateKeyId: key.id });
  } finally {
    ctx.vault.lock();
    store.close();
  }
  const file = path.join(dataDir, 'sales.txt');
  writeFileSync(
    file,
    [
      SEED_SAMPLE,
      sampleForm({ txn_id: 'TWO-SEATS', quantity1: '2', mc_gross: '498.00', mc_gross_1: '498.00', payer_email: 'ops%40bluewater.example', first_name: 'Lena', last_name: 'Brunner' }),
      sampleForm({ txn_id: 'UNMAPPED-1', item_number1: 'RES-4-ELITE', item_name1: 'Resizer+4+Elite', sku: undefined, item_number: undefined }),
      eventForm('Refunded', 'PARTIAL-1', { parent_txn_id: 'TWO-SEATS', mc_gross: '-249.00' }),
      '',
    ].join('\n'),
  );
  const imported = await keyhub(['--data', dataDir, 'import', 'ipn', file], { env: { KEYHUB_PASSPHRASE: PASS } });
  if (imported.code !== 0) throw new Error(`import failed: ${imported.stdout}${imported.stderr}`);
});
afterAll(() => removeDir(dataDir));

function cli(args: string[], options: CliOptions & { passphrase?: string } = {}): Promise<CliResult> {
  const { passphrase = '', ...rest } = options;
  return keyhub(args, { dataDir, ...rest, env: { KEYHUB_PASSPHRASE: passphrase, ...rest.env } });
}

async function json<T>(args: string[], options: CliOptions & { passphrase?: string } = {}): Promise<T> {
  const result = await cli([...args, '--json'], options);
  if (result.code !== 0) throw new Error(`keyhub ${args.join(' ')} failed (${result.code}): ${result.stdout}${result.stderr}`);
  return JSON.parse(result.stdout) as T;
}

const idOf = async (txn: string) => (await json<TransactionPage>(['transaction', 'list', '--search', txn])).items[0].id;

describe('keyhub transaction', () => {
  it('list shows the purchases, filters by status and searches; show prints the payer, items, licenses and log', async () => {
    const listed = await cli(['transaction', 'list']);
    expect(listed.code).toBe(0);
    expect(listed.stdout).toMatch(/^\s*ID\s+PAID\s+TXN\s+PAYER\s+STATUS\s+GROSS\s+ITEMS\s+LICENSES\s+WAITING$/m);
    expect(listed.stdout).toMatch(new RegExp(`^\\s*\\d+\\s+2012-07-18T09:51:26Z\\s+${SEED_TXN}\\s+Kathrin Fretz\\s+confirmed\\s+249\\.00 USD\\s+R3Bundle1Ent\\s+1\\s+-$`, 'm'));
    expect(listed.stdout).toContain('Showing 1-3 of 3 transactions.');
    expect((await json<TransactionPage>(['transaction', 'list', '--status', 'decision'])).items.map((r) => r.providerTxnId)).toEqual(['TWO-SEATS']);
    expect((await json<TransactionPage>(['transaction', 'list', '--status', 'unfulfilled'])).items.map((r) => r.providerTxnId)).toEqual(['UNMAPPED-1']);

    const id = await idOf(SEED_TXN);
    const shown = await cli(['transaction', 'show', String(id)]);
    expect(shown.code).toBe(0);
    for (const line of [
      new RegExp(`^Transaction:\\s+${id} \\(PayPal ${SEED_TXN}, expresscheckout\\)$`, 'm'),
      /^Payer:\s+Kathrin Fretz <angelagube@photometer\.com>, CH, PayPal payer XH947JE7P6KRJ$/m,
      /^Amount:\s+249\.00 USD \(fee 9\.02 USD, tax 0\.00 USD, shipping 0\.00 USD\)$/m,
      /^Item 1: Resizer 3 ×1, 249\.00 USD → R3Bundle1Ent$/m,
      /^\s*\d+\s+1\s+R3Bundle1Ent\s+Kathrin Fretz\s+expired\s+2013-07-18T09:51:26Z$/m,
      /^Payment log$/m,
      /new → confirmed {2}PayPal says Completed\.$/m,
    ]) {
      expect(shown.stdout).toMatch(line);
    }
    expect((await cli(['transaction', 'show', String(id), '--raw'])).stdout).toBe(`${SEED_SAMPLE.replace(/\n$/, '')}\n`);
    expect((await cli(['transaction', 'show', '99999'])).code).toBe(1);
  });

  it('decide answers a partial refund: the chosen license is revoked, the question cleared', async () => {
    const id = await idOf('TWO-SEATS');
    const detail = await json<TransactionDetail>(['transaction', 'show', String(id)]);
    expect(detail.pendingDecision).toMatch(/^Partial refund of 249\.00 USD of 498\.00 USD/);
    expect((await cli(['transaction', 'show', String(id)])).stdout).toMatch(/^To decide:\s+Partial refund/m);
    expect((await cli(['transaction', 'decide', String(id), '--note', 'x'])).code).toBe(2);
    const seat = detail.items[0].licenses[1].id;
    const decided = await cli(['transaction', 'decide', String(id), '--revoke', String(seat), '--note', 'One seat refunded.']);
    expect(decided.code).toBe(0);
    expect(decided.stdout).toBe(`Transaction ${id}: decided. Decided: revoke 1 license (${seat}). One seat refunded.\n`);
    const after = await json<TransactionDetail>(['transaction', 'show', String(id)]);
    expect(after.pendingDecision).toBeNull();
    expect(after.items[0].licenses.map((l) => l.state)).toEqual(['expired', 'revoked']);
  });
});

describe('keyhub fulfilment', () => {
  it('waiting lists the unmapped item; map fulfils it (unlocking only then); mappings, retry and unmap', async () => {
    const waiting = await cli(['fulfilment', 'waiting']);
    expect(waiting.code).toBe(0);
    expect(waiting.stdout).toMatch(/^unmapped\s+RES-4-ELITE\s+Resizer 4 Elite\s+-\s+1\s+1\s+249\.00 USD\s+2012-07-18\s+No SKU matches/m);

    const locked = await cli(['fulfilment', 'map', '--item-number', ' RES-4-Elite ', '--sku', 'r4elite']);
    expect(locked.code).toBe(2);
    expect(locked.stderr).toContain('KEYHUB_PASSPHRASE');
    expect((await json<unknown[]>(['fulfilment', 'mappings'])).length).toBe(0);

    const mapped = await cli(['fulfilment', 'map', '--item-number', ' RES-4-Elite ', '--sku', 'r4elite'], { passphrase: PASS });
    expect(mapped.code).toBe(0);
    expect(mapped.stdout).toMatch(/^Mapped item number “res-4-elite” to R4Elite \(mapping \d+\): issued 1 license for 1 purchase; 0 units still waiting\.\n$/);
    expect((await cli(['fulfilment', 'waiting'])).stdout).toBe('No waiting items found. Every completed purchase has its licenses.\n');
    const mappings = await cli(['fulfilment', 'mappings']);
    expect(mappings.stdout).toMatch(/^\s*\d+\s+item number\s+res-4-elite\s+R4Elite \(\d+\)\s+Imazen\s+cli\s/m);

    expect((await cli(['fulfilment', 'retry'])).stdout).toBe('Retried: issued nothing; 0 units still waiting.\n');
    expect((await cli(['fulfilment', 'map', '--sku', 'R4Elite'])).code).toBe(2);
    const mappingId = (await json<Array<{ id: number }>>(['fulfilment', 'mappings']))[0].id;
    expect((await cli(['fulfilment', 'unmap', String(mappingId)])).code).toBe(2);
    expect((await cli(['fulfilment', 'unmap', String(mappingId), '--yes'])).stdout).toBe(`Removed mapping ${mappingId}; licenses issued through it stay.\n`);
  });
});
