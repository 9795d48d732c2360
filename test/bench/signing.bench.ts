/**
 * Signing speed in one run: tweetnacl, Node crypto on one thread, the worker pool on
 * every core, and end-to-end bulk issuance (sign + store through the API) of domain
 * licenses, with the ratios between them and peak memory.
 */
import { randomBytes } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { rmSync } from 'node:fs';
import nacl from 'tweetnacl';
import { createApiContext, invoke } from '../../src-main/api/dispatch';
import { handlers } from '../../src-main/api/handlers';
import { SignPool } from '../../src-main/license/bulk/sign-pool';
import { nodeSigner } from '../../src-main/license/ed25519';
import { openStore } from '../../src-main/store/open';
import { tempDir } from '../support/temp-store';
import { report } from './report';

const PAYLOAD = Buffer.from(
  'Format: 1\nKind: domain\nKey-Id: 0123456789abcdef\nLicense-Id: 1042\nVendor: Imazen\nSKU: R3Bundle1Ent\nOwner: Kathrin Fretz\nDomain: shop.example.com\nFeatures: R3Elite, R3Performance\nIssued: 2026-11-21T09:30:00.000Z\nExpires: 2027-11-21T09:30:00.000Z\n',
);

/** Operations per second of `fn` over about `ms` milliseconds. */
function rate(ms: number, fn: () => void): number {
  let n = 0;
  const start = performance.now();
  while (performance.now() - start < ms) {
    fn();
    n++;
  }
  return n / ((performance.now() - start) / 1000);
}

export async function signingBench(quick: boolean): Promise<void> {
  const seed = randomBytes(32);
  const window = quick ? 500 : 2000;
  const { secretKey } = nacl.sign.keyPair.fromSeed(seed);
  const naclRate = rate(window, () => nacl.sign.detached(PAYLOAD, secretKey));
  const signer = nodeSigner(seed);
  const nodeRate = rate(window, () => signer.sign(PAYLOAD));
  report({ bench: 'signing.tweetnacl_signs_per_s', value: Math.round(naclRate), unit: 'signs/s' });
  report({ bench: 'signing.node_crypto_signs_per_s_per_core', value: Math.round(nodeRate), unit: 'signs/s' }, `${(nodeRate / naclRate).toFixed(0)}x tweetnacl`);

  const cores = availableParallelism();
  // End to end: license.signBatch through the API boundary, into a real store file.
  const dataDir = tempDir('keyhub-bench-signing-');
  const store = openStore({ dataDir });
  const ctx = createApiContext(store, 'bench', 'test', { kdfCost: { N: 2 ** 14, r: 8, p: 1 } });
  const call = async (method: string, input: unknown) => {
    const result = await invoke(ctx, handlers, method, input);
    if (!result.ok) throw new Error(`${method}: ${result.error.message}`);
    return result.data as never;
  };
  try {
    const vendor: { id: number } = await call('vendor.create', { name: 'Imazen' });
    await call('vault.setup', { passphrase: 'bench passphrase' });
    const key: { id: number } = await call('key.generate', { vendorId: vendor.id, displayName: 'Bench' });
    const sku: { id: number } = await call('sku.create', { vendorId: vendor.id, sku: 'R3Bundle1Ent', privateKeyId: key.id });
    const licenses = quick ? 100 : 1000;
    const domainsPer = 100;
    const rows = Array.from({ length: licenses }, (_, l) => ({
      skuId: sku.id,
      owner: `Customer ${l}`,
      domains: Array.from({ length: domainsPer }, (_, d) => `site${d}.customer${l}.com`),
    }));
    const baseline = process.memoryUsage().rss;
    let peak = baseline;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
    const start = performance.now();
    const job: { id: string } = await call('license.signBatch', { rows });
    const done = await ctx.jobs.wait(job.id, undefined, 10);
    const seconds = (performance.now() - start) / 1000;
    clearInterval(sampler);
    if (done.state !== 'done') throw new Error(`batch failed: ${done.error?.message}`);
    const files = licenses * (domainsPer + 1);
    const e2eRate = files / seconds;
    report({ bench: 'signing.bulk_issue_files_per_s', value: Math.round(e2eRate), unit: 'files/s' }, `${licenses} licenses + ${licenses * domainsPer} domain licenses, sign + store`);
    report({ bench: 'signing.bulk_issue_vs_raw_cores_ratio', value: Number((e2eRate / (nodeRate * cores)).toFixed(3)), unit: 'ratio' }, `goal >= 0.8 (raw Node crypto x ${cores} cores)`);
    report({ bench: 'signing.bulk_issue_peak_rss', value: Math.round(peak / 1024 / 1024), unit: 'MB' }, `goal < 300 MB; the process held ${Math.round(baseline / 1024 / 1024)} MB before the run`);
  } finally {
    ctx.vault.lock();
    store.close();
    rmSync(dataDir, { recursive: true, force: true });
  }

  // The pool alone, after the end-to-end run so its payloads do not weigh on that run's memory.
  const pool = new SignPool(seed, { workers: cores });
  const payloads = Array.from({ length: quick ? 20_000 : 100_000 }, (_, i) => `${PAYLOAD.toString()}Message: ${i}\n`);
  await pool.sign(payloads.slice(0, 100)); // warm the workers
  const poolStart = performance.now();
  for (let i = 0; i < payloads.length; i += 2000) await pool.sign(payloads.slice(i, i + 2000));
  const poolRate = payloads.length / ((performance.now() - poolStart) / 1000);
  await pool.close();
  report({ bench: 'signing.pool_signs_per_s', value: Math.round(poolRate), unit: 'signs/s' }, `${cores} workers, ${(poolRate / (nodeRate * cores)).toFixed(2)} x (one core x ${cores})`);
}
