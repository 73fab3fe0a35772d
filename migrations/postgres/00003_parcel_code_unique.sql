-- A parcel's code names it within its zone (it is what officers, park
-- developers and investors quote), so two parcels of one zone may not share
-- it. Archived parcels keep their code and free it for a new parcel.
-- landcat checks this before writing and names the other parcel; the index
-- is the guarantee. On a database that already holds duplicates this
-- migration fails naming them: rename or archive one of each pair first.

-- +goose Up
CREATE UNIQUE INDEX parcels_zone_code_idx ON parcels (zone_id, code) WHERE publication <> 'archived';

-- +goose Down
DROP INDEX parcels_zone_code_idx;
