-- Each office's release schedule, office-local. Weekly (the seeds' default: Friday 14:00 until
-- Sunday 16:00 for the coming week) or monthly (the last working day of the month before).
ALTER TABLE office_settings ADD COLUMN release_kind TEXT NOT NULL DEFAULT 'weekly'
    CHECK (release_kind IN ('weekly', 'monthly'));
-- Monday = 0.
ALTER TABLE office_settings ADD COLUMN release_open_day INTEGER NOT NULL DEFAULT 4 CHECK (release_open_day BETWEEN 0 AND 6);
ALTER TABLE office_settings ADD COLUMN release_open_time TEXT NOT NULL DEFAULT '14:00';
ALTER TABLE office_settings ADD COLUMN release_close_day INTEGER NOT NULL DEFAULT 6 CHECK (release_close_day BETWEEN 0 AND 6);
ALTER TABLE office_settings ADD COLUMN release_close_time TEXT NOT NULL DEFAULT '16:00';
ALTER TABLE office_settings ADD COLUMN release_monthly_time TEXT NOT NULL DEFAULT '09:00';
