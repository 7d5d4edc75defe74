-- Version 3: full-text search (FTS5) over the titles and texts of agreements, their sections,
-- clauses and goals, and council papers, kept current by triggers. Deleted records leave it.

CREATE VIRTUAL TABLE search_index USING fts5(
    kind UNINDEXED,          -- agreement, section, clause, goal, paper
    record_id UNINDEXED,
    title,
    body,
    tokenize = 'unicode61 remove_diacritics 2'
);

-- agreements
CREATE TRIGGER search_agreements_ins AFTER INSERT ON agreements WHEN new.deleted = 0 BEGIN
    INSERT INTO search_index (kind, record_id, title, body)
    VALUES ('agreement', new.id, new.year || ' ' || new.title, new.legal_basis || ' ' || new.preamble);
END;
CREATE TRIGGER search_agreements_upd AFTER UPDATE ON agreements BEGIN
    DELETE FROM search_index WHERE kind = 'agreement' AND record_id = old.id;
    INSERT INTO search_index (kind, record_id, title, body)
    SELECT 'agreement', new.id, new.year || ' ' || new.title, new.legal_basis || ' ' || new.preamble
    WHERE new.deleted = 0;
END;

-- sections
CREATE TRIGGER search_sections_ins AFTER INSERT ON sections WHEN new.deleted = 0 BEGIN
    INSERT INTO search_index (kind, record_id, title, body)
    VALUES ('section', new.id, trim(new.number || ' ' || new.title), new.text);
END;
CREATE TRIGGER search_sections_upd AFTER UPDATE ON sections BEGIN
    DELETE FROM search_index WHERE kind = 'section' AND record_id = old.id;
    INSERT INTO search_index (kind, record_id, title, body)
    SELECT 'section', new.id, trim(new.number || ' ' || new.title), new.text WHERE new.deleted = 0;
END;

-- clauses
CREATE TRIGGER search_clauses_ins AFTER INSERT ON clauses WHEN new.deleted = 0 BEGIN
    INSERT INTO search_index (kind, record_id, title, body)
    VALUES ('clause', new.id, trim(new.number || ' ' || new.title), new.text);
END;
CREATE TRIGGER search_clauses_upd AFTER UPDATE ON clauses BEGIN
    DELETE FROM search_index WHERE kind = 'clause' AND record_id = old.id;
    INSERT INTO search_index (kind, record_id, title, body)
    SELECT 'clause', new.id, trim(new.number || ' ' || new.title), new.text WHERE new.deleted = 0;
END;

-- goals
CREATE TRIGGER search_goals_ins AFTER INSERT ON goals WHEN new.deleted = 0 BEGIN
    INSERT INTO search_index (kind, record_id, title, body)
    VALUES ('goal', new.id, new.title, new.description || ' ' || new.condition || ' ' || new.comment);
END;
CREATE TRIGGER search_goals_upd AFTER UPDATE ON goals BEGIN
    DELETE FROM search_index WHERE kind = 'goal' AND record_id = old.id;
    INSERT INTO search_index (kind, record_id, title, body)
    SELECT 'goal', new.id, new.title, new.description || ' ' || new.condition || ' ' || new.comment
    WHERE new.deleted = 0;
END;

-- papers
CREATE TRIGGER search_papers_ins AFTER INSERT ON papers WHEN new.deleted = 0 BEGIN
    INSERT INTO search_index (kind, record_id, title, body)
    VALUES ('paper', new.id, new.number || ' ' || new.title, new.decision_proposal || ' ' || new.facts);
END;
CREATE TRIGGER search_papers_upd AFTER UPDATE ON papers BEGIN
    DELETE FROM search_index WHERE kind = 'paper' AND record_id = old.id;
    INSERT INTO search_index (kind, record_id, title, body)
    SELECT 'paper', new.id, new.number || ' ' || new.title, new.decision_proposal || ' ' || new.facts
    WHERE new.deleted = 0;
END;

-- what the file already holds
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
