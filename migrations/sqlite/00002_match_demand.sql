-- What investors asked the matcher for (requirements only, no personal data).

-- +goose Up
CREATE TABLE match_requests (
    id      INTEGER PRIMARY KEY AUTOINCREMENT,
    at      DATETIME NOT NULL,
    sector  TEXT NOT NULL,
    record  TEXT NOT NULL CHECK (json_valid(record))
);
CREATE INDEX match_requests_at_idx ON match_requests (at);

-- +goose Down
DROP TABLE match_requests;
