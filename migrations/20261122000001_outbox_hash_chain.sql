-- Tamper evidence: each outbox entry carries the hash of the one before it, so editing or deleting
-- a row breaks the chain at that row. Rows written before this migration are chained by the store
-- when it opens the file (SQLite has no SHA-256 of its own).
ALTER TABLE outbox ADD COLUMN prev_hash TEXT;
ALTER TABLE outbox ADD COLUMN hash TEXT;
