-- landcat catalogue schema for the embedded SQLite database. Same tables as
-- PostgreSQL; geometry is WKB in a BLOB with its bounding box alongside, and
-- properties are JSON text.

-- +goose Up
CREATE TABLE catalog_state (
    id       INTEGER PRIMARY KEY CHECK (id = 1),
    revision INTEGER NOT NULL
);
INSERT INTO catalog_state (id, revision) VALUES (1, 0);

CREATE TABLE zones (
    id          TEXT PRIMARY KEY,
    code        TEXT NOT NULL,
    publication TEXT NOT NULL CHECK (publication IN ('draft', 'in_review', 'published', 'archived')),
    kind        TEXT NOT NULL,
    properties  TEXT NOT NULL CHECK (json_valid(properties)),
    geom        BLOB NOT NULL,
    version     INTEGER NOT NULL,
    revision    INTEGER NOT NULL,
    created_at  DATETIME NOT NULL,
    updated_at  DATETIME NOT NULL,
    updated_by  TEXT NOT NULL
);
CREATE INDEX zones_revision_idx ON zones (revision);

CREATE TABLE parcels (
    id          TEXT PRIMARY KEY,
    code        TEXT NOT NULL,
    publication TEXT NOT NULL CHECK (publication IN ('draft', 'in_review', 'published', 'archived')),
    zone_id     TEXT NOT NULL REFERENCES zones (id),
    status      TEXT NOT NULL,
    properties  TEXT NOT NULL CHECK (json_valid(properties)),
    geom        BLOB NOT NULL,
    version     INTEGER NOT NULL,
    revision    INTEGER NOT NULL,
    created_at  DATETIME NOT NULL,
    updated_at  DATETIME NOT NULL,
    updated_by  TEXT NOT NULL
);
CREATE INDEX parcels_revision_idx ON parcels (revision);
CREATE INDEX parcels_zone_idx ON parcels (zone_id);

CREATE TABLE infrastructure (
    id          TEXT PRIMARY KEY,
    code        TEXT NOT NULL,
    publication TEXT NOT NULL CHECK (publication IN ('draft', 'in_review', 'published', 'archived')),
    kind        TEXT NOT NULL,
    status      TEXT NOT NULL,
    properties  TEXT NOT NULL CHECK (json_valid(properties)),
    geom        BLOB NOT NULL,
    version     INTEGER NOT NULL,
    revision    INTEGER NOT NULL,
    created_at  DATETIME NOT NULL,
    updated_at  DATETIME NOT NULL,
    updated_by  TEXT NOT NULL
);
CREATE INDEX infrastructure_revision_idx ON infrastructure (revision);

CREATE TABLE audit_log (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    revision    INTEGER NOT NULL,
    at          DATETIME NOT NULL,
    actor       TEXT NOT NULL,
    role        TEXT NOT NULL,
    action      TEXT NOT NULL,
    collection  TEXT NOT NULL,
    feature_id  TEXT NOT NULL,
    before      TEXT,
    after       TEXT NOT NULL
);
CREATE INDEX audit_log_feature_idx ON audit_log (collection, feature_id);
CREATE INDEX audit_log_revision_idx ON audit_log (revision);

CREATE TABLE api_keys (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    name        TEXT NOT NULL,
    role        TEXT NOT NULL CHECK (role IN ('viewer', 'editor', 'publisher', 'admin')),
    key_hash    TEXT NOT NULL UNIQUE,
    created_at  DATETIME NOT NULL,
    revoked_at  DATETIME
);

-- +goose Down
DROP TABLE api_keys;
DROP TABLE audit_log;
DROP TABLE infrastructure;
DROP TABLE parcels;
DROP TABLE zones;
DROP TABLE catalog_state;
