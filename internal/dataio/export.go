package dataio

import (
	"io"

	"github.com/landcat/landcat/internal/catalog"
	"github.com/landcat/landcat/internal/sheet"
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/encoding/wkt"
)

// Table is what a download writes: a collection's property columns and
// its features, row by row, so that no writer holds more than a row (the
// GeoPackage writer holds its file on disk).
type Table struct {
	Name   string          // the collection: the sheet's and the table's name
	Fields []catalog.Field // property columns, in order
	// Rows calls fn with each feature's id, geometry and values (aligned
	// with Fields: float64, string, bool, []string, time.Time; nil for
	// unknown) until fn returns an error.
	Rows func(fn func(id string, g orb.Geometry, vals []any) error) error
}

// The media types of the downloads.
const (
	MediaCSV        = "text/csv; charset=utf-8"
	MediaXLSX       = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
	MediaGeoPackage = "application/geopackage+sqlite3"
)

// sheet lays t out as a spreadsheet table: id, the properties, then the
// geometry as WKT in WGS 84 longitude/latitude. For a workbook (cap set),
// WKT longer than a cell holds is replaced by a note to download the
// GeoPackage.
func (t Table) sheet(capped bool) sheet.Table {
	cols := []string{"id"}
	for _, fl := range t.Fields {
		cols = append(cols, fl.Name)
	}
	cols = append(cols, "geometry")
	row := make([]any, len(cols))
	return sheet.Table{Name: t.Name, Columns: cols, Each: func(fn func([]any) error) error {
		return t.Rows(func(id string, g orb.Geometry, vals []any) error {
			row[0] = id
			copy(row[1:], vals)
			geom := wkt.MarshalString(g)
			if capped && len(geom) > sheet.MaxCellText {
				geom = "(longer than a cell holds: download f=gpkg)"
			}
			row[len(row)-1] = geom
			return fn(row)
		})
	}}
}

// WriteCSV writes t as CSV (UTF-8 with a byte order mark, so that Excel
// reads Vietnamese right): a header row (id, the properties, geometry),
// one row per feature.
func WriteCSV(w io.Writer, t Table) error {
	return sheet.WriteCSV(w, t.sheet(false))
}

// WriteXLSX writes t as a workbook of one sheet named after the
// collection, with typed cells (numbers as numbers, dates as text
// YYYY-MM-DD) and the geometry as WKT. Rows are streamed to a temporary
// file past a few thousand.
func WriteXLSX(w io.Writer, t Table) error {
	return sheet.WriteXLSX(w, t.sheet(true))
}
