package dataio

import (
	"archive/zip"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"

	"github.com/landcat/landcat/internal/catalog"
	"github.com/landcat/landcat/internal/geo"
)

// A zipped Shapefile is converted by GDAL's ogr2ogr (no well-kept pure-Go
// Shapefile reader is to be had) into a GeoPackage in its own coordinates,
// which is then read like any other: the coordinates are transformed by
// landcat (VN-2000 as everywhere else), with the CRS its .prj names.

// maxUnzipped caps what a zip may expand to (a zip bomb is refused).
const maxUnzipped = 2 << 30

// shapefileSource unzips the .shp, .shx, .dbf, .prj and .cpg of one
// Shapefile and reads it through ogr2ogr.
func shapefileSource(ctx context.Context, zipPath string) (catalog.Source, func() error, error) {
	bad := func(format string, args ...any) (catalog.Source, func() error, error) {
		return catalog.Source{}, nil, catalog.Errorf(catalog.KindBadRequest, format, args...)
	}
	ogr, err := exec.LookPath("ogr2ogr")
	if err != nil {
		return bad("reading a Shapefile needs GDAL's ogr2ogr, which is not installed here (apt-get install gdal-bin); or convert the file to GeoPackage or GeoJSON first")
	}
	dir, err := os.MkdirTemp("", "landcat-shp-*")
	if err != nil {
		return catalog.Source{}, nil, err
	}
	cleanup := func() error { return os.RemoveAll(dir) }
	shp, prj, cpg, err := unzipShapefile(zipPath, dir)
	if err != nil {
		cleanup()
		return bad("%v", err)
	}
	if enc := strings.ToUpper(strings.TrimSpace(cpg)); enc != "" && enc != "UTF-8" && enc != "UTF8" && enc != "65001" {
		cleanup()
		return bad("the .cpg says the attributes are in %q; landcat reads UTF-8 Shapefiles only: save the layer again with the UTF-8 encoding (in QGIS: Export > Save Features As…, Encoding UTF-8)", strings.TrimSpace(cpg))
	}
	epsg := 0
	if prj != "" {
		if epsg, err = prjEPSG(prj); err != nil {
			cleanup()
			return bad("%v (give --crs to say it)", err)
		}
	}
	out := filepath.Join(dir, "layer.gpkg")
	cmd := exec.CommandContext(ctx, ogr, "-f", "GPKG", "-a_srs", "EPSG:4326", "-nln", "layer",
		"-oo", "ENCODING=UTF-8", out, shp)
	if msg, err := cmd.CombinedOutput(); err != nil {
		cleanup()
		return bad("ogr2ogr cannot read the Shapefile: %v: %s", err, strings.TrimSpace(string(msg)))
	}
	src, closeFn, err := geoPackageSource(ctx, out)
	if err != nil {
		cleanup()
		return src, nil, err
	}
	src.Format, src.CRS = FormatShapefile, epsg
	each := src.Each
	src.Each = func(fn func(int, json.RawMessage, []catalog.Problem) error) error {
		return each(func(i int, b json.RawMessage, probs []catalog.Problem) error {
			return fn(i, untruncate(b), probs)
		})
	}
	return src, func() error { return errors.Join(closeFn(), cleanup()) }, nil
}

// dbfNameLen is the longest column name a dBase file holds.
const dbfNameLen = 10

// untruncate gives back the names dBase cut to 10 characters
// (lease_price_usd_m2 is stored as lease_pric): a property name of 10
// characters that is no property but the start of exactly one is renamed
// to it.
func untruncate(b json.RawMessage) json.RawMessage {
	var f map[string]json.RawMessage
	var props map[string]json.RawMessage
	if json.Unmarshal(b, &f) != nil || json.Unmarshal(f["properties"], &props) != nil {
		return b
	}
	changed := false
	for name, v := range props {
		if full := fullName(name); full != name {
			delete(props, name)
			props[full], changed = v, true
		}
	}
	if !changed {
		return b
	}
	f["properties"], _ = json.Marshal(props)
	out, err := json.Marshal(f)
	if err != nil {
		return b
	}
	return out
}

// fullName is the property a dBase column name stands for.
func fullName(col string) string {
	if len(col) != dbfNameLen {
		return col
	}
	full := ""
	for _, c := range catalog.Collections {
		for _, fl := range catalog.SchemaOf(c).Fields {
			switch {
			case fl.Name == col:
				return col
			case strings.HasPrefix(fl.Name, col) && full != "" && full != fl.Name:
				return col // ambiguous: left for validation to name
			case strings.HasPrefix(fl.Name, col):
				full = fl.Name
			}
		}
	}
	if full == "" {
		return col
	}
	return full
}

