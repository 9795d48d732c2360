/**
 * Who a license belongs to: transfer to another owning customer, owner edits within the
 * SKU's edit_ownership_duration, and support contacts within change_support_contacts_duration
 * (later, each only with a staff override, which the audit log keeps). The owner name is
 * signed, so changing it re-signs the license and its live domain licenses.
 */
import { eq } from 'drizzle-orm';
import { customers, licenses, licenseSupportContacts } from '../../../db/schema';
import type { ParsedInput } from '../../api/contract';
import type { ApiContext } from '../../api/dispatch';
import { invalidField } from '../../api/errors';
import { nowUtc } from '../../shared/time';
import type { Db } from '../../store/open';
import { recordAudit } from '../audit/audit';
import { licenseDetail, supportContactsOf, windowEnd } from './detail';
import { checkSupportContacts } from './issue';
import { describeState, needsOverride, requireLicense, stateConflict, type LicenseRecord } from './record';
import { inSigningTransaction, resignedFile, type OpenKey } from './resign';
import { dayText, plural, requireSigningKey, skuRules, type SkuRules } from './terms';
import type { LicenseDetail } from './types';

function customerName(db: Db, id: number, field: string): string {
  const row = db.select({ name: customers.name }).from(customers).where(eq(customers.id, id)).get();
  if (!row) throw invalidField(field, `Customer ${id} does not exist.`);
  return row.name;
}

/** Re-signs the license and its live (unexpired) domain licenses with a new Owner. */
function resignOwner(ctx: ApiContext, key: OpenKey, license: LicenseRecord, owner: string, now: string): number {
  const { sqlite } = ctx.store;
  const file = resignedFile(`license ${license.id}`, license.licenseBytes, { owner }, key.signer);
  sqlite.prepare('UPDATE licenses SET license_bytes = ?, signing_key_id = ? WHERE id = ?').run(Buffer.from(file, 'utf8'), key.keyId, license.id);
  const live = sqlite
    .prepare('SELECT id, domain_name AS domainName, license_bytes AS bytes FROM domain_licenses WHERE license_id = ? AND (expires IS NULL OR expires > ?)')
    .all(license.id, now) as Array<{ id: number; domainName: string; bytes: Buffer | null }>;
  const update = sqlite.prepare('UPDATE domain_licenses SET license_bytes = ?, signing_key_id = ? WHERE id = ?');
  for (const domain of live) {
    const domainFile = resignedFile(`domain license ${domain.id} (${domain.domainName})`, domain.bytes, { owner }, key.signer);
    update.run(Buffer.from(domainFile, 'utf8'), key.keyId, domain.id);
  }
  return live.length;
}

/**
 * Runs `change` in one transaction; with the SKU's key open when the owner name changes
 * (LOCKED before anything changes when the keys are locked).
 */
function ownerChange<T>(ctx: ApiContext, sku: SkuRules, resign: boolean, change: (tx: Db, key: OpenKey | null) => T): Promise<T> {
  if (!resign) return Promise.resolve(ctx.store.db.transaction((tx) => change(tx, null)));
  return inSigningTransaction(ctx, requireSigningKey(sku), change);
}

/**
 * Transfer to another owning customer (a staff action, allowed at any time); the owner
 * name becomes theirs unless given. A transfer to the customer the license already
 * belongs to is refused: renaming the owner is an owner edit, within its window.
 */
export async function transferLicense(ctx: ApiContext, input: ParsedInput<'license.transfer'>): Promise<LicenseDetail> {
  const { db } = ctx.store;
  const now = nowUtc();
  const plan = (tx: Db) => {
    const license = requireLicense(tx, input.id);
    if (license.status === 'revoked') throw stateConflict(license, `License ${license.id} is ${describeState(license, now)}; resume it before transferring it.`);
    const toName = customerName(tx, input.owningEntityId, 'owningEntityId');
    const owner = input.ownerName ?? toName;
    if (owner.length > 256) throw invalidField('ownerName', 'The customer\'s name is longer than 256 characters, the limit for an owner name; give a shorter owner name.');
    if (license.owningEntityId === input.owningEntityId && license.ownerName === owner) {
      throw stateConflict(license, `License ${license.id} already belongs to ${toName} (customer ${input.owningEntityId}), as ${owner}.`);
    }
    // A transfer is always a change of owning customer; renaming the owner is an owner edit, under edit_ownership_duration.
    if (license.owningEntityId === input.owningEntityId) {
      throw stateConflict(license, `License ${license.id} already belongs to ${toName}; to change the owner name use Edit owner.`);
    }
    return { license, owner, toName };
  };
  const first = plan(db);
  const sku = skuRules(db, first.license.skuId);
  await ownerChange(ctx, sku, first.owner !== first.license.ownerName, (tx, key) => {
    const { license, owner, toName } = plan(tx);
    const fromName = license.owningEntityId === null ? null : customerName(tx, license.owningEntityId, 'owningEntityId');
    const domains = key && owner !== license.ownerName ? resignOwner(ctx, key, license, owner, now) : 0;
    tx.update(licenses).set({ owningEntityId: input.owningEntityId, ownerName: owner, updatedAt: now }).where(eq(licenses.id, license.id)).run();
    recordAudit(tx, {
      actor: ctx.actor,
      targetType: 'license',
      targetId: license.id,
      action: 'license.transfer',
      details: {
        from: { owningEntityId: license.owningEntityId, customer: fromName, owner: license.ownerName },
        to: { owningEntityId: input.owningEntityId, customer: toName, owner },
        reason: input.reason,
        resignedDomains: domains,
      },
    });
  });
  return licenseDetail(ctx.store, input.id);
}

