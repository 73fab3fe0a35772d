-- The one privileged step of a landcat deployment on PostgreSQL: install
-- PostGIS in landcat's database, as a superuser (or a role allowed to
-- create the extension), before the first `landcat migrate`. landcat itself
-- migrates and runs as an unprivileged role that owns the database.
--   psql "postgres://ADMIN@HOST:5432/landcat" -v ON_ERROR_STOP=1 -f deploy/postgis.sql
-- Kubernetes runs the same statement in the Job of deploy/k8s/postgis-job.yaml,
-- compose in deploy/compose-initdb.sql. Safe to run again.
CREATE EXTENSION IF NOT EXISTS postgis;
