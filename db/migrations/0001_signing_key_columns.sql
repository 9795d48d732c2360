ALTER TABLE `domain_licenses` ADD `signing_key_id` integer REFERENCES private_keys(id);--> statement-breakpoint
CREATE INDEX `domain_licenses_signing_key_idx` ON `domain_licenses` (`signing_key_id`);--> statement-breakpoint
ALTER TABLE `licenses` ADD `signing_key_id` integer REFERENCES private_keys(id);--> statement-breakpoint
CREATE INDEX `licenses_signing_key_idx` ON `licenses` (`signing_key_id`);