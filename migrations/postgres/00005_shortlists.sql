-- Investors' shortlists: sets of parcels kept behind an unguessable link,
-- with the match request that found them and a note. Nothing about who
-- made one is stored (no IP address, no user agent, no account); the link's
-- token is stored only as its SHA-256. Rows expire (expires_at, 180 days
-- after creation) and are deleted then. inquiries counts the inquiries
-- sent with the shortlist attached, so that officers see which shortlists
-- led to one.

-- +goose Up
CREATE TABLE shortlists (
    id          bigserial PRIMARY KEY,
    token_hash  text NOT NULL UNIQUE,
    parcels     jsonb NOT NULL,
    match       jsonb,
    note        text NOT NULL DEFAULT '',
    created_at  timestamptz NOT NULL,
    expires_at  timestamptz NOT NULL,
    inquiries   integer NOT NULL DEFAULT 0
);
CREATE INDEX shortlists_expires_idx ON shortlists (expires_at);

-- +goose Down
DROP TABLE shortlists;
