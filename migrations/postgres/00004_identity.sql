-- Officers sign in with the city's identity provider or with API keys;
-- both may be limited to zones and sectors, and the audit trail is read
-- through the API.
--
-- api_keys: a scope (comma-separated zone ids and sectors; empty = no
-- limit), an expiry, when the key was last used (at most once a minute)
-- and, after a rotation, the key that replaced it.
--
-- audit_log: who as a stable subject ("apikey:12", "oidc:SUB") and how
-- they signed in; the feature version each entry wrote; and the zones and
-- sectors of the feature before and after, as ",a,b," so that a scoped
-- officer's reading of the log is one LIKE per zone or sector. Existing
-- entries are filled in from their JSON.

-- +goose Up
ALTER TABLE api_keys ADD COLUMN zones text NOT NULL DEFAULT '';
ALTER TABLE api_keys ADD COLUMN sectors text NOT NULL DEFAULT '';
ALTER TABLE api_keys ADD COLUMN expires_at timestamptz;
ALTER TABLE api_keys ADD COLUMN last_used_at timestamptz;
ALTER TABLE api_keys ADD COLUMN replaced_by bigint REFERENCES api_keys (id);

ALTER TABLE audit_log ADD COLUMN subject text NOT NULL DEFAULT '';
ALTER TABLE audit_log ADD COLUMN auth text NOT NULL DEFAULT '';
ALTER TABLE audit_log ADD COLUMN version bigint;
ALTER TABLE audit_log ADD COLUMN scope_zones text NOT NULL DEFAULT '';
ALTER TABLE audit_log ADD COLUMN scope_sectors text NOT NULL DEFAULT '';

UPDATE audit_log SET
    version = (after ->> 'version')::bigint,
    scope_zones = CASE collection
        WHEN 'zones' THEN ',' || feature_id || ','
        WHEN 'parcels' THEN coalesce((
            SELECT ',' || string_agg(DISTINCT z, ',') || ','
            FROM (VALUES (after -> 'properties' ->> 'zone_id'), (before -> 'properties' ->> 'zone_id')) AS v (z)
            WHERE z IS NOT NULL), '')
        ELSE '' END,
    scope_sectors = CASE collection
        WHEN 'parcels' THEN coalesce((
            SELECT ',' || string_agg(DISTINCT s, ',') || ','
            FROM (SELECT jsonb_array_elements_text(coalesce(after -> 'properties' -> 'sectors', '[]'))
                  UNION SELECT jsonb_array_elements_text(coalesce(before -> 'properties' -> 'sectors', '[]'))) AS v (s)), '')
        ELSE '' END;

-- A feature's history, version by version (and restoring one version).
CREATE INDEX audit_log_history_idx ON audit_log (collection, feature_id, version);
DROP INDEX audit_log_feature_idx;
-- GET /audit pages newest first by id within each filter.
CREATE INDEX audit_log_collection_idx ON audit_log (collection, id);
CREATE INDEX audit_log_actor_idx ON audit_log (actor, id);
CREATE INDEX audit_log_subject_idx ON audit_log (subject, id);
CREATE INDEX audit_log_at_idx ON audit_log (at);

-- +goose Down
DROP INDEX audit_log_at_idx;
DROP INDEX audit_log_subject_idx;
DROP INDEX audit_log_actor_idx;
DROP INDEX audit_log_collection_idx;
CREATE INDEX audit_log_feature_idx ON audit_log (collection, feature_id);
DROP INDEX audit_log_history_idx;
ALTER TABLE audit_log DROP COLUMN scope_sectors;
ALTER TABLE audit_log DROP COLUMN scope_zones;
ALTER TABLE audit_log DROP COLUMN version;
ALTER TABLE audit_log DROP COLUMN auth;
ALTER TABLE audit_log DROP COLUMN subject;
ALTER TABLE api_keys DROP COLUMN replaced_by;
ALTER TABLE api_keys DROP COLUMN last_used_at;
ALTER TABLE api_keys DROP COLUMN expires_at;
ALTER TABLE api_keys DROP COLUMN sectors;
ALTER TABLE api_keys DROP COLUMN zones;
