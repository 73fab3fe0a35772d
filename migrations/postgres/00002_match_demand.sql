-- What investors asked the matcher for: requirements and what they
-- eliminated, never who asked (no personal data). The city reads it to
-- decide where to invest in power, water and roads.

-- +goose Up
CREATE TABLE match_requests (
    id      bigserial PRIMARY KEY,
    at      timestamptz NOT NULL,
    sector  text NOT NULL,
    record  jsonb NOT NULL
);
CREATE INDEX match_requests_at_idx ON match_requests (at);

-- +goose Down
DROP TABLE match_requests;
