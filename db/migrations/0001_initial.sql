-- ZV Desktop schema, version 1: every record carries the columns the
-- exchange between offices needs (UUID key, timestamps, site and user of the
-- last change, row version, soft-delete tombstone).

CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE sites (
    id          TEXT PRIMARY KEY,
    name        TEXT NOT NULL,
    first_seen  TEXT NOT NULL
);

CREATE TABLE audit_log (
    seq         INTEGER PRIMARY KEY AUTOINCREMENT,
    at          TEXT NOT NULL,
    site_id     TEXT NOT NULL,
    user_name   TEXT NOT NULL,
    table_name  TEXT NOT NULL,
    row_id      TEXT NOT NULL,
    action      TEXT NOT NULL CHECK (action IN ('insert', 'update', 'delete', 'restore')),
    changes     TEXT NOT NULL  -- JSON: {"field": [old, new], ...}
);
CREATE INDEX audit_log_row ON audit_log (table_name, row_id);

CREATE TABLE parties (
    id           TEXT PRIMARY KEY,
    name         TEXT NOT NULL,
    short_name   TEXT NOT NULL DEFAULT '',
    role         TEXT NOT NULL CHECK (role IN ('BA', 'AA', 'JC_GE', 'JC_ZKT', 'LAND', 'KREIS', 'STADT')),
    parent_id    TEXT REFERENCES parties (id),
    created_at   TEXT NOT NULL,
    modified_at  TEXT NOT NULL,
    site_id      TEXT NOT NULL,
    modified_by  TEXT NOT NULL,
    row_version  INTEGER NOT NULL DEFAULT 1,
    deleted      INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1))
);

CREATE TABLE signatories (
    id           TEXT PRIMARY KEY,
    party_id     TEXT NOT NULL REFERENCES parties (id),
    name         TEXT NOT NULL,
    function     TEXT NOT NULL,
    created_at   TEXT NOT NULL,
    modified_at  TEXT NOT NULL,
    site_id      TEXT NOT NULL,
    modified_by  TEXT NOT NULL,
    row_version  INTEGER NOT NULL DEFAULT 1,
    deleted      INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1))
);
CREATE INDEX signatories_party ON signatories (party_id);

CREATE TABLE areas (
    id           TEXT PRIMARY KEY,
    name         TEXT NOT NULL,
    kind         TEXT NOT NULL CHECK (kind IN ('KREIS', 'STADT', 'LAND')),
    parent_id    TEXT REFERENCES areas (id),
    party_id     TEXT REFERENCES parties (id),
    ags          TEXT NOT NULL DEFAULT '',
    created_at   TEXT NOT NULL,
    modified_at  TEXT NOT NULL,
    site_id      TEXT NOT NULL,
    modified_by  TEXT NOT NULL,
    row_version  INTEGER NOT NULL DEFAULT 1,
    deleted      INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1))
);
CREATE INDEX areas_parent ON areas (parent_id);

CREATE TABLE measures (
    id           TEXT PRIMARY KEY,
    code         TEXT NOT NULL,
    name         TEXT NOT NULL,
    definition   TEXT NOT NULL DEFAULT '',
    unit         TEXT NOT NULL,
    direction    TEXT NOT NULL CHECK (direction IN ('higher', 'lower', 'none')),
    builtin      INTEGER NOT NULL DEFAULT 0 CHECK (builtin IN (0, 1)),
    created_at   TEXT NOT NULL,
    modified_at  TEXT NOT NULL,
    site_id      TEXT NOT NULL,
    modified_by  TEXT NOT NULL,
    row_version  INTEGER NOT NULL DEFAULT 1,
    deleted      INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1))
);
CREATE UNIQUE INDEX measures_code ON measures (code) WHERE deleted = 0;

CREATE TABLE agreements (
    id           TEXT PRIMARY KEY,
    year         INTEGER NOT NULL,
    title        TEXT NOT NULL,
    status       TEXT NOT NULL CHECK (status IN ('entwurf', 'verhandelt', 'unterzeichnet', 'abgeschlossen')),
    signed_date  TEXT,
    signed_place TEXT NOT NULL DEFAULT '',
    legal_basis  TEXT NOT NULL DEFAULT '',
    preamble     TEXT NOT NULL DEFAULT '',
    previous_id  TEXT REFERENCES agreements (id),
    created_at   TEXT NOT NULL,
    modified_at  TEXT NOT NULL,
    site_id      TEXT NOT NULL,
    modified_by  TEXT NOT NULL,
    row_version  INTEGER NOT NULL DEFAULT 1,
    deleted      INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1))
);
CREATE INDEX agreements_year ON agreements (year);

