-- Renewals (issue #5): the old passport's expiry date, read from its MRZ by "Pindai Paspor" or
-- typed by the officer (YYYY-MM-DD); NULL when it was not recorded.
ALTER TABLE applicants ADD COLUMN old_passport_expiry TEXT;