/** A window of `days` after issue: open, or the refusal that an override lifts. */
function windowRefusal(license: LicenseRecord, sku: SkuRules, days: number | null, what: string, rule: string, now: string): string | null {
  const until = windowEnd(license.issued, days);
  if (until === null || now <= until) return null;
  return `License ${license.id}'s ${what} could be changed until ${dayText(until)} (SKU ${sku.sku} allows ${plural(days!, 'day')} after issue, its ${rule}); give a reason to override.`;
}

type OwnerField = 'ownerName' | 'owningEntityId' | 'purchasingEntityId';
interface OwnerChange {
  from: string | number | null;
  to: string | number | null;
  fromName?: string | null;
  toName?: string | null;
}

export async function updateOwner(ctx: ApiContext, input: ParsedInput<'license.updateOwner'>): Promise<LicenseDetail> {
  const { db } = ctx.store;
  const now = nowUtc();
  const plan = (tx: Db) => {
    const license = requireLicense(tx, input.id);
    const changes: Partial<Record<OwnerField, OwnerChange>> = {};
    for (const field of ['ownerName', 'owningEntityId', 'purchasingEntityId'] as const) {
      const to = input[field];
      if (to !== undefined && to !== license[field]) changes[field] = { from: license[field], to };
    }
    // Customers by name too, so the timeline reads "purchasing customer none → Photometer AG".
    for (const field of ['owningEntityId', 'purchasingEntityId'] as const) {
      const change = changes[field];
      if (!change) continue;
      const name = (id: string | number | null) => (typeof id === 'number' ? customerName(tx, id, field) : null);
      change.toName = name(change.to);
      change.fromName = license[field] === null ? null : (tx.select({ name: customers.name }).from(customers).where(eq(customers.id, license[field])).get()?.name ?? null);
    }
    const sku = skuRules(tx, license.skuId);
    const closed = Object.keys(changes).length ? windowRefusal(license, sku, sku.editOwnershipDuration, 'owner fields', 'edit_ownership_duration', now) : null;
    if (closed !== null && !input.override) throw needsOverride(closed);
    return { license, sku, changes, closed };
  };
  const first = plan(db);
  if (!Object.keys(first.changes).length) return licenseDetail(ctx.store, input.id);
  await ownerChange(ctx, first.sku, first.changes.ownerName !== undefined, (tx, key) => {
    const { license, changes, closed } = plan(tx);
    const owner = changes.ownerName ? (changes.ownerName.to as string) : license.ownerName;
    const domains = key && changes.ownerName ? resignOwner(ctx, key, license, owner, now) : 0;
    tx.update(licenses)
      .set({
        ownerName: owner,
        ...(changes.owningEntityId && { owningEntityId: changes.owningEntityId.to as number | null }),
        ...(changes.purchasingEntityId && { purchasingEntityId: changes.purchasingEntityId.to as number | null }),
        updatedAt: now,
      })
      .where(eq(licenses.id, license.id))
      .run();
    recordAudit(tx, {
      actor: ctx.actor,
      targetType: 'license',
      targetId: license.id,
      action: 'license.updateOwner',
      details: { changes, resignedDomains: domains, ...(closed !== null && { override: { reason: input.override!.reason, rule: closed } }) },
    });
  });
  return licenseDetail(ctx.store, input.id);
}

export function setSupportContacts(ctx: ApiContext, input: ParsedInput<'license.setSupportContacts'>): LicenseDetail {
  const now = nowUtc();
  const userIds = [...new Set(input.userIds)];
  ctx.store.db.transaction((tx) => {
    const license = requireLicense(tx, input.id);
    const sku = skuRules(tx, license.skuId);
    const before = tx
      .select({ userId: licenseSupportContacts.userId })
      .from(licenseSupportContacts)
      .where(eq(licenseSupportContacts.licenseId, license.id))
      .all()
      .map((c) => c.userId);
    const same = before.length === userIds.length && userIds.every((id) => before.includes(id));
    if (same) return;
    checkSupportContacts(tx, sku, userIds, 'userIds');
    const closed = windowRefusal(license, sku, sku.changeSupportContactsDuration, 'support contacts', 'change_support_contacts_duration', now);
    if (closed !== null && !input.override) throw needsOverride(closed);
    tx.delete(licenseSupportContacts).where(eq(licenseSupportContacts.licenseId, license.id)).run();
    for (const userId of userIds) tx.insert(licenseSupportContacts).values({ licenseId: license.id, userId }).run();
    tx.update(licenses).set({ updatedAt: now }).where(eq(licenses.id, license.id)).run();
    recordAudit(tx, {
      actor: ctx.actor,
      targetType: 'license',
      targetId: license.id,
      action: 'license.supportContacts',
      details: {
        from: before,
        to: userIds,
        names: supportContactsOf(tx, license.id).map((c) => c.name),
        ...(closed !== null && { override: { reason: input.override!.reason, rule: closed } }),
      },
    });
  });
  return licenseDetail(ctx.store, input.id);
}
