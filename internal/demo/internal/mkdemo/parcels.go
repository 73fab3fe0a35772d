package main

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/paulmach/orb"
)

// parcelRow is one parsed table row.
type parcelRow struct {
	code, zone, status, from, landUse, utils, flood string
	pos                                             *orb.Point
	ha, price, fee, elev                            float64
	sectors                                         []string
	readyBuilt, bonded                              bool
}

// parcel is a placed row.
type parcel struct {
	row    parcelRow
	anchor bool
	z      zone
	ring   orb.Ring
}

func parseRow(s string) (parcelRow, error) {
	f := strings.Split(s, "|")
	if len(f) != 14 {
		return parcelRow{}, fmt.Errorf("row %q: %d fields", s, len(f))
	}
	r := parcelRow{code: f[0], zone: f[1], status: f[4], from: f[5], landUse: f[6],
		sectors: strings.Split(f[7], ","), utils: f[10], flood: f[11]}
	nums := []*float64{&r.ha, &r.price, &r.fee, &r.elev}
	for i, j := range []int{3, 8, 9, 12} {
		v, err := strconv.ParseFloat(f[j], 64)
		if err != nil {
			return r, fmt.Errorf("row %s field %d: %w", r.code, j, err)
		}
		*nums[i] = v
	}
	if f[2] != "-" {
		lon, lat, _ := strings.Cut(f[2], ",")
		x, err1 := strconv.ParseFloat(lon, 64)
		y, err2 := strconv.ParseFloat(lat, 64)
		if err1 != nil || err2 != nil {
			return r, fmt.Errorf("row %s: position %q", r.code, f[2])
		}
		r.pos = &orb.Point{x, y}
	}
	r.readyBuilt = strings.Contains(f[13], "rb")
	r.bonded = strings.Contains(f[13], "bonded")
	return r, nil
}

// buildParcels draws the anchors as squares on their centroids, then
// places the other parcels inside their parks, largest first.
func buildParcels(zs []zone, _ []feature) ([]parcel, error) {
	zones := map[string]zone{}
	for _, z := range zs {
		zones[z.id] = z
	}
	var out []parcel
	taken := map[string][]orb.Bound{}
	for i, rows := range [][]string{anchorRows, extraRows} {
		ps, err := parseAll(rows, zones)
		if err != nil {
			return nil, err
		}
		order := slices.Clone(ps)
		slices.SortStableFunc(order, func(a, b parcel) int { return cmp.Compare(b.row.ha, a.row.ha) })
		placed := map[string]orb.Ring{}
		for _, p := range order {
			r, err := draw(p, taken[p.z.id])
			if err != nil {
				return nil, err
			}
			taken[p.z.id] = append(taken[p.z.id], pad(r.Bound(), 0.04))
			placed[p.row.code] = roundRing(r)
		}
		for _, p := range ps {
			p.ring, p.anchor = placed[p.row.code], i == 0
			out = append(out, p)
		}
	}
	return out, nil
}

func parseAll(rows []string, zones map[string]zone) ([]parcel, error) {
	out := make([]parcel, 0, len(rows))
	for _, s := range rows {
		r, err := parseRow(s)
		if err != nil {
			return nil, err
		}
		z, ok := zones[r.zone]
		if !ok {
			return nil, fmt.Errorf("%s: unknown zone %s", r.code, r.zone)
		}
		out = append(out, parcel{row: r, z: z})
	}
	return out, nil
}

// draw returns the anchor square or finds room for a placed parcel.
func draw(p parcel, taken []orb.Bound) (orb.Ring, error) {
	if p.row.pos != nil {
		side := math.Sqrt(p.row.ha) / 10
		r := rect(*p.row.pos, side, side)
		if !fits(r, p.z, taken, nil) {
			return nil, fmt.Errorf("anchor %s does not fit in %s", p.row.code, p.z.id)
		}
		return r, nil
	}
	if r := place(p, taken); r != nil {
		return r, nil
	}
	return nil, fmt.Errorf("no room for %s (%.0f ha) in %s", p.row.code, p.row.ha, p.z.id)
}

// place scans candidate centres bottom-left first (a simple packing
// heuristic) and a few aspect ratios, returning the first rectangle that fits.
func place(p parcel, taken []orb.Bound) orb.Ring {
	f := frame{p.z.spec.lon, p.z.spec.lat}
	b := p.z.mp[0][0].Bound()
	x0, y0 := f.xy(b.Min)
	x1, y1 := f.xy(b.Max)
	type cand struct{ x, y float64 }
	var cs []cand
	for y := y0; y <= y1; y += 0.05 {
		for x := x0; x <= x1; x += 0.05 {
			cs = append(cs, cand{x, y})
		}
	}
	km2 := p.row.ha / 100
	obstacles := infraPoints()
	for _, c := range cs {
		for _, asp := range []float64{1, 1.5, 1 / 1.5, 2.2, 1 / 2.2} {
			w := math.Sqrt(km2 * asp)
			r := rect(f.at(c.x, c.y), w, km2/w)
			if fits(r, p.z, taken, obstacles) {
				return r
			}
		}
	}
	return nil
}

// fits: 40 m inside the zone, 80 m from other parcels, 100 m from points.
func fits(r orb.Ring, z zone, taken []orb.Bound, obstacles []orb.Point) bool {
	b := r.Bound()
	if !inside(pad(b, 0.04).ToRing(), z.mp) {
		return false
	}
	for _, t := range taken {
		if pad(b, 0.04).Intersects(t) {
			return false
		}
	}
	for _, o := range obstacles {
		if pad(b, 0.1).Contains(o) {
			return false
		}
	}
	return true
}

// pad grows a bound by km on every side.
func pad(b orb.Bound, km float64) orb.Bound {
	dx, dy := km/kmPerDegLon(b.Min[1]), km/kmPerDegLat
	return orb.Bound{Min: orb.Point{b.Min[0] - dx, b.Min[1] - dy}, Max: orb.Point{b.Max[0] + dx, b.Max[1] + dy}}
}
