/**
 * KeyHub's store: the data model of the seed `004_*.txt`, table for table and column
 * for column, plus what the payment seeds show a licensing business needs (customers,
 * provider customer ids, prices, payment logs, an audit log, settings).
 *
 * Conventions (README, "Design notes", says why):
 * - Times are UTC ISO-8601 text, always `YYYY-MM-DDTHH:MM:SS.sssZ`, so text order is time order.
 * - Durations (`*_duration`) are whole days; null means "no limit / never expires".
 * - Money is integer minor units (cents) plus an ISO 4217 currency code.
 * - Booleans are 0/1 integers; JSON is text.
 * - Every foreign key names its ON DELETE rule; the README lists why for each.
 */
import { sql } from 'drizzle-orm';
import {
  type AnySQLiteColumn,
  blob,
  check,
  index,
  integer,
  primaryKey,
  sqliteTable,
  text,
  uniqueIndex,
} from 'drizzle-orm/sqlite-core';

const createdAt = () =>
  text('created_at')
    .notNull()
    .default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`);
const updatedAt = () =>
  text('updated_at')
    .notNull()
    .default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`);
const bool = (name: string) => integer(name, { mode: 'boolean' });

/** Seed: str = nvarchar(256), str2 = nvarchar(4096). SQLite does not enforce lengths; CHECKs do. */
const maxLen = (column: string, n: number) => sql.raw(`length(${column}) <= ${n}`);

/** The seed's postal fields (street/city/region/postal/country) are str: 256 at most. */
const addressLengthChecks = (table: string) =>
  ['street', 'city', 'region', 'postal', 'country'].map((column) =>
    check(`${table}_${column}_len`, maxLen(column, 256)),
  );

// ---------------------------------------------------------------- vendors and catalog

export const vendors = sqliteTable(
  'vendors',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    name: text('name').notNull(),
    street: text('street'),
    city: text('city'),
    region: text('region'),
    postal: text('postal'),
    country: text('country'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('vendors_name_unique').on(sql`${t.name} COLLATE NOCASE`),
    ...addressLengthChecks('vendors'),
    index('vendors_country_nocase_idx').on(sql`${t.country} COLLATE NOCASE`),
    check('vendors_name_len', sql`length(${t.name}) BETWEEN 1 AND 1024`),
  ],
);

/** Seed PrivateKeys. The secret is only ever stored encrypted (envelope format: src-main/keys). */
export const privateKeys = sqliteTable(
  'private_keys',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    vendorId: integer('vendor_id')
      .notNull()
      .references(() => vendors.id, { onDelete: 'restrict' }),
    displayName: text('display_name').notNull(),
    privateKeyBytes: blob('private_key_bytes', { mode: 'buffer' }).notNull(),
    publicKey: text('public_key').notNull(),
    fingerprint: text('fingerprint').notNull(),
    createdAt: createdAt(),
    retiredAt: text('retired_at'),
  },
  (t) => [
    uniqueIndex('private_keys_fingerprint_unique').on(t.fingerprint),
    index('private_keys_vendor_idx').on(t.vendorId),
    check('private_keys_display_name_len', sql`length(${t.displayName}) BETWEEN 1 AND 256`),
    check('private_keys_bytes_len', sql`length(${t.privateKeyBytes}) <= 4096`),
  ],
);

export const skus = sqliteTable(
  'skus',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    privateKeyId: integer('private_key_id').references(() => privateKeys.id, {
      onDelete: 'restrict',
    }),
    vendorId: integer('vendor_id')
      .notNull()
      .references(() => vendors.id, { onDelete: 'restrict' }),
    sku: text('sku').notNull(),
    /** Not in the seed: a human name beside the code ("Resizer 3 Enterprise bundle"). */
    name: text('name'),
    maxDomains: integer('max_domains'),
    editOwnershipDuration: integer('edit_ownership_duration'),
    maxSupportContacts: integer('max_support_contacts'),
    changeSupportContactsDuration: integer('change_support_contacts_duration'),
    licenseDuration: integer('license_duration'),
    autoDomainDuration: integer('auto_domain_duration'),
    manualDomainDuration: integer('manual_domain_duration'),
    /**
     * Not in the seed: days a subscription's licenses run past its paid period's end (a
     * renewal payment that is late but retried). Null: none.
     */
    subscriptionGraceDays: integer('subscription_grace_days'),
    canDeleteManualDomains: bool('can_delete_manual_domains').notNull().default(false),
    canDeleteAutoDomains: bool('can_delete_auto_domains').notNull().default(false),
    releaseDate: text('release_date'),
    expirationDate: text('expiration_date'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('skus_vendor_sku_unique').on(t.vendorId, sql`${t.sku} COLLATE NOCASE`),
    // Lists sort case-insensitively; these let a first page read in index order.
    index('skus_sku_nocase_idx').on(sql`${t.sku} COLLATE NOCASE`),
    index('skus_name_nocase_idx').on(sql`${t.name} COLLATE NOCASE`),
    index('skus_release_date_idx').on(t.releaseDate),
    index('skus_expiration_date_idx').on(t.expirationDate),
    index('skus_private_key_idx').on(t.privateKeyId),
    check('skus_sku_len', sql`length(${t.sku}) BETWEEN 1 AND 256`),
    check('skus_name_len', maxLen('name', 256)),
    check('skus_max_domains_nonneg', sql`${t.maxDomains} >= 0`),
    check('skus_edit_ownership_duration_nonneg', sql`${t.editOwnershipDuration} >= 0`),
    check('skus_max_support_contacts_nonneg', sql`${t.maxSupportContacts} >= 0`),
    check(
      'skus_change_support_contacts_duration_nonneg',
      sql`${t.changeSupportContactsDuration} >= 0`,
    ),
    check('skus_license_duration_nonneg', sql`${t.licenseDuration} >= 0`),
    check('skus_auto_domain_duration_nonneg', sql`${t.autoDomainDuration} >= 0`),
    check('skus_manual_domain_duration_nonneg', sql`${t.manualDomainDuration} >= 0`),
    check('skus_subscription_grace_days_nonneg', sql`${t.subscriptionGraceDays} >= 0`),
    check('skus_expiration_after_release', sql`${t.expirationDate} > ${t.releaseDate}`),
  ],
);

