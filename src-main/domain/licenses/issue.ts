/**
 * Issuing signed licenses: one at a time (`license.issue`, `keyhub sign`) or a batch
 * (`license.signBatch`, a CSV). Every file is signed with the SKU's key; the row and
 * its file are written in the same transaction.
 */
import type Database from 'better-sqlite3';
import { and, eq, inArray } from 'drizzle-orm';
import { appLicenses, apps, customers, domainLicenses, featureIds, licenses, licenseSupportContacts, users } from '../../../db/schema';
import type { z } from 'zod';
import type { ParsedInput } from '../../api/contract';
import type { licenseIssue, licenseSign } from '../../api/schemas';
import type { ApiContext } from '../../api/dispatch';
import { KeyHubError, invalidField, notFound } from '../../api/errors';
import { nodeSigner } from '../../license/ed25519';
import { SignPool } from '../../license/bulk/sign-pool';
import { signInBatches } from '../../license/bulk/signed-batches';
import { licensePayload, LicenseTermsError, signLicense, type LicenseTerms } from '../../license/signer';
import type { Db } from '../../store/open';
import { addDays, nowUtc } from '../../shared/time';
import { recordAudit } from '../audit/audit';
import type { JobStatus } from '../jobs/jobs';
import { domainForIssue } from './domain-policy';
import { capExpiry, dayText, plural, skuRules, skuSigning, type SkuRules, type SkuSigning } from './terms';

export interface SignedFile {
  kind: 'license' | 'domain';
  licenseId: number;
  domainLicenseId: number | null;
  domain: string | null;
  file: string;
}

export interface SignedLicense {
  licenseId: number;
  keyFingerprint: string;
  files: SignedFile[];
}

type SignInput = z.output<typeof licenseSign>;
type IssueInput = z.output<typeof licenseIssue>;

/** A request checked against its SKU, ready to sign: what a row will hold. */
interface PreparedLicense {
  sku: SkuSigning;
  owner: string;
  features: string[];
  issued: string;
  expires: string | null;
  message: string | null;
  domains: Array<{ domain: string; expires: string | null }>;
}

/** What `license.issue` adds to a signed license: the customers, apps and support contacts. */
interface PreparedLinks {
  owningEntityId: number | null;
  purchasingEntityId: number | null;
  appIds: string[];
  supportContactIds: number[];
  overrideReason: string | null;
}

/**
 * A SKU is sold between its release and expiration dates; issuing outside them needs a
 * staff override with a reason. Returns the refusal, or null when on sale.
 */
/** How to get past the sale window: one license can be overridden, a batch row cannot. */
const OVERRIDE_REMEDY = 'give a reason to override and issue it anyway';
const BATCH_REMEDY = 'a batch cannot override that: issue this one on its own, with a reason';

export function saleWindowRefusal(sku: SkuRules, now: string, remedy = OVERRIDE_REMEDY): string | null {
  if (sku.releaseDate !== null && sku.releaseDate > now) {
    return `SKU ${sku.sku} is not on sale until ${dayText(sku.releaseDate)} (its release date); ${remedy}.`;
  }
  if (sku.expirationDate !== null && sku.expirationDate <= now) {
    return `SKU ${sku.sku} has been off sale since ${dayText(sku.expirationDate)} (its expiration date); ${remedy}.`;
  }
  return null;
}

/** Feature codes as the vendor spells them; unknown codes are refused by name. */
function canonicalFeatures(db: Db, sku: SkuSigning, asked: string[] | undefined): string[] {
  if (asked === undefined) return sku.features;
  const known = db
    .select({ code: featureIds.code })
    .from(featureIds)
    .where(eq(featureIds.vendorId, sku.vendorId))
    .all()
    .map((f) => f.code);
  const byLower = new Map(known.map((code) => [code.toLowerCase(), code]));
  const codes = [...new Set(asked.map((code) => code.toLowerCase()))].map((lower) => {
    const code = byLower.get(lower);
    if (!code) throw invalidField('features', `${sku.vendorName} has no feature code "${lower}".`);
    return code;
  });
  return codes;
}

