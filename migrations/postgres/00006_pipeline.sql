-- The investment pipeline: investors' inquiries become leads handled by a
-- responsible official; tasks carry the "6 rõ" (person, task, time,
-- responsibility, authority, result); obstacles, key projects with their
-- critical path, officials' targets. Investors' personal data sits in
-- lead_contacts alone, so that erasure removes one row and keeps the
-- lead's business facts. Dates are 'YYYY-MM-DD' text; lists are JSON text.

-- +goose Up
CREATE TABLE officers (
    id                  text PRIMARY KEY,
    subject             text UNIQUE,
    name                text NOT NULL,
    email               text NOT NULL DEFAULT '',
    unit                text NOT NULL DEFAULT '',
    leader              boolean NOT NULL DEFAULT false,
    calendar_token_hash text NOT NULL DEFAULT '',
    created_at          timestamptz NOT NULL,
    changed_at          timestamptz NOT NULL
);

-- Routing: the most specific rule (sector and zone, then zone, then
-- sector, then neither: the fallback) names the responsible official.
CREATE TABLE routing_rules (
    id            bigserial PRIMARY KEY,
    sector        text NOT NULL DEFAULT '',
    zone_id       text NOT NULL DEFAULT '',
    officer_id    text NOT NULL REFERENCES officers (id),
    response_days integer NOT NULL CHECK (response_days BETWEEN 1 AND 30),
    created_at    timestamptz NOT NULL
);

CREATE TABLE leads (
    id                 bigserial PRIMARY KEY,
    reference          text NOT NULL UNIQUE,
    source             text NOT NULL CHECK (source IN ('inquiry', 'officer')),
    stage              text NOT NULL,
    stage_since        timestamptz NOT NULL,
    lost_reason        text NOT NULL DEFAULT '',
    responsible        text REFERENCES officers (id),
    first_response_due text NOT NULL,
    first_response_at  timestamptz,
    company            text NOT NULL,
    sector             text NOT NULL DEFAULT '',
    zone_id            text NOT NULL DEFAULT '',
    area_ha            double precision,
    capital_usd        double precision,
    timing             text NOT NULL DEFAULT '',
    parcels            text NOT NULL DEFAULT '[]',
    match_request      text NOT NULL DEFAULT '',
    shortlist          text NOT NULL DEFAULT '',
    consent_version    text NOT NULL DEFAULT '',
    consent_at         timestamptz,
    dedup_key          text NOT NULL DEFAULT '',
    erased_at          timestamptz,
    approved_at        timestamptz,
    subleased_at       timestamptz,
    created_at         timestamptz NOT NULL,
    changed_at         timestamptz NOT NULL
);
CREATE INDEX leads_responsible_idx ON leads (responsible);
CREATE INDEX leads_dedup_idx ON leads (dedup_key, created_at);
CREATE INDEX leads_changed_idx ON leads (changed_at);

-- The person: name, e-mail, phone. Only the responsible official, the
-- leaders of their unit and admins read it; every read is an event.
CREATE TABLE lead_contacts (
    lead_id bigint PRIMARY KEY REFERENCES leads (id),
    name    text NOT NULL,
    email   text NOT NULL,
    phone   text NOT NULL DEFAULT ''
);

-- The pipeline's audit trail: every change (stage moves included) and
-- every read of personal data, who and when. Never updated or deleted.
CREATE TABLE pipeline_events (
    id            bigserial PRIMARY KEY,
    at            timestamptz NOT NULL,
    actor_subject text NOT NULL,
    actor_name    text NOT NULL,
    entity        text NOT NULL,
    entity_id     text NOT NULL,
    action        text NOT NULL,
    detail        text NOT NULL DEFAULT '{}'
);
CREATE INDEX pipeline_events_entity_idx ON pipeline_events (entity, entity_id, id);

CREATE TABLE reservations (
    id              bigserial PRIMARY KEY,
    lead_id         bigint NOT NULL REFERENCES leads (id),
    parcel_id       text NOT NULL,
    previous_status text NOT NULL,
    until           text NOT NULL,
    created_at      timestamptz NOT NULL,
    released_at     timestamptz,
    release_reason  text NOT NULL DEFAULT ''
);
CREATE INDEX reservations_open_idx ON reservations (until) WHERE released_at IS NULL;
CREATE INDEX reservations_lead_idx ON reservations (lead_id);

CREATE TABLE projects (
    id               bigserial PRIMARY KEY,
    name             text NOT NULL,
    kind             text NOT NULL CHECK (kind IN ('investment', 'infrastructure')),
    lead_id          bigint REFERENCES leads (id),
    responsible      text REFERENCES officers (id),
    start            text NOT NULL,
    target_finish    text NOT NULL,
    working_days     boolean NOT NULL DEFAULT false,
    holidays         text NOT NULL DEFAULT '[]',
    parcels          text NOT NULL DEFAULT '[]',
    projected_finish text NOT NULL DEFAULT '',
    created_at       timestamptz NOT NULL,
    changed_at       timestamptz NOT NULL
);

CREATE TABLE tasks (
    id              bigserial PRIMARY KEY,
    project_id      bigint REFERENCES projects (id),
    lead_id         bigint REFERENCES leads (id),
    assignee        text NOT NULL REFERENCES officers (id),
    title           text NOT NULL,
    description     text NOT NULL DEFAULT '',
    due             text NOT NULL DEFAULT '',
    accountable     text NOT NULL,
    authority       text NOT NULL,
    expected_result text NOT NULL,
    status          text NOT NULL,
    evidence        text NOT NULL DEFAULT '',
    completed_at    timestamptz,
    duration_days   integer,
    depends_on      text NOT NULL DEFAULT '[]',
    created_at      timestamptz NOT NULL,
    changed_at      timestamptz NOT NULL
);
CREATE INDEX tasks_project_idx ON tasks (project_id);
CREATE INDEX tasks_assignee_idx ON tasks (assignee, due);

CREATE TABLE obstacles (
    id           bigserial PRIMARY KEY,
    lead_id      bigint REFERENCES leads (id),
    project_id   bigint REFERENCES projects (id),
    title        text NOT NULL,
    description  text NOT NULL DEFAULT '',
    owner_agency text NOT NULL,
    due          text NOT NULL,
    escalation   text NOT NULL,
    status       text NOT NULL,
    resolution   text NOT NULL DEFAULT '',
    resolved_at  timestamptz,
    created_at   timestamptz NOT NULL,
    changed_at   timestamptz NOT NULL
);

CREATE TABLE targets (
    id          bigserial PRIMARY KEY,
    officer_id  text NOT NULL REFERENCES officers (id),
    year        integer NOT NULL,
    sector      text NOT NULL DEFAULT '',
    projects    integer NOT NULL DEFAULT 0,
    capital_usd double precision NOT NULL DEFAULT 0,
    hectares    double precision NOT NULL DEFAULT 0,
    UNIQUE (officer_id, year, sector)
);

-- Periodic jobs run on every replica; a job that must run once per period
-- (the daily digest) claims the period here first.
CREATE TABLE job_claims (
    name   text NOT NULL,
    period text NOT NULL,
    at     timestamptz NOT NULL,
    PRIMARY KEY (name, period)
);

-- Secrets landcat makes for itself (the inquiry form's signing key), the
-- same for every replica.
CREATE TABLE app_secrets (
    name  text PRIMARY KEY,
    value text NOT NULL
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
