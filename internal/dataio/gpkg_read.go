package dataio

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"net/url"
	"strings"

	"github.com/landcat/landcat/internal/catalog"
	_ "github.com/ncruces/go-sqlite3/driver" // database/sql driver "sqlite3", the one the store uses
)

// gpkgLayer is one feature table of a GeoPackage.
type gpkgLayer struct {
	table, geomColumn string
	srsID             int
	epsg              int // 0 when the SRS is not an EPSG one (or undefined)
}

// openGeoPackage opens a GeoPackage read-only and lists its feature
// tables.
func openGeoPackage(path string) (*sql.DB, []gpkgLayer, error) {
	db, err := sql.Open("sqlite3", "file:"+url.PathEscape(path)+"?mode=ro")
	if err != nil {
		return nil, nil, err
	}
	rows, err := db.Query(`SELECT c.table_name, g.column_name, g.srs_id, COALESCE(s.organization, ''), COALESCE(s.organization_coordsys_id, 0)
		FROM gpkg_contents c JOIN gpkg_geometry_columns g ON g.table_name = c.table_name
		LEFT JOIN gpkg_spatial_ref_sys s ON s.srs_id = g.srs_id
		WHERE c.data_type = 'features' ORDER BY c.table_name`)
	if err != nil {
		db.Close()
		return nil, nil, fmt.Errorf("not a GeoPackage (no gpkg_contents and gpkg_geometry_columns tables): %v", err)
	}
	defer rows.Close()
	var layers []gpkgLayer
	for rows.Next() {
		var l gpkgLayer
		var org string
		if err := rows.Scan(&l.table, &l.geomColumn, &l.srsID, &org, &l.epsg); err != nil {
			db.Close()
			return nil, nil, err
		}
		if !strings.EqualFold(org, "EPSG") {
			l.epsg = 0
		}
		layers = append(layers, l)
	}
	if err := rows.Err(); err != nil {
		db.Close()
		return nil, nil, err
	}
	if len(layers) == 0 {
		db.Close()
		return nil, nil, fmt.Errorf("the GeoPackage has no feature table")
	}
	return db, layers, nil
}

// geoPackageSource reads every feature table of a GeoPackage as one
// import. A table named after a collection (zones, parcels,
// infrastructure, as landcat exports them) gives its features' collection;
// a column "id" gives their ids; the primary key column is not a property.
// Every table must be in the same CRS.
func geoPackageSource(ctx context.Context, path string) (catalog.Source, func() error, error) {
	db, layers, err := openGeoPackage(path)
	if err != nil {
		return catalog.Source{}, nil, catalog.Errorf(catalog.KindBadRequest, "%v", err)
	}
	src := catalog.Source{Format: FormatGeoPackage, Tabular: true, CRS: layers[0].epsg}
	for _, l := range layers {
		if l.srsID != layers[0].srsID {
			db.Close()
			return src, nil, catalog.Errorf(catalog.KindBadRequest, "tables %s and %s are in different coordinate systems (srs_id %d and %d): import them one at a time",
				layers[0].table, l.table, layers[0].srsID, l.srsID)
		}
		if l.srsID > 0 && l.epsg == 0 {
			db.Close()
			return src, nil, catalog.Errorf(catalog.KindBadRequest, "table %s is in srs_id %d, which is not an EPSG code: give --crs", l.table, l.srsID)
		}
		var n int
		if err := db.QueryRowContext(ctx, "SELECT count(*) FROM "+quoteIdent(l.table)).Scan(&n); err != nil {
			db.Close()
			return src, nil, err
		}
		src.Total += n
	}
	src.Each = func(fn func(int, json.RawMessage, []catalog.Problem) error) error {
		i := 0
		for _, l := range layers {
			each := func(b json.RawMessage, probs []catalog.Problem) error { err := fn(i, b, probs); i++; return err }
			if err := readLayer(ctx, db, l, each); err != nil {
				return err
			}
		}
		return nil
	}
	return src, db.Close, nil
}

// readLayer hands each row of a feature table to fn as a GeoJSON Feature.
func readLayer(ctx context.Context, db *sql.DB, l gpkgLayer, fn func(json.RawMessage, []catalog.Problem) error) error {
	pk, err := primaryKey(ctx, db, l.table)
	if err != nil {
		return err
	}
	rows, err := db.QueryContext(ctx, "SELECT * FROM "+quoteIdent(l.table)+" ORDER BY "+quoteIdent(pk))
	if err != nil {
		return err
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		return err
	}
	vals := make([]any, len(cols))
	ptrs := make([]any, len(cols))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	coll, _ := catalog.ParseCollection(strings.ToLower(l.table))
	for rows.Next() {
		if err := rows.Scan(ptrs...); err != nil {
			return err
		}
		var t tabularFeature
		t.collection = coll
		for i, c := range cols {
			switch {
			case c == l.geomColumn:
				t.setGeometry(vals[i])
			case c == pk:
			default:
				t.set(c, vals[i])
			}
		}
		if err := fn(t.json()); err != nil {
			return err
		}
	}
	return rows.Err()
}

// primaryKey returns the name of a table's integer primary key (fid).
func primaryKey(ctx context.Context, db *sql.DB, table string) (string, error) {
	rows, err := db.QueryContext(ctx, "SELECT name, pk FROM pragma_table_info(?)", table)
	if err != nil {
		return "", err
	}
	defer rows.Close()
	for rows.Next() {
		var name string
		var pk int
		if err := rows.Scan(&name, &pk); err != nil {
			return "", err
		}
		if pk == 1 {
			return name, nil
		}
	}
	if err := rows.Err(); err != nil {
		return "", err
	}
	return "rowid", nil
}

func quoteIdent(s string) string { return `"` + strings.ReplaceAll(s, `"`, `""`) + `"` }
