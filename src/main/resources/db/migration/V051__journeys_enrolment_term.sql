-- An applicant's own start term (a CSV row or the API may give it): due dates "relative to the start term" and the
-- numbers per term count from it. NULL: the term of the template's version they are on.
ALTER TABLE journey_enrolments ADD COLUMN term_start date;
