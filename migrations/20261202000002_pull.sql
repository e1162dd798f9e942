-- Sync, second part (issue #12): what this PC pulls from the central, and what its officers
-- must look at.

-- The central's cursor, stored with the changes it covers (in the same transaction), so a crash
-- between the two can only make the PC pull the same changes again.
ALTER TABLE sync_state ADD COLUMN pull_cursor TEXT;
ALTER TABLE sync_state ADD COLUMN last_pull_utc TEXT;
-- This PC's clock minus the central's, in seconds, at the last answer.
ALTER TABLE sync_state ADD COLUMN clock_skew_s INTEGER;
-- Counts the pulls that changed something, so open screens know to reload.
ALTER TABLE sync_state ADD COLUMN pulled_revision INTEGER NOT NULL DEFAULT 0;

-- The counter that booked a walk-in (NULL: online, or this PC's own before sync existed).
ALTER TABLE bookings ADD COLUMN origin_counter TEXT;

-- "Perlu perhatian": an entry the central refused, or applied with a conflict, on any PC of the
-- office. Shown until an officer on any PC acknowledges it.
CREATE TABLE sync_conflicts (
    conflict_key     TEXT PRIMARY KEY,
    kind             TEXT NOT NULL,
    booking_code     TEXT,
    counter_code     TEXT NOT NULL,
    message_id       TEXT NOT NULL,
    message_en       TEXT NOT NULL,
    raised_utc       TEXT NOT NULL,
    acknowledged_by  TEXT,
    acknowledged_utc TEXT
);
CREATE INDEX sync_conflicts_open ON sync_conflicts (acknowledged_utc, raised_utc);
