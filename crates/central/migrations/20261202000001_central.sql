-- The central service's schema. Every table but the NIK freeze and the national holidays carries
-- `office_id` first in its primary key: it is the distribution key when the schema is spread over
-- several PostgreSQL nodes by office (ADR 0008). Holidays are a small reference table every node
-- keeps whole; the NIK freeze is national (a NIK books at one office at a time) and is keyed by NIK.

CREATE TABLE offices (
    office_id   text PRIMARY KEY,
    name        text NOT NULL,
    zone        text NOT NULL CHECK (zone IN ('WIB', 'WITA', 'WIT')),
    iana_tz     text NOT NULL,
    -- When approved quota opens: the seeds' Friday 14:00 until Sunday 16:00 for the next week, in
    -- the office's own zone.
    release_kind text NOT NULL DEFAULT 'weekly' CHECK (release_kind IN ('weekly', 'monthly')),
    open_day    smallint NOT NULL DEFAULT 4 CHECK (open_day BETWEEN 0 AND 6),
    open_time   time NOT NULL DEFAULT '14:00',
    close_day   smallint NOT NULL DEFAULT 6 CHECK (close_day BETWEEN 0 AND 6),
    close_time  time NOT NULL DEFAULT '16:00'
);

CREATE TABLE holidays (
    day     date NOT NULL,
    kind    text NOT NULL CHECK (kind IN ('libur_nasional', 'cuti_bersama')),
    name    text NOT NULL,
    decree  text NOT NULL DEFAULT '',
    PRIMARY KEY (day, name)
);

CREATE TABLE closures (
    office_id   text NOT NULL REFERENCES offices,
    day         date NOT NULL,
    reason      text NOT NULL,
    PRIMARY KEY (office_id, day)
);

-- One session's approved quota with its split, and the online share already sold. The CHECK is
-- the last line against overselling: no statement can leave more sold than the share.
CREATE TABLE quota (
    office_id       text NOT NULL REFERENCES offices,
    day             date NOT NULL,
    session         text NOT NULL CHECK (session IN ('pagi', 'siang')),
    online          integer NOT NULL CHECK (online >= 0),
    counter         integer NOT NULL CHECK (counter >= 0),
    priority        integer NOT NULL CHECK (priority >= 0),
    online_booked   integer NOT NULL DEFAULT 0,
    -- The number of the next online booking code of this session.
    next_number     integer NOT NULL DEFAULT 1,
    opens_at        timestamptz NOT NULL,
    closes_at       timestamptz,
    PRIMARY KEY (office_id, day, session),
    CHECK (online_booked >= 0 AND online_booked <= online)
);

CREATE TABLE bookings (
    office_id       text NOT NULL REFERENCES offices,
    booking_id      uuid NOT NULL,
    code            text NOT NULL,
    day             date NOT NULL,
    session         text NOT NULL CHECK (session IN ('pagi', 'siang')),
    kk_number       text NOT NULL,
    holder_nik      text NOT NULL,
    status          text NOT NULL CHECK (status IN ('active', 'cancelled')),
    channel         text NOT NULL DEFAULT 'online' CHECK (channel IN ('online', 'loket')),
    proof           text NOT NULL,
    created_at      timestamptz NOT NULL,
    cancelled_at    timestamptz,
    PRIMARY KEY (office_id, booking_id),
    UNIQUE (office_id, code),
    FOREIGN KEY (office_id, day, session) REFERENCES quota
);

CREATE TABLE applicants (
    office_id           text NOT NULL,
    booking_id          uuid NOT NULL,
    position            smallint NOT NULL CHECK (position BETWEEN 0 AND 4),
    nik                 text NOT NULL,
    full_name           text NOT NULL,
    relation            text NOT NULL CHECK (relation IN ('pemohon', 'suami_istri', 'anak', 'ayah_ibu')),
    application_type    text NOT NULL CHECK (application_type IN ('baru', 'penggantian')),
    old_passport        text,
    PRIMARY KEY (office_id, booking_id, position),
    FOREIGN KEY (office_id, booking_id) REFERENCES bookings ON DELETE CASCADE
);
CREATE INDEX applicants_by_nik ON applicants (nik);

-- The seeds' 30-day rule across all offices: the office-local date each NIK last chose a date
-- (used or cancelled, the freeze holds).
CREATE TABLE nik_freeze (
    nik         text PRIMARY KEY,
    last_booked date NOT NULL,
    office_id   text NOT NULL
);

-- A write's stored outcome under its Idempotency-Key: a retry with the same body gets it back,
-- the same key with another body is refused. Written in the write's own transaction.
CREATE TABLE idempotency (
    office_id       text NOT NULL,
    idem_key        text NOT NULL,
    request_hash    text NOT NULL,
    status          smallint NOT NULL,
    body            jsonb NOT NULL,
    created_at      timestamptz NOT NULL,
    PRIMARY KEY (office_id, idem_key)
);
