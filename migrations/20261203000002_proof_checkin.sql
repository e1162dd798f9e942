-- An online booking known here only from its central-signed proof, scanned while this PC had not
-- pulled the booking yet (offline): what the proof says, and the arrivals checked in from it.
-- When the booking itself is pulled, the arrivals move onto its applicants and these rows go.
CREATE TABLE proof_bookings (
    code         TEXT PRIMARY KEY,
    office_slug  TEXT NOT NULL,
    date         TEXT NOT NULL,
    session      TEXT NOT NULL CHECK (session IN ('pagi', 'siang')),
    applicants   INTEGER NOT NULL CHECK (applicants BETWEEN 1 AND 5),
    proof_qr     TEXT NOT NULL,
    scanned_utc  TEXT NOT NULL
);

CREATE TABLE proof_arrivals (
    code           TEXT NOT NULL REFERENCES proof_bookings(code),
    position       INTEGER NOT NULL CHECK (position BETWEEN 1 AND 5),
    queue_counter  TEXT NOT NULL,
    queue_number   INTEGER NOT NULL,
    arrived_utc    TEXT NOT NULL,
    PRIMARY KEY (code, position)
);
