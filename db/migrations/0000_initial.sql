CREATE TABLE `app_issues` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`app_id` text NOT NULL,
	`severity` text NOT NULL,
	`message` text NOT NULL,
	`details` text,
	`time` text NOT NULL,
	FOREIGN KEY (`app_id`) REFERENCES `apps`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "app_issues_severity_len" CHECK(length("app_issues"."severity") BETWEEN 1 AND 256),
	CONSTRAINT "app_issues_message_len" CHECK(length("app_issues"."message") <= 4096),
	CONSTRAINT "app_issues_details_len" CHECK(length(details) <= 4096)
);
--> statement-breakpoint
CREATE INDEX `app_issues_app_time_idx` ON `app_issues` (`app_id`,`time`);--> statement-breakpoint
CREATE TABLE `app_keys` (
	`id` text PRIMARY KEY NOT NULL,
	`app_id` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`app_id`) REFERENCES `apps`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `app_keys_app_idx` ON `app_keys` (`app_id`);--> statement-breakpoint
CREATE TABLE `app_licenses` (
	`license_id` integer NOT NULL,
	`app_id` text NOT NULL,
	PRIMARY KEY(`app_id`, `license_id`),
	FOREIGN KEY (`license_id`) REFERENCES `licenses`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`app_id`) REFERENCES `apps`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `app_licenses_license_idx` ON `app_licenses` (`license_id`);--> statement-breakpoint
CREATE TABLE `app_notification_kinds` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`kind` text NOT NULL,
	CONSTRAINT "app_notification_kinds_kind_len" CHECK(length("app_notification_kinds"."kind") BETWEEN 1 AND 256)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `app_notification_kinds_kind_unique` ON `app_notification_kinds` (`kind`);--> statement-breakpoint
CREATE TABLE `app_stats` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`app_id` text NOT NULL,
	`time` text NOT NULL,
	`stat_kind` integer NOT NULL,
	`stat_value` integer NOT NULL,
	FOREIGN KEY (`app_id`) REFERENCES `apps`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `app_stats_app_kind_time_idx` ON `app_stats` (`app_id`,`stat_kind`,`time`);--> statement-breakpoint
CREATE TABLE `apps` (
	`id` text PRIMARY KEY NOT NULL,
	`display_name` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	CONSTRAINT "apps_display_name_len" CHECK(length("apps"."display_name") BETWEEN 1 AND 256)
);
--> statement-breakpoint
CREATE INDEX `apps_display_name_idx` ON `apps` (`display_name`);--> statement-breakpoint
CREATE TABLE `audit_log` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`actor_user_id` integer,
	`actor` text NOT NULL,
	`target_type` text NOT NULL,
	`target_id` text NOT NULL,
	`action` text NOT NULL,
	`details` text DEFAULT '{}' NOT NULL,
	`at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`actor_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `audit_log_at_idx` ON `audit_log` (`at`);--> statement-breakpoint
CREATE INDEX `audit_log_target_idx` ON `audit_log` (`target_type`,`target_id`,`at`);--> statement-breakpoint
CREATE INDEX `audit_log_actor_idx` ON `audit_log` (`actor`,`at`);--> statement-breakpoint
CREATE INDEX `audit_log_action_idx` ON `audit_log` (`action`,`at`);--> statement-breakpoint
CREATE TABLE `customers` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`kind` text NOT NULL,
	`name` text NOT NULL,
	`email` text,
	`phone` text,
	`street` text,
	`city` text,
	`region` text,
	`postal` text,
	`country` text,
	`notes` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	CONSTRAINT "customers_kind_known" CHECK("customers"."kind" IN ('organization', 'person')),
	CONSTRAINT "customers_name_len" CHECK(length("customers"."name") BETWEEN 1 AND 1024),
	CONSTRAINT "customers_email_len" CHECK(length(email) <= 256),
	CONSTRAINT "customers_phone_len" CHECK(length(phone) <= 256),
	CONSTRAINT "customers_notes_len" CHECK(length(notes) <= 4096),
	CONSTRAINT "customers_street_len" CHECK(length(street) <= 256),
	CONSTRAINT "customers_city_len" CHECK(length(city) <= 256),
	CONSTRAINT "customers_region_len" CHECK(length(region) <= 256),
	CONSTRAINT "customers_postal_len" CHECK(length(postal) <= 256),
	CONSTRAINT "customers_country_len" CHECK(length(country) <= 256)
);
--> statement-breakpoint
CREATE INDEX `customers_name_idx` ON `customers` (`name`);--> statement-breakpoint
CREATE INDEX `customers_email_idx` ON `customers` (lower("email"));--> statement-breakpoint
CREATE TABLE `domain_licenses` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`license_id` integer NOT NULL,
	`domain_name` text NOT NULL,
	`issued` text NOT NULL,
	`expires` text,
	`is_automatic` integer NOT NULL,
	`license_bytes` blob,
	FOREIGN KEY (`license_id`) REFERENCES `licenses`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "domain_licenses_domain_len" CHECK(length("domain_licenses"."domain_name") BETWEEN 1 AND 256),
	CONSTRAINT "domain_licenses_expires_after_issued" CHECK("domain_licenses"."expires" > "domain_licenses"."issued"),
	CONSTRAINT "domain_licenses_bytes_len" CHECK(length("domain_licenses"."license_bytes") <= 4096)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `domain_licenses_license_domain_unique` ON `domain_licenses` (`license_id`,`domain_name`);--> statement-breakpoint
