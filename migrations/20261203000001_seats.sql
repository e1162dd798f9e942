-- Sync, third part (issue #12): the seats of each session's counter and priority shares this PC
-- holds (lent by the central), and the seats it asks for. A PC enrolled with a central books a
-- walk-in only within `allotted` minus what its own walk-ins use, so the office's PCs together
-- never book beyond the share, even while every one of them is offline.
CREATE TABLE seat_allotments (
    date        TEXT NOT NULL,
    session     TEXT NOT NULL CHECK (session IN ('pagi', 'siang')),
    share       TEXT NOT NULL CHECK (share IN ('loket', 'prioritas')),
    allotted    INTEGER NOT NULL CHECK (allotted >= 0),
    -- Free seats the central asked this PC to give back.
    recall      INTEGER NOT NULL DEFAULT 0 CHECK (recall >= 0),
    PRIMARY KEY (date, session, share)
);

-- A family at this counter the PC held too few seats for: sent with every pull until the seats
-- arrive, the walk-in is booked, or the ask is a few minutes old.
CREATE TABLE seat_wants (
    date        TEXT NOT NULL,
    session     TEXT NOT NULL CHECK (session IN ('pagi', 'siang')),
    share       TEXT NOT NULL CHECK (share IN ('loket', 'prioritas')),
    seats       INTEGER NOT NULL CHECK (seats BETWEEN 1 AND 5),
    asked_utc   TEXT NOT NULL,
    PRIMARY KEY (date, session, share)
);