CREATE TABLE agreement_parties (
    id           TEXT PRIMARY KEY,
    agreement_id TEXT NOT NULL REFERENCES agreements (id),
    party_id     TEXT NOT NULL REFERENCES parties (id),
    signatory_id TEXT REFERENCES signatories (id),
    position     INTEGER NOT NULL DEFAULT 0,
    created_at   TEXT NOT NULL,
    modified_at  TEXT NOT NULL,
    site_id      TEXT NOT NULL,
    modified_by  TEXT NOT NULL,
    row_version  INTEGER NOT NULL DEFAULT 1,
    deleted      INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1))
);
CREATE INDEX agreement_parties_agreement ON agreement_parties (agreement_id);
CREATE INDEX agreement_parties_party ON agreement_parties (party_id);

CREATE TABLE amendments (
    id            TEXT PRIMARY KEY,
    agreement_id  TEXT NOT NULL REFERENCES agreements (id),
    number        INTEGER NOT NULL,
    decided_date  TEXT,
    title         TEXT NOT NULL,
    text          TEXT NOT NULL DEFAULT '',
    created_at    TEXT NOT NULL,
    modified_at   TEXT NOT NULL,
    site_id       TEXT NOT NULL,
    modified_by   TEXT NOT NULL,
    row_version   INTEGER NOT NULL DEFAULT 1,
    deleted       INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1))
);
CREATE INDEX amendments_agreement ON amendments (agreement_id);

CREATE TABLE sections (
    id           TEXT PRIMARY KEY,
    agreement_id TEXT NOT NULL REFERENCES agreements (id),
    number       TEXT NOT NULL DEFAULT '',
    title        TEXT NOT NULL,
    text         TEXT NOT NULL DEFAULT '',
    position     INTEGER NOT NULL DEFAULT 0,
    created_at   TEXT NOT NULL,
    modified_at  TEXT NOT NULL,
    site_id      TEXT NOT NULL,
    modified_by  TEXT NOT NULL,
    row_version  INTEGER NOT NULL DEFAULT 1,
    deleted      INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1))
);
CREATE INDEX sections_agreement ON sections (agreement_id);

CREATE TABLE clauses (
    id           TEXT PRIMARY KEY,
    section_id   TEXT NOT NULL REFERENCES sections (id),
    number       TEXT NOT NULL DEFAULT '',
    title        TEXT NOT NULL DEFAULT '',
    text         TEXT NOT NULL DEFAULT '',
    position     INTEGER NOT NULL DEFAULT 0,
    created_at   TEXT NOT NULL,
    modified_at  TEXT NOT NULL,
    site_id      TEXT NOT NULL,
    modified_by  TEXT NOT NULL,
    row_version  INTEGER NOT NULL DEFAULT 1,
    deleted      INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1))
);
CREATE INDEX clauses_section ON clauses (section_id);

-- One table for every kind of goal; the columns a kind uses are listed in
-- zv_desktop/core/model.py (GOAL_KIND_REQUIRED, GOAL_KIND_OPTIONAL) and checked by the rules.
CREATE TABLE goals (
    id                  TEXT PRIMARY KEY,
    agreement_id        TEXT NOT NULL REFERENCES agreements (id),
    section_id          TEXT REFERENCES sections (id),
    clause_id           TEXT REFERENCES clauses (id),
    position            INTEGER NOT NULL DEFAULT 0,
    kind                TEXT NOT NULL CHECK (kind IN ('kpi_target', 'monitoring', 'relative_change',
                            'budget', 'threshold', 'staffing', 'milestone', 'reporting', 'premium')),
    title               TEXT NOT NULL,
    description         TEXT NOT NULL DEFAULT '',
    measure_id          TEXT REFERENCES measures (id),
    area_id             TEXT REFERENCES areas (id),
    unit                TEXT NOT NULL DEFAULT '',
    direction           TEXT CHECK (direction IN ('higher', 'lower', 'none')),
    target_value        TEXT,           -- decimal as text, exact
    corridor_low        TEXT,
    corridor_high       TEXT,
    forecast_value      TEXT,
    change_percent      TEXT,
    comparator          TEXT CHECK (comparator IN ('>=', '<=', '=')),
    threshold_value     TEXT,
    amount_cents        INTEGER,
    currency            TEXT CHECK (currency IN ('EUR', 'DM')),
    staff_target_vza    TEXT,
    temp_share_max      TEXT,
    extra_vza_max       TEXT,
    deadline            TEXT,
    responsible_party_id TEXT REFERENCES parties (id),
    done_date           TEXT,
    breakdown           TEXT NOT NULL DEFAULT '' CHECK (breakdown IN ('', 'stadtscharf')),
    condition           TEXT NOT NULL DEFAULT '',
    comment             TEXT NOT NULL DEFAULT '',
    created_at          TEXT NOT NULL,
    modified_at         TEXT NOT NULL,
    site_id             TEXT NOT NULL,
    modified_by         TEXT NOT NULL,
    row_version         INTEGER NOT NULL DEFAULT 1,
    deleted             INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1))
);
CREATE INDEX goals_agreement ON goals (agreement_id);
CREATE INDEX goals_measure ON goals (measure_id);

