-- Where this PC's daily backups go (NULL: the `cadangan` folder beside the database), chosen by
-- the admin, for example a USB disk.
ALTER TABLE device ADD COLUMN backup_dir TEXT;

-- Minutes without a key press or a click before the counter screen locks itself (kepala kantor
-- or admin; 5 by default).
ALTER TABLE office_settings ADD COLUMN lock_idle_minutes INTEGER NOT NULL DEFAULT 5
    CHECK (lock_idle_minutes BETWEEN 1 AND 60);
