CREATE INDEX `customers_name_nocase_idx` ON `customers` ("name" COLLATE NOCASE);--> statement-breakpoint
CREATE INDEX `users_name_nocase_idx` ON `users` ("name" COLLATE NOCASE);