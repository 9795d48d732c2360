/**
 * Data the people, apps and audit UI tests start from, made through the API (the flow
 * under test is the screen, not issuing): a vendor with a signing key, a SKU, licenses.
 */
import type { UiSession } from '../support/browser';

export const PASSPHRASE = 'correct horse battery staple';

export interface Licensing {
  vendorId: number;
  skuId: number;
  /** Issues a license of the SKU; owned by the customer when given. */
  issue(owner: string, owningEntityId?: number): Promise<number>;
}

export async function setUpLicensing(s: UiSession): Promise<Licensing> {
  const vendor = await s.call('vendor.create', { name: 'Imazen' });
  await s.call('vault.setup', { passphrase: PASSPHRASE });
  const key = await s.call('key.generate', { vendorId: vendor.id, displayName: 'Imazen 2026' });
  const sku = await s.call('sku.create', { vendorId: vendor.id, sku: 'R3Bundle1Ent', name: 'Resizer 3 Enterprise', privateKeyId: key.id });
  return {
    vendorId: vendor.id,
    skuId: sku.id,
    issue: async (owner, owningEntityId) =>
      (await s.call('license.issue', { skuId: sku.id, owner, ...(owningEntityId ? { owningEntityId } : {}) })).licenseId,
  };
}