function prepare(db: Db, input: SignInput, now: string, override: string | null = null, inBatch = false): PreparedLicense {
  const sku = skuSigning(db, input.skuId);
  if (sku.keyRetired) throw invalidField('skuId', `SKU ${sku.sku}'s signing key is retired; rotate the SKU to a current key.`);
  const offSale = saleWindowRefusal(sku, now, inBatch ? BATCH_REMEDY : OVERRIDE_REMEDY);
  // Named on both fields: the SKU is the problem, the override is the way past it.
  if (offSale !== null && override === null) throw new KeyHubError('VALIDATION', offSale, { fields: { skuId: offSale, ...(!inBatch && { override: offSale }) } });
  const expires = input.expires !== undefined ? input.expires : sku.licenseDuration === null ? null : addDays(now, sku.licenseDuration);
  if (expires !== null && expires <= now) throw invalidField('expires', 'The expiry must be in the future.');
  const seen = new Set<string>();
  const domains = input.domains.map((asked) => {
    const normal = domainForIssue(asked);
    if (!normal.ok) throw invalidField('domains', normal.reason);
    if (seen.has(normal.domain)) throw invalidField('domains', `${normal.domain} is listed twice (after removing www. and the like).`);
    seen.add(normal.domain);
    const own = sku.manualDomainDuration === null ? null : addDays(now, sku.manualDomainDuration);
    return { domain: normal.domain, expires: capExpiry(own, expires) };
  });
  if (sku.maxDomains !== null && domains.length > sku.maxDomains) {
    throw invalidField('domains', `SKU ${sku.sku} allows ${sku.maxDomains} domain${sku.maxDomains === 1 ? '' : 's'} per license; ${domains.length} were given.`);
  }
  return { sku, owner: input.owner, features: canonicalFeatures(db, sku, input.features), issued: now, expires, message: input.message, domains };
}

function licenseTerms(p: PreparedLicense, licenseId: number): LicenseTerms {
  return {
    kind: 'license',
    licenseId,
    vendor: p.sku.vendorName,
    sku: p.sku.sku,
    owner: p.owner,
    features: p.features,
    issued: p.issued,
    expires: p.expires,
    message: p.message,
  };
}

function domainTerms(p: PreparedLicense, licenseId: number, domain: { domain: string; expires: string | null }): LicenseTerms {
  return { ...licenseTerms(p, licenseId), kind: 'domain', domain: domain.domain, expires: domain.expires };
}

/** Terms errors name the field they are about; at the boundary they are validation errors. */
function asFieldError(error: unknown): unknown {
  return error instanceof LicenseTermsError ? invalidField(error.field, error.message) : error;
}

function insertLicense(db: Db, p: PreparedLicense, links: PreparedLinks): number {
  return db
    .insert(licenses)
    .values({
      skuId: p.sku.skuId,
      ownerName: p.owner,
      owningEntityId: links.owningEntityId,
      purchasingEntityId: links.purchasingEntityId,
      issued: p.issued,
      expires: p.expires,
      signingKeyId: p.sku.keyId,
    })
    .returning({ id: licenses.id })
    .get().id;
}

/** Ids that name no row of a table, for "does not exist" refusals. */
function missingIds<T extends string | number>(found: T[], asked: T[]): T[] {
  const have = new Set(found);
  return asked.filter((id) => !have.has(id));
}

function requireCustomer(db: Db, id: number, field: string, role: string): string {
  const row = db.select({ name: customers.name }).from(customers).where(eq(customers.id, id)).get();
  if (!row) throw invalidField(field, `Customer ${id} does not exist (the ${role}).`);
  return row.name;
}

/** Support contacts must be users, at most the SKU's max_support_contacts. */
export function checkSupportContacts(db: Db, sku: SkuRules, userIds: number[], field: string): void {
  if (!userIds.length) return;
  const found = db.select({ id: users.id }).from(users).where(inArray(users.id, userIds)).all().map((u) => u.id);
  const missing = missingIds(found, userIds);
  if (missing.length) throw invalidField(field, missing.length === 1 ? `User ${missing[0]} does not exist.` : `Users ${missing.join(', ')} do not exist.`);
  if (sku.maxSupportContacts !== null && userIds.length > sku.maxSupportContacts) {
    throw invalidField(field, `SKU ${sku.sku} allows ${plural(sku.maxSupportContacts, 'support contact')} per license; ${userIds.length} were given.`);
  }
}

