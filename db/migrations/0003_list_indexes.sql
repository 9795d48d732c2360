-- Indexes for the license and domain-license lists, search and dashboard
-- (src-main/domain/licenses/list.ts, search.ts, src-main/domain/insight/dashboard.ts).
-- drizzle-kit splits an index expression at its commas, so the expressions are written out by hand.
DROP INDEX `licenses_owner_name_idx`;--> statement-breakpoint
DROP INDEX `licenses_sku_idx`;--> statement-breakpoint
DROP INDEX `licenses_issued_idx`;--> statement-breakpoint
CREATE INDEX `licenses_id_state_idx` ON `licenses` (`id`,`status`,coalesce("expires", '9999-12-31T23:59:59.999Z'));--> statement-breakpoint
CREATE INDEX `licenses_owner_name_nocase_idx` ON `licenses` ("owner_name" COLLATE NOCASE,`id`,`status`,coalesce("expires", '9999-12-31T23:59:59.999Z'));--> statement-breakpoint
CREATE INDEX `licenses_status_expiry_idx` ON `licenses` (`status`,coalesce("expires", '9999-12-31T23:59:59.999Z'));--> statement-breakpoint
CREATE INDEX `licenses_owner_rest_nocase_idx` ON `licenses` (substr("owner_name", instr("owner_name", ' ') + 1) COLLATE NOCASE);--> statement-breakpoint
CREATE INDEX `licenses_sku_idx` ON `licenses` (`sku_id`,`id`,`status`,coalesce("expires", '9999-12-31T23:59:59.999Z'));--> statement-breakpoint
CREATE INDEX `licenses_issued_idx` ON `licenses` (`issued`,`id`,`status`,coalesce("expires", '9999-12-31T23:59:59.999Z'));--> statement-breakpoint
DROP INDEX `domain_licenses_domain_idx`;--> statement-breakpoint
DROP INDEX `domain_licenses_expires_idx`;--> statement-breakpoint
CREATE INDEX `domain_licenses_parent_idx` ON `domain_licenses` (substr("domain_name", instr("domain_name", '.') + 1),`license_id`);--> statement-breakpoint
CREATE INDEX `domain_licenses_issued_idx` ON `domain_licenses` (`issued`,`id`,`expires`);--> statement-breakpoint
CREATE INDEX `domain_licenses_license_expires_idx` ON `domain_licenses` (`license_id`,`expires`,`is_automatic`);--> statement-breakpoint
CREATE INDEX `domain_licenses_domain_idx` ON `domain_licenses` (`domain_name`,`id`,`license_id`);--> statement-breakpoint
CREATE INDEX `domain_licenses_expires_idx` ON `domain_licenses` (`expires`,`id`,`is_automatic`);
