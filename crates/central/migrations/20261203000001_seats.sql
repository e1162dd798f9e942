-- Sync, third part (issue #12): the counter and priority shares of each session are lent to the
-- office's counter PCs seat by seat (escrow), so PCs cut off from the central and from each
-- other never book more walk-ins between them than the share. The pool of a share is its limit
-- in `quota` minus every PC's `allotted` here. Keyed by counter: a PC that replaces another at
-- the same counter takes over its seats along with its walk-ins.
CREATE TABLE seat_allotments (
    office_id       text NOT NULL REFERENCES offices,
    counter_code    text NOT NULL,
    day             date NOT NULL,
    session         text NOT NULL CHECK (session IN ('pagi', 'siang')),
    share           text NOT NULL CHECK (share IN ('loket', 'prioritas')),
    -- Lent to the PC, used or not; only grows by a lending and shrinks by the PC's own return.
    allotted        integer NOT NULL DEFAULT 0 CHECK (allotted >= 0),
    -- Free seats the PC asked for with its last pull (a family at its counter).
    wanted          integer NOT NULL DEFAULT 0 CHECK (wanted BETWEEN 0 AND 5),
    -- Free seats the central asks the PC to give back.
    recall          integer NOT NULL DEFAULT 0 CHECK (recall >= 0),
    PRIMARY KEY (office_id, counter_code, day, session, share)
);

ALTER TABLE changes DROP CONSTRAINT changes_entity_check;
ALTER TABLE changes ADD CONSTRAINT changes_entity_check
    CHECK (entity IN ('booking', 'quota', 'closure', 'holiday', 'conflict', 'seats'));

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
        -- The counter first: a pull delivers only its own PC's holdings.
        WHEN 'seats' THEN office := r.office_id;
            k := r.counter_code || '|' || r.day::text || '|' || r.session || '|' || r.share;
    END CASE;
    INSERT INTO changes (office_id, entity, entity_key) VALUES (office, TG_ARGV[0], k);
    RETURN NULL;
END $$;

-- Only a change the PC must learn (its allotment or a recall), not a new ask it sent itself.
CREATE TRIGGER seats_changed AFTER INSERT OR UPDATE OF allotted, recall ON seat_allotments
    FOR EACH ROW EXECUTE FUNCTION log_change('seats');

-- A counter or priority share the kepala lowered below what the PCs hold: the share stays at
-- what is held and goes down to the goal as the PCs give their free seats back (none: no
-- lowering under way).
ALTER TABLE quota ADD COLUMN counter_goal integer CHECK (counter_goal >= 0),
                  ADD COLUMN priority_goal integer CHECK (priority_goal >= 0);
