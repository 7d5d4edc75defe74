-- Version 11: a KPI cell may hold a sign of official statistics instead of a figure (issue 16, DIN 55301).
-- '.' Zahlenwert unbekannt oder geheim zu halten, '…' Angabe fällt später an, 'x' Tabellenfach gesperrt,
-- '*' anonymisiert (Statistik der BA). Such a record has no value (NULL) and the sign in `mark`; its meaning is
-- kept in the record's comment. '–' is not a mark: it is a true zero and stored as 0.
-- SQLite cannot drop NOT NULL from a column, so the table is rebuilt with its rows (rowids kept) and indexes
-- (the old one renamed first, so the new one is stored under its own name).

-- Written compactly: the table's SQL text is stored in every data and exchange file.
-- value: decimal as text, exact; NULL when the cell holds a mark.
ALTER TABLE kpi_values RENAME TO kpi_values_v10;
CREATE TABLE kpi_values (
id TEXT PRIMARY KEY,
measure_id TEXT NOT NULL REFERENCES measures (id),
area_id TEXT NOT NULL REFERENCES areas (id),
year INTEGER NOT NULL,
period_type TEXT NOT NULL CHECK (period_type IN ('M', 'Q', 'Y')),
period_no INTEGER NOT NULL,
value_kind TEXT NOT NULL CHECK (value_kind IN ('ist', 'prognose', 'plan')),
value TEXT,
mark TEXT NOT NULL DEFAULT '' CHECK (mark IN ('', '.', '…', 'x', '*')),
source TEXT NOT NULL DEFAULT '',
comment TEXT NOT NULL DEFAULT '',
created_at TEXT NOT NULL,
modified_at TEXT NOT NULL,
site_id TEXT NOT NULL,
modified_by TEXT NOT NULL,
row_version INTEGER NOT NULL DEFAULT 1,
deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
vv TEXT NOT NULL DEFAULT '',
local_seq INTEGER NOT NULL DEFAULT 0,
CHECK ((period_type = 'M' AND period_no BETWEEN 1 AND 12) OR (period_type = 'Q' AND period_no BETWEEN 1 AND 4)
OR (period_type = 'Y' AND period_no = 0)),
CHECK ((value IS NULL) = (mark <> ''))
);
INSERT INTO kpi_values (rowid, id, measure_id, area_id, year, period_type, period_no, value_kind, value,
                            source, comment, created_at, modified_at, site_id, modified_by, row_version, deleted,
                            vv, local_seq)
    SELECT rowid, id, measure_id, area_id, year, period_type, period_no, value_kind, value,
           source, comment, created_at, modified_at, site_id, modified_by, row_version, deleted, vv, local_seq
    FROM kpi_values_v10 ORDER BY rowid;
DROP TABLE kpi_values_v10;

CREATE UNIQUE INDEX kpi_values_key
ON kpi_values (area_id, measure_id, year, period_type, period_no, value_kind) WHERE deleted = 0;
CREATE INDEX kpi_values_local_seq ON kpi_values (local_seq);
CREATE INDEX kpi_values_deleted_key
ON kpi_values (area_id, measure_id, year, period_type, period_no, value_kind, local_seq) WHERE deleted = 1;
