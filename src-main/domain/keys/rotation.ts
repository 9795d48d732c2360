/**
 * Rotation: a SKU gets a new key, and every live license and domain license of that
 * SKU signed by another key is re-signed with it, in batches with progress. Re-signing
 * keeps every term of the old file (it is read back, never rebuilt from other rows);
 * only the key id and signature change. Old keys no SKU uses any more are retired and
 * kept, so files they signed still verify.
 */
import { and, eq, gt, isNotNull, isNull, ne, or } from 'drizzle-orm';
import { domainLicenses, licenses, skus } from '../../../db/schema';
import type { ParsedInput } from '../../api/contract';
import type { ApiContext } from '../../api/dispatch';
import { KeyHubError, notFound } from '../../api/errors';
import { SignPool } from '../../license/bulk/sign-pool';
import { signInBatches } from '../../license/bulk/signed-batches';
import { licensePayload, type LicenseTerms } from '../../license/signer';
import type { Db } from '../../store/open';
import { nowUtc } from '../../shared/time';
import { recordAudit } from '../audit/audit';
import type { JobStatus } from '../jobs/jobs';
import { storedTerms } from '../licenses/resign';
import { generateKey, requireVendorKey, retireIfUnused } from './keys';

export interface RotationResult {
  skuId: number;
  newKeyId: number;
  licenses: number;
  domainLicenses: number;
  /** Files that could not be read back (left as they were, listed by row). */
  unreadable: string[];
  retiredKeyIds: number[];
}

interface Resign {
  table: 'licenses' | 'domain_licenses';
  id: number;
  oldKeyId: number;
  terms: LicenseTerms;
}

/** Live files of the SKU signed by a key other than `keyId`. */
function filesToResign(db: Db, skuId: number, keyId: number, now: string) {
  const liveLicense = and(eq(licenses.skuId, skuId), eq(licenses.status, 'active'), or(isNull(licenses.expires), gt(licenses.expires, now)));
  const licenseRows = db
    .select({ id: licenses.id, oldKeyId: licenses.signingKeyId, bytes: licenses.licenseBytes })
    .from(licenses)
    .where(and(liveLicense, isNotNull(licenses.signingKeyId), ne(licenses.signingKeyId, keyId)))
    .all();
  const domainRows = db
    .select({ id: domainLicenses.id, oldKeyId: domainLicenses.signingKeyId, bytes: domainLicenses.licenseBytes })
    .from(domainLicenses)
    .innerJoin(licenses, eq(licenses.id, domainLicenses.licenseId))
    .where(
      and(
        liveLicense,
        or(isNull(domainLicenses.expires), gt(domainLicenses.expires, now)),
        isNotNull(domainLicenses.signingKeyId),
        ne(domainLicenses.signingKeyId, keyId),
      ),
    )
    .all();
  const unreadable: string[] = [];
  const items: Resign[] = [];
  const collect = (table: Resign['table'], rows: typeof licenseRows) => {
    for (const row of rows) {
      const terms = storedTerms(row.bytes);
      if (!terms) unreadable.push(`${table} ${row.id}`);
      else items.push({ table, id: row.id, oldKeyId: row.oldKeyId!, terms });
    }
  };
  collect('licenses', licenseRows);
  collect('domain_licenses', domainRows);
  return { items, unreadable };
}

export function startRotation(ctx: ApiContext, input: ParsedInput<'key.rotate'>): JobStatus {
  const { db } = ctx.store;
  const sku = db.select().from(skus).where(eq(skus.id, input.skuId)).get();
  if (!sku) throw notFound('SKU', input.skuId);
  if (!ctx.vault.isUnlocked()) throw new KeyHubError('LOCKED', 'Unlock the signing keys to rotate: every live license is re-signed with the new key.');
  const newKeyId =
    input.keyId !== undefined
      ? requireVendorKey(db, sku.vendorId, input.keyId, 'keyId').id
      : generateKey(db, ctx.vault, ctx.actor, { vendorId: sku.vendorId, displayName: input.newKeyName! }).id;
  const previousKeyId = sku.privateKeyId;
  db.transaction((tx) => {
    tx.update(skus).set({ privateKeyId: newKeyId, updatedAt: nowUtc() }).where(eq(skus.id, sku.id)).run();
    recordAudit(tx, { actor: ctx.actor, targetType: 'sku', targetId: sku.id, action: 'sku.rotateKey', details: { from: previousKeyId, to: newKeyId } });
  });

  return ctx.jobs.start('key.rotate', `Re-sign ${sku.sku}'s licenses`, `sku:${sku.id}`, async (progress) => {
    const { items, unreadable } = filesToResign(db, sku.id, newKeyId, nowUtc());
    const result: RotationResult = { skuId: sku.id, newKeyId, licenses: 0, domainLicenses: 0, unreadable, retiredKeyIds: [] };
    progress(0, items.length, `Re-signing ${items.length} files`);
    if (items.length) {
      await ctx.vault.withSeed(db, newKeyId, async (seed) => {
        const pool = new SignPool(seed, { workers: items.length < 500 ? 0 : undefined });
        try {
          const updateLicense = ctx.store.sqlite.prepare('UPDATE licenses SET license_bytes = ?, signing_key_id = ?, updated_at = ? WHERE id = ?');
          const updateDomain = ctx.store.sqlite.prepare('UPDATE domain_licenses SET license_bytes = ?, signing_key_id = ? WHERE id = ?');
          await signInBatches({
            pool,
            items,
            payloadOf: (item) => licensePayload(item.terms, pool.keyId),
            write: (batch, files) =>
              db.transaction(() => {
                const at = nowUtc();
                batch.forEach((item, i) => {
                  const bytes = Buffer.from(files[i], 'utf8');
                  if (item.table === 'licenses') {
                    updateLicense.run(bytes, newKeyId, at, item.id);
                    result.licenses++;
                  } else {
                    updateDomain.run(bytes, newKeyId, item.id);
                    result.domainLicenses++;
                  }
                });
              }),
            onProgress: (done, total) => progress(done, total, `Re-signed ${done} of ${total} files`),
          });
        } finally {
          await pool.close();
        }
      });
    }
    const oldKeyIds = new Set(items.map((item) => item.oldKeyId));
    if (previousKeyId !== null) oldKeyIds.add(previousKeyId);
    oldKeyIds.delete(newKeyId);
    db.transaction((tx) => {
      for (const keyId of oldKeyIds) if (retireIfUnused(tx, ctx.actor, keyId)) result.retiredKeyIds.push(keyId);
      recordAudit(tx, { actor: ctx.actor, targetType: 'sku', targetId: sku.id, action: 'key.rotate', details: { ...result } });
    });
    return result;
  });
}
