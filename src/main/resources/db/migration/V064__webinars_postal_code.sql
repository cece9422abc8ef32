-- Webinars: the postal code a registrant gives (a Canadian one, normalised "H2X 1Y4"), for the numbers' regions:
-- its first three characters (the forward sortation area) and their first letter (the province or region).
ALTER TABLE webinar_registrations ADD COLUMN postal_code TEXT CHECK (postal_code ~ '^[A-Z][0-9][A-Z] [0-9][A-Z][0-9]$');