CREATE TABLE kpi_values (
    id           TEXT PRIMARY KEY,
    measure_id   TEXT NOT NULL REFERENCES measures (id),
    area_id      TEXT NOT NULL REFERENCES areas (id),
    year         INTEGER NOT NULL,
    period_type  TEXT NOT NULL CHECK (period_type IN ('M', 'Q', 'Y')),
    period_no    INTEGER NOT NULL,
    value_kind   TEXT NOT NULL CHECK (value_kind IN ('ist', 'prognose', 'plan')),
    value        TEXT NOT NULL,         -- decimal as text, exact
    source       TEXT NOT NULL DEFAULT '',
    comment      TEXT NOT NULL DEFAULT '',
    created_at   TEXT NOT NULL,
    modified_at  TEXT NOT NULL,
    site_id      TEXT NOT NULL,
    modified_by  TEXT NOT NULL,
    row_version  INTEGER NOT NULL DEFAULT 1,
    deleted      INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
    CHECK ((period_type = 'M' AND period_no BETWEEN 1 AND 12)
        OR (period_type = 'Q' AND period_no BETWEEN 1 AND 4)
        OR (period_type = 'Y' AND period_no = 0))
);
-- One live value per measure, area, period and kind; the series lookup
-- (one area's measures over the years) is served by the same index.
CREATE UNIQUE INDEX kpi_values_key
    ON kpi_values (area_id, measure_id, year, period_type, period_no, value_kind)
    WHERE deleted = 0;

CREATE TABLE papers (
    id                TEXT PRIMARY KEY,
    number            TEXT NOT NULL,
    public            INTEGER NOT NULL DEFAULT 1 CHECK (public IN (0, 1)),
    body              TEXT NOT NULL DEFAULT '',
    department        TEXT NOT NULL DEFAULT '',
    clerk             TEXT NOT NULL DEFAULT '',
    paper_date        TEXT,
    file_ref          TEXT NOT NULL DEFAULT '',
    paper_type        TEXT NOT NULL CHECK (paper_type IN ('beschluss', 'wahl', 'kenntnisnahme')),
    title             TEXT NOT NULL,
    impact_financial  TEXT CHECK (impact_financial IN ('ja', 'nein', 'offen')),
    impact_personnel  TEXT CHECK (impact_personnel IN ('ja', 'nein', 'offen')),
    impact_organisational TEXT CHECK (impact_organisational IN ('ja', 'nein', 'offen')),
    impact_kpi        TEXT CHECK (impact_kpi IN ('ja', 'nein', 'offen')),
    impact_climate    TEXT CHECK (impact_climate IN ('ja', 'nein', 'offen')),
    decision_proposal TEXT NOT NULL DEFAULT '',
    facts             TEXT NOT NULL DEFAULT '',
    agreement_id      TEXT REFERENCES agreements (id),
    created_at        TEXT NOT NULL,
    modified_at       TEXT NOT NULL,
    site_id           TEXT NOT NULL,
    modified_by       TEXT NOT NULL,
    row_version       INTEGER NOT NULL DEFAULT 1,
    deleted           INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1))
);

CREATE TABLE consultations (
    id            TEXT PRIMARY KEY,
    paper_id      TEXT NOT NULL REFERENCES papers (id),
    committee     TEXT NOT NULL,
    meeting_date  TEXT,
    role          TEXT NOT NULL DEFAULT '',
    position      INTEGER NOT NULL DEFAULT 0,
    created_at    TEXT NOT NULL,
    modified_at   TEXT NOT NULL,
    site_id       TEXT NOT NULL,
    modified_by   TEXT NOT NULL,
    row_version   INTEGER NOT NULL DEFAULT 1,
    deleted       INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1))
);
CREATE INDEX consultations_paper ON consultations (paper_id);

CREATE TABLE attachments (
    id            TEXT PRIMARY KEY,
    paper_id      TEXT NOT NULL REFERENCES papers (id),
    name          TEXT NOT NULL,
    mime_type     TEXT NOT NULL DEFAULT 'application/octet-stream',
    size          INTEGER NOT NULL,
    sha256        TEXT NOT NULL,
    content       BLOB NOT NULL,
    position      INTEGER NOT NULL DEFAULT 0,
    created_at    TEXT NOT NULL,
    modified_at   TEXT NOT NULL,
    site_id       TEXT NOT NULL,
    modified_by   TEXT NOT NULL,
    row_version   INTEGER NOT NULL DEFAULT 1,
    deleted       INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1))
);
CREATE INDEX attachments_paper ON attachments (paper_id);
