/**
 * What fulfilment needs to sign: each SKU's terms (read once per batch) and a signer
 * for each key, opened before the batch's write transaction (a better-sqlite3
 * transaction cannot wait for the vault) and wiped when it ends.
 */
import type { ApiContext } from '../../api/dispatch';
import { nodeSigner } from '../../license/ed25519';
import type { Signer } from '../../license/signer';
import type { Db } from '../../store/open';
import { skuRules, skuSigning, type SkuRules, type SkuSigning } from '../licenses/terms';
import type { WaitingReason } from './types';

export type Signers = ReadonlyMap<number, Signer>;

/** Why a SKU cannot be issued from now, in words; null when it can. */
export function unusableSku(sku: SkuRules): { reason: Extract<WaitingReason, 'no_signing_key' | 'key_retired'>; message: string } | null {
  if (sku.keyId === null) return { reason: 'no_signing_key', message: `SKU ${sku.sku} has no signing key; choose one for it, then fulfil what waits.` };
  if (sku.keyRetired) return { reason: 'key_retired', message: `SKU ${sku.sku}'s signing key is retired; rotate the SKU to a current key, then fulfil what waits.` };
  return null;
}

/** SKUs read once per batch. */
export class SkuBook {
  private readonly rules = new Map<number, SkuRules>();
  private readonly signing = new Map<number, SkuSigning>();
  constructor(private readonly db: Db) {}

  rulesOf(skuId: number): SkuRules {
    let found = this.rules.get(skuId);
    if (!found) this.rules.set(skuId, (found = skuRules(this.db, skuId)));
    return found;
  }

  /** The SKU's signing terms; only for a SKU `unusableSku` accepts. */
  signingOf(skuId: number): SkuSigning {
    let found = this.signing.get(skuId);
    if (!found) this.signing.set(skuId, (found = skuSigning(this.db, skuId)));
    return found;
  }

  /** The key a SKU signs with, or null when it cannot sign now. */
  usableKeyOf(skuId: number): number | null {
    const rules = this.rulesOf(skuId);
    return unusableSku(rules) ? null : rules.keyId;
  }
}

/** Opens every key in `keyIds` (the vault must be unlocked), runs `use`, then wipes the seeds. */
export async function withSigners<T>(ctx: ApiContext, keyIds: Iterable<number>, use: (signers: Signers) => T): Promise<T> {
  const ids = [...new Set(keyIds)];
  const signers = new Map<number, Signer>();
  const open = async (index: number): Promise<T> => {
    if (index === ids.length) return use(signers);
    return ctx.vault.withSeed(ctx.store.db, ids[index], (seed) => {
      signers.set(ids[index], nodeSigner(seed));
      return open(index + 1);
    });
  };
  return open(0);
}