/** Seed FeatureIDs: a feature code, unique per vendor. */
export const featureIds = sqliteTable(
  'feature_ids',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    vendorId: integer('vendor_id')
      .notNull()
      .references(() => vendors.id, { onDelete: 'restrict' }),
    code: text('code').notNull(),
    /** Not in the seed: what the feature unlocks, for the staff. */
    description: text('description'),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('feature_ids_vendor_code_unique').on(t.vendorId, sql`${t.code} COLLATE NOCASE`),
    index('feature_ids_code_nocase_idx').on(sql`${t.code} COLLATE NOCASE`),
    check('feature_ids_code_len', sql`length(${t.code}) BETWEEN 1 AND 256`),
    check('feature_ids_description_len', maxLen('description', 4096)),
  ],
);

export const skuFeatureIds = sqliteTable(
  'sku_feature_ids',
  {
    skuId: integer('sku_id')
      .notNull()
      .references(() => skus.id, { onDelete: 'cascade' }),
    featureId: integer('feature_id')
      .notNull()
      .references(() => featureIds.id, { onDelete: 'restrict' }),
  },
  (t) => [
    primaryKey({ columns: [t.skuId, t.featureId] }),
    index('sku_feature_ids_feature_idx').on(t.featureId),
  ],
);

/** Seed SKU prices (the payment seeds' Plan/PlanPricing): what a SKU sells for, per interval. */
export const skuPrices = sqliteTable(
  'sku_prices',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    skuId: integer('sku_id')
      .notNull()
      .references(() => skus.id, { onDelete: 'cascade' }),
    amount: integer('amount').notNull(),
    currency: text('currency').notNull(),
    interval: text('interval', { enum: ['one_time', 'day', 'week', 'month', 'year'] }).notNull(),
    intervalCount: integer('interval_count').notNull().default(1),
    trialPeriodDays: integer('trial_period_days').notNull().default(0),
    active: bool('active').notNull().default(true),
    provider: text('provider'),
    providerPriceId: text('provider_price_id'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('sku_prices_sku_idx').on(t.skuId),
    uniqueIndex('sku_prices_provider_price_unique').on(t.provider, t.providerPriceId),
    check('sku_prices_amount_nonneg', sql`${t.amount} >= 0`),
    check('sku_prices_currency_iso', sql`${t.currency} GLOB '[A-Z][A-Z][A-Z]'`),
    check('sku_prices_interval_count_pos', sql`${t.intervalCount} >= 1`),
    check('sku_prices_trial_nonneg', sql`${t.trialPeriodDays} >= 0`),
    check(
      'sku_prices_interval_known',
      sql`${t.interval} IN ('one_time', 'day', 'week', 'month', 'year')`,
    ),
  ],
);

// ---------------------------------------------------------------- packages and releases

export const packages = sqliteTable(
  'packages',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    vendorId: integer('vendor_id')
      .notNull()
      .references(() => vendors.id, { onDelete: 'restrict' }),
    displayName: text('display_name').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('packages_vendor_name_unique').on(t.vendorId, sql`${t.displayName} COLLATE NOCASE`),
    index('packages_display_name_nocase_idx').on(sql`${t.displayName} COLLATE NOCASE`),
    check('packages_display_name_len', sql`length(${t.displayName}) BETWEEN 1 AND 256`),
  ],
);

export const packageReleases = sqliteTable(
  'package_releases',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    packageId: integer('package_id')
      .notNull()
      .references(() => packages.id, { onDelete: 'cascade' }),
    displayName: text('display_name').notNull(),
    version: text('version').notNull(),
    /** 0 stable, 1 RC, 2 beta, 3 alpha, 4 preview. */
    stability: integer('stability').notNull(),
    notesUrl: text('notes_url'),
    downloadUrl: text('download_url'),
    releaseDate: text('release_date').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('package_releases_package_version_unique').on(t.packageId, sql`${t.version} COLLATE NOCASE`),
    index('package_releases_package_date_idx').on(t.packageId, t.releaseDate),
    check('package_releases_display_name_len', sql`length(${t.displayName}) BETWEEN 1 AND 256`),
    check('package_releases_version_len', sql`length(${t.version}) BETWEEN 1 AND 256`),
    check('package_releases_stability_range', sql`${t.stability} BETWEEN 0 AND 4`),
    check('package_releases_notes_url_len', maxLen('notes_url', 4096)),
    check('package_releases_download_url_len', maxLen('download_url', 4096)),
  ],
);

