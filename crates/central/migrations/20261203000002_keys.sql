-- The proof-signing keys of an office's counter PCs (each PC's `kunci.dipercaya`), delivered to
-- the office's other PCs by pull: a family booked at counter B is checked in at counter A by the
-- QR B signed. A key id, once bound, keeps its key.
CREATE TABLE office_keys (
    office_id       text NOT NULL REFERENCES offices,
    key_id          text NOT NULL,
    -- Ed25519, base64 (standard alphabet, padded), as the entry carries it.
    public_key      text NOT NULL,
    counter_code    text NOT NULL,
    added_at        timestamptz NOT NULL,
    PRIMARY KEY (office_id, key_id)
);

ALTER TABLE changes DROP CONSTRAINT changes_entity_check;
ALTER TABLE changes ADD CONSTRAINT changes_entity_check
    CHECK (entity IN ('booking', 'quota', 'closure', 'holiday', 'conflict', 'seats', 'key'));

CREATE OR REPLACE FUNCTION log_change() RETURNS trigger LANGUAGE plpgsql AS $$
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
        WHEN 'seats' THEN office := r.office_id;
            k := r.counter_code || '|' || r.day::text || '|' || r.session || '|' || r.share;
        WHEN 'key' THEN office := r.office_id; k := r.key_id;
    END CASE;
    INSERT INTO changes (office_id, entity, entity_key) VALUES (office, TG_ARGV[0], k);
    RETURN NULL;
END $$;

CREATE TRIGGER office_keys_changed AFTER INSERT ON office_keys
    FOR EACH ROW EXECUTE FUNCTION log_change('key');
