/**
 * Domain licenses, manual and automatic, each with its own signed file of kind `domain`.
 * Added only to a valid license, at most the SKU's max_domains live at once, never
 * outliving the license; deleted only where the SKU's can_delete_* allows (or with an override).
 */
import { eq } from 'drizzle-orm';
import { domainLicenses, licenses } from '../../../db/schema';
import type { ParsedInput } from '../../api/contract';
import type { ApiContext } from '../../api/dispatch';
import { KeyHubError, invalidField, notFound } from '../../api/errors';
import { signLicense } from '../../license/signer';
import { addDays, nowUtc } from '../../shared/time';
import type { Db } from '../../store/open';
import type { Deleted } from '../catalog/types';
import { recordAudit } from '../audit/audit';
import { domainForIssue } from './domain-policy';
import { describeState, needsOverride, requireLicense, stateConflict, stateOf } from './record';
import { inSigningTransaction, storedClaims, termsOf, unreadable } from './resign';
import { domainRowsByIds } from './rows';
import { capExpiry, dayText, plural, requireSigningKey, skuRules, type SkuRules } from './terms';
import type { DomainLicenseRow } from './types';

const kindWord = (automatic: boolean) => (automatic ? 'automatic' : 'manual');

/** "(manual, expires 2027-01-01)", "(automatic, never expires)". */
export const domainTerms = (automatic: boolean, expires: string | null) =>
  `(${kindWord(automatic)}, ${expires === null ? 'never expires' : `expires ${dayText(expires)}`})`;

interface DomainPlan {
  licenseId: number;
  domain: string;
  automatic: boolean;
  expires: string | null;
  /** An expired row for the same domain, re-issued in place. */
  reissueId: number | null;
  sku: SkuRules;
}

function planDomain(db: Db, input: ParsedInput<'domain.add'>, now: string): DomainPlan {
  const license = requireLicense(db, input.licenseId);
  const normal = domainForIssue(input.domain);
  if (!normal.ok) throw invalidField('domain', normal.reason);
  const state = stateOf(license, now);
  if (state !== 'active') {
    throw stateConflict(license, `License ${license.id} is ${describeState(license, now)}; domains can be added only to a valid license.`);
  }
  const sku = skuRules(db, license.skuId);
  const rows = db
    .select({ id: domainLicenses.id, domainName: domainLicenses.domainName, expires: domainLicenses.expires, isAutomatic: domainLicenses.isAutomatic })
    .from(domainLicenses)
    .where(eq(domainLicenses.licenseId, license.id))
    .all();
  const live = rows.filter((d) => d.expires === null || d.expires > now);
  const existing = rows.find((d) => d.domainName === normal.domain);
  if (existing && live.includes(existing)) {
    const message = `${normal.domain} is already licensed under license ${license.id} ${domainTerms(existing.isAutomatic, existing.expires)}.`;
    throw new KeyHubError('CONFLICT', message, { fields: { domain: message }, existingId: existing.id });
  }
  if (sku.maxDomains !== null && live.length >= sku.maxDomains) {
    throw invalidField('domain', `SKU ${sku.sku} allows ${plural(sku.maxDomains, 'domain')} per license; license ${license.id} already has ${plural(live.length, 'live domain')}.`);
  }
  let own: string | null;
  if (input.automatic) {
    if (input.expires !== undefined) throw invalidField('expires', "An automatic domain license takes its expiry from the SKU's automatic domain duration; leave the expiry out.");
    own = sku.autoDomainDuration === null ? null : addDays(now, sku.autoDomainDuration);
  } else if (input.expires !== undefined) {
    if (input.expires !== null && input.expires <= now) throw invalidField('expires', 'The expiry must be in the future.');
    own = input.expires;
  } else {
    own = sku.manualDomainDuration === null ? null : addDays(now, sku.manualDomainDuration);
  }
  return { licenseId: license.id, domain: normal.domain, automatic: input.automatic, expires: capExpiry(own, license.expires), reissueId: existing?.id ?? null, sku };
}

export async function addDomain(ctx: ApiContext, input: ParsedInput<'domain.add'>): Promise<DomainLicenseRow> {
  const { db, sqlite } = ctx.store;
  const now = nowUtc();
  const first = planDomain(db, input, now);
  const id = await inSigningTransaction(ctx, requireSigningKey(first.sku), (tx, key) => {
    const plan = planDomain(tx, input, now);
    const license = requireLicense(tx, plan.licenseId);
    const read = storedClaims(license.licenseBytes);
    if (!read.ok) throw unreadable(`license ${license.id}`, read.reason);
    // The license's own terms (vendor, SKU, owner, features, message), as its file states them.
    const file = signLicense({ ...termsOf(read.claims), kind: 'domain', domain: plan.domain, issued: now, expires: plan.expires }, key.signer);
    const values = { issued: now, expires: plan.expires, isAutomatic: plan.automatic, licenseBytes: Buffer.from(file, 'utf8'), signingKeyId: key.keyId };
    const domainId =
      plan.reissueId !== null
        ? (tx.update(domainLicenses).set(values).where(eq(domainLicenses.id, plan.reissueId)).run(), plan.reissueId)
        : tx.insert(domainLicenses).values({ licenseId: license.id, domainName: plan.domain, ...values }).returning({ id: domainLicenses.id }).get().id;
    recordAudit(tx, {
      actor: ctx.actor,
      targetType: 'license',
      targetId: license.id,
      action: 'domain.add',
      details: { domainLicenseId: domainId, domain: plan.domain, automatic: plan.automatic, expires: plan.expires, reissued: plan.reissueId !== null },
    });
    return domainId;
  });
  return domainRowsByIds(sqlite, [id], nowUtc())[0];
}

export function deleteDomain(ctx: ApiContext, input: ParsedInput<'domain.delete'>): Deleted {
  ctx.store.db.transaction((tx) => {
    const row = tx
      .select({ id: domainLicenses.id, licenseId: domainLicenses.licenseId, domainName: domainLicenses.domainName, expires: domainLicenses.expires, isAutomatic: domainLicenses.isAutomatic, skuId: licenses.skuId })
      .from(domainLicenses)
      .innerJoin(licenses, eq(licenses.id, domainLicenses.licenseId))
      .where(eq(domainLicenses.id, input.id))
      .get();
    if (!row) throw notFound('Domain license', input.id);
    const sku = skuRules(tx, row.skuId);
    const allowed = row.isAutomatic ? sku.canDeleteAutoDomains : sku.canDeleteManualDomains;
    const refusal = allowed
      ? null
      : `SKU ${sku.sku} does not allow deleting ${kindWord(row.isAutomatic)} domain licenses (${row.isAutomatic ? 'can_delete_auto_domains' : 'can_delete_manual_domains'} is off), so ${row.domainName} stays on license ${row.licenseId}; give a reason to override.`;
    if (refusal !== null && !input.override) throw needsOverride(refusal);
    tx.delete(domainLicenses).where(eq(domainLicenses.id, row.id)).run();
    recordAudit(tx, {
      actor: ctx.actor,
      targetType: 'license',
      targetId: row.licenseId,
      action: 'domain.delete',
      details: {
        domainLicenseId: row.id,
        domain: row.domainName,
        automatic: row.isAutomatic,
        expires: row.expires,
        ...(refusal !== null && { override: { reason: input.override!.reason, rule: refusal } }),
      },
    });
  });
  return { id: input.id, deleted: true };
}
