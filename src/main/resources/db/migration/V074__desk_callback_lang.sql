-- The language the caller is answered in (their contact's, when the number or the chat is someone's): routing gives a
-- callback, like a chat, only to an agent who serves that language (staffing's skills).
ALTER TABLE desk_callbacks ADD COLUMN lang TEXT CHECK (lang IN ('fr', 'en'));
