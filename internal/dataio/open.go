// Package dataio reads and writes the files officers exchange with park
// developers: GeoJSON, GeoPackage and zipped Shapefiles of features, and
// CSV and XLSX sheets of parcel specifications. Readers turn a file into a
// catalog.Source or catalog.Sheet, so that every format meets the same
// validation, all-or-nothing write and report; writers stream a query's
// features out. GeoPackages are read and written with the SQLite driver
// the store uses.
package dataio

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/landcat/landcat/internal/catalog"
)

// The formats landcat imports, as --format and the import report name
// them.
const (
	FormatGeoJSON    = "geojson"
	FormatGeoPackage = "gpkg"
	FormatShapefile  = "shapefile"
	FormatCSV        = "csv"
	FormatXLSX       = "xlsx"
)

// Formats lists the import formats.
var Formats = []string{FormatGeoJSON, FormatGeoPackage, FormatShapefile, FormatCSV, FormatXLSX}

// Detect returns the format of a file from its name's extension, or
// override when it is not empty.
func Detect(name, override string) (string, error) {
	if override != "" {
		if override == "zip" || override == "shp" {
			override = FormatShapefile
		}
		if override == "json" {
			override = FormatGeoJSON
		}
		if !slices.Contains(Formats, override) {
			return "", fmt.Errorf("format %q: landcat imports %s", override, strings.Join(Formats, ", "))
		}
		return override, nil
	}
	switch strings.ToLower(filepath.Ext(name)) {
	case ".geojson", ".json":
		return FormatGeoJSON, nil
	case ".gpkg":
		return FormatGeoPackage, nil
	case ".zip":
		return FormatShapefile, nil
	case ".csv":
		return FormatCSV, nil
	case ".xlsx":
		return FormatXLSX, nil
	}
	return "", fmt.Errorf("cannot tell the format of %q from its extension (.geojson, .json, .gpkg, .zip, .csv, .xlsx): give --format", name)
}

// Import reads a file in format and runs it through the catalogue:
// features (GeoJSON, GeoPackage, Shapefile) with svc.ImportFrom, parcel
// sheets (CSV, XLSX) with svc.UpdateFromSheet. r is read as a stream for
// GeoJSON and CSV; the other formats need the whole file, which is
// spooled to a temporary file unless r is one already.
func Import(ctx context.Context, svc *catalog.Service, a catalog.Actor, r io.Reader, format string, opt catalog.ImportOptions) (*catalog.ImportReport, error) {
	switch format {
	case FormatGeoJSON:
		return svc.ImportFrom(ctx, a, catalog.GeoJSONSource(r), opt)
	case FormatCSV:
		sh, err := csvSheet(r)
		if err != nil {
			return nil, err
		}
		return svc.UpdateFromSheet(ctx, a, sh, opt)
	}
	path, cleanup, err := spool(r, format)
	if err != nil {
		return nil, err
	}
	defer cleanup()
	switch format {
	case FormatXLSX:
		sh, closeFn, err := xlsxSheet(path)
		if err != nil {
			return nil, err
		}
		defer closeFn()
		return svc.UpdateFromSheet(ctx, a, sh, opt)
	case FormatGeoPackage:
		src, closeFn, err := geoPackageSource(ctx, path)
		if err != nil {
			return nil, err
		}
		defer closeFn()
		return svc.ImportFrom(ctx, a, src, opt)
	case FormatShapefile:
		src, closeFn, err := shapefileSource(ctx, path)
		if err != nil {
			return nil, err
		}
		defer closeFn()
		return svc.ImportFrom(ctx, a, src, opt)
	}
	return nil, catalog.Errorf(catalog.KindBadRequest, "format %q: landcat imports %s", format, strings.Join(Formats, ", "))
}

// spool returns the path of a file holding r: its own when r is a
// regular file, else a temporary copy, removed by cleanup.
func spool(r io.Reader, format string) (string, func(), error) {
	if f, ok := r.(*os.File); ok {
		if st, err := f.Stat(); err == nil && st.Mode().IsRegular() {
			return f.Name(), func() {}, nil
		}
	}
	tmp, err := os.CreateTemp("", "landcat-import-*."+format)
	if err != nil {
		return "", nil, err
	}
	cleanup := func() { tmp.Close(); os.Remove(tmp.Name()) }
	if _, err := io.Copy(tmp, r); err != nil {
		cleanup()
		return "", nil, err
	}
	if err := tmp.Close(); err != nil {
		cleanup()
		return "", nil, err
	}
	return tmp.Name(), cleanup, nil
}
