package main

import (
	"bufio"
	"bytes"
	"fmt"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"
	"github.com/paulmach/orb/planar"
	"github.com/paulmach/orb/simplify"
)

const (
	landStep     = 2.0 / 3600 // grdlandmask cell: 2 arc-seconds
	provinceStep = 6.0 / 3600 // province cell: 6 arc-seconds
	// Douglas-Peucker tolerances in degrees (1e-4° is about 11 m here).
	landTolerance     = 1.5e-4
	riverTolerance    = 1.5e-4
	provinceTolerance = 6e-4
	// minRingArea drops islets and ponds under about 2 ha (square degrees).
	minRingArea = 2e-6
)

func gmtRegion() string {
	return fmt.Sprintf("-R%g/%g/%g/%g", region.Min[0], region.Max[0], region.Min[1], region.Max[1])
}

func command(name string, args ...string) ([]byte, error) {
	cmd := exec.Command(name, args...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("%s %s: %v: %s", name, strings.Join(args, " "), err, stderr.String())
	}
	return out, nil
}

// landMask writes GSHHG's land (1) and water (0) on the 2-second grid to
// tmp/land.nc: ocean, lakes and ponds are water; land and islands in
// lakes are land.
func landMask(tmp string) (string, error) {
	path := filepath.Join(tmp, "land.nc")
	if _, err := os.Stat(path); err == nil {
		return path, nil
	}
	_, err := command("gmt", "grdlandmask", gmtRegion(), fmt.Sprintf("-I%gs", landStep*3600), "-Df", "-N0/1/0/1/0", "-r", "-G"+path)
	return path, err
}

// landPolygons traces the land mask into polygons.
func landPolygons(tmp string) ([]orb.Polygon, error) {
	mask, err := landMask(tmp)
	if err != nil {
		return nil, err
	}
	return contour(mask, filepath.Join(tmp, "land.geojson"), landTolerance)
}

// contour runs gdal_contour in polygon mode at 0.5 over a 0/1 grid and
// returns the polygons of the 1 side, simplified, without slivers.
func contour(grid, out string, tolerance float64) ([]orb.Polygon, error) {
	_ = os.Remove(out)
	if _, err := command("gdal_contour", "-q", "-p", "-amin", "amin", "-fl", "0.5", "-f", "GeoJSON", grid, out); err != nil {
		return nil, err
	}
	b, err := os.ReadFile(out)
	if err != nil {
		return nil, err
	}
	fc, err := geojson.UnmarshalFeatureCollection(b)
	if err != nil {
		return nil, err
	}
	var polys []orb.Polygon
	for _, f := range fc.Features {
		if v, _ := f.Properties["amin"].(float64); v != 0.5 {
			continue
		}
		var mp orb.MultiPolygon
		switch g := f.Geometry.(type) {
		case orb.Polygon:
			mp = orb.MultiPolygon{g}
		case orb.MultiPolygon:
			mp = g
		}
		for _, p := range mp {
			if p = clean(p, tolerance); p != nil {
				polys = append(polys, p)
			}
		}
	}
	return polys, nil
}

// clean simplifies a polygon and drops rings too small to matter.
func clean(p orb.Polygon, tolerance float64) orb.Polygon {
	var out orb.Polygon
	for i, r := range p {
		r = simplify.DouglasPeucker(tolerance).Ring(r)
		if len(r) < 4 || math.Abs(planar.Area(r)) < minRingArea {
			if i == 0 {
				return nil
			}
			continue
		}
		out = append(out, r)
	}
	return out
}

// river is one stretch of a GSHHG river with its class (1 major … 4 minor).
type river struct {
	line  orb.LineString
	class int
}

// riverLines dumps GSHHG's permanent rivers in the region.
func riverLines(tmp string) ([]river, error) {
	out, err := command("gmt", "coast", gmtRegion(), "-Df", "-Ir", "-M")
	if err != nil {
		return nil, err
	}
	var rivers []river
	var cur *river
	sc := bufio.NewScanner(bytes.NewReader(out))
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(line, ">") {
			class := 4
			if i := strings.LastIndex(line, "Level "); i >= 0 {
				class, _ = strconv.Atoi(strings.TrimSpace(line[i+6:]))
			}
			rivers = append(rivers, river{class: class})
			cur = &rivers[len(rivers)-1]
			continue
		}
		f := strings.Fields(line)
		if cur == nil || len(f) < 2 {
			continue
		}
		x, err1 := strconv.ParseFloat(f[0], 64)
		y, err2 := strconv.ParseFloat(f[1], 64)
		if err1 == nil && err2 == nil {
			cur.line = append(cur.line, orb.Point{x, y})
		}
	}
	kept := rivers[:0]
	for _, r := range rivers {
		if r.line = simplify.DouglasPeucker(riverTolerance).LineString(r.line); len(r.line) >= 2 {
			kept = append(kept, r)
		}
	}
	return kept, sc.Err()
}
