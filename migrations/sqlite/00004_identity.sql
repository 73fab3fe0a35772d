-- Officers sign in with the city's identity provider or with API keys;
-- both may be limited to zones and sectors, and the audit trail is read
-- through the API. Same columns and indexes as PostgreSQL (see there).

-- +goose Up
ALTER TABLE api_keys ADD COLUMN zones TEXT NOT NULL DEFAULT '';
ALTER TABLE api_keys ADD COLUMN sectors TEXT NOT NULL DEFAULT '';
ALTER TABLE api_keys ADD COLUMN expires_at DATETIME;
ALTER TABLE api_keys ADD COLUMN last_used_at DATETIME;
ALTER TABLE api_keys ADD COLUMN replaced_by INTEGER REFERENCES api_keys (id);

ALTER TABLE audit_log ADD COLUMN subject TEXT NOT NULL DEFAULT '';
ALTER TABLE audit_log ADD COLUMN auth TEXT NOT NULL DEFAULT '';
ALTER TABLE audit_log ADD COLUMN version INTEGER;
ALTER TABLE audit_log ADD COLUMN scope_zones TEXT NOT NULL DEFAULT '';
ALTER TABLE audit_log ADD COLUMN scope_sectors TEXT NOT NULL DEFAULT '';

UPDATE audit_log SET
    version = json_extract(after, '$.version'),
    scope_zones = CASE collection
        WHEN 'zones' THEN ',' || feature_id || ','
        WHEN 'parcels' THEN coalesce((
            SELECT ',' || group_concat(z, ',') || ','
            FROM (SELECT json_extract(after, '$.properties.zone_id') AS z
                  UNION SELECT json_extract(before, '$.properties.zone_id'))
            WHERE z IS NOT NULL), '')
        ELSE '' END,
    scope_sectors = CASE collection
        WHEN 'parcels' THEN coalesce((
            SELECT ',' || group_concat(value, ',') || ','
            FROM (SELECT value FROM json_each(after, '$.properties.sectors')
                  UNION SELECT value FROM json_each(before, '$.properties.sectors'))), '')
        ELSE '' END;

CREATE INDEX audit_log_history_idx ON audit_log (collection, feature_id, version);
DROP INDEX audit_log_feature_idx;
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
