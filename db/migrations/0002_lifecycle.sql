CREATE TABLE `license_support_contacts` (
	`license_id` integer NOT NULL,
	`user_id` integer NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	PRIMARY KEY(`license_id`, `user_id`),
	FOREIGN KEY (`license_id`) REFERENCES `licenses`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `license_support_contacts_user_idx` ON `license_support_contacts` (`user_id`);--> statement-breakpoint
ALTER TABLE `users` ADD `customer_id` integer REFERENCES customers(id) ON DELETE cascade;--> statement-breakpoint
CREATE INDEX `users_customer_idx` ON `users` (`customer_id`);--> statement-breakpoint
-- The seed's examples of AppNotificationKind, and the rights a user can hold on an object.
INSERT OR IGNORE INTO `app_notification_kinds` (`kind`) VALUES ('LicensingFailure'), ('InsecureVersion'), ('OutdatedVersion'), ('CriticalErrors'), ('Errors'), ('Warnings');--> statement-breakpoint
INSERT OR IGNORE INTO `rights` (`name`) VALUES ('View'), ('Manage domains'), ('Manage apps'), ('Edit ownership'), ('Download releases');
