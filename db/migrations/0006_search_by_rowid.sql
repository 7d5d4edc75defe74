-- Version 6: the search index is kept current by rowid. The update triggers of version 3 found a record's entry by
-- its (unindexed) kind and id, a scan of the whole index for every saved record: about 20 ms per goal in a file of a
-- Land's size, and most of a large merge. search_rows remembers which index row belongs to which record, so a
-- change deletes exactly that row. The index is rebuilt once, with its keys.

CREATE TABLE search_rows (
    kind TEXT NOT NULL,          -- agreement, section, clause, goal, paper
    record_id TEXT NOT NULL,
    fts_rowid INTEGER NOT NULL,  -- the rowid of the record's row in search_index
    PRIMARY KEY (kind, record_id)
) WITHOUT ROWID;

-- agreements
DROP TRIGGER search_agreements_ins;
DROP TRIGGER search_agreements_upd;
CREATE TRIGGER search_agreements_ins AFTER INSERT ON agreements WHEN new.deleted = 0 BEGIN
    INSERT INTO search_index (kind, record_id, title, body)
    VALUES ('agreement', new.id, new.year || ' ' || new.title, new.legal_basis || ' ' || new.preamble);
    INSERT OR REPLACE INTO search_rows (kind, record_id, fts_rowid) VALUES ('agreement', new.id, last_insert_rowid());
END;
CREATE TRIGGER search_agreements_upd AFTER UPDATE ON agreements BEGIN
    DELETE FROM search_index WHERE rowid = (SELECT fts_rowid FROM search_rows WHERE kind = 'agreement' AND record_id = old.id);
    DELETE FROM search_rows WHERE kind = 'agreement' AND record_id = old.id;
    INSERT INTO search_index (kind, record_id, title, body)
    SELECT 'agreement', new.id, new.year || ' ' || new.title, new.legal_basis || ' ' || new.preamble WHERE new.deleted = 0;
    INSERT INTO search_rows (kind, record_id, fts_rowid)
    SELECT 'agreement', new.id, last_insert_rowid() WHERE new.deleted = 0;
END;

-- sections
DROP TRIGGER search_sections_ins;
DROP TRIGGER search_sections_upd;
CREATE TRIGGER search_sections_ins AFTER INSERT ON sections WHEN new.deleted = 0 BEGIN
    INSERT INTO search_index (kind, record_id, title, body)
    VALUES ('section', new.id, trim(new.number || ' ' || new.title), new.text);
    INSERT OR REPLACE INTO search_rows (kind, record_id, fts_rowid) VALUES ('section', new.id, last_insert_rowid());
END;
CREATE TRIGGER search_sections_upd AFTER UPDATE ON sections BEGIN
    DELETE FROM search_index WHERE rowid = (SELECT fts_rowid FROM search_rows WHERE kind = 'section' AND record_id = old.id);
    DELETE FROM search_rows WHERE kind = 'section' AND record_id = old.id;
    INSERT INTO search_index (kind, record_id, title, body)
    SELECT 'section', new.id, trim(new.number || ' ' || new.title), new.text WHERE new.deleted = 0;
    INSERT INTO search_rows (kind, record_id, fts_rowid)
    SELECT 'section', new.id, last_insert_rowid() WHERE new.deleted = 0;
END;

-- clauses
DROP TRIGGER search_clauses_ins;
DROP TRIGGER search_clauses_upd;
CREATE TRIGGER search_clauses_ins AFTER INSERT ON clauses WHEN new.deleted = 0 BEGIN
    INSERT INTO search_index (kind, record_id, title, body)
    VALUES ('clause', new.id, trim(new.number || ' ' || new.title), new.text);
    INSERT OR REPLACE INTO search_rows (kind, record_id, fts_rowid) VALUES ('clause', new.id, last_insert_rowid());
