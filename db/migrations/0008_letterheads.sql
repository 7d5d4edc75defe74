-- Version 8: the authority that issues a printed document, with its letterhead (issue 15).
-- A Träger's letterhead: its name (parties.name), a department line, the address (lines separated by newlines) and
-- an optional logo or coat of arms (PNG, stored in the file). A Vorlage and an agreement name the authority that
-- issues them and carry their Aktenzeichen; a consultation its TOP number.

ALTER TABLE parties ADD COLUMN letter_department TEXT NOT NULL DEFAULT '';
ALTER TABLE parties ADD COLUMN letter_address TEXT NOT NULL DEFAULT '';
ALTER TABLE parties ADD COLUMN logo BLOB;
ALTER TABLE parties ADD COLUMN logo_type TEXT NOT NULL DEFAULT '';

ALTER TABLE papers ADD COLUMN issuer_id TEXT REFERENCES parties(id);

ALTER TABLE agreements ADD COLUMN file_ref TEXT NOT NULL DEFAULT '';
ALTER TABLE agreements ADD COLUMN issuer_id TEXT REFERENCES parties(id);

ALTER TABLE consultations ADD COLUMN agenda_item TEXT NOT NULL DEFAULT '';