CREATE INDEX `domain_licenses_domain_idx` ON `domain_licenses` (`domain_name`);--> statement-breakpoint
CREATE INDEX `domain_licenses_expires_idx` ON `domain_licenses` (`expires`);--> statement-breakpoint
CREATE TABLE `feature_ids` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`vendor_id` integer NOT NULL,
	`code` text NOT NULL,
	`description` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`vendor_id`) REFERENCES `vendors`(`id`) ON UPDATE no action ON DELETE restrict,
	CONSTRAINT "feature_ids_code_len" CHECK(length("feature_ids"."code") BETWEEN 1 AND 256),
	CONSTRAINT "feature_ids_description_len" CHECK(length(description) <= 4096)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `feature_ids_vendor_code_unique` ON `feature_ids` (`vendor_id`,"code" COLLATE NOCASE);--> statement-breakpoint
CREATE INDEX `feature_ids_code_nocase_idx` ON `feature_ids` ("code" COLLATE NOCASE);--> statement-breakpoint
CREATE TABLE `licenses` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`sku_id` integer NOT NULL,
	`transaction_item_id` integer,
	`owner_name` text NOT NULL,
	`purchasing_entity_id` integer,
	`owning_entity_id` integer,
	`issued` text NOT NULL,
	`expires` text,
	`status` text DEFAULT 'active' NOT NULL,
	`status_reason` text,
	`license_bytes` blob,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`sku_id`) REFERENCES `skus`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`transaction_item_id`) REFERENCES `transaction_items`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`purchasing_entity_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`owning_entity_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE restrict,
	CONSTRAINT "licenses_owner_name_len" CHECK(length("licenses"."owner_name") BETWEEN 1 AND 256),
	CONSTRAINT "licenses_expires_after_issued" CHECK("licenses"."expires" > "licenses"."issued"),
	CONSTRAINT "licenses_status_known" CHECK(status IN ('active', 'suspended', 'revoked')),
	CONSTRAINT "licenses_bytes_len" CHECK(length("licenses"."license_bytes") <= 4096)
);
--> statement-breakpoint
CREATE INDEX `licenses_sku_idx` ON `licenses` (`sku_id`);--> statement-breakpoint
CREATE INDEX `licenses_transaction_item_idx` ON `licenses` (`transaction_item_id`);--> statement-breakpoint
CREATE INDEX `licenses_owning_entity_idx` ON `licenses` (`owning_entity_id`);--> statement-breakpoint
CREATE INDEX `licenses_purchasing_entity_idx` ON `licenses` (`purchasing_entity_id`);--> statement-breakpoint
CREATE INDEX `licenses_owner_name_idx` ON `licenses` (`owner_name`);--> statement-breakpoint
CREATE INDEX `licenses_issued_idx` ON `licenses` (`issued`);--> statement-breakpoint
CREATE INDEX `licenses_expires_idx` ON `licenses` (`expires`);--> statement-breakpoint
CREATE TABLE `package_releases` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`package_id` integer NOT NULL,
	`display_name` text NOT NULL,
	`version` text NOT NULL,
	`stability` integer NOT NULL,
	`notes_url` text,
	`download_url` text,
	`release_date` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`package_id`) REFERENCES `packages`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "package_releases_display_name_len" CHECK(length("package_releases"."display_name") BETWEEN 1 AND 256),
	CONSTRAINT "package_releases_version_len" CHECK(length("package_releases"."version") BETWEEN 1 AND 256),
	CONSTRAINT "package_releases_stability_range" CHECK("package_releases"."stability" BETWEEN 0 AND 4),
	CONSTRAINT "package_releases_notes_url_len" CHECK(length(notes_url) <= 4096),
	CONSTRAINT "package_releases_download_url_len" CHECK(length(download_url) <= 4096)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `package_releases_package_version_unique` ON `package_releases` (`package_id`,"version" COLLATE NOCASE);--> statement-breakpoint
