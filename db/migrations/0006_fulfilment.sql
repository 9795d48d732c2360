-- Hand-edited after drizzle-kit: it rebuilt `transactions` for the new CHECK and copied
-- columns that did not exist yet; the two columns are added with ALTER instead (the CHECK
-- as a column constraint), existing indexes are not re-created, and index expressions are unquoted.
CREATE TABLE `fulfilments` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`provider` text NOT NULL,
	`provider_item_id` text NOT NULL,
	`unit` integer NOT NULL,
	`transaction_item_id` integer NOT NULL,
	`license_id` integer NOT NULL,
	`revoked_by_log_id` integer,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`transaction_item_id`) REFERENCES `transaction_items`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`license_id`) REFERENCES `licenses`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`revoked_by_log_id`) REFERENCES `payment_logs`(`id`) ON UPDATE no action ON DELETE set null,
	CONSTRAINT "fulfilments_unit_pos" CHECK("fulfilments"."unit" >= 1)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `fulfilments_provider_item_unit_unique` ON `fulfilments` (`provider`,`provider_item_id`,`unit`);--> statement-breakpoint
CREATE INDEX `fulfilments_transaction_item_idx` ON `fulfilments` (`transaction_item_id`);--> statement-breakpoint
CREATE INDEX `fulfilments_license_idx` ON `fulfilments` (`license_id`);--> statement-breakpoint
CREATE TABLE `item_mappings` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`match_field` text NOT NULL,
	`match_value` text NOT NULL,
	`sku_id` integer NOT NULL,
	`created_by` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`sku_id`) REFERENCES `skus`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "item_mappings_field_known" CHECK("item_mappings"."match_field" IN ('item_number', 'item_name')),
	CONSTRAINT "item_mappings_value_len" CHECK(length("item_mappings"."match_value") BETWEEN 1 AND 256)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `item_mappings_match_unique` ON `item_mappings` (`match_field`,`match_value`);--> statement-breakpoint
CREATE INDEX `item_mappings_sku_idx` ON `item_mappings` (`sku_id`);--> statement-breakpoint
ALTER TABLE `payment_logs` ADD `provider_event_id` text;--> statement-breakpoint
CREATE UNIQUE INDEX `payment_logs_provider_event_unique` ON `payment_logs` (`transaction_id`,`provider_event_id`);--> statement-breakpoint
ALTER TABLE `transaction_items` ADD `sku_code` text;--> statement-breakpoint
ALTER TABLE `transaction_items` ADD `waiting_units` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE INDEX `transaction_items_waiting_idx` ON `transaction_items` (`transaction_id`) WHERE "waiting_units" > 0;--> statement-breakpoint
ALTER TABLE `transactions` ADD `refunded` integer DEFAULT 0 NOT NULL CONSTRAINT "transactions_refunded_nonneg" CHECK("refunded" >= 0);--> statement-breakpoint
ALTER TABLE `transactions` ADD `pending_decision` text;--> statement-breakpoint
CREATE INDEX `transactions_provider_txn_idx` ON `transactions` (`provider_txn_id`);--> statement-breakpoint
CREATE INDEX `transactions_gross_idx` ON `transactions` (`gross`);--> statement-breakpoint
CREATE INDEX `transactions_payer_last_name_nocase_idx` ON `transactions` ("payer_last_name" COLLATE NOCASE);--> statement-breakpoint
CREATE INDEX `transactions_payer_business_nocase_idx` ON `transactions` ("payer_business_name" COLLATE NOCASE);--> statement-breakpoint
CREATE INDEX `transactions_pending_decision_idx` ON `transactions` (`pending_decision`) WHERE "pending_decision" IS NOT NULL;