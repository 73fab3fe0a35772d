-- The investment pipeline (see the PostgreSQL migration for what each
-- table holds). Same tables, columns and indexes.

-- +goose Up
CREATE TABLE officers (
    id                  TEXT PRIMARY KEY,
    subject             TEXT UNIQUE,
    name                TEXT NOT NULL,
    email               TEXT NOT NULL DEFAULT '',
    unit                TEXT NOT NULL DEFAULT '',
    leader              INTEGER NOT NULL DEFAULT 0,
    calendar_token_hash TEXT NOT NULL DEFAULT '',
    created_at          DATETIME NOT NULL,
    changed_at          DATETIME NOT NULL
);

-- Routing: the most specific rule (sector and zone, then zone, then
-- sector, then neither: the fallback) names the responsible official.
CREATE TABLE routing_rules (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    sector        TEXT NOT NULL DEFAULT '',
    zone_id       TEXT NOT NULL DEFAULT '',
    officer_id    TEXT NOT NULL REFERENCES officers (id),
    response_days INTEGER NOT NULL CHECK (response_days BETWEEN 1 AND 30),
    created_at    DATETIME NOT NULL
);

CREATE TABLE leads (
    id                 INTEGER PRIMARY KEY AUTOINCREMENT,
    reference          TEXT NOT NULL UNIQUE,
    source             TEXT NOT NULL CHECK (source IN ('inquiry', 'officer')),
    stage              TEXT NOT NULL,
    stage_since        DATETIME NOT NULL,
    lost_reason        TEXT NOT NULL DEFAULT '',
    responsible        TEXT REFERENCES officers (id),
    first_response_due TEXT NOT NULL,
    first_response_at  DATETIME,
    company            TEXT NOT NULL,
    sector             TEXT NOT NULL DEFAULT '',
    zone_id            TEXT NOT NULL DEFAULT '',
    area_ha            REAL,
    capital_usd        REAL,
    timing             TEXT NOT NULL DEFAULT '',
    parcels            TEXT NOT NULL DEFAULT '[]',
    match_request      TEXT NOT NULL DEFAULT '',
    shortlist          TEXT NOT NULL DEFAULT '',
    consent_version    TEXT NOT NULL DEFAULT '',
    consent_at         DATETIME,
    dedup_key          TEXT NOT NULL DEFAULT '',
    erased_at          DATETIME,
    approved_at        DATETIME,
    subleased_at       DATETIME,
    created_at         DATETIME NOT NULL,
    changed_at         DATETIME NOT NULL
);
CREATE INDEX leads_responsible_idx ON leads (responsible);
CREATE INDEX leads_dedup_idx ON leads (dedup_key, created_at);
CREATE INDEX leads_changed_idx ON leads (changed_at);

-- The person: name, e-mail, phone. Only the responsible official, the
-- leaders of their unit and admins read it; every read is an event.
CREATE TABLE lead_contacts (
    lead_id INTEGER PRIMARY KEY REFERENCES leads (id),
    name    TEXT NOT NULL,
    email   TEXT NOT NULL,
    phone   TEXT NOT NULL DEFAULT ''
);

-- The pipeline's audit trail: every change (stage moves included) and
-- every read of personal data, who and when. Never updated or deleted.
CREATE TABLE pipeline_events (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    at            DATETIME NOT NULL,
    actor_subject TEXT NOT NULL,
    actor_name    TEXT NOT NULL,
    entity        TEXT NOT NULL,
    entity_id     TEXT NOT NULL,
    action        TEXT NOT NULL,
    detail        TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX pipeline_events_entity_idx ON pipeline_events (entity, entity_id, id);

CREATE TABLE reservations (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    lead_id         INTEGER NOT NULL REFERENCES leads (id),
    parcel_id       TEXT NOT NULL,
    previous_status TEXT NOT NULL,
    until           TEXT NOT NULL,
    created_at      DATETIME NOT NULL,
    released_at     DATETIME,
    release_reason  TEXT NOT NULL DEFAULT ''
);
CREATE INDEX reservations_open_idx ON reservations (until) WHERE released_at IS NULL;
CREATE INDEX reservations_lead_idx ON reservations (lead_id);

CREATE TABLE projects (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    name             TEXT NOT NULL,
    kind             TEXT NOT NULL CHECK (kind IN ('investment', 'infrastructure')),
    lead_id          INTEGER REFERENCES leads (id),
    responsible      TEXT REFERENCES officers (id),
    start            TEXT NOT NULL,
    target_finish    TEXT NOT NULL,
    working_days     INTEGER NOT NULL DEFAULT 0,
    holidays         TEXT NOT NULL DEFAULT '[]',
    parcels          TEXT NOT NULL DEFAULT '[]',
    projected_finish TEXT NOT NULL DEFAULT '',
    created_at       DATETIME NOT NULL,
    changed_at       DATETIME NOT NULL
);

CREATE TABLE tasks (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    project_id      INTEGER REFERENCES projects (id),
    lead_id         INTEGER REFERENCES leads (id),
    assignee        TEXT NOT NULL REFERENCES officers (id),
    title           TEXT NOT NULL,
    description     TEXT NOT NULL DEFAULT '',
    due             TEXT NOT NULL DEFAULT '',
    accountable     TEXT NOT NULL,
    authority       TEXT NOT NULL,
    expected_result TEXT NOT NULL,
    status          TEXT NOT NULL,
    evidence        TEXT NOT NULL DEFAULT '',
    completed_at    DATETIME,
    duration_days   INTEGER,
    depends_on      TEXT NOT NULL DEFAULT '[]',
    created_at      DATETIME NOT NULL,
    changed_at      DATETIME NOT NULL
);
CREATE INDEX tasks_project_idx ON tasks (project_id);
CREATE INDEX tasks_assignee_idx ON tasks (assignee, due);

CREATE TABLE obstacles (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    lead_id      INTEGER REFERENCES leads (id),
    project_id   INTEGER REFERENCES projects (id),
    title        TEXT NOT NULL,
    description  TEXT NOT NULL DEFAULT '',
    owner_agency TEXT NOT NULL,
    due          TEXT NOT NULL,
    escalation   TEXT NOT NULL,
    status       TEXT NOT NULL,
    resolution   TEXT NOT NULL DEFAULT '',
    resolved_at  DATETIME,
    created_at   DATETIME NOT NULL,
    changed_at   DATETIME NOT NULL
);

CREATE TABLE targets (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    officer_id  TEXT NOT NULL REFERENCES officers (id),
    year        INTEGER NOT NULL,
    sector      TEXT NOT NULL DEFAULT '',
    projects    INTEGER NOT NULL DEFAULT 0,
    capital_usd REAL NOT NULL DEFAULT 0,
    hectares    REAL NOT NULL DEFAULT 0,
    UNIQUE (officer_id, year, sector)
);

-- Periodic jobs run on every replica; a job that must run once per period
-- (the daily digest) claims the period here first.
CREATE TABLE job_claims (
    name   TEXT NOT NULL,
    period TEXT NOT NULL,
    at     DATETIME NOT NULL,
    PRIMARY KEY (name, period)
);

-- Secrets landcat makes for itself (the inquiry form's signing key), the
-- same for every replica.
CREATE TABLE app_secrets (
    name  TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

-- +goose Down
DROP TABLE app_secrets;
DROP TABLE job_claims;
DROP TABLE targets;
DROP TABLE obstacles;
DROP TABLE tasks;
DROP TABLE projects;
DROP TABLE reservations;
DROP TABLE pipeline_events;
DROP TABLE lead_contacts;
DROP TABLE leads;
DROP TABLE routing_rules;
DROP TABLE officers;
