-- A Facebook user as the page's comments name them (an id Meta scopes to the page's app, not a Messenger PSID).
ALTER TABLE contact_identities DROP CONSTRAINT contact_identities_kind_check;
ALTER TABLE contact_identities ADD CONSTRAINT contact_identities_kind_check
    CHECK (kind IN ('email', 'phone', 'student_number', 'visitor', 'messenger', 'facebook'));
