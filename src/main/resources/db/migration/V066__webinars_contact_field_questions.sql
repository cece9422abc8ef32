-- A registration question may be one of the contact's own fields (people's custom fields: "Programme d'intérêt",
-- "Année de diplomation"): its answer is checked against the field and noted on the contact when it holds none.
-- input: how a text answer is typed (a number or date field gets a number or date input).
ALTER TABLE webinar_questions
    ADD COLUMN contact_field TEXT,
    ADD COLUMN input TEXT NOT NULL DEFAULT 'text' CHECK (input IN ('text', 'number', 'date'));
