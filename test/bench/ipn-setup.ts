/**
 * The IPN bench's store and import: a store with the vendors, an unlocked key each and
 * the SKUs the generated messages name (ipn-messages.ts), and a file import through the
 * same path as `keyhub import ipn` (the streaming file importer sending each batch to
 * `transaction.importIpn` through the API boundary, in-process).
 */
import { createReadStream } from 'node:fs';
import { createApiContext, invoke, type ApiContext } from '../../src-main/api/dispatch';
import { handlers } from '../../src-main/api/handlers';
import type { MethodInput, MethodName, MethodOutput } from '../../src-main/api/contract';
import { importIpnFile, type FileImportResult } from '../../src-main/hosts/cli/ipn-file-import';
import type { BatchLimits } from '../../src-main/domain/sales/ipn/split';
import { openStore } from '../../src-main/store/open';
import { BENCH_SKUS } from './ipn-messages';

export const BENCH_PASSPHRASE = 'ipn bench passphrase';
/** A cheap scrypt cost (as the tests'): the bench measures imports, not unlocking. */
const BENCH_KDF_COST = { N: 2 ** 12, r: 8, p: 1 };

export function benchContext(dataDir: string): ApiContext {
  return createApiContext(openStore({ dataDir }), 'bench', 'cli', { kdfCost: BENCH_KDF_COST });
}

export async function call<M extends MethodName>(ctx: ApiContext, method: M, input: MethodInput<M>): Promise<MethodOutput<M>> {
  const result = await invoke(ctx, handlers, method, input);
  if (!result.ok) throw new Error(`${method}: ${result.error.code} ${result.error.message}`);
  return result.data as MethodOutput<M>;
}

/** Vendors, the vault (set up and unlocked), a key per vendor and every SKU the messages name. */
export async function prepareIpnStore(ctx: ApiContext): Promise<void> {
  await call(ctx, 'vault.setup', { passphrase: BENCH_PASSPHRASE });
  const vendors = new Map<string, { vendorId: number; keyId: number }>();
  for (const name of new Set(BENCH_SKUS.map((s) => s.vendor))) {
    const vendorId = (await call(ctx, 'vendor.create', { name })).id;
    const keyId = (await call(ctx, 'key.generate', { vendorId, displayName: 'Main signing key' })).id;
    vendors.set(name, { vendorId, keyId });
  }
  for (const sku of BENCH_SKUS) {
    const { vendorId, keyId } = vendors.get(sku.vendor)!;
    await call(ctx, 'sku.create', { vendorId, sku: sku.sku, name: sku.name, privateKeyId: keyId, licenseDuration: sku.licenseDays, maxDomains: 3 });
  }
}

/** Imports a file as `keyhub import ipn` does (its batch limits unless `limits` says otherwise); the keys must be unlocked. */
export function importFile(ctx: ApiContext, path: string, limits: Partial<BatchLimits> = {}): Promise<FileImportResult> {
  return importIpnFile(createReadStream(path, { highWaterMark: 256 * 1024 }), (messages) => call(ctx, 'transaction.importIpn', { messages }), { limits });
}