export const skuPackages = sqliteTable(
  'sku_packages',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    packageId: integer('package_id')
      .notNull()
      .references(() => packages.id, { onDelete: 'cascade' }),
    skuId: integer('sku_id')
      .notNull()
      .references(() => skus.id, { onDelete: 'cascade' }),
  },
  (t) => [
    uniqueIndex('sku_packages_sku_package_unique').on(t.skuId, t.packageId),
    index('sku_packages_package_idx').on(t.packageId),
  ],
);

// ---------------------------------------------------------------- people, rights, customers

export const users = sqliteTable(
  'users',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    name: text('name').notNull(),
    email: text('email').notNull(),
    /** From the payment seeds' roles: what a staff member may do across KeyHub. */
    role: text('role', { enum: ['owner', 'admin', 'staff', 'viewer'] })
      .notNull()
      .default('staff'),
    isActive: bool('is_active').notNull().default(true),
    /** Set for a customer's contact person; null for the vendor's own staff. */
    customerId: integer('customer_id').references((): AnySQLiteColumn => customers.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('users_email_unique').on(sql`lower(${t.email})`),
    index('users_customer_idx').on(t.customerId),
    index('users_name_nocase_idx').on(sql`${t.name} COLLATE NOCASE`),
    check('users_name_len', sql`length(${t.name}) BETWEEN 1 AND 256`),
    check('users_email_len', sql`length(${t.email}) BETWEEN 3 AND 256`),
    check('users_role_known', sql`${t.role} IN ('owner', 'admin', 'staff', 'viewer')`),
  ],
);

export const rights = sqliteTable(
  'rights',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    name: text('name').notNull(),
  },
  (t) => [
    uniqueIndex('rights_name_unique').on(t.name),
    check('rights_name_len', sql`length(${t.name}) BETWEEN 1 AND 1024`),
  ],
);

export const OBJECT_TYPES = ['vendor', 'sku', 'license', 'app', 'package', 'customer'] as const;

export const userObjectRights = sqliteTable(
  'user_object_rights',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    rightId: integer('right_id')
      .notNull()
      .references(() => rights.id, { onDelete: 'cascade' }),
    /** Polymorphic: text, because app ids are GUIDs and the rest are integers. */
    objectId: text('object_id').notNull(),
    objectType: text('object_type', { enum: OBJECT_TYPES }).notNull(),
  },
  (t) => [
    uniqueIndex('user_object_rights_unique').on(t.userId, t.rightId, t.objectType, t.objectId),
    index('user_object_rights_object_idx').on(t.objectType, t.objectId),
    check(
      'user_object_rights_object_type_known',
      sql.raw(`object_type IN (${OBJECT_TYPES.map((o) => `'${o}'`).join(', ')})`),
    ),
  ],
);

/** The seed's purchasing and owning entities: an organisation or a person. */
export const customers = sqliteTable(
  'customers',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    kind: text('kind', { enum: ['organization', 'person'] }).notNull(),
    name: text('name').notNull(),
    email: text('email'),
    phone: text('phone'),
    street: text('street'),
    city: text('city'),
    region: text('region'),
    postal: text('postal'),
    country: text('country'),
    notes: text('notes'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('customers_name_idx').on(t.name),
    // Lists sort by name case-insensitively; this lets the first page read in index order.
    index('customers_name_nocase_idx').on(sql`${t.name} COLLATE NOCASE`),
    index('customers_email_idx').on(sql`lower(${t.email})`),
    check('customers_kind_known', sql`${t.kind} IN ('organization', 'person')`),
    check('customers_name_len', sql`length(${t.name}) BETWEEN 1 AND 1024`),
    check('customers_email_len', maxLen('email', 256)),
    check('customers_phone_len', maxLen('phone', 256)),
    check('customers_notes_len', maxLen('notes', 4096)),
    ...addressLengthChecks('customers'),
  ],
);

/** A customer's id at a payment provider (Stripe `cus_…`, PayPal payer id). */
export const providerCustomers = sqliteTable(
  'provider_customers',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    customerId: integer('customer_id')
      .notNull()
      .references(() => customers.id, { onDelete: 'cascade' }),
    provider: text('provider').notNull(),
    providerCustomerId: text('provider_customer_id').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('provider_customers_provider_id_unique').on(t.provider, t.providerCustomerId),
    index('provider_customers_customer_idx').on(t.customerId),
  ],
);

// ---------------------------------------------------------------- transactions and payments

export const PAYMENT_STATUSES = [
  'waiting',
  'preauthorized',
  'confirmed',
  'rejected',
  'refunded',
  'partially_refunded',
  'reversed',
  'error',
] as const;

