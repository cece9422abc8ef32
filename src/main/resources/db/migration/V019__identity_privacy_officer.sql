-- Loi 25's person in charge of the protection of personal information: a flag an administrator sets on
-- a staff account, beside the role (it grants the audit log, export and erasure, whatever the role).
ALTER TABLE staff ADD COLUMN privacy_officer BOOLEAN NOT NULL DEFAULT FALSE;