/** The owner, customers, apps and support contacts of a new license, checked. */
function prepareLinks(db: Db, sku: SkuRules, input: IssueInput): PreparedLinks & { owner: string } {
  const owningName = input.owningEntityId === undefined ? null : requireCustomer(db, input.owningEntityId, 'owningEntityId', 'owning customer');
  if (input.purchasingEntityId !== undefined) requireCustomer(db, input.purchasingEntityId, 'purchasingEntityId', 'purchasing customer');
  const owner = input.owner ?? owningName ?? '';
  if (owner.length > 256) throw invalidField('owner', 'The owning customer\'s name is longer than 256 characters, the limit for an owner name; give a shorter owner name.');
  const appIds = [...new Set(input.appIds)];
  if (appIds.length) {
    const found = db.select({ id: apps.id }).from(apps).where(inArray(apps.id, appIds)).all().map((a) => a.id);
    const missing = missingIds(found, appIds);
    if (missing.length) throw invalidField('appIds', missing.length === 1 ? `App ${missing[0]} does not exist.` : `Apps ${missing.join(', ')} do not exist.`);
  }
  const supportContactIds = [...new Set(input.supportContactIds)];
  checkSupportContacts(db, sku, supportContactIds, 'supportContactIds');
  return {
    owner,
    owningEntityId: input.owningEntityId ?? null,
    purchasingEntityId: input.purchasingEntityId ?? null,
    appIds,
    supportContactIds,
    overrideReason: input.override?.reason ?? null,
  };
}

/**
 * Issues one license (and its manual domain licenses), signed, with its customers, apps
 * and support contacts, in one transaction.
 */
export async function signOneLicense(ctx: ApiContext, input: IssueInput): Promise<SignedLicense> {
  const { db } = ctx.store;
  const now = nowUtc();
  const links = prepareLinks(db, skuRules(db, input.skuId), input);
  const prepared = prepare(db, { ...input, owner: links.owner }, now, links.overrideReason);
  const offSale = saleWindowRefusal(prepared.sku, now);
  return ctx.vault.withSeed(db, prepared.sku.keyId, (seed) => {
    const signer = nodeSigner(seed);
    try {
      return db.transaction((tx) => {
        const licenseId = insertLicense(tx, prepared, links);
        const licenseFile = signLicense(licenseTerms(prepared, licenseId), signer);
        tx.update(licenses).set({ licenseBytes: Buffer.from(licenseFile, 'utf8') }).where(eq(licenses.id, licenseId)).run();
        const files: SignedFile[] = [{ kind: 'license', licenseId, domainLicenseId: null, domain: null, file: licenseFile }];
        for (const domain of prepared.domains) {
          const file = signLicense(domainTerms(prepared, licenseId, domain), signer);
          const row = tx
            .insert(domainLicenses)
            .values({ licenseId, domainName: domain.domain, issued: prepared.issued, expires: domain.expires, isAutomatic: false, licenseBytes: Buffer.from(file, 'utf8'), signingKeyId: prepared.sku.keyId })
            .returning({ id: domainLicenses.id })
            .get();
          files.push({ kind: 'domain', licenseId, domainLicenseId: row.id, domain: domain.domain, file });
        }
        for (const appId of links.appIds) tx.insert(appLicenses).values({ appId, licenseId }).run();
        for (const userId of links.supportContactIds) tx.insert(licenseSupportContacts).values({ licenseId, userId }).run();
        recordAudit(tx, {
          actor: ctx.actor,
          targetType: 'license',
          targetId: licenseId,
          action: 'license.issue',
          details: {
            skuId: prepared.sku.skuId,
            sku: prepared.sku.sku,
            owner: prepared.owner,
            owningEntityId: links.owningEntityId,
            purchasingEntityId: links.purchasingEntityId,
            expires: prepared.expires,
            domains: prepared.domains.map((d) => d.domain),
            appIds: links.appIds,
            supportContactIds: links.supportContactIds,
            keyFingerprint: signer.keyId,
            // The reason is kept only when the override was needed.
            ...(offSale !== null && { override: { reason: links.overrideReason, rule: offSale } }),
          },
        });
        return { licenseId, keyFingerprint: signer.keyId, files };
      });
    } catch (error) {
      throw asFieldError(error);
    }
  });
}

