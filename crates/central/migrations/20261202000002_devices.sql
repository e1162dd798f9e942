-- Counter PCs enrolled to their office. An admin issues a one-time code for a counter (A, B, …);
-- the PC exchanges it for its device credential, kept only in the PC's OS key store. Only hashes
-- are stored here.
CREATE TABLE enrolment_codes (
    office_id       text NOT NULL REFERENCES offices,
    code_hash       text NOT NULL,
    counter_code    text NOT NULL CHECK (counter_code ~ '^[A-Z]{1,2}$'),
    expires_at      timestamptz NOT NULL,
    used_at         timestamptz,
    PRIMARY KEY (office_id, code_hash)
);

CREATE TABLE devices (
    office_id       text NOT NULL REFERENCES offices,
    device_id       uuid NOT NULL,
    counter_code    text NOT NULL CHECK (counter_code ~ '^[A-Z]{1,2}$'),
    token_hash      text NOT NULL,
    enrolled_at     timestamptz NOT NULL,
    PRIMARY KEY (office_id, device_id),
    -- One PC per counter: enrolling a replacement PC for a counter retires the old one.
    UNIQUE (office_id, counter_code)
);