END;
CREATE TRIGGER search_clauses_upd AFTER UPDATE ON clauses BEGIN
    DELETE FROM search_index WHERE rowid = (SELECT fts_rowid FROM search_rows WHERE kind = 'clause' AND record_id = old.id);
    DELETE FROM search_rows WHERE kind = 'clause' AND record_id = old.id;
    INSERT INTO search_index (kind, record_id, title, body)
    SELECT 'clause', new.id, trim(new.number || ' ' || new.title), new.text WHERE new.deleted = 0;
    INSERT INTO search_rows (kind, record_id, fts_rowid)
    SELECT 'clause', new.id, last_insert_rowid() WHERE new.deleted = 0;
END;

-- goals
DROP TRIGGER search_goals_ins;
DROP TRIGGER search_goals_upd;
CREATE TRIGGER search_goals_ins AFTER INSERT ON goals WHEN new.deleted = 0 BEGIN
    INSERT INTO search_index (kind, record_id, title, body)
    VALUES ('goal', new.id, new.title, new.description || ' ' || new.condition || ' ' || new.comment);
    INSERT OR REPLACE INTO search_rows (kind, record_id, fts_rowid) VALUES ('goal', new.id, last_insert_rowid());
END;
CREATE TRIGGER search_goals_upd AFTER UPDATE ON goals BEGIN
    DELETE FROM search_index WHERE rowid = (SELECT fts_rowid FROM search_rows WHERE kind = 'goal' AND record_id = old.id);
    DELETE FROM search_rows WHERE kind = 'goal' AND record_id = old.id;
    INSERT INTO search_index (kind, record_id, title, body)
    SELECT 'goal', new.id, new.title, new.description || ' ' || new.condition || ' ' || new.comment WHERE new.deleted = 0;
    INSERT INTO search_rows (kind, record_id, fts_rowid)
    SELECT 'goal', new.id, last_insert_rowid() WHERE new.deleted = 0;
END;

-- papers
DROP TRIGGER search_papers_ins;
DROP TRIGGER search_papers_upd;
CREATE TRIGGER search_papers_ins AFTER INSERT ON papers WHEN new.deleted = 0 BEGIN
    INSERT INTO search_index (kind, record_id, title, body)
    VALUES ('paper', new.id, new.number || ' ' || new.title, new.decision_proposal || ' ' || new.facts);
    INSERT OR REPLACE INTO search_rows (kind, record_id, fts_rowid) VALUES ('paper', new.id, last_insert_rowid());
END;
CREATE TRIGGER search_papers_upd AFTER UPDATE ON papers BEGIN
    DELETE FROM search_index WHERE rowid = (SELECT fts_rowid FROM search_rows WHERE kind = 'paper' AND record_id = old.id);
    DELETE FROM search_rows WHERE kind = 'paper' AND record_id = old.id;
    INSERT INTO search_index (kind, record_id, title, body)
    SELECT 'paper', new.id, new.number || ' ' || new.title, new.decision_proposal || ' ' || new.facts WHERE new.deleted = 0;
    INSERT INTO search_rows (kind, record_id, fts_rowid)
    SELECT 'paper', new.id, last_insert_rowid() WHERE new.deleted = 0;
END;

-- the index once more, with its keys
DELETE FROM search_index;
INSERT INTO search_index (kind, record_id, title, body)
    SELECT 'agreement', id, year || ' ' || title, legal_basis || ' ' || preamble FROM agreements WHERE deleted = 0;
INSERT INTO search_index (kind, record_id, title, body)
    SELECT 'section', id, trim(number || ' ' || title), text FROM sections WHERE deleted = 0;
INSERT INTO search_index (kind, record_id, title, body)
    SELECT 'clause', id, trim(number || ' ' || title), text FROM clauses WHERE deleted = 0;
INSERT INTO search_index (kind, record_id, title, body)
    SELECT 'goal', id, title, description || ' ' || condition || ' ' || comment FROM goals WHERE deleted = 0;
INSERT INTO search_index (kind, record_id, title, body)
    SELECT 'paper', id, number || ' ' || title, decision_proposal || ' ' || facts FROM papers WHERE deleted = 0;
INSERT INTO search_rows (kind, record_id, fts_rowid) SELECT kind, record_id, max(rowid) FROM search_index
    GROUP BY kind, record_id;