CREATE INDEX `package_releases_package_date_idx` ON `package_releases` (`package_id`,`release_date`);--> statement-breakpoint
CREATE TABLE `packages` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`vendor_id` integer NOT NULL,
	`display_name` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`vendor_id`) REFERENCES `vendors`(`id`) ON UPDATE no action ON DELETE restrict,
	CONSTRAINT "packages_display_name_len" CHECK(length("packages"."display_name") BETWEEN 1 AND 256)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `packages_vendor_name_unique` ON `packages` (`vendor_id`,"display_name" COLLATE NOCASE);--> statement-breakpoint
CREATE INDEX `packages_display_name_nocase_idx` ON `packages` ("display_name" COLLATE NOCASE);--> statement-breakpoint
CREATE TABLE `payment_logs` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`transaction_id` integer NOT NULL,
	`event_type` text NOT NULL,
	`from_status` text,
	`to_status` text,
	`message` text,
	`data` text DEFAULT '{}' NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`transaction_id`) REFERENCES `transactions`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `payment_logs_transaction_idx` ON `payment_logs` (`transaction_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `payment_logs_created_idx` ON `payment_logs` (`created_at`);--> statement-breakpoint
CREATE TABLE `private_keys` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`vendor_id` integer NOT NULL,
	`display_name` text NOT NULL,
	`private_key_bytes` blob NOT NULL,
	`public_key` text NOT NULL,
	`fingerprint` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`retired_at` text,
	FOREIGN KEY (`vendor_id`) REFERENCES `vendors`(`id`) ON UPDATE no action ON DELETE restrict,
	CONSTRAINT "private_keys_display_name_len" CHECK(length("private_keys"."display_name") BETWEEN 1 AND 256),
	CONSTRAINT "private_keys_bytes_len" CHECK(length("private_keys"."private_key_bytes") <= 4096)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `private_keys_fingerprint_unique` ON `private_keys` (`fingerprint`);--> statement-breakpoint
CREATE INDEX `private_keys_vendor_idx` ON `private_keys` (`vendor_id`);--> statement-breakpoint
CREATE TABLE `provider_customers` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`customer_id` integer NOT NULL,
	`provider` text NOT NULL,
	`provider_customer_id` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `provider_customers_provider_id_unique` ON `provider_customers` (`provider`,`provider_customer_id`);--> statement-breakpoint
CREATE INDEX `provider_customers_customer_idx` ON `provider_customers` (`customer_id`);--> statement-breakpoint
CREATE TABLE `rights` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	CONSTRAINT "rights_name_len" CHECK(length("rights"."name") BETWEEN 1 AND 1024)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `rights_name_unique` ON `rights` (`name`);--> statement-breakpoint
CREATE TABLE `settings` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL
);
--> statement-breakpoint
CREATE TABLE `sku_feature_ids` (
	`sku_id` integer NOT NULL,
	`feature_id` integer NOT NULL,
	PRIMARY KEY(`sku_id`, `feature_id`),
	FOREIGN KEY (`sku_id`) REFERENCES `skus`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`feature_id`) REFERENCES `feature_ids`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE INDEX `sku_feature_ids_feature_idx` ON `sku_feature_ids` (`feature_id`);--> statement-breakpoint
CREATE TABLE `sku_packages` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`package_id` integer NOT NULL,
	`sku_id` integer NOT NULL,
	FOREIGN KEY (`package_id`) REFERENCES `packages`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`sku_id`) REFERENCES `skus`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `sku_packages_sku_package_unique` ON `sku_packages` (`sku_id`,`package_id`);--> statement-breakpoint
CREATE INDEX `sku_packages_package_idx` ON `sku_packages` (`package_id`);--> statement-breakpoint
CREATE TABLE `sku_prices` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`sku_id` integer NOT NULL,
	`amount` integer NOT NULL,
	`currency` text NOT NULL,
	`interval` text NOT NULL,
	`interval_count` integer DEFAULT 1 NOT NULL,
	`trial_period_days` integer DEFAULT 0 NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	`provider` text,
	`provider_price_id` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`sku_id`) REFERENCES `skus`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "sku_prices_amount_nonneg" CHECK("sku_prices"."amount" >= 0),
	CONSTRAINT "sku_prices_currency_iso" CHECK("sku_prices"."currency" GLOB '[A-Z][A-Z][A-Z]'),
	CONSTRAINT "sku_prices_interval_count_pos" CHECK("sku_prices"."interval_count" >= 1),
	CONSTRAINT "sku_prices_trial_nonneg" CHECK("sku_prices"."trial_period_days" >= 0),
	CONSTRAINT "sku_prices_interval_known" CHECK("sku_prices"."interval" IN ('one_time', 'day', 'week', 'month', 'year'))
);
--> statement-breakpoint
CREATE INDEX `sku_prices_sku_idx` ON `sku_prices` (`sku_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `sku_prices_provider_price_unique` ON `sku_prices` (`provider`,`provider_price_id`);--> statement-breakpoint
CREATE TABLE `skus` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`private_key_id` integer,
	`vendor_id` integer NOT NULL,
	`sku` text NOT NULL,
	`name` text,
	`max_domains` integer,
	`edit_ownership_duration` integer,
	`max_support_contacts` integer,
	`change_support_contacts_duration` integer,
	`license_duration` integer,
	`auto_domain_duration` integer,
	`manual_domain_duration` integer,
	`can_delete_manual_domains` integer DEFAULT false NOT NULL,
	`can_delete_auto_domains` integer DEFAULT false NOT NULL,
	`release_date` text,
	`expiration_date` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`private_key_id`) REFERENCES `private_keys`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`vendor_id`) REFERENCES `vendors`(`id`) ON UPDATE no action ON DELETE restrict,
	CONSTRAINT "skus_sku_len" CHECK(length("skus"."sku") BETWEEN 1 AND 256),
	CONSTRAINT "skus_name_len" CHECK(length(name) <= 256),
	CONSTRAINT "skus_max_domains_nonneg" CHECK("skus"."max_domains" >= 0),
	CONSTRAINT "skus_edit_ownership_duration_nonneg" CHECK("skus"."edit_ownership_duration" >= 0),
	CONSTRAINT "skus_max_support_contacts_nonneg" CHECK("skus"."max_support_contacts" >= 0),
	CONSTRAINT "skus_change_support_contacts_duration_nonneg" CHECK("skus"."change_support_contacts_duration" >= 0),
	CONSTRAINT "skus_license_duration_nonneg" CHECK("skus"."license_duration" >= 0),
	CONSTRAINT "skus_auto_domain_duration_nonneg" CHECK("skus"."auto_domain_duration" >= 0),
	CONSTRAINT "skus_manual_domain_duration_nonneg" CHECK("skus"."manual_domain_duration" >= 0),
	CONSTRAINT "skus_expiration_after_release" CHECK("skus"."expiration_date" > "skus"."release_date")
);
--> statement-breakpoint
CREATE UNIQUE INDEX `skus_vendor_sku_unique` ON `skus` (`vendor_id`,"sku" COLLATE NOCASE);--> statement-breakpoint
CREATE INDEX `skus_sku_nocase_idx` ON `skus` ("sku" COLLATE NOCASE);--> statement-breakpoint
CREATE INDEX `skus_name_nocase_idx` ON `skus` ("name" COLLATE NOCASE);--> statement-breakpoint
CREATE INDEX `skus_release_date_idx` ON `skus` (`release_date`);--> statement-breakpoint
CREATE INDEX `skus_expiration_date_idx` ON `skus` (`expiration_date`);--> statement-breakpoint
CREATE INDEX `skus_private_key_idx` ON `skus` (`private_key_id`);--> statement-breakpoint
CREATE TABLE `transaction_items` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`transaction_id` integer NOT NULL,
	`sku_id` integer,
	`provider_item_id` text NOT NULL,
	`quantity` integer NOT NULL,
	`e_item_name` text,
	`e_item_number` text,
	`gross` integer DEFAULT 0 NOT NULL,
	`option_name1` text,
	`option_selection1` text,
	`option_name2` text,
	`option_selection2` text,
	`option_name3` text,
	`option_selection3` text,
	FOREIGN KEY (`transaction_id`) REFERENCES `transactions`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`sku_id`) REFERENCES `skus`(`id`) ON UPDATE no action ON DELETE restrict,
	CONSTRAINT "transaction_items_quantity_pos" CHECK("transaction_items"."quantity" >= 1)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `transaction_items_provider_item_unique` ON `transaction_items` (`transaction_id`,`provider_item_id`);--> statement-breakpoint
