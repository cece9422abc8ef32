-- One list of accents: the duplicate key is people_fold (V016) with everything but letters and digits
-- removed, instead of V022's own copy of the accent table. The keys it gives are the same (people_fold
-- only also turns typographic apostrophes into ', which the key removes anyway), so the index built on
-- it stays right; it is rebuilt all the same, as an index on a redefined function must be.
CREATE OR REPLACE FUNCTION people_name_key(t TEXT) RETURNS TEXT LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
RETURN regexp_replace(people_fold(t), '[^a-z0-9]+', '', 'g');

REINDEX INDEX contacts_duplicate_key;