/** Seed Transactions: extracted columns plus the original provider message, whole. */
export const transactions = sqliteTable(
  'transactions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    provider: text('provider').notNull(),
    providerTxnId: text('provider_txn_id').notNull(),
    txnType: text('txn_type'),
    status: text('status', { enum: PAYMENT_STATUSES }).notNull(),
    customerId: integer('customer_id').references(() => customers.id, { onDelete: 'restrict' }),
    payerEmail: text('payer_email'),
    payerFirstName: text('payer_first_name'),
    payerLastName: text('payer_last_name'),
    payerBusinessName: text('payer_business_name'),
    payerId: text('payer_id'),
    residenceCountry: text('residence_country'),
    business: text('business'),
    currency: text('currency').notNull(),
    gross: integer('gross').notNull(),
    fee: integer('fee').notNull().default(0),
    tax: integer('tax').notNull().default(0),
    shipping: integer('shipping').notNull().default(0),
    paymentDate: text('payment_date').notNull(),
    /** Not in the seed: the sum of refunds so far (minor units), for full vs partial. */
    refunded: integer('refunded').notNull().default(0),
    /**
     * Not in the seed: a question staff must answer (a partial refund: which licenses
     * to revoke), or null. Set by fulfilment, cleared by `transaction.decide`.
     */
    pendingDecision: text('pending_decision'),
    /** The provider's message exactly as received (IPN text, Stripe/PayPal JSON). */
    rawFormat: text('raw_format', { enum: ['ipn', 'json'] }).notNull(),
    raw: text('raw').notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('transactions_provider_txn_unique').on(t.provider, t.providerTxnId),
    index('transactions_status_idx').on(t.status),
    index('transactions_payment_date_idx').on(t.paymentDate),
    index('transactions_customer_idx').on(t.customerId),
    index('transactions_payer_email_idx').on(sql`lower(${t.payerEmail})`),
    // Search by transaction id alone (the unique index starts with the provider).
    index('transactions_provider_txn_idx').on(t.providerTxnId),
    index('transactions_gross_idx').on(t.gross),
    index('transactions_payer_last_name_nocase_idx').on(sql`${t.payerLastName} COLLATE NOCASE`),
    index('transactions_payer_business_nocase_idx').on(sql`${t.payerBusinessName} COLLATE NOCASE`),
    index('transactions_pending_decision_idx').on(t.pendingDecision).where(sql`${t.pendingDecision} IS NOT NULL`),
    check('transactions_refunded_nonneg', sql`${t.refunded} >= 0`),
    check('transactions_currency_iso', sql`${t.currency} GLOB '[A-Z][A-Z][A-Z]'`),
    check('transactions_fee_nonneg', sql`${t.fee} >= 0`),
    check('transactions_tax_nonneg', sql`${t.tax} >= 0`),
    check('transactions_shipping_nonneg', sql`${t.shipping} >= 0`),
    check(
      'transactions_status_known',
      sql.raw(`status IN (${PAYMENT_STATUSES.map((s) => `'${s}'`).join(', ')})`),
    ),
  ],
);

export const transactionItems = sqliteTable(
  'transaction_items',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    transactionId: integer('transaction_id')
      .notNull()
      .references(() => transactions.id, { onDelete: 'cascade' }),
    /** Null while the item maps to no SKU (the "unmapped" queue). */
    skuId: integer('sku_id').references(() => skus.id, { onDelete: 'restrict' }),
    /** The provider's id for this line; the fulfilment ledger's unique key. */
    providerItemId: text('provider_item_id').notNull(),
    quantity: integer('quantity').notNull(),
    eItemName: text('e_item_name'),
    eItemNumber: text('e_item_number'),
    /** Not in the seed: a SKU code the provider named outright (e-junkie's `sku`, Stripe metadata). */
    skuCode: text('sku_code'),
    /**
     * Not in the seed: units of a confirmed purchase still without their license (no
     * SKU matches, the SKU has no usable key); kept by fulfilment, so the queue is an index range.
     */
    waitingUnits: integer('waiting_units').notNull().default(0),
    gross: integer('gross').notNull().default(0),
    optionName1: text('option_name1'),
    optionSelection1: text('option_selection1'),
    optionName2: text('option_name2'),
    optionSelection2: text('option_selection2'),
    optionName3: text('option_name3'),
    optionSelection3: text('option_selection3'),
  },
  (t) => [
    uniqueIndex('transaction_items_provider_item_unique').on(t.transactionId, t.providerItemId),
    // A subscription item's id is on every invoice of it: find the later ones that still pay for its seats.
    index('transaction_items_provider_item_idx').on(t.providerItemId),
    index('transaction_items_sku_idx').on(t.skuId),
    index('transaction_items_waiting_idx').on(t.transactionId).where(sql`${t.waitingUnits} > 0`),
    check('transaction_items_quantity_pos', sql`${t.quantity} >= 1`),
  ],
);

/** The payment seeds' PaymentLog: one row for every status change or event of a transaction. */
export const paymentLogs = sqliteTable(
  'payment_logs',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    transactionId: integer('transaction_id')
      .notNull()
      .references(() => transactions.id, { onDelete: 'cascade' }),
    eventType: text('event_type').notNull(),
    /**
     * Not in the seed: the provider's id for this event (a refund's own transaction id,
     * `re_…`, `dp_…`), unique per transaction, so a replayed event is recorded once.
     */
    providerEventId: text('provider_event_id'),
    fromStatus: text('from_status'),
    toStatus: text('to_status'),
    message: text('message'),
    data: text('data', { mode: 'json' }).notNull().default('{}'),
    createdAt: createdAt(),
  },
  (t) => [
    index('payment_logs_transaction_idx').on(t.transactionId, t.createdAt),
    index('payment_logs_created_idx').on(t.createdAt),
    uniqueIndex('payment_logs_provider_event_unique').on(t.transactionId, t.providerEventId),
  ],
);

