package dataio

import (
	"bufio"
	"encoding/csv"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/landcat/landcat/internal/catalog"
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/encoding/wkt"
	"github.com/xuri/excelize/v2"
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

// maxCellText is the most text a spreadsheet cell holds.
const maxCellText = 32767

// cellText writes a value as a CSV cell: numbers as written in JSON, flags
// true/false, lists joined with commas, timestamps in RFC 3339, unknown
// empty.
func cellText(v any) string {
	switch v := v.(type) {
	case nil:
		return ""
	case float64:
		return strconv.FormatFloat(v, 'f', -1, 64)
	case bool:
		return strconv.FormatBool(v)
	case string:
		return v
	case []string:
		return strings.Join(v, ",")
	case time.Time:
		return v.UTC().Format(time.RFC3339Nano)
	}
	return ""
}

// WriteCSV writes t as CSV: UTF-8 with a byte order mark (so that Excel
// reads Vietnamese right), a header row (id, the properties, geometry),
// one row per feature, the geometry as WKT in WGS 84 longitude/latitude.
func WriteCSV(w io.Writer, t Table) error {
	bw := bufio.NewWriterSize(w, 64<<10)
	bw.WriteString("\uFEFF")
	cw := csv.NewWriter(bw)
	header := []string{"id"}
	for _, fl := range t.Fields {
		header = append(header, fl.Name)
	}
	header = append(header, "geometry")
	if err := cw.Write(header); err != nil {
		return err
	}
	rec := make([]string, len(header))
	err := t.Rows(func(id string, g orb.Geometry, vals []any) error {
		rec[0] = id
		for i, v := range vals {
			rec[i+1] = cellText(v)
		}
		rec[len(rec)-1] = wkt.MarshalString(g)
		return cw.Write(rec)
	})
	if err != nil {
		return err
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return err
	}
	return bw.Flush()
}

// WriteXLSX writes t as a workbook of one sheet named after the
// collection, with typed cells (numbers as numbers, dates as text
// YYYY-MM-DD) and the geometry as WKT, except where the WKT is longer
// than a cell holds (32,767 characters): that cell says to download the
// GeoPackage. Rows are streamed to a temporary file past a few thousand.
func WriteXLSX(w io.Writer, t Table) error {
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetSheetName("Sheet1", t.Name); err != nil {
		return err
	}
	sw, err := f.NewStreamWriter(t.Name)
	if err != nil {
		return err
	}
	header := []any{"id"}
	for _, fl := range t.Fields {
		header = append(header, fl.Name)
	}
	header = append(header, "geometry")
	if err := sw.SetRow("A1", header, excelize.RowOpts{}); err != nil {
		return err
	}
	row := 1
	cells := make([]any, len(header))
	err = t.Rows(func(id string, g orb.Geometry, vals []any) error {
		row++
		cells[0] = id
		for i, v := range vals {
			switch v := v.(type) {
			case float64, bool:
				cells[i+1] = v
			default:
				cells[i+1] = cellText(v)
			}
		}
		geom := wkt.MarshalString(g)
		if len(geom) > maxCellText {
			geom = "(longer than a cell holds: download f=gpkg)"
		}
		cells[len(cells)-1] = geom
		cell, _ := excelize.CoordinatesToCellName(1, row)
		return sw.SetRow(cell, cells)
	})
	if err != nil {
		return err
	}
	if err := sw.Flush(); err != nil {
		return err
	}
	_, err = f.WriteTo(w)
	return err
}
