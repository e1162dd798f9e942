-- Day operations at the counter (issue #4): signed proofs, walk-in details, no-show handling,
-- drafts of forms in progress, and the keys this PC trusts.

-- The signed QR text of the booking's proof, kept so a reprint is identical to the first print.
ALTER TABLE bookings ADD COLUMN proof_qr TEXT;
-- Principal's address for walk-ins (Kemendagri kecamatan code + street line).
ALTER TABLE bookings ADD COLUMN kecamatan_code TEXT;
ALTER TABLE bookings ADD COLUMN address_line TEXT;
-- lansia / balita / disabilitas / ibu_hamil for the priority category.
ALTER TABLE bookings ADD COLUMN priority_reason TEXT;
-- Why the kepala kantor let a walk-in in over a full share.
ALTER TABLE bookings ADD COLUMN override_reason TEXT;

ALTER TABLE applicants ADD COLUMN old_passport TEXT;
-- The kepala's reason when a no-show was reversed to arrived.
ALTER TABLE applicants ADD COLUMN no_show_reversal TEXT;

-- Search across all dates: by NIK (index from the first migration), by code (its UNIQUE index),
-- by name (see store::sessions).
CREATE INDEX applicants_by_status ON applicants (booking_id, status);

ALTER TABLE office_settings ADD COLUMN no_show_grace_minutes INTEGER NOT NULL DEFAULT 60;
-- The camera chosen for scanning on this PC (nokhwa index); NULL = the first one.
ALTER TABLE device ADD COLUMN camera_index INTEGER;

-- Public keys that sign booking proofs: the central service's and this office's counter PCs'.
CREATE TABLE signing_keys (
    key_id      TEXT PRIMARY KEY,
    public_key  BLOB NOT NULL CHECK (length(public_key) = 32),
    origin      TEXT NOT NULL CHECK (origin IN ('central', 'device')),
    added_utc   TEXT NOT NULL
);

-- A form in progress, saved on every change so a crash or a closed window loses nothing.
CREATE TABLE drafts (
    kind        TEXT NOT NULL,
    username    TEXT NOT NULL,
    body        TEXT NOT NULL,
    updated_utc TEXT NOT NULL,
    PRIMARY KEY (kind, username)
);

-- Names found by any word's beginning ("hidayat" finds "Andi Hidayat"), without scanning every
-- applicant: an FTS5 index over applicants.full_name, kept in step by triggers.
CREATE VIRTUAL TABLE applicant_names USING fts5(
    full_name, content = 'applicants', content_rowid = 'rowid', tokenize = 'unicode61 remove_diacritics 2'
);
INSERT INTO applicant_names (applicant_names) VALUES ('rebuild');
CREATE TRIGGER applicant_names_insert AFTER INSERT ON applicants BEGIN
    INSERT INTO applicant_names (rowid, full_name) VALUES (new.rowid, new.full_name);
END;
CREATE TRIGGER applicant_names_delete AFTER DELETE ON applicants BEGIN
    INSERT INTO applicant_names (applicant_names, rowid, full_name) VALUES ('delete', old.rowid, old.full_name);
END;
CREATE TRIGGER applicant_names_update AFTER UPDATE OF full_name ON applicants BEGIN
    INSERT INTO applicant_names (applicant_names, rowid, full_name) VALUES ('delete', old.rowid, old.full_name);
    INSERT INTO applicant_names (rowid, full_name) VALUES (new.rowid, new.full_name);
END;