export interface BatchResult {
  licenses: number;
  domainLicenses: number;
  /** The new licenses' ids in the order of the rows: row i became license licenseIds[i]. */
  licenseIds: number[];
}

/**
 * Checks every row first (a batch with one bad row writes nothing, and says which
 * lines), then signs in bulk, one transaction per batch.
 */
export function startSignBatch(ctx: ApiContext, input: ParsedInput<'license.signBatch'>): JobStatus {
  const { db } = ctx.store;
  const now = nowUtc();
  const problems: Record<string, string> = {};
  const prepared: PreparedLicense[] = [];
  input.rows.forEach((row, index) => {
    const line = row.line ?? index + 1;
    try {
      const p = prepare(db, row, now, null, true);
      // Builds the payload once so bad terms (a control character, …) fail here, by line.
      licensePayload(licenseTerms(p, 1), '0000000000000000');
      prepared.push(p);
    } catch (error) {
      const message = error instanceof KeyHubError || error instanceof LicenseTermsError ? error.message : String(error);
      problems[`rows.${index}`] = `Line ${line}: ${message}`;
    }
  });
  const lines = Object.values(problems);
  if (lines.length) {
    throw new KeyHubError('VALIDATION', `${lines.length} of ${input.rows.length} rows cannot be signed; nothing was issued. ${lines.slice(0, 5).join(' ')}${lines.length > 5 ? ' …' : ''}`, { fields: problems });
  }
  const keyIds = [...new Set(prepared.map((p) => p.sku.keyId))];
  return ctx.jobs.start('license.signBatch', `Sign ${prepared.length} licenses`, 'license.signBatch', async (progress) => {
    const result: BatchResult = { licenses: 0, domainLicenses: 0, licenseIds: [] };
    // Rows are signed grouped by key; their ids are listed in row order at the end.
    const idOfRow = new Map<PreparedLicense, number>();
    for (const keyId of keyIds) {
      const rows = prepared.filter((p) => p.sku.keyId === keyId);
      const before = result.licenses;
      await ctx.vault.withSeed(db, keyId, async (seed) => {
        const pool = new SignPool(seed, { workers: rows.length < 500 ? 0 : undefined });
        try {
          await signLicensesInBatches(ctx, pool, rows, result, idOfRow, (done) => progress(before + done, prepared.length, `Signed ${before + done} of ${prepared.length} licenses`));
        } finally {
          await pool.close();
        }
      });
    }
    result.licenseIds = prepared.map((p) => idOfRow.get(p)!);
    return result;
  });
}

/**
 * Claims `count` license ids before any is signed (a file names its license's id):
 * AUTOINCREMENT hands out ids after `sqlite_sequence`, so raising it in one write
 * transaction keeps every other insert (a license signed meanwhile, another KeyHub
 * process) out of the range. Returns the first id.
 */
function reserveLicenseIds(sqlite: Database.Database, count: number): number {
  return sqlite
    .transaction(() => {
      const seq = sqlite.prepare("SELECT seq FROM sqlite_sequence WHERE name = 'licenses'").get() as { seq: number } | undefined;
      const maxId = (sqlite.prepare('SELECT max(id) AS id FROM licenses').get() as { id: number | null }).id ?? 0;
      const last = Math.max(seq?.seq ?? 0, maxId);
      if (seq) sqlite.prepare("UPDATE sqlite_sequence SET seq = ? WHERE name = 'licenses'").run(last + count);
      else sqlite.prepare("INSERT INTO sqlite_sequence (name, seq) VALUES ('licenses', ?)").run(last + count);
      return last + 1;
    })
    .immediate();
}

