-- Sync, second part (issue #12): what the counter PCs pushed becomes the office's bookings at the
-- central, and every change an office's PCs must learn is logged for their pulls.

-- Applicants get the ids the PCs give them (walk-ins) or the central gives them (online), and
-- what a counter records of them.
ALTER TABLE applicants
    ADD COLUMN applicant_id         uuid NOT NULL DEFAULT gen_random_uuid(),
    ADD COLUMN sex                  text CHECK (sex IN ('L', 'P')),
    ADD COLUMN birth_date           date,
    ADD COLUMN old_passport_expiry  date,
    ADD COLUMN status               text NOT NULL DEFAULT 'expected'
        CHECK (status IN ('expected', 'arrived', 'cancelled')),
    ADD COLUMN queue_number         text,
    ADD COLUMN arrived_at           timestamptz;
CREATE UNIQUE INDEX applicants_by_id ON applicants (office_id, applicant_id);

ALTER TABLE bookings
    ADD COLUMN category         text NOT NULL DEFAULT 'reguler' CHECK (category IN ('reguler', 'prioritas')),
    ADD COLUMN counter_code     text,
    ADD COLUMN priority_reason  text,
    ADD COLUMN override_reason  text,
    ADD COLUMN kecamatan_code   text,
    ADD COLUMN address_line     text;
-- A walk-in is a fact from the counter: it is kept even for a session the central has no quota
-- row for (the citizen was served); the online path still checks the quota row itself.
ALTER TABLE bookings DROP CONSTRAINT bookings_office_id_day_session_fkey;
CREATE INDEX bookings_by_day ON bookings (office_id, day, session);

-- Closures pushed by an office carry who closed it; removing an office holiday deletes the row.
ALTER TABLE closures ADD COLUMN kind text NOT NULL DEFAULT 'closure' CHECK (kind IN ('closure', 'holiday'));

-- "Perlu perhatian": what an office's officers must see on every PC until one acknowledges it.
CREATE TABLE conflicts (
    office_id       text NOT NULL REFERENCES offices,
    conflict_key    text NOT NULL,
    kind            text NOT NULL,
    booking_code    text,
    counter_code    text NOT NULL,
    message_id      text NOT NULL,
    message_en      text NOT NULL,
    raised_at       timestamptz NOT NULL,
    acknowledged_by text,
    acknowledged_at timestamptz,
    PRIMARY KEY (office_id, conflict_key)
);

-- The change log the pulls read. `txid` is the writing transaction's id: a pull returns only
-- changes of transactions older than every transaction still running (the snapshot's xmin), so
-- a change committed late by a slow transaction is never skipped by a cursor that already moved
-- past a younger one. National rows (holidays) are logged under office ''.
CREATE TABLE changes (
    office_id   text NOT NULL,
    change_id   bigint GENERATED ALWAYS AS IDENTITY,
    txid        xid8 NOT NULL DEFAULT pg_current_xact_id(),
    entity      text NOT NULL CHECK (entity IN ('booking', 'quota', 'closure', 'holiday', 'conflict')),
    entity_key  text NOT NULL,
    PRIMARY KEY (office_id, change_id)
);
CREATE INDEX changes_by_txid ON changes (office_id, txid, change_id);

-- Logged by triggers, so no write path can forget: a booking row, its applicants, a quota row,
-- a closure, a holiday, a conflict. The pull reads the entity's current state by its key. No
-- NOTIFY here: it takes a lock every committing transaction would queue on in a release rush;
-- the service wakes its own long polls after its commits and the others look every second.
CREATE FUNCTION log_change() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    r record;
    office text;
    k text;
BEGIN
    IF TG_OP = 'DELETE' THEN r := OLD; ELSE r := NEW; END IF;
    CASE TG_ARGV[0]
        WHEN 'booking' THEN office := r.office_id; k := r.booking_id::text;
        WHEN 'quota' THEN office := r.office_id; k := r.day::text || '|' || r.session;
        WHEN 'closure' THEN office := r.office_id; k := r.day::text;
        WHEN 'holiday' THEN office := ''; k := r.day::text || '|' || r.name;
        WHEN 'conflict' THEN office := r.office_id; k := r.conflict_key;
    END CASE;
    INSERT INTO changes (office_id, entity, entity_key) VALUES (office, TG_ARGV[0], k);
    RETURN NULL;
END $$;

CREATE TRIGGER bookings_changed AFTER INSERT OR UPDATE ON bookings
    FOR EACH ROW EXECUTE FUNCTION log_change('booking');
-- An applicant's insert comes with its booking's, which is logged already.
CREATE TRIGGER applicants_changed AFTER UPDATE ON applicants
    FOR EACH ROW EXECUTE FUNCTION log_change('booking');
CREATE TRIGGER quota_changed AFTER INSERT OR UPDATE ON quota
    FOR EACH ROW EXECUTE FUNCTION log_change('quota');
CREATE TRIGGER closures_changed AFTER INSERT OR UPDATE OR DELETE ON closures
    FOR EACH ROW EXECUTE FUNCTION log_change('closure');
CREATE TRIGGER holidays_changed AFTER INSERT OR UPDATE OR DELETE ON holidays
    FOR EACH ROW EXECUTE FUNCTION log_change('holiday');
CREATE TRIGGER conflicts_changed AFTER INSERT OR UPDATE ON conflicts
    FOR EACH ROW EXECUTE FUNCTION log_change('conflict');
