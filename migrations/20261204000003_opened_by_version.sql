-- The version of Loket that last opened this file. A start by another version is an upgrade (or a
-- downgrade IT made on purpose): the file is backed up into the backup folder first.
ALTER TABLE device ADD COLUMN loket_version TEXT;
