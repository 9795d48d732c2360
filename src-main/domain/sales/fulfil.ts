/**
 * Fulfilment: one signed license per unit of a confirmed purchase's item, written
 * through the ledger (`fulfilments`, UNIQUE provider + item id + unit) in the caller's
 * write transaction, so a replayed or re-imported purchase never issues twice.
 */
import type Database from 'better-sqlite3';
import { signLicense } from '../../license/signer';
import { addDays } from '../../shared/time';
import { statement } from '../../store/statements';
import { recordAuditFast } from '../audit/audit';
import { notBeforeIssue } from '../licenses/expiry';
import { saleWindowRefusal } from '../licenses/issue';
import type { SkuSigning } from '../licenses/terms';
import { issuedExpiry, seatsOf, standingOfItem, type ItemStanding } from '../sync/subscription-expiry';
import type { SkuBook, Signers } from './signing';

/** What a batch of fulfilment shares: who acts, the SKUs read so far, and the open signers. */
export interface FulfilContext {
  sqlite: Database.Database;
  actor: string;
  skus: SkuBook;
  signers: Signers;
  /** The next license id within this write transaction once read (a batch without savepoints); absent: read it each time. */
  ids?: { next: number | null };
}

/** A transaction item as fulfilment reads it. */
export interface ItemToFulfil {
  itemId: number;
  skuId: number | null;
  providerItemId: string;
  quantity: number;
  /** An expiry the provider set (a subscription's period end plus grace); absent: the SKU's duration. */
  expires?: string | null;
}

/** The purchase an item belongs to. */
export interface PurchaseToFulfil {
  transactionId: number;
  provider: string;
  providerTxnId: string;
  customerId: number | null;
  ownerName: string;
  paymentDate: string;
}

export interface ItemFulfilment {
  issued: number;
  /** Units left without a license (no SKU, no usable key). */
  waiting: number;
}

const MAX_OWNER = 256;

/** Units of the item that already have their license. */
export function fulfilledUnits(sqlite: Database.Database, provider: string, providerItemId: string): Set<number> {
  const rows = statement(sqlite, 'SELECT unit FROM fulfilments WHERE provider = ? AND provider_item_id = ?').all(provider, providerItemId) as Array<{ unit: number }>;
  return new Set(rows.map((r) => r.unit));
}

/**
 * Issues the item's missing units: one per unit, a subscription item's never more than
 * the seats it has (an invoice may bill more before the subscription shows them). `known`
 * lists units already fulfilled when the caller has just created the item (none), saving
 * a look-up per item on the import path.
 */
export function fulfilItem(ctx: FulfilContext, purchase: PurchaseToFulfil, item: ItemToFulfil, known?: ReadonlySet<number>): ItemFulfilment {
  // An item just created with nothing issued is a one-off line, never a subscription item.
  const standing = known ? undefined : standingOfItem(ctx.sqlite, purchase.provider, item.providerItemId);
  const units = seatsOf(standing, item.quantity);
  const done = known ?? fulfilledUnits(ctx.sqlite, purchase.provider, item.providerItemId);
  const missing = units - [...done].filter((u) => u <= units).length;
  const result = issueUnits(ctx, purchase, item, units, standing, done, missing);
  // A new item starts at 0 waiting, so only a stored one needs setting when nothing waits.
  if (result.waiting > 0 || known === undefined) {
    statement(ctx.sqlite, 'UPDATE transaction_items SET waiting_units = ? WHERE id = ? AND waiting_units <> ?').run(result.waiting, item.itemId, result.waiting);
  }
  return result;
}

/**
 * A subscription item's licenses follow its subscription (an item fulfilled after a
 * mapping, or a seat issued late); any other's last the SKU's license duration.
 */
function defaultExpiry(standing: ItemStanding | undefined, sku: SkuSigning, issued: string): string | null {
  const following = issuedExpiry(standing, null, sku.subscriptionGraceDays);
  if (following !== undefined) return notBeforeIssue(following, issued);
  return sku.licenseDuration === null ? null : addDays(issued, sku.licenseDuration);
}

function issueUnits(
  ctx: FulfilContext,
  purchase: PurchaseToFulfil,
  item: ItemToFulfil,
  units: number,
  standing: ItemStanding | undefined,
  done: ReadonlySet<number>,
  missing: number,
): ItemFulfilment {
  if (missing <= 0) return { issued: 0, waiting: 0 };
  if (item.skuId === null) return { issued: 0, waiting: missing };
  const keyId = ctx.skus.usableKeyOf(item.skuId);
  const signer = keyId === null ? undefined : ctx.signers.get(keyId);
  if (keyId === null || !signer) return { issued: 0, waiting: missing };

  const sku = ctx.skus.signingOf(item.skuId);
  const issued = purchase.paymentDate;
  const expires = item.expires !== undefined ? item.expires : defaultExpiry(standing, sku, issued);
  const owner = purchase.ownerName.slice(0, MAX_OWNER);
  const offSale = saleWindowRefusal(sku, issued, `issued anyway: the customer paid through ${purchase.provider}`);
  // The file names its license's id, so the id is taken first and the row written once, file and all.
  const nextId = statement(ctx.sqlite, "SELECT max(coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'licenses'), 0), coalesce((SELECT max(id) FROM licenses), 0)) + 1 AS id");
  const insertLicense = statement(
    ctx.sqlite,
    `INSERT INTO licenses (id, sku_id, transaction_item_id, owner_name, purchasing_entity_id, owning_entity_id, issued, expires, signing_key_id, license_bytes)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const ledger = statement(ctx.sqlite, 'INSERT INTO fulfilments (provider, provider_item_id, unit, transaction_item_id, license_id) VALUES (?, ?, ?, ?, ?)');

  let count = 0;
  for (let unit = 1; unit <= units; unit++) {
    if (done.has(unit)) continue;
    const licenseId = ctx.ids ? (ctx.ids.next ??= (nextId.get() as { id: number }).id) : (nextId.get() as { id: number }).id;
    if (ctx.ids) ctx.ids.next = licenseId + 1;
    const file = signLicense({ kind: 'license', licenseId, vendor: sku.vendorName, sku: sku.sku, owner, features: sku.features, issued, expires, message: null }, signer);
    insertLicense.run(licenseId, sku.skuId, item.itemId, owner, purchase.customerId, purchase.customerId, issued, expires, keyId, Buffer.from(file, 'utf8'));
    ledger.run(purchase.provider, item.providerItemId, unit, item.itemId, licenseId);
    recordAuditFast(ctx.sqlite, {
      actor: ctx.actor,
      targetType: 'license',
      targetId: licenseId,
      action: 'license.issue',
      details: {
        skuId: sku.skuId,
        sku: sku.sku,
        owner,
        owningEntityId: purchase.customerId,
        purchasingEntityId: purchase.customerId,
        expires,
        keyFingerprint: signer.keyId,
        purchase: { transactionId: purchase.transactionId, provider: purchase.provider, providerTxnId: purchase.providerTxnId, unit, of: units },
        ...(offSale !== null && { saleWindow: offSale }),
      },
    });
    count++;
  }
  return { issued: count, waiting: 0 };
}