CREATE INDEX `transaction_items_sku_idx` ON `transaction_items` (`sku_id`);--> statement-breakpoint
CREATE TABLE `transactions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`provider` text NOT NULL,
	`provider_txn_id` text NOT NULL,
	`txn_type` text,
	`status` text NOT NULL,
	`customer_id` integer,
	`payer_email` text,
	`payer_first_name` text,
	`payer_last_name` text,
	`payer_business_name` text,
	`payer_id` text,
	`residence_country` text,
	`business` text,
	`currency` text NOT NULL,
	`gross` integer NOT NULL,
	`fee` integer DEFAULT 0 NOT NULL,
	`tax` integer DEFAULT 0 NOT NULL,
	`shipping` integer DEFAULT 0 NOT NULL,
	`payment_date` text NOT NULL,
	`raw_format` text NOT NULL,
	`raw` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE restrict,
	CONSTRAINT "transactions_currency_iso" CHECK("transactions"."currency" GLOB '[A-Z][A-Z][A-Z]'),
	CONSTRAINT "transactions_fee_nonneg" CHECK("transactions"."fee" >= 0),
	CONSTRAINT "transactions_tax_nonneg" CHECK("transactions"."tax" >= 0),
	CONSTRAINT "transactions_shipping_nonneg" CHECK("transactions"."shipping" >= 0),
	CONSTRAINT "transactions_status_known" CHECK(status IN ('waiting', 'preauthorized', 'confirmed', 'rejected', 'refunded', 'partially_refunded', 'reversed', 'error'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `transactions_provider_txn_unique` ON `transactions` (`provider`,`provider_txn_id`);--> statement-breakpoint
CREATE INDEX `transactions_status_idx` ON `transactions` (`status`);--> statement-breakpoint
CREATE INDEX `transactions_payment_date_idx` ON `transactions` (`payment_date`);--> statement-breakpoint
CREATE INDEX `transactions_customer_idx` ON `transactions` (`customer_id`);--> statement-breakpoint
CREATE INDEX `transactions_payer_email_idx` ON `transactions` (lower("payer_email"));--> statement-breakpoint
CREATE TABLE `user_app_notifications` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` integer NOT NULL,
	`app_id` text NOT NULL,
	`app_notification_kind_id` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`app_id`) REFERENCES `apps`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`app_notification_kind_id`) REFERENCES `app_notification_kinds`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE UNIQUE INDEX `user_app_notifications_unique` ON `user_app_notifications` (`user_id`,`app_id`,`app_notification_kind_id`);--> statement-breakpoint
