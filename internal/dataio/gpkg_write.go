package dataio

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/landcat/landcat/internal/catalog"
	"github.com/paulmach/orb"
)

// gpkgSchema creates the GeoPackage 1.3 core tables, with the three
// spatial reference systems every GeoPackage has.
const gpkgSchema = `
PRAGMA application_id = 1196444487;
PRAGMA user_version = 10300;
CREATE TABLE gpkg_spatial_ref_sys (srs_name TEXT NOT NULL, srs_id INTEGER PRIMARY KEY, organization TEXT NOT NULL,
  organization_coordsys_id INTEGER NOT NULL, definition TEXT NOT NULL, description TEXT);
INSERT INTO gpkg_spatial_ref_sys VALUES
  ('Undefined cartesian SRS', -1, 'NONE', -1, 'undefined', 'undefined cartesian coordinate reference system'),
  ('Undefined geographic SRS', 0, 'NONE', 0, 'undefined', 'undefined geographic coordinate reference system'),
  ('WGS 84 geodetic', 4326, 'EPSG', 4326, 'GEOGCS["WGS 84",DATUM["WGS_1984",SPHEROID["WGS 84",6378137,298.257223563,AUTHORITY["EPSG","7030"]],AUTHORITY["EPSG","6326"]],PRIMEM["Greenwich",0,AUTHORITY["EPSG","8901"]],UNIT["degree",0.0174532925199433,AUTHORITY["EPSG","9122"]],AXIS["Latitude",NORTH],AXIS["Longitude",EAST],AUTHORITY["EPSG","4326"]]', 'longitude/latitude coordinates in decimal degrees on the WGS 84 spheroid');
CREATE TABLE gpkg_contents (table_name TEXT NOT NULL PRIMARY KEY, data_type TEXT NOT NULL, identifier TEXT UNIQUE, description TEXT DEFAULT '',
  last_change DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')), min_x DOUBLE, min_y DOUBLE, max_x DOUBLE, max_y DOUBLE,
  srs_id INTEGER, CONSTRAINT fk_gc_r_srs_id FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys(srs_id));
CREATE TABLE gpkg_geometry_columns (table_name TEXT NOT NULL, column_name TEXT NOT NULL, geometry_type_name TEXT NOT NULL,
  srs_id INTEGER NOT NULL, z TINYINT NOT NULL, m TINYINT NOT NULL, CONSTRAINT pk_geom_cols PRIMARY KEY (table_name, column_name),
  CONSTRAINT fk_gc_tn FOREIGN KEY (table_name) REFERENCES gpkg_contents(table_name),
  CONSTRAINT fk_gc_srs FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys (srs_id));
`

// gpkgType is the GeoPackage column type of a property.
func gpkgType(t catalog.Type) string {
	switch t {
	case catalog.Number:
		return "REAL"
	case catalog.Integer:
		return "INTEGER"
	case catalog.Bool:
		return "BOOLEAN"
	case catalog.Date:
		return "DATE"
	case catalog.Timestamp:
		return "DATETIME"
	}
	return "TEXT"
}

// gpkgValue is a property value as its GeoPackage column stores it: lists
// as JSON arrays, timestamps as the spec's ISO 8601 text.
func gpkgValue(v any) any {
	switch v := v.(type) {
	case []string:
		b, _ := json.Marshal(v)
		return string(b)
	case time.Time:
		return v.UTC().Format("2006-01-02T15:04:05.000Z")
	case bool:
		if v {
			return 1
		}
		return 0
	}
	return v
}

// WriteGeoPackage writes t as a GeoPackage 1.3 of one feature table named
// after the collection (WGS 84, EPSG:4326; typed columns; an id column),
// built with the SQLite driver in a temporary file and then copied to w.
func WriteGeoPackage(ctx context.Context, w io.Writer, t Table) error {
	dir, err := os.MkdirTemp("", "landcat-gpkg-*")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, t.Name+".gpkg")
	if err := buildGeoPackage(ctx, path, t); err != nil {
		return err
	}
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	_, err = io.Copy(w, f)
	return err
}

func buildGeoPackage(ctx context.Context, path string, t Table) (err error) {
	db, err := sql.Open("sqlite3", "file:"+path+"?_pragma=journal_mode(off)&_pragma=synchronous(off)")
	if err != nil {
		return err
	}
	defer func() { err = errors.Join(err, db.Close()) }()
	db.SetMaxOpenConns(1)
	if _, err := db.ExecContext(ctx, gpkgSchema); err != nil {
		return err
	}
	cols := []string{"fid INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL", "geom GEOMETRY", "id TEXT NOT NULL UNIQUE"}
	names := []string{"geom", "id"}
	for _, fl := range t.Fields {
		cols = append(cols, quoteIdent(fl.Name)+" "+gpkgType(fl.Type))
		names = append(names, quoteIdent(fl.Name))
	}
	table := quoteIdent(t.Name)
	if _, err := db.ExecContext(ctx, "CREATE TABLE "+table+" ("+strings.Join(cols, ", ")+")"); err != nil {
		return err
	}
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	insert, err := tx.PrepareContext(ctx, "INSERT INTO "+table+" ("+strings.Join(names, ", ")+") VALUES (?"+strings.Repeat(", ?", len(names)-1)+")")
	if err != nil {
		return err
	}
	defer insert.Close()
	var extent orb.Bound
	kind := ""
	args := make([]any, len(names))
	err = t.Rows(func(id string, g orb.Geometry, vals []any) error {
		blob, err := encodeGeometryBlob(g, 4326)
		if err != nil {
			return err
		}
		if kind == "" {
			extent, kind = g.Bound(), strings.ToUpper(g.GeoJSONType())
		} else {
			extent = extent.Union(g.Bound())
			if k := strings.ToUpper(g.GeoJSONType()); k != kind {
				kind = "GEOMETRY"
			}
		}
		args[0], args[1] = blob, id
		for i, v := range vals {
			args[i+2] = gpkgValue(v)
		}
		_, err = insert.ExecContext(ctx, args...)
		return err
	})
	if err != nil {
		return err
	}
	if kind == "" {
		kind = "GEOMETRY"
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO gpkg_contents (table_name, data_type, identifier, description, min_x, min_y, max_x, max_y, srs_id)
		VALUES (?, 'features', ?, ?, ?, ?, ?, ?, 4326)`, t.Name, t.Name, "landcat "+t.Name, extent.Min[0], extent.Min[1], extent.Max[0], extent.Max[1]); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, "INSERT INTO gpkg_geometry_columns VALUES (?, 'geom', ?, 4326, 0, 0)", t.Name, kind); err != nil {
		return err
	}
	return tx.Commit()
}
