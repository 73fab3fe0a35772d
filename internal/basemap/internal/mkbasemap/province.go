package main

import (
	"bufio"
	"fmt"
	"math"
	"os"
	"path/filepath"

	"github.com/paulmach/orb"
)

// provinceLines approximates Hai Phong's land: each cell of a
// 6-second grid belongs to the province of its nearest GeoNames place
// (distances on a local equirectangular plane), and only land cells count.
// No open boundary data is packaged for Debian or npm; this one follows
// the real boundary to within a few kilometres, which is why it is drawn
// dashed and called approximate.
func provinceLines(tmp string, places []place) ([]orb.LineString, error) {
	maskPath, err := landMask(tmp)
	if err != nil {
		return nil, err
	}
	raw, err := command("gmt", "grd2xyz", maskPath, "-ZTLc")
	if err != nil {
		return nil, err
	}
	landCols := int(math.Round((region.Max[0] - region.Min[0]) / landStep))
	landRows := int(math.Round((region.Max[1] - region.Min[1]) / landStep))
	if len(raw) != landCols*landRows {
		return nil, fmt.Errorf("land mask: %d cells, want %d×%d", len(raw), landCols, landRows)
	}
	cols := int(math.Round((region.Max[0] - region.Min[0]) / provinceStep))
	rows := int(math.Round((region.Max[1] - region.Min[1]) / provinceStep))
	k := math.Cos(21 * math.Pi / 180) // shrink longitudes at 21° N
	path := filepath.Join(tmp, "province.asc")
	f, err := os.Create(path)
	if err != nil {
		return nil, err
	}
	w := bufio.NewWriter(f)
	fmt.Fprintf(w, "ncols %d\nnrows %d\nxllcorner %.10f\nyllcorner %.10f\ncellsize %.12f\n", cols, rows, region.Min[0], region.Min[1], provinceStep)
	for r := 0; r < rows; r++ {
		lat := region.Max[1] - (float64(r)+0.5)*provinceStep
		for c := 0; c < cols; c++ {
			lon := region.Min[0] + (float64(c)+0.5)*provinceStep
			lr := int((region.Max[1] - lat) / landStep)
			lc := int((lon - region.Min[0]) / landStep)
			v := byte('0')
			if raw[lr*landCols+lc] == 1 && haiPhong[nearest(places, lon, lat, k).admin] {
				v = '1'
			}
			w.WriteByte(v)
			if c < cols-1 {
				w.WriteByte(' ')
			}
		}
		w.WriteByte('\n')
	}
	if err := w.Flush(); err != nil {
		return nil, err
	}
	if err := f.Close(); err != nil {
		return nil, err
	}
	polys, err := contour(path, filepath.Join(tmp, "province.geojson"), provinceTolerance)
	if err != nil {
		return nil, err
	}
	// Keep the province's own pieces, not specks along a neighbour's
	// edge, and of their outline only the stretches inland: along the
	// coast and the wide rivers the water already shows the edge.
	inland := func(p orb.Point) bool {
		c := int((p[0] - region.Min[0]) / landStep)
		r := int((region.Max[1] - p[1]) / landStep)
		for dr := -4; dr <= 4; dr++ {
			for dc := -4; dc <= 4; dc++ {
				rr, cc := r+dr, c+dc
				if rr < 0 || cc < 0 || rr >= landRows || cc >= landCols || raw[rr*landCols+cc] != 1 {
					return false
				}
			}
		}
		return true
	}
	var lines []orb.LineString
	for _, p := range polys {
		if b := p.Bound(); (b.Max[0]-b.Min[0])*(b.Max[1]-b.Min[1]) < 1e-4 {
			continue
		}
		for _, ring := range p {
			var cur orb.LineString
			for _, pt := range ring {
				if inland(pt) {
					cur = append(cur, pt)
					continue
				}
				if len(cur) >= 2 {
					lines = append(lines, cur)
				}
				cur = nil
			}
			if len(cur) >= 2 {
				lines = append(lines, cur)
			}
		}
	}
	return lines, nil
}

func nearest(places []place, lon, lat, k float64) place {
	best, bestD := places[0], math.Inf(1)
	for _, p := range places {
		dx, dy := (p.at[0]-lon)*k, p.at[1]-lat
		if d := dx*dx + dy*dy; d < bestD {
			best, bestD = p, d
		}
	}
	return best
}