CREATE INDEX `user_app_notifications_app_idx` ON `user_app_notifications` (`app_id`);--> statement-breakpoint
CREATE TABLE `user_object_rights` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` integer NOT NULL,
	`right_id` integer NOT NULL,
	`object_id` text NOT NULL,
	`object_type` text NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`right_id`) REFERENCES `rights`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "user_object_rights_object_type_known" CHECK(object_type IN ('vendor', 'sku', 'license', 'app', 'package', 'customer'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `user_object_rights_unique` ON `user_object_rights` (`user_id`,`right_id`,`object_type`,`object_id`);--> statement-breakpoint
CREATE INDEX `user_object_rights_object_idx` ON `user_object_rights` (`object_type`,`object_id`);--> statement-breakpoint
CREATE TABLE `users` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`email` text NOT NULL,
	`role` text DEFAULT 'staff' NOT NULL,
	`is_active` integer DEFAULT true NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	CONSTRAINT "users_name_len" CHECK(length("users"."name") BETWEEN 1 AND 256),
	CONSTRAINT "users_email_len" CHECK(length("users"."email") BETWEEN 3 AND 256),
	CONSTRAINT "users_role_known" CHECK("users"."role" IN ('owner', 'admin', 'staff', 'viewer'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `users_email_unique` ON `users` (lower("email"));--> statement-breakpoint
CREATE TABLE `vendors` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`street` text,
	`city` text,
	`region` text,
	`postal` text,
	`country` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	CONSTRAINT "vendors_street_len" CHECK(length(street) <= 256),
	CONSTRAINT "vendors_city_len" CHECK(length(city) <= 256),
	CONSTRAINT "vendors_region_len" CHECK(length(region) <= 256),
	CONSTRAINT "vendors_postal_len" CHECK(length(postal) <= 256),
	CONSTRAINT "vendors_country_len" CHECK(length(country) <= 256),
	CONSTRAINT "vendors_name_len" CHECK(length("vendors"."name") BETWEEN 1 AND 1024)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `vendors_name_unique` ON `vendors` ("name" COLLATE NOCASE);--> statement-breakpoint
CREATE INDEX `vendors_country_nocase_idx` ON `vendors` ("country" COLLATE NOCASE);