// unzipShapefile extracts the one Shapefile of a zip into dir and returns
// the .shp's path and the .prj's and .cpg's text.
func unzipShapefile(zipPath, dir string) (shp, prj, cpg string, err error) {
	zr, err := zip.OpenReader(zipPath)
	if err != nil {
		return "", "", "", fmt.Errorf("not a zip file: %v", err)
	}
	defer zr.Close()
	var total int64
	base := ""
	for _, f := range zr.File {
		name := filepath.Base(f.Name)
		ext := strings.ToLower(filepath.Ext(name))
		if f.FileInfo().IsDir() || strings.HasPrefix(name, ".") || !strings.Contains(".shp.shx.dbf.prj.cpg", ext) || ext == "" {
			continue
		}
		stem := strings.TrimSuffix(name, filepath.Ext(name))
		if base == "" {
			base = stem
		} else if stem != base {
			return "", "", "", fmt.Errorf("the zip holds more than one Shapefile (%s and %s): zip one at a time", base, stem)
		}
		if total += int64(f.UncompressedSize64); total > maxUnzipped {
			return "", "", "", errors.New("the zip expands to more than 2 GiB")
		}
		if err := extract(f, filepath.Join(dir, "layer"+ext)); err != nil {
			return "", "", "", err
		}
		switch ext {
		case ".shp":
			shp = filepath.Join(dir, "layer.shp")
		case ".prj", ".cpg":
			b, err := os.ReadFile(filepath.Join(dir, "layer"+ext))
			if err != nil {
				return "", "", "", err
			}
			if ext == ".prj" {
				prj = string(b)
			} else {
				cpg = string(b)
			}
		}
	}
	if shp == "" {
		return "", "", "", errors.New("the zip holds no .shp file")
	}
	for _, ext := range []string{".shx", ".dbf"} {
		if _, err := os.Stat(filepath.Join(dir, "layer"+ext)); err != nil {
			return "", "", "", fmt.Errorf("the zip holds %s.shp but no %s%s: a Shapefile needs its .shp, .shx and .dbf", base, base, ext)
		}
	}
	return shp, prj, cpg, nil
}

func extract(f *zip.File, to string) error {
	rc, err := f.Open()
	if err != nil {
		return fmt.Errorf("%s: %v", f.Name, err)
	}
	defer rc.Close()
	out, err := os.Create(to)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, io.LimitReader(rc, maxUnzipped)); err != nil {
		out.Close()
		return fmt.Errorf("%s: %v", f.Name, err)
	}
	return out.Close()
}

var (
	prjAuthority = regexp.MustCompile(`AUTHORITY\[\s*"EPSG"\s*,\s*"?(\d+)"?\s*\]\s*\]\s*$`)
	prjParameter = regexp.MustCompile(`(?i)PARAMETER\[\s*"([a-z_ ]+)"\s*,\s*([-+0-9.eE]+)\s*\]`)
)

// prjEPSG names the EPSG code of a Shapefile's .prj (WKT 1, in GDAL's or
// Esri's dialect) among those landcat transforms: the code itself when the
// WKT ends with its EPSG authority, else WGS 84 or VN-2000 (geographic, or
// Transverse Mercator told apart by central meridian and scale: TM-3
// 105°30′, TM-3 105°45′, UTM 48N, UTM 49N).
func prjEPSG(wkt string) (int, error) {
	wkt = strings.TrimSpace(wkt)
	if m := prjAuthority.FindStringSubmatch(wkt); m != nil {
		code, _ := strconv.Atoi(m[1])
		return code, nil
	}
	upper := strings.ToUpper(wkt)
	vn := strings.Contains(upper, "VN_2000") || strings.Contains(upper, "VN-2000") || strings.Contains(upper, "VN 2000") || strings.Contains(upper, "VIETNAM_2000")
	wgs := strings.Contains(upper, "WGS_1984") || strings.Contains(upper, "WGS 84") || strings.Contains(upper, "WGS84")
	switch {
	case strings.HasPrefix(upper, "GEOGCS") && vn:
		return geo.EPSGVN2000, nil
	case strings.HasPrefix(upper, "GEOGCS") && wgs:
		return geo.EPSGWGS84, nil
	case strings.HasPrefix(upper, "PROJCS") && vn:
		params := map[string]float64{}
		for _, m := range prjParameter.FindAllStringSubmatch(wkt, -1) {
			v, err := strconv.ParseFloat(m[2], 64)
			if err == nil {
				params[strings.ToLower(strings.ReplaceAll(m[1], " ", "_"))] = v
			}
		}
		cm, k := params["central_meridian"], params["scale_factor"]
		for _, c := range []struct {
			cm, k float64
			code  int
		}{{105.75, 0.9999, geo.EPSGVN2000TM10545}, {105.5, 0.9999, geo.EPSGVN2000TM10530}, {105, 0.9996, geo.EPSGVN2000UTM48N}, {111, 0.9996, geo.EPSGVN2000UTM49N}} {
			if math.Abs(cm-c.cm) < 1e-9 && math.Abs(k-c.k) < 1e-9 {
				return c.code, nil
			}
		}
		return 0, fmt.Errorf("the .prj is a VN-2000 projection with central meridian %v and scale %v, which landcat does not know (it knows TM-3 105°45′ and 105°30′, UTM 48N and 49N)", cm, k)
	}
	name := wkt
	if i := strings.IndexByte(name, ','); i > 0 {
		name = name[:i]
	}
	return 0, fmt.Errorf("the .prj names a coordinate system landcat does not transform (%s); use WGS 84 or VN-2000", strings.TrimSpace(name)+"]")
}
