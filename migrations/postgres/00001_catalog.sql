-- landcat catalogue schema for PostgreSQL + PostGIS.
-- Feature attributes live in a JSONB "properties" column; the columns GIS
-- staff filter on (code, publication, status, kind, zone_id) are promoted so
-- that QGIS and spatial SQL reports can use them directly.

-- PostGIS is installed by a privileged step before the first migration
-- (deploy/postgis.sql, run as a superuser: README, Deployment), so that
-- migrations run as the unprivileged role that owns the database. This file
-- created the extension itself until then; goose records versions, not
-- file contents, so databases migrated by that version are unaffected.

-- +goose Up
-- +goose StatementBegin
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'postgis') THEN
        -- The message is all that drivers show: it says what to do.
        RAISE EXCEPTION 'PostGIS is not installed in database "%": run, as a superuser, CREATE EXTENSION postgis; in it (deploy/postgis.sql; see README, Deployment), then migrate again', current_database();
    END IF;
END
$$;
-- +goose StatementEnd

-- The global revision: bumped once per write transaction. Updating this row
-- also serialises writers, so revisions are gap-free and in commit order.
CREATE TABLE catalog_state (
    id       integer PRIMARY KEY CHECK (id = 1),
    revision bigint  NOT NULL
);
INSERT INTO catalog_state (id, revision) VALUES (1, 0);

CREATE TABLE zones (
    id          text PRIMARY KEY,
    code        text NOT NULL,
    publication text NOT NULL CHECK (publication IN ('draft', 'in_review', 'published', 'archived')),
    kind        text NOT NULL,
    properties  jsonb NOT NULL,
    geom        geometry(MultiPolygon, 4326) NOT NULL CHECK (ST_IsValid(geom)),
    version     bigint NOT NULL,
    revision    bigint NOT NULL,
    created_at  timestamptz NOT NULL,
    updated_at  timestamptz NOT NULL,
    updated_by  text NOT NULL
);
CREATE INDEX zones_geom_idx ON zones USING gist (geom);
CREATE INDEX zones_revision_idx ON zones (revision);

CREATE TABLE parcels (
    id          text PRIMARY KEY,
    code        text NOT NULL,
    publication text NOT NULL CHECK (publication IN ('draft', 'in_review', 'published', 'archived')),
    zone_id     text NOT NULL REFERENCES zones (id),
    status      text NOT NULL,
    properties  jsonb NOT NULL,
    geom        geometry(MultiPolygon, 4326) NOT NULL CHECK (ST_IsValid(geom)),
    version     bigint NOT NULL,
    revision    bigint NOT NULL,
    created_at  timestamptz NOT NULL,
    updated_at  timestamptz NOT NULL,
    updated_by  text NOT NULL
);
CREATE INDEX parcels_geom_idx ON parcels USING gist (geom);
CREATE INDEX parcels_revision_idx ON parcels (revision);
CREATE INDEX parcels_zone_idx ON parcels (zone_id);

CREATE TABLE infrastructure (
    id          text PRIMARY KEY,
    code        text NOT NULL,
    publication text NOT NULL CHECK (publication IN ('draft', 'in_review', 'published', 'archived')),
    kind        text NOT NULL,
    status      text NOT NULL,
    properties  jsonb NOT NULL,
    geom        geometry(Geometry, 4326) NOT NULL
                CHECK (GeometryType(geom) IN ('POINT', 'LINESTRING') AND ST_IsValid(geom)),
    version     bigint NOT NULL,
    revision    bigint NOT NULL,
    created_at  timestamptz NOT NULL,
    updated_at  timestamptz NOT NULL,
    updated_by  text NOT NULL
);
CREATE INDEX infrastructure_geom_idx ON infrastructure USING gist (geom);
CREATE INDEX infrastructure_revision_idx ON infrastructure (revision);

-- Every change: who, what, before and after, when. Never updated or deleted.
CREATE TABLE audit_log (
    id          bigserial PRIMARY KEY,
    revision    bigint NOT NULL,
    at          timestamptz NOT NULL,
    actor       text NOT NULL,
    role        text NOT NULL,
    action      text NOT NULL,
    collection  text NOT NULL,
    feature_id  text NOT NULL,
    before      jsonb,
    after       jsonb NOT NULL
);
CREATE INDEX audit_log_feature_idx ON audit_log (collection, feature_id);
CREATE INDEX audit_log_revision_idx ON audit_log (revision);

-- API keys are stored as SHA-256 hashes; the key itself is shown once.
CREATE TABLE api_keys (
    id          bigserial PRIMARY KEY,
    name        text NOT NULL,
    role        text NOT NULL CHECK (role IN ('viewer', 'editor', 'publisher', 'admin')),
    key_hash    text NOT NULL UNIQUE,
    created_at  timestamptz NOT NULL,
    revoked_at  timestamptz
);

-- +goose Down
DROP TABLE api_keys;
DROP TABLE audit_log;
DROP TABLE infrastructure;
DROP TABLE parcels;
DROP TABLE zones;
DROP TABLE catalog_state;
