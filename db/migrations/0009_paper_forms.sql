-- Version 9: the forms of the seeds' Vorlagen (issue 15).
-- An authority prints its Vorlagen in its own form: a Kreis's Sitzungsvorlage (tick boxes for the kind of
-- paper, Anlass der Vorlage, Sachverhaltsdarstellung; Kreis Mettmann) or a town's Ratsvorlage (Vorlage Nr.,
-- „Beschlussvorlage öffentlich Rat“, TOP-Nr. and Beratungsfolge, Bezeichnung des TOP, Sachverhalt und
-- Begründung; Stadt Kamen). Towns get the Ratsvorlage, every other authority the Sitzungsvorlage.
-- A Vorlage gains its occasion (Anlass der Vorlage), its signature block (who signs and in which capacity,
-- e.g. „In Vertretung“) and whether it is released; papers written before this version were released.

ALTER TABLE parties ADD COLUMN paper_form TEXT NOT NULL DEFAULT 'sitzungsvorlage'
    CHECK (paper_form IN ('sitzungsvorlage', 'ratsvorlage'));
UPDATE parties SET paper_form = 'ratsvorlage' WHERE role = 'STADT';

ALTER TABLE papers ADD COLUMN occasion TEXT NOT NULL DEFAULT '';
ALTER TABLE papers ADD COLUMN signer TEXT NOT NULL DEFAULT '';
ALTER TABLE papers ADD COLUMN signing_capacity TEXT NOT NULL DEFAULT '';
ALTER TABLE papers ADD COLUMN released INTEGER NOT NULL DEFAULT 1 CHECK (released IN (0, 1));

-- the search finds a Vorlage by its occasion too
DROP TRIGGER search_papers_ins;
DROP TRIGGER search_papers_upd;
CREATE TRIGGER search_papers_ins AFTER INSERT ON papers WHEN new.deleted = 0 BEGIN
    INSERT INTO search_index (kind, record_id, title, body)
    VALUES ('paper', new.id, new.number || ' ' || new.title,
            new.occasion || ' ' || new.decision_proposal || ' ' || new.facts);
    INSERT OR REPLACE INTO search_rows (kind, record_id, fts_rowid) VALUES ('paper', new.id, last_insert_rowid());
END;
CREATE TRIGGER search_papers_upd AFTER UPDATE ON papers BEGIN
    DELETE FROM search_index WHERE rowid = (SELECT fts_rowid FROM search_rows WHERE kind = 'paper' AND record_id = old.id);
    DELETE FROM search_rows WHERE kind = 'paper' AND record_id = old.id;
    INSERT INTO search_index (kind, record_id, title, body)
    SELECT 'paper', new.id, new.number || ' ' || new.title,
           new.occasion || ' ' || new.decision_proposal || ' ' || new.facts WHERE new.deleted = 0;
    INSERT INTO search_rows (kind, record_id, fts_rowid)
    SELECT 'paper', new.id, last_insert_rowid() WHERE new.deleted = 0;
END;
