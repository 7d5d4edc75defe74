-- Version 5: what the exchange between offices needs (docs/exchange.md).
--  * Every file copy is a replica with an id of its own (meta 'replica_id', 16 hex digits)
--    and a counter (meta 'replica_seq') that counts its writing transactions. A copied or
--    restored file gets a new replica id when it is next opened for editing: the file's
--    identity on disk is kept in meta 'replica_file' and compared at every opening.
--  * vv: each record's version vector, "replica:counter" pairs sorted by replica and
--    separated by spaces: for every replica that changed the record, its counter at the
--    latest such change. Two versions of a record are ordered if one vector is at least
--    the other in every entry; otherwise they were changed independently (a conflict).
--    Built-in catalogue rows have the empty vector: every file has them from its migrations.
--  * local_seq: this file's counter when the row last changed here (by an edit or a merge);
--    a delta export sends the rows changed since the last exchange with an office.
--  * replicas: every replica this file has heard of, with how far this file has seen its
--    changes (known_seq; the knowledge vector a delta is computed against).
--  * exchange_partners: per partner replica, what was last sent to it and received from it.
--  * exchange_conflicts: records changed on both sides, with the other side's version,
--    until the user decides (mine, theirs, or field by field).
--  * exchange_log: every exchange file written or merged, with its manifest and counts.

ALTER TABLE parties ADD COLUMN vv TEXT NOT NULL DEFAULT '';
ALTER TABLE parties ADD COLUMN local_seq INTEGER NOT NULL DEFAULT 0;
ALTER TABLE signatories ADD COLUMN vv TEXT NOT NULL DEFAULT '';
ALTER TABLE signatories ADD COLUMN local_seq INTEGER NOT NULL DEFAULT 0;
ALTER TABLE areas ADD COLUMN vv TEXT NOT NULL DEFAULT '';
ALTER TABLE areas ADD COLUMN local_seq INTEGER NOT NULL DEFAULT 0;
ALTER TABLE measures ADD COLUMN vv TEXT NOT NULL DEFAULT '';
ALTER TABLE measures ADD COLUMN local_seq INTEGER NOT NULL DEFAULT 0;
ALTER TABLE agreements ADD COLUMN vv TEXT NOT NULL DEFAULT '';
ALTER TABLE agreements ADD COLUMN local_seq INTEGER NOT NULL DEFAULT 0;
ALTER TABLE agreement_parties ADD COLUMN vv TEXT NOT NULL DEFAULT '';
ALTER TABLE agreement_parties ADD COLUMN local_seq INTEGER NOT NULL DEFAULT 0;
ALTER TABLE amendments ADD COLUMN vv TEXT NOT NULL DEFAULT '';
ALTER TABLE amendments ADD COLUMN local_seq INTEGER NOT NULL DEFAULT 0;
ALTER TABLE sections ADD COLUMN vv TEXT NOT NULL DEFAULT '';
ALTER TABLE sections ADD COLUMN local_seq INTEGER NOT NULL DEFAULT 0;
ALTER TABLE clauses ADD COLUMN vv TEXT NOT NULL DEFAULT '';
ALTER TABLE clauses ADD COLUMN local_seq INTEGER NOT NULL DEFAULT 0;
ALTER TABLE goals ADD COLUMN vv TEXT NOT NULL DEFAULT '';
ALTER TABLE goals ADD COLUMN local_seq INTEGER NOT NULL DEFAULT 0;
ALTER TABLE kpi_values ADD COLUMN vv TEXT NOT NULL DEFAULT '';
ALTER TABLE kpi_values ADD COLUMN local_seq INTEGER NOT NULL DEFAULT 0;
ALTER TABLE papers ADD COLUMN vv TEXT NOT NULL DEFAULT '';
ALTER TABLE papers ADD COLUMN local_seq INTEGER NOT NULL DEFAULT 0;
ALTER TABLE consultations ADD COLUMN vv TEXT NOT NULL DEFAULT '';
ALTER TABLE consultations ADD COLUMN local_seq INTEGER NOT NULL DEFAULT 0;
ALTER TABLE attachments ADD COLUMN vv TEXT NOT NULL DEFAULT '';
ALTER TABLE attachments ADD COLUMN local_seq INTEGER NOT NULL DEFAULT 0;
ALTER TABLE goal_matches ADD COLUMN vv TEXT NOT NULL DEFAULT '';
ALTER TABLE goal_matches ADD COLUMN local_seq INTEGER NOT NULL DEFAULT 0;

INSERT INTO meta (key, value) VALUES ('replica_id', lower(hex(randomblob(8))));
INSERT INTO meta (key, value) VALUES ('replica_seq', '1');
INSERT INTO meta (key, value) VALUES ('replica_file', '');

