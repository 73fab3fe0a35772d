-- Investors' shortlists (see the PostgreSQL migration of the same number):
-- no personal data, the token stored as its SHA-256, rows expire.

-- +goose Up
CREATE TABLE shortlists (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    token_hash  TEXT NOT NULL UNIQUE,
    parcels     TEXT NOT NULL CHECK (json_valid(parcels)),
    match       TEXT CHECK (match IS NULL OR json_valid(match)),
    note        TEXT NOT NULL DEFAULT '',
    created_at  DATETIME NOT NULL,
    expires_at  DATETIME NOT NULL,
    inquiries   INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX shortlists_expires_idx ON shortlists (expires_at);

-- +goose Down
DROP TABLE shortlists;
