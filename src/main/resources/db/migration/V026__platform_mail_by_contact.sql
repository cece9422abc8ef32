-- A person's mails, for their export and their erasure (MailRecords): found by index, not by reading the whole
-- outbox for each contact the nightly retention job anonymises.
CREATE INDEX mail_outbox_contact ON mail_outbox (contact_id) WHERE contact_id IS NOT NULL;
