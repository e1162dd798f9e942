-- Bookings the office cancels (a closure or a new holiday on their date) keep who and why.
ALTER TABLE bookings ADD COLUMN cancelled_by TEXT;
ALTER TABLE bookings ADD COLUMN cancel_reason TEXT;