/**
 * The fulfilment ledger: one row for every license a purchase issued, keyed by the
 * provider's id for the item and the unit (one license per unit of quantity). The
 * UNIQUE key is what makes a replayed, duplicated or re-imported purchase issue nothing.
 */
export const fulfilments = sqliteTable(
  'fulfilments',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    provider: text('provider').notNull(),
    providerItemId: text('provider_item_id').notNull(),
    unit: integer('unit').notNull(),
    transactionItemId: integer('transaction_item_id')
      .notNull()
      .references(() => transactionItems.id, { onDelete: 'restrict' }),
    licenseId: integer('license_id')
      .notNull()
      .references(() => licenses.id, { onDelete: 'restrict' }),
    /** The payment log entry (refund, reversal) that revoked this license, or null. */
    revokedByLogId: integer('revoked_by_log_id').references(() => paymentLogs.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('fulfilments_provider_item_unit_unique').on(t.provider, t.providerItemId, t.unit),
    index('fulfilments_transaction_item_idx').on(t.transactionItemId),
    index('fulfilments_license_idx').on(t.licenseId),
    check('fulfilments_unit_pos', sql`${t.unit} >= 1`),
  ],
);

/**
 * Staff-made mappings from a provider's item to a SKU, for items whose number or name
 * names no SKU code. `match_value` is stored lower case and trimmed.
 */
export const itemMappings = sqliteTable(
  'item_mappings',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    matchField: text('match_field', { enum: ['item_number', 'item_name'] }).notNull(),
    matchValue: text('match_value').notNull(),
    skuId: integer('sku_id')
      .notNull()
      .references(() => skus.id, { onDelete: 'cascade' }),
    createdBy: text('created_by').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('item_mappings_match_unique').on(t.matchField, t.matchValue),
    index('item_mappings_sku_idx').on(t.skuId),
    check('item_mappings_field_known', sql`${t.matchField} IN ('item_number', 'item_name')`),
    check('item_mappings_value_len', sql`length(${t.matchValue}) BETWEEN 1 AND 256`),
  ],
);

// ---------------------------------------------------------------- subscriptions and provider sync

export const SUBSCRIPTION_STATUSES = ['incomplete', 'incomplete_expired', 'trialing', 'active', 'past_due', 'canceled', 'unpaid', 'paused'] as const;

/**
 * The payment seeds' Subscription: a customer's recurring purchase at a provider, as
 * extracted from the provider's object (kept whole in `stripe_objects`). Its licenses are
 * the ledger's rows for its items (`fulfilments.provider_item_id` = the item's id).
 */
export const subscriptions = sqliteTable(
  'subscriptions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    provider: text('provider').notNull(),
    providerSubscriptionId: text('provider_subscription_id').notNull(),
    customerId: integer('customer_id').references(() => customers.id, { onDelete: 'restrict' }),
    providerCustomerId: text('provider_customer_id'),
    status: text('status', { enum: SUBSCRIPTION_STATUSES }).notNull(),
    currency: text('currency'),
    /** The current period of its items (the earliest start, the latest end). */
    currentPeriodStart: text('current_period_start'),
    currentPeriodEnd: text('current_period_end'),
    cancelAtPeriodEnd: bool('cancel_at_period_end').notNull().default(false),
    cancelAt: text('cancel_at'),
    canceledAt: text('canceled_at'),
    endedAt: text('ended_at'),
    trialStart: text('trial_start'),
    trialEnd: text('trial_end'),
    /** Not in the seeds: when its licenses stopped following it (canceled, unpaid, expired); null while they do. */
    renewalEndedAt: text('renewal_ended_at'),
    /** When the provider created it (UTC). */
    startedAt: text('started_at').notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('subscriptions_provider_id_unique').on(t.provider, t.providerSubscriptionId),
    index('subscriptions_status_idx').on(t.status),
    index('subscriptions_customer_idx').on(t.customerId),
    index('subscriptions_period_end_idx').on(t.currentPeriodEnd),
    index('subscriptions_started_idx').on(t.startedAt),
    check(
      'subscriptions_status_known',
      sql.raw(`status IN (${SUBSCRIPTION_STATUSES.map((s) => `'${s}'`).join(', ')})`),
    ),
  ],
);

/** The payment seeds' Subscription Item: one price of a subscription, with its quantity (seats). */
export const subscriptionItems = sqliteTable(
  'subscription_items',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    subscriptionId: integer('subscription_id')
      .notNull()
      .references(() => subscriptions.id, { onDelete: 'cascade' }),
    /** The provider's id (`si_…`): also the ledger key of the licenses it issued. */
    providerItemId: text('provider_item_id').notNull(),
    providerPriceId: text('provider_price_id'),
    providerProductId: text('provider_product_id'),
    skuId: integer('sku_id').references(() => skus.id, { onDelete: 'set null' }),
    quantity: integer('quantity').notNull(),
    currentPeriodStart: text('current_period_start'),
    currentPeriodEnd: text('current_period_end'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('subscription_items_provider_item_unique').on(t.providerItemId),
    index('subscription_items_subscription_idx').on(t.subscriptionId),
    index('subscription_items_sku_idx').on(t.skuId),
    check('subscription_items_quantity_nonneg', sql`${t.quantity} >= 0`),
  ],
);

