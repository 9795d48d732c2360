-- Hand-edited after drizzle-kit: it rebuilt `skus` to add one column with a CHECK (and
-- quoted its index expressions wrongly); SQLite adds such a column in place.
CREATE TABLE `provider_secrets` (
	`provider` text PRIMARY KEY NOT NULL,
	`sealing` text NOT NULL,
	`secret` blob NOT NULL,
	`hint` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	CONSTRAINT "provider_secrets_sealing_known" CHECK("provider_secrets"."sealing" IN ('vault', 'os')),
	CONSTRAINT "provider_secrets_len" CHECK(length("provider_secrets"."secret") <= 4096)
);
--> statement-breakpoint
CREATE TABLE `stripe_objects` (
	`id` text PRIMARY KEY NOT NULL,
	`type` text NOT NULL,
	`created` integer NOT NULL,
	`customer` text,
	`payment_intent` text,
	`parent` text,
	`status` text,
	`amount` integer,
	`currency` text,
	`livemode` integer NOT NULL,
	`deleted` integer DEFAULT false NOT NULL,
	`version` integer NOT NULL,
	`raw` text NOT NULL,
	`synced_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `stripe_objects_type_created_idx` ON `stripe_objects` (`type`,`created`);--> statement-breakpoint
CREATE INDEX `stripe_objects_payment_intent_idx` ON `stripe_objects` (`payment_intent`) WHERE "payment_intent" IS NOT NULL;--> statement-breakpoint
CREATE INDEX `stripe_objects_parent_idx` ON `stripe_objects` (`parent`) WHERE "parent" IS NOT NULL;--> statement-breakpoint
CREATE INDEX `stripe_objects_customer_idx` ON `stripe_objects` (`customer`) WHERE "customer" IS NOT NULL;--> statement-breakpoint
CREATE TABLE `subscription_items` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`subscription_id` integer NOT NULL,
	`provider_item_id` text NOT NULL,
	`provider_price_id` text,
	`provider_product_id` text,
	`sku_id` integer,
	`quantity` integer NOT NULL,
	`current_period_start` text,
	`current_period_end` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`subscription_id`) REFERENCES `subscriptions`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`sku_id`) REFERENCES `skus`(`id`) ON UPDATE no action ON DELETE set null,
	CONSTRAINT "subscription_items_quantity_nonneg" CHECK("subscription_items"."quantity" >= 0)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `subscription_items_provider_item_unique` ON `subscription_items` (`provider_item_id`);--> statement-breakpoint
CREATE INDEX `subscription_items_subscription_idx` ON `subscription_items` (`subscription_id`);--> statement-breakpoint
CREATE INDEX `subscription_items_sku_idx` ON `subscription_items` (`sku_id`);--> statement-breakpoint
CREATE TABLE `subscriptions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`provider` text NOT NULL,
	`provider_subscription_id` text NOT NULL,
	`customer_id` integer,
	`provider_customer_id` text,
	`status` text NOT NULL,
	`currency` text,
	`current_period_start` text,
	`current_period_end` text,
	`cancel_at_period_end` integer DEFAULT false NOT NULL,
	`cancel_at` text,
	`canceled_at` text,
	`ended_at` text,
	`trial_start` text,
	`trial_end` text,
	`renewal_ended_at` text,
	`started_at` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE restrict,
	CONSTRAINT "subscriptions_status_known" CHECK(status IN ('incomplete', 'incomplete_expired', 'trialing', 'active', 'past_due', 'canceled', 'unpaid', 'paused'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `subscriptions_provider_id_unique` ON `subscriptions` (`provider`,`provider_subscription_id`);--> statement-breakpoint
CREATE INDEX `subscriptions_status_idx` ON `subscriptions` (`status`);--> statement-breakpoint
CREATE INDEX `subscriptions_customer_idx` ON `subscriptions` (`customer_id`);--> statement-breakpoint
CREATE INDEX `subscriptions_period_end_idx` ON `subscriptions` (`current_period_end`);--> statement-breakpoint
CREATE INDEX `subscriptions_started_idx` ON `subscriptions` (`started_at`);--> statement-breakpoint
CREATE TABLE `sync_cursors` (
	`provider` text NOT NULL,
	`stream` text NOT NULL,
	`state` text NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	PRIMARY KEY(`provider`, `stream`)
);
--> statement-breakpoint
CREATE TABLE `sync_errors` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`run_id` integer NOT NULL,
	`object_type` text,
	`object_id` text,
	`reason` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`run_id`) REFERENCES `sync_runs`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `sync_errors_run_idx` ON `sync_errors` (`run_id`);--> statement-breakpoint
CREATE TABLE `sync_events` (
	`provider` text NOT NULL,
	`event_id` text NOT NULL,
	`type` text NOT NULL,
	`object_id` text,
	`created` integer NOT NULL,
	PRIMARY KEY(`provider`, `event_id`)
);
--> statement-breakpoint
CREATE INDEX `sync_events_created_idx` ON `sync_events` (`provider`,`created`);--> statement-breakpoint
CREATE TABLE `sync_runs` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`provider` text NOT NULL,
	`mode` text NOT NULL,
	`trigger` text NOT NULL,
	`status` text NOT NULL,
	`started_at` text NOT NULL,
	`finished_at` text,
	`heartbeat_at` text NOT NULL,
	`stage` text,
	`fetched` integer DEFAULT 0 NOT NULL,
	`created` integer DEFAULT 0 NOT NULL,
	`updated` integer DEFAULT 0 NOT NULL,
	`unchanged` integer DEFAULT 0 NOT NULL,
	`fulfilled` integer DEFAULT 0 NOT NULL,
	`revoked` integer DEFAULT 0 NOT NULL,
	`errors` integer DEFAULT 0 NOT NULL,
	`message` text,
	CONSTRAINT "sync_runs_status_known" CHECK(status IN ('running', 'succeeded', 'failed', 'interrupted')),
	CONSTRAINT "sync_runs_mode_known" CHECK("sync_runs"."mode" IN ('backfill', 'incremental', 'relist')),
	CONSTRAINT "sync_runs_trigger_known" CHECK("sync_runs"."trigger" IN ('schedule', 'manual', 'cli'))
);
--> statement-breakpoint
CREATE INDEX `sync_runs_provider_started_idx` ON `sync_runs` (`provider`,`started_at`);--> statement-breakpoint
CREATE INDEX `sync_runs_running_idx` ON `sync_runs` (`provider`) WHERE "status" = 'running';--> statement-breakpoint
ALTER TABLE `skus` ADD `subscription_grace_days` integer CONSTRAINT "skus_subscription_grace_days_nonneg" CHECK("subscription_grace_days" >= 0);
