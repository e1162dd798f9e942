-- Sync with the central service (issue #12): how far the central has acknowledged this PC's
-- outbox, and the outcome it gave each entry. An outcome never changes once received, and the
-- acknowledged number never goes down (a late answer to an old push cannot move it back).
CREATE TABLE sync_state (
    id                  INTEGER PRIMARY KEY CHECK (id = 1),
    -- The central this PC is enrolled with (NULL: not enrolled; the credential itself is in the
    -- OS key store, never here).
    central_url         TEXT,
    enrolled_utc        TEXT,
    acked_seq           INTEGER NOT NULL DEFAULT 0 CHECK (acked_seq >= 0),
    last_push_utc       TEXT,
    last_server_utc     TEXT
);
INSERT INTO sync_state (id) VALUES (1);

CREATE TABLE sync_outcomes (
    seq             INTEGER PRIMARY KEY REFERENCES outbox (seq),
    outcome         TEXT NOT NULL CHECK (outcome IN ('applied', 'refused')),
    reason_code     TEXT,
    message_id      TEXT,
    message_en      TEXT,
    received_utc    TEXT NOT NULL
);