UPDATE parties SET vv = (SELECT value FROM meta WHERE key = 'replica_id') || ':1', local_seq = 1;
UPDATE signatories SET vv = (SELECT value FROM meta WHERE key = 'replica_id') || ':1', local_seq = 1;
UPDATE areas SET vv = (SELECT value FROM meta WHERE key = 'replica_id') || ':1', local_seq = 1;
UPDATE measures SET vv = (SELECT value FROM meta WHERE key = 'replica_id') || ':1', local_seq = 1 WHERE site_id <> '00000000-0000-0000-0000-000000000000';
UPDATE agreements SET vv = (SELECT value FROM meta WHERE key = 'replica_id') || ':1', local_seq = 1;
UPDATE agreement_parties SET vv = (SELECT value FROM meta WHERE key = 'replica_id') || ':1', local_seq = 1;
UPDATE amendments SET vv = (SELECT value FROM meta WHERE key = 'replica_id') || ':1', local_seq = 1;
UPDATE sections SET vv = (SELECT value FROM meta WHERE key = 'replica_id') || ':1', local_seq = 1;
UPDATE clauses SET vv = (SELECT value FROM meta WHERE key = 'replica_id') || ':1', local_seq = 1;
UPDATE goals SET vv = (SELECT value FROM meta WHERE key = 'replica_id') || ':1', local_seq = 1;
UPDATE kpi_values SET vv = (SELECT value FROM meta WHERE key = 'replica_id') || ':1', local_seq = 1;
UPDATE papers SET vv = (SELECT value FROM meta WHERE key = 'replica_id') || ':1', local_seq = 1;
UPDATE consultations SET vv = (SELECT value FROM meta WHERE key = 'replica_id') || ':1', local_seq = 1;
UPDATE attachments SET vv = (SELECT value FROM meta WHERE key = 'replica_id') || ':1', local_seq = 1;
UPDATE goal_matches SET vv = (SELECT value FROM meta WHERE key = 'replica_id') || ':1', local_seq = 1;

CREATE INDEX kpi_values_local_seq ON kpi_values (local_seq);
CREATE INDEX goals_local_seq ON goals (local_seq);

CREATE TABLE replicas (
    id           TEXT PRIMARY KEY,
    site_id      TEXT NOT NULL DEFAULT '',
    office_name  TEXT NOT NULL DEFAULT '',
    known_seq    INTEGER NOT NULL DEFAULT 0,
    parent_id    TEXT NOT NULL DEFAULT '',
    first_seen   TEXT NOT NULL
);
INSERT INTO replicas (id, site_id, office_name, known_seq, first_seen)
    SELECT (SELECT value FROM meta WHERE key = 'replica_id'),
           coalesce((SELECT value FROM meta WHERE key = 'site_id'), ''),
           coalesce((SELECT value FROM meta WHERE key = 'site_name'), ''),
           1, strftime('%Y-%m-%dT%H:%M:%SZ', 'now');

CREATE TABLE exchange_partners (
    replica_id        TEXT PRIMARY KEY,
    site_id           TEXT NOT NULL DEFAULT '',
    office_name       TEXT NOT NULL DEFAULT '',
    last_sent_at      TEXT,
    last_sent_seq     INTEGER NOT NULL DEFAULT 0,
    last_sent_known   TEXT NOT NULL DEFAULT '{}',
    last_received_at  TEXT,
    their_known       TEXT NOT NULL DEFAULT '{}'
);

CREATE TABLE exchange_conflicts (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    table_name    TEXT NOT NULL,
    row_id        TEXT NOT NULL,
    reason        TEXT NOT NULL,
    theirs        TEXT NOT NULL,
    theirs_vv     TEXT NOT NULL,
    from_replica  TEXT NOT NULL,
    from_office   TEXT NOT NULL DEFAULT '',
    received_at   TEXT NOT NULL,
    state         TEXT NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'mine', 'theirs', 'fields', 'gone')),
    decided_at    TEXT,
    decided_by    TEXT NOT NULL DEFAULT ''
);
CREATE UNIQUE INDEX exchange_conflicts_open ON exchange_conflicts (table_name, row_id) WHERE state = 'open';

CREATE TABLE exchange_log (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    at            TEXT NOT NULL,
    direction     TEXT NOT NULL CHECK (direction IN ('sent', 'received')),
    replica_id    TEXT NOT NULL,
    office_name   TEXT NOT NULL DEFAULT '',
    file_name     TEXT NOT NULL DEFAULT '',
    user_name     TEXT NOT NULL DEFAULT '',
    manifest      TEXT NOT NULL DEFAULT '{}',
    counts        TEXT NOT NULL DEFAULT '{}'
);