/**
 * Stripe's objects as last read, whole (`raw`, the JSON Stripe sent, child lists
 * complete), beside the columns sync looks them up by. `version` (ms, local clock, only
 * rising) says when that state was read: an update applies only when newer.
 */
export const stripeObjects = sqliteTable(
  'stripe_objects',
  {
    id: text('id').primaryKey(),
    type: text('type').notNull(),
    /** Stripe's `created` (unix seconds). */
    created: integer('created').notNull(),
    customer: text('customer'),
    paymentIntent: text('payment_intent'),
    /** The object it hangs from: a price's product, a refund's or dispute's charge, an invoice's subscription. */
    parent: text('parent'),
    status: text('status'),
    amount: integer('amount'),
    currency: text('currency'),
    livemode: bool('livemode').notNull(),
    deleted: bool('deleted').notNull().default(false),
    version: integer('version').notNull(),
    raw: text('raw').notNull(),
    syncedAt: text('synced_at').notNull(),
  },
  (t) => [
    index('stripe_objects_type_created_idx').on(t.type, t.created),
    index('stripe_objects_payment_intent_idx').on(t.paymentIntent).where(sql`${t.paymentIntent} IS NOT NULL`),
    index('stripe_objects_parent_idx').on(t.parent).where(sql`${t.parent} IS NOT NULL`),
    index('stripe_objects_customer_idx').on(t.customer).where(sql`${t.customer} IS NOT NULL`),
  ],
);

/**
 * Where each sync stream stands (a backfill's window and page, the events' last time),
 * saved in the same transaction as the rows of the page it covers.
 */
export const syncCursors = sqliteTable(
  'sync_cursors',
  {
    provider: text('provider').notNull(),
    stream: text('stream').notNull(),
    state: text('state', { mode: 'json' }).notNull(),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ columns: [t.provider, t.stream] })],
);

/** Provider events already applied, so an overlapping or replayed poll skips them. */
export const syncEvents = sqliteTable(
  'sync_events',
  {
    provider: text('provider').notNull(),
    eventId: text('event_id').notNull(),
    type: text('type').notNull(),
    objectId: text('object_id'),
    /** The provider's `created` (unix seconds). */
    created: integer('created').notNull(),
  },
  (t) => [primaryKey({ columns: [t.provider, t.eventId] }), index('sync_events_created_idx').on(t.provider, t.created)],
);

export const SYNC_RUN_STATUSES = ['running', 'succeeded', 'failed', 'interrupted'] as const;

/** The payment seeds' webhook/sync log: one row per sync run, with its counts. */
export const syncRuns = sqliteTable(
  'sync_runs',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    provider: text('provider').notNull(),
    /** backfill (first run, or resuming one), incremental (events), relist (full, or events too old). */
    mode: text('mode', { enum: ['backfill', 'incremental', 'relist'] }).notNull(),
    trigger: text('trigger', { enum: ['schedule', 'manual', 'cli'] }).notNull(),
    status: text('status', { enum: SYNC_RUN_STATUSES }).notNull(),
    startedAt: text('started_at').notNull(),
    finishedAt: text('finished_at'),
    /** A running sync touches this every page; one silent for long was cut off (a crash). */
    heartbeatAt: text('heartbeat_at').notNull(),
    /** What it is doing now ("Checkout sessions, page 3"). */
    stage: text('stage'),
    fetched: integer('fetched').notNull().default(0),
    created: integer('created').notNull().default(0),
    updated: integer('updated').notNull().default(0),
    unchanged: integer('unchanged').notNull().default(0),
    fulfilled: integer('fulfilled').notNull().default(0),
    revoked: integer('revoked').notNull().default(0),
    errors: integer('errors').notNull().default(0),
    /** What happened, for a person (the failure, a fallback to re-listing). */
    message: text('message'),
  },
  (t) => [
    index('sync_runs_provider_started_idx').on(t.provider, t.startedAt),
    index('sync_runs_running_idx').on(t.provider).where(sql`${t.status} = 'running'`),
    check('sync_runs_status_known', sql.raw(`status IN (${SYNC_RUN_STATUSES.map((s) => `'${s}'`).join(', ')})`)),
    check('sync_runs_mode_known', sql`${t.mode} IN ('backfill', 'incremental', 'relist')`),
    check('sync_runs_trigger_known', sql`${t.trigger} IN ('schedule', 'manual', 'cli')`),
  ],
);

/** An object a sync run could not apply: which, and why. */
export const syncErrors = sqliteTable(
  'sync_errors',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    runId: integer('run_id')
      .notNull()
      .references(() => syncRuns.id, { onDelete: 'cascade' }),
    objectType: text('object_type'),
    objectId: text('object_id'),
    reason: text('reason').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('sync_errors_run_idx').on(t.runId)],
);

/**
 * A provider's API secret (Stripe restricted key), sealed: with the signing keys'
 * passphrase (`vault`), or by the OS keychain through Electron's safeStorage (`os`).
 */
