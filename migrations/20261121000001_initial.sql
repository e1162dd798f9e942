-- Loket's local database. One file per counter PC; the outbox is what the sync worker will send.

-- This PC: its identity, the office it belongs to and the next outbox sequence number.
CREATE TABLE device (
    id              INTEGER PRIMARY KEY CHECK (id = 1),
    device_id       TEXT    NOT NULL,
    office_slug     TEXT    REFERENCES offices(slug),
    demo            INTEGER NOT NULL DEFAULT 0 CHECK (demo IN (0, 1)),
    next_seq        INTEGER NOT NULL DEFAULT 1 CHECK (next_seq >= 1),
    created_utc     TEXT    NOT NULL
);

-- Reference data imported from the embedded tables (data/reference/).
CREATE TABLE offices (
    slug            TEXT PRIMARY KEY,
    name            TEXT NOT NULL,
    kelas           TEXT NOT NULL,
    city            TEXT NOT NULL,
    province        TEXT NOT NULL,
    kabkota_code    TEXT NOT NULL,
    zone            TEXT NOT NULL CHECK (zone IN ('WIB', 'WITA', 'WIT')),
    iana_tz         TEXT NOT NULL
);

CREATE TABLE reference_imports (
    name            TEXT PRIMARY KEY,
    version         INTEGER NOT NULL,
    imported_utc    TEXT NOT NULL
);

-- Session hours and working week of an office, office-local.
CREATE TABLE office_settings (
    office_slug     TEXT PRIMARY KEY REFERENCES offices(slug),
    pagi_start      TEXT NOT NULL DEFAULT '08:00',
    pagi_end        TEXT NOT NULL DEFAULT '12:00',
    siang_start     TEXT NOT NULL DEFAULT '13:00',
    siang_end       TEXT NOT NULL DEFAULT '16:00',
    -- Monday first; '1' = open to the public.
    working_days    TEXT NOT NULL DEFAULT '1111100' CHECK (length(working_days) = 7)
);

-- National holidays and cuti bersama; admins may add or move them when a decree is amended.
CREATE TABLE holidays (
    date            TEXT NOT NULL,
    kind            TEXT NOT NULL CHECK (kind IN ('libur_nasional', 'cuti_bersama')),
    name            TEXT NOT NULL,
    decree          TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (date, name)
);

-- Days an office is closed for its own reasons.
CREATE TABLE closures (
    office_slug     TEXT NOT NULL REFERENCES offices(slug),
    date            TEXT NOT NULL,
    reason          TEXT NOT NULL,
    PRIMARY KEY (office_slug, date)
);

CREATE TABLE users (
    id              TEXT PRIMARY KEY,
    username        TEXT NOT NULL UNIQUE,
    full_name       TEXT NOT NULL,
    nip             TEXT,
    role            TEXT NOT NULL CHECK (role IN ('petugas', 'kepala', 'admin')),
    password_hash   TEXT NOT NULL,
    disabled        INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
    failed_attempts INTEGER NOT NULL DEFAULT 0,
    locked_until_utc TEXT,
    created_utc     TEXT NOT NULL
);

CREATE TABLE quota (
    office_slug     TEXT NOT NULL REFERENCES offices(slug),
    date            TEXT NOT NULL,
    session         TEXT NOT NULL CHECK (session IN ('pagi', 'siang')),
    capacity        INTEGER NOT NULL CHECK (capacity BETWEEN 0 AND 1000),
    PRIMARY KEY (office_slug, date, session)
);

CREATE TABLE bookings (
    id              TEXT PRIMARY KEY,
    code            TEXT NOT NULL UNIQUE,
    office_slug     TEXT NOT NULL REFERENCES offices(slug),
    date            TEXT NOT NULL,
    session         TEXT NOT NULL CHECK (session IN ('pagi', 'siang')),
    channel         TEXT NOT NULL CHECK (channel IN ('online', 'loket')),
    category        TEXT NOT NULL CHECK (category IN ('reguler', 'prioritas')),
    kk_number       TEXT NOT NULL,
    status          TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'cancelled')),
    created_utc     TEXT NOT NULL
);
CREATE INDEX bookings_by_day ON bookings (office_slug, date, session);

CREATE TABLE applicants (
    id              TEXT PRIMARY KEY,
    booking_id      TEXT NOT NULL REFERENCES bookings(id),
    position        INTEGER NOT NULL CHECK (position BETWEEN 1 AND 5),
    nik             TEXT NOT NULL CHECK (length(nik) = 16),
    full_name       TEXT NOT NULL,
    relation        TEXT NOT NULL CHECK (relation IN ('pemohon', 'suami_istri', 'anak', 'ayah_ibu')),
    sex             TEXT NOT NULL CHECK (sex IN ('L', 'P')),
    birth_date      TEXT NOT NULL,
    application_type TEXT NOT NULL CHECK (application_type IN ('baru', 'penggantian')),
    status          TEXT NOT NULL DEFAULT 'expected'
                    CHECK (status IN ('expected', 'arrived', 'no_show', 'cancelled')),
    queue_number    INTEGER,
    arrived_utc     TEXT,
    UNIQUE (booking_id, position)
);
CREATE INDEX applicants_by_booking ON applicants (booking_id);
CREATE INDEX applicants_by_nik ON applicants (nik);

-- Every change a user makes, in the same transaction as the change itself. The sync worker drains
-- it; until then the audit view reads it. `seq` is per device and gap-free.
CREATE TABLE outbox (
    seq             INTEGER PRIMARY KEY,
    id              TEXT NOT NULL UNIQUE,
    device_id       TEXT NOT NULL,
    actor           TEXT NOT NULL,
    occurred_utc    TEXT NOT NULL,
    occurred_local  TEXT NOT NULL,
    op_type         TEXT NOT NULL,
    payload         TEXT NOT NULL CHECK (json_valid(payload))
);
