-- compose's PostGIS container runs this once, as its superuser, when it
-- initialises an empty data volume: landcat's unprivileged role, the
-- database it owns, and the privileged step (deploy/postgis.sql) in that
-- database. landcat then migrates and serves as that role, as in
-- production. The password matches LANDCAT_DATABASE_URL in compose.yaml:
-- a local demonstration, not a secret.
CREATE ROLE landcat LOGIN PASSWORD 'landcat';
CREATE DATABASE landcat OWNER landcat;
\connect landcat
CREATE EXTENSION IF NOT EXISTS postgis;