export const providerSecrets = sqliteTable(
  'provider_secrets',
  {
    provider: text('provider').primaryKey(),
    sealing: text('sealing', { enum: ['vault', 'os'] }).notNull(),
    secret: blob('secret', { mode: 'buffer' }).notNull(),
    /** The key's kind and last four characters ("rk_live_…a1B2"), to show which key it is. */
    hint: text('hint').notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [check('provider_secrets_sealing_known', sql`${t.sealing} IN ('vault', 'os')`), check('provider_secrets_len', sql`length(${t.secret}) <= 4096`)],
);

// ---------------------------------------------------------------- licenses, apps, domains

/** A license's or domain license's expiry, with null ("never") as the latest time of all. */
export const NEVER = '9999-12-31T23:59:59.999Z';
const expiryOrNever = (expires: AnySQLiteColumn) => sql`coalesce(${expires}, '9999-12-31T23:59:59.999Z')`;

export const LICENSE_STATUSES = ['active', 'suspended', 'revoked'] as const;

export const licenses = sqliteTable(
  'licenses',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    skuId: integer('sku_id')
      .notNull()
      .references(() => skus.id, { onDelete: 'restrict' }),
    transactionItemId: integer('transaction_item_id').references(() => transactionItems.id, {
      onDelete: 'restrict',
    }),
    ownerName: text('owner_name').notNull(),
    purchasingEntityId: integer('purchasing_entity_id').references(() => customers.id, {
      onDelete: 'restrict',
    }),
    owningEntityId: integer('owning_entity_id').references(() => customers.id, {
      onDelete: 'restrict',
    }),
    issued: text('issued').notNull(),
    expires: text('expires'),
    /** Not in the seed: lifecycle state; expiry is derived from `expires`, not stored. */
    status: text('status', { enum: LICENSE_STATUSES }).notNull().default('active'),
    statusReason: text('status_reason'),
    /** The signed license file (format: src-main/license/FORMAT.md). */
    licenseBytes: blob('license_bytes', { mode: 'buffer' }),
    /** Not in the seed: the key that signed `license_bytes`, so rotation finds what to re-sign. */
    signingKeyId: integer('signing_key_id').references(() => privateKeys.id, { onDelete: 'restrict' }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    // List indexes (src-main/domain/licenses/list.ts): each sort order, then the id (ties),
    // then status and expiry, so a list filtered by state walks its sort order reading the
    // index alone. `expiryOrNever` puts "never" after every date, so a state is one range.
    index('licenses_sku_idx').on(t.skuId, t.id, t.status, expiryOrNever(t.expires)),
    index('licenses_id_state_idx').on(t.id, t.status, expiryOrNever(t.expires)),
    index('licenses_owner_name_nocase_idx').on(sql`${t.ownerName} COLLATE NOCASE`, t.id, t.status, expiryOrNever(t.expires)),
    index('licenses_issued_idx').on(t.issued, t.id, t.status, expiryOrNever(t.expires)),
    index('licenses_status_expiry_idx').on(t.status, expiryOrNever(t.expires)),
    index('licenses_expires_idx').on(t.expires),
    // The owner name from its second word on, so a search finds "Kathrin Fretz" by "fretz" too.
    index('licenses_owner_rest_nocase_idx').on(sql`substr(${t.ownerName}, instr(${t.ownerName}, ' ') + 1) COLLATE NOCASE`),
    index('licenses_signing_key_idx').on(t.signingKeyId),
    index('licenses_transaction_item_idx').on(t.transactionItemId),
    index('licenses_owning_entity_idx').on(t.owningEntityId),
    index('licenses_purchasing_entity_idx').on(t.purchasingEntityId),
    check('licenses_owner_name_len', sql`length(${t.ownerName}) BETWEEN 1 AND 256`),
    check('licenses_expires_after_issued', sql`${t.expires} > ${t.issued}`),
    check(
      'licenses_status_known',
      sql.raw(`status IN (${LICENSE_STATUSES.map((s) => `'${s}'`).join(', ')})`),
    ),
    check('licenses_bytes_len', sql`length(${t.licenseBytes}) <= 4096`),
  ],
);

/** The seed's support contacts: users listed for a license, at most the SKU's `max_support_contacts`. */
export const licenseSupportContacts = sqliteTable(
  'license_support_contacts',
  {
    licenseId: integer('license_id')
      .notNull()
      .references(() => licenses.id, { onDelete: 'cascade' }),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.licenseId, t.userId] }), index('license_support_contacts_user_idx').on(t.userId)],
);

export const apps = sqliteTable(
  'apps',
  {
    /** A GUID, as the seed says. */
    id: text('id').primaryKey(),
    displayName: text('display_name').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    index('apps_display_name_idx').on(t.displayName),
    check('apps_display_name_len', sql`length(${t.displayName}) BETWEEN 1 AND 256`),
  ],
);

