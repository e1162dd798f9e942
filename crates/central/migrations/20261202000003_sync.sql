-- Sync (issue #12): every entry a counter PC pushed, byte for byte, with the outcome the central
-- gave it, and where each PC's chain stands. A retired PC's log stays: it is the office's history.
ALTER TABLE devices
    -- The PC's own device id, as its entries carry it; bound by its first push.
    ADD COLUMN pc_device_id text,
    -- The last entry stored, and its hash: the next entry must be acked_seq + 1 and link to it.
    ADD COLUMN acked_seq    bigint NOT NULL DEFAULT 0 CHECK (acked_seq >= 0),
    ADD COLUMN last_hash    text NOT NULL
        DEFAULT '0000000000000000000000000000000000000000000000000000000000000000',
    ADD COLUMN last_push_at timestamptz;

CREATE TABLE device_log (
    office_id       text NOT NULL REFERENCES offices,
    device_id       uuid NOT NULL,
    seq             bigint NOT NULL CHECK (seq > 0),
    entry_id        text NOT NULL,
    pc_device_id    text NOT NULL,
    actor           text NOT NULL,
    occurred_utc    text NOT NULL,
    occurred_local  text NOT NULL,
    op_type         text NOT NULL,
    payload         text NOT NULL,
    prev_hash       text NOT NULL,
    hash            text NOT NULL,
    received_at     timestamptz NOT NULL,
    outcome         text NOT NULL CHECK (outcome IN ('applied', 'refused')),
    reason_code     text,
    message_id      text,
    message_en      text,
    PRIMARY KEY (office_id, device_id, seq)
);
