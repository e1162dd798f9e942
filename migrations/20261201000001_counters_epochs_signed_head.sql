-- Several counter PCs per office (issue #10).

-- This PC's short identity within its office (A, B, ... AA): walk-in codes and queue numbers carry
-- it, so two PCs of one office never issue the same one. Existing PCs were the only counter: A.
ALTER TABLE device ADD COLUMN counter_code TEXT NOT NULL DEFAULT 'A'
    CHECK (length(counter_code) BETWEEN 1 AND 2 AND counter_code GLOB '[A-Z]*' AND counter_code NOT GLOB '*[^A-Z]*');

-- The audit chain's head, signed with this PC's key (kept in the OS key store), so the database
-- file alone cannot be re-chained: whoever edits entries and recomputes every hash cannot sign
-- the new head. Updated in the same transaction as every outbox entry.
ALTER TABLE device ADD COLUMN head_seq INTEGER;
ALTER TABLE device ADD COLUMN head_hash TEXT;
ALTER TABLE device ADD COLUMN head_key_id TEXT;
ALTER TABLE device ADD COLUMN head_signature TEXT;
-- A PC upgraded from before the signed head signs its existing chain's head once, at the first start
-- after this migration, and never again: an unsigned head found later is an edit.
ALTER TABLE device ADD COLUMN head_adopted INTEGER NOT NULL DEFAULT 0 CHECK (head_adopted IN (0, 1));
-- A restored backup starts a new epoch: its sequence numbers continue after the last one this PC
-- is known to have written, never reusing one with other content.
ALTER TABLE device ADD COLUMN epoch INTEGER NOT NULL DEFAULT 1 CHECK (epoch >= 1);
-- Rows written before the hash chain existed were chained when the store opened. That is done once,
-- now, and never again: re-chaining on every start let an edit with its hashes nulled verify.
ALTER TABLE device ADD COLUMN chain_backfilled INTEGER NOT NULL DEFAULT 0 CHECK (chain_backfilled IN (0, 1));

-- Which counter called a queue number (B-012 is counter B's 12th of the session).
ALTER TABLE applicants ADD COLUMN queue_counter TEXT;
UPDATE applicants SET queue_counter = 'A' WHERE queue_number IS NOT NULL;
CREATE INDEX applicants_by_queue ON applicants (queue_counter, queue_number);
