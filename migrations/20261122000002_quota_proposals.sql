-- Quota proposals and their four-eyes decisions (issue #3). Approved capacity lands in `quota`
-- with its split and the instant it opens to the public.
CREATE TABLE proposals (
    id              TEXT PRIMARY KEY,
    office_slug     TEXT NOT NULL REFERENCES offices(slug),
    proposer_id     TEXT NOT NULL REFERENCES users(id),
    status          TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'submitted', 'decided')),
    created_utc     TEXT NOT NULL,
    submitted_utc   TEXT
);

CREATE TABLE proposal_days (
    proposal_id     TEXT NOT NULL REFERENCES proposals(id),
    date            TEXT NOT NULL,
    session         TEXT NOT NULL CHECK (session IN ('pagi', 'siang')),
    online          INTEGER NOT NULL CHECK (online >= 0),
    counter         INTEGER NOT NULL CHECK (counter >= 0),
    priority        INTEGER NOT NULL CHECK (priority >= 0),
    include_reason  TEXT,
    decision        TEXT NOT NULL DEFAULT 'pending' CHECK (decision IN ('pending', 'approved', 'rejected')),
    decided_by      TEXT REFERENCES users(id),
    decided_utc     TEXT,
    decision_reason TEXT,
    PRIMARY KEY (proposal_id, date, session)
);
CREATE INDEX proposal_days_by_date ON proposal_days (date, session);

ALTER TABLE quota ADD COLUMN online INTEGER;
ALTER TABLE quota ADD COLUMN counter INTEGER;
ALTER TABLE quota ADD COLUMN priority INTEGER;
ALTER TABLE quota ADD COLUMN opens_utc TEXT;
