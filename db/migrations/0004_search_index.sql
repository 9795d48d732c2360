-- Full-text search over customers (names and emails) and users (emails: a customer's
-- contacts) for license.list's search box (src-main/domain/licenses/search.ts). One FTS5 table per source,
-- rowid = the row's id, kept in step by triggers so every writer updates it.
-- unicode61 splits on punctuation ("kathrin.fretz@example.com" is kathrin, fretz,
-- example, com) and folds diacritics ("muller" finds Müller).
-- Licenses and domain licenses are searched through B-tree indexes instead (0003):
-- an FTS5 table written by a trigger costs ~80 µs a row here (FTS5 flushes its pending
-- terms at every statement savepoint), which would cut batch signing's throughput
-- several times over; customers and users are written rarely.
CREATE VIRTUAL TABLE `search_customers` USING fts5(`name`, `email`, tokenize = 'unicode61 remove_diacritics 2');
--> statement-breakpoint
CREATE VIRTUAL TABLE `search_users` USING fts5(`email`, tokenize = 'unicode61 remove_diacritics 2');
--> statement-breakpoint
CREATE TRIGGER `customers_search_insert` AFTER INSERT ON `customers` BEGIN
  INSERT INTO `search_customers` (rowid, `name`, `email`) VALUES (new.`id`, new.`name`, new.`email`);
END;
--> statement-breakpoint
CREATE TRIGGER `customers_search_update` AFTER UPDATE OF `id`, `name`, `email` ON `customers` BEGIN
  DELETE FROM `search_customers` WHERE rowid = old.`id`;
  INSERT INTO `search_customers` (rowid, `name`, `email`) VALUES (new.`id`, new.`name`, new.`email`);
END;
--> statement-breakpoint
CREATE TRIGGER `customers_search_delete` AFTER DELETE ON `customers` BEGIN
  DELETE FROM `search_customers` WHERE rowid = old.`id`;
END;
--> statement-breakpoint
CREATE TRIGGER `users_search_insert` AFTER INSERT ON `users` BEGIN
  INSERT INTO `search_users` (rowid, `email`) VALUES (new.`id`, new.`email`);
END;
--> statement-breakpoint
CREATE TRIGGER `users_search_update` AFTER UPDATE OF `id`, `email` ON `users` BEGIN
  DELETE FROM `search_users` WHERE rowid = old.`id`;
  INSERT INTO `search_users` (rowid, `email`) VALUES (new.`id`, new.`email`);
END;
--> statement-breakpoint
CREATE TRIGGER `users_search_delete` AFTER DELETE ON `users` BEGIN
  DELETE FROM `search_users` WHERE rowid = old.`id`;
END;
--> statement-breakpoint
-- Rows written before this migration.
INSERT INTO `search_customers` (rowid, `name`, `email`) SELECT `id`, `name`, `email` FROM `customers`;
--> statement-breakpoint
INSERT INTO `search_users` (rowid, `email`) SELECT `id`, `email` FROM `users`;