/** Created and deleted, never edited: there is no updated_at on purpose. */
export const appKeys = sqliteTable(
  'app_keys',
  {
    id: text('id').primaryKey(),
    appId: text('app_id')
      .notNull()
      .references(() => apps.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
  },
  (t) => [index('app_keys_app_idx').on(t.appId)],
);

export const appLicenses = sqliteTable(
  'app_licenses',
  {
    licenseId: integer('license_id')
      .notNull()
      .references(() => licenses.id, { onDelete: 'cascade' }),
    appId: text('app_id')
      .notNull()
      .references(() => apps.id, { onDelete: 'cascade' }),
  },
  (t) => [
    primaryKey({ columns: [t.appId, t.licenseId] }),
    index('app_licenses_license_idx').on(t.licenseId),
  ],
);

export const domainLicenses = sqliteTable(
  'domain_licenses',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    licenseId: integer('license_id')
      .notNull()
      .references(() => licenses.id, { onDelete: 'cascade' }),
    domainName: text('domain_name').notNull(),
    issued: text('issued').notNull(),
    expires: text('expires'),
    isAutomatic: bool('is_automatic').notNull(),
    licenseBytes: blob('license_bytes', { mode: 'buffer' }),
    /** Not in the seed: the key that signed `license_bytes` (see licenses.signing_key_id). */
    signingKeyId: integer('signing_key_id').references(() => privateKeys.id, { onDelete: 'restrict' }),
  },
  (t) => [
    uniqueIndex('domain_licenses_license_domain_unique').on(t.licenseId, t.domainName),
    index('domain_licenses_signing_key_idx').on(t.signingKeyId),
    // Lists and search (src-main/domain/licenses/list.ts, search.ts): each sort order, then
    // the id (ties), then what a filter or a search reads, so they read the index alone.
    index('domain_licenses_domain_idx').on(t.domainName, t.id, t.licenseId),
    // The parent domain (shop.example.com -> example.com), so a search for a site finds its subdomains.
    index('domain_licenses_parent_idx').on(sql`substr(${t.domainName}, instr(${t.domainName}, '.') + 1)`, t.licenseId),
    // Also the renewal sweep's: automatic domains by expiry.
    index('domain_licenses_expires_idx').on(t.expires, t.id, t.isAutomatic),
    index('domain_licenses_issued_idx').on(t.issued, t.id, t.expires),
    // A license's domains and their expiry (live counts, stopped domains, the rows' counts).
    index('domain_licenses_license_expires_idx').on(t.licenseId, t.expires, t.isAutomatic),
    check('domain_licenses_domain_len', sql`length(${t.domainName}) BETWEEN 1 AND 256`),
    check('domain_licenses_expires_after_issued', sql`${t.expires} > ${t.issued}`),
    check('domain_licenses_bytes_len', sql`length(${t.licenseBytes}) <= 4096`),
  ],
);

export const appIssues = sqliteTable(
  'app_issues',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    appId: text('app_id')
      .notNull()
      .references(() => apps.id, { onDelete: 'cascade' }),
    severity: text('severity').notNull(),
    message: text('message').notNull(),
    details: text('details'),
    time: text('time').notNull(),
  },
  (t) => [
    index('app_issues_app_time_idx').on(t.appId, t.time),
    check('app_issues_severity_len', sql`length(${t.severity}) BETWEEN 1 AND 256`),
    check('app_issues_message_len', sql`length(${t.message}) <= 4096`),
    check('app_issues_details_len', maxLen('details', 4096)),
  ],
);

export const appStats = sqliteTable(
  'app_stats',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    appId: text('app_id')
      .notNull()
      .references(() => apps.id, { onDelete: 'cascade' }),
    time: text('time').notNull(),
    statKind: integer('stat_kind').notNull(),
    statValue: integer('stat_value').notNull(),
  },
  (t) => [index('app_stats_app_kind_time_idx').on(t.appId, t.statKind, t.time)],
);

export const appNotificationKinds = sqliteTable(
  'app_notification_kinds',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    kind: text('kind').notNull(),
  },
  (t) => [
    uniqueIndex('app_notification_kinds_kind_unique').on(t.kind),
    check('app_notification_kinds_kind_len', sql`length(${t.kind}) BETWEEN 1 AND 256`),
  ],
);

export const userAppNotifications = sqliteTable(
  'user_app_notifications',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    appId: text('app_id')
      .notNull()
      .references(() => apps.id, { onDelete: 'cascade' }),
    appNotificationKindId: integer('app_notification_kind_id')
      .notNull()
      .references(() => appNotificationKinds.id, { onDelete: 'restrict' }),
  },
  (t) => [
    uniqueIndex('user_app_notifications_unique').on(t.userId, t.appId, t.appNotificationKindId),
    index('user_app_notifications_app_idx').on(t.appId),
  ],
);

// ---------------------------------------------------------------- audit and settings

/** The payment seeds' AuditLog, widened to any target: who did what to which object, when. */
export const auditLog = sqliteTable(
  'audit_log',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    actorUserId: integer('actor_user_id').references(() => users.id, { onDelete: 'set null' }),
    /** Who acted, as a label that survives the user's deletion ("cli", "sync:stripe", a name). */
    actor: text('actor').notNull(),
    targetType: text('target_type').notNull(),
    targetId: text('target_id').notNull(),
    action: text('action').notNull(),
    details: text('details', { mode: 'json' }).notNull().default('{}'),
    at: text('at')
      .notNull()
      .default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`),
  },
  (t) => [
    index('audit_log_at_idx').on(t.at),
    index('audit_log_target_idx').on(t.targetType, t.targetId, t.at),
    index('audit_log_actor_idx').on(t.actor, t.at),
    index('audit_log_action_idx').on(t.action, t.at),
  ],
);

/** Small key/value store for preferences (sync schedule, UI choices). */
export const settings = sqliteTable('settings', {
  key: text('key').primaryKey(),
  value: text('value', { mode: 'json' }).notNull(),
  updatedAt: updatedAt(),
});
