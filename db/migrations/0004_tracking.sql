-- Version 4: what target tracking needs.
--  * measures.aggregation: how a measure's monthly values make a year's figure
--    ('last' = the reporting month's value, for the K-figures that are already
--    12-month or year-on-year quotients; 'mean' = average of the months, for
--    stocks; 'sum' = sum of the months, for counts and money).
--  * goals.green_from / goals.amber_from: the traffic-light thresholds of a goal
--    (Zielerreichung in %, decimal as text); empty means the program's default.
--  * goal_matches: the user's corrections of how goals of different years
--    match in a comparison (matched = 1 pairs them, 0 keeps them apart). They
--    are notes about the comparison, not part of a signed document.
--  * two catalogue measures for staffing goals (VZA actual, temporary share),
--    with fixed UUIDs (uuid5 of URL namespace, "zv-desktop:measure:<code>").

ALTER TABLE measures ADD COLUMN aggregation TEXT NOT NULL DEFAULT 'last'
    CHECK (aggregation IN ('last', 'mean', 'sum'));

ALTER TABLE goals ADD COLUMN green_from TEXT;
ALTER TABLE goals ADD COLUMN amber_from TEXT;

CREATE TABLE goal_matches (
    id               TEXT PRIMARY KEY,
    earlier_goal_id  TEXT NOT NULL REFERENCES goals (id),
    later_goal_id    TEXT NOT NULL REFERENCES goals (id),
    matched          INTEGER NOT NULL DEFAULT 1 CHECK (matched IN (0, 1)),
    created_at       TEXT NOT NULL,
    modified_at      TEXT NOT NULL,
    site_id          TEXT NOT NULL,
    modified_by      TEXT NOT NULL,
    row_version      INTEGER NOT NULL DEFAULT 1,
    deleted          INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
    CHECK (earlier_goal_id <> later_goal_id)
);
CREATE UNIQUE INDEX goal_matches_pair ON goal_matches (earlier_goal_id, later_goal_id) WHERE deleted = 0;
CREATE INDEX goal_matches_later ON goal_matches (later_goal_id);

INSERT INTO measures (id, code, name, definition, unit, direction, builtin, aggregation,
                      created_at, modified_at, site_id, modified_by)
    VALUES ('8aee6e7f-8813-5824-80f6-b19213e190aa', 'VZA', 'Personalausstattung (Ist)',
    'Tatsächlich besetzte Stellen in Vollzeitäquivalenten (VZA) zum Monatsende; verglichen mit dem Soll eines Personalziels.',
    'VZA', 'higher', 1, 'last', '2026-11-22T00:00:00Z', '2026-11-22T00:00:00Z', '00000000-0000-0000-0000-000000000000', 'system');
INSERT INTO measures (id, code, name, definition, unit, direction, builtin, aggregation,
                      created_at, modified_at, site_id, modified_by)
    VALUES ('25903a1a-b51d-55e7-9152-1b2df750c2e8', 'VZA-BEFR', 'Anteil befristeten Personals',
    'Anteil der befristet Beschäftigten an der Personalausstattung (VZA) zum Monatsende, in Prozent.',
    '%', 'lower', 1, 'last', '2026-11-22T00:00:00Z', '2026-11-22T00:00:00Z', '00000000-0000-0000-0000-000000000000', 'system');