/** Licenses need their row id in the file, so each batch reserves ids first. */
async function signLicensesInBatches(
  ctx: ApiContext,
  pool: SignPool,
  rows: PreparedLicense[],
  result: BatchResult,
  idOfRow: Map<PreparedLicense, number>,
  onProgress: (done: number) => void,
) {
  const { db } = ctx.store;
  const items = rows.flatMap((p) => [{ p, domain: null as null | { domain: string; expires: string | null } }, ...p.domains.map((domain) => ({ p, domain }))]);
  let nextLicenseId = reserveLicenseIds(ctx.store.sqlite, rows.length);
  const idOf = new Map<PreparedLicense, number>();
  for (const p of rows) idOf.set(p, nextLicenseId++);
  let done = 0;
  const insertLicenseRow = ctx.store.sqlite.prepare(
    'INSERT INTO licenses (id, sku_id, owner_name, issued, expires, signing_key_id, license_bytes) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  const insertDomainRow = ctx.store.sqlite.prepare(
    'INSERT INTO domain_licenses (license_id, domain_name, issued, expires, is_automatic, license_bytes, signing_key_id) VALUES (?, ?, ?, ?, 0, ?, ?)',
  );
  await signInBatches({
    pool,
    items,
    payloadOf: ({ p, domain }) => licensePayload(domain ? domainTerms(p, idOf.get(p)!, domain) : licenseTerms(p, idOf.get(p)!), pool.keyId),
    write: (batch, files) =>
      db.transaction((tx) => {
        batch.forEach(({ p, domain }, i) => {
          const id = idOf.get(p)!;
          if (!domain) {
            insertLicenseRow.run(id, p.sku.skuId, p.owner, p.issued, p.expires, p.sku.keyId, Buffer.from(files[i], 'utf8'));
            result.licenses++;
            idOfRow.set(p, id);
            done++;
          } else {
            insertDomainRow.run(id, domain.domain, p.issued, domain.expires, Buffer.from(files[i], 'utf8'), p.sku.keyId);
            result.domainLicenses++;
          }
        });
        // The range lets each license's timeline find the batch that issued it.
        const ids = batch.filter((item) => !item.domain).map((item) => idOf.get(item.p)!);
        const range = ids.length ? { firstLicenseId: Math.min(...ids), lastLicenseId: Math.max(...ids) } : {};
        recordAudit(tx, { actor: ctx.actor, targetType: 'license', targetId: `${batch[0] ? idOf.get(batch[0].p) : ''}..`, action: 'license.issueBatch', details: { rows: batch.length, licenses: ids.length, ...range, keyFingerprint: pool.keyId } });
        onProgress(done);
      }),
  });
}

/** The stored file of a license, or of one of its domain licenses. */
export function licenseFile(db: Db, input: ParsedInput<'license.file'>): SignedFile {
  if (input.domain === undefined) {
    const row = db.select({ bytes: licenses.licenseBytes }).from(licenses).where(eq(licenses.id, input.licenseId)).get();
    if (!row) throw notFound('License', input.licenseId);
    if (!row.bytes) throw new KeyHubError('NOT_FOUND', `License ${input.licenseId} has no signed file yet.`);
    return { kind: 'license', licenseId: input.licenseId, domainLicenseId: null, domain: null, file: row.bytes.toString('utf8') };
  }
  const normal = domainForIssue(input.domain);
  const name = normal.ok ? normal.domain : input.domain;
  const row = db
    .select({ id: domainLicenses.id, bytes: domainLicenses.licenseBytes })
    .from(domainLicenses)
    .where(and(eq(domainLicenses.licenseId, input.licenseId), eq(domainLicenses.domainName, name)))
    .get();
  if (!row || !row.bytes) throw new KeyHubError('NOT_FOUND', `License ${input.licenseId} has no domain license for ${name}.`);
  return { kind: 'domain', licenseId: input.licenseId, domainLicenseId: row.id, domain: name, file: row.bytes.toString('utf8') };
}
