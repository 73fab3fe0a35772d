package demo

import "math"

// Packing limits: distances in km, areas in km².
const (
	packMargin = 0.03  // between a parcel and its zone's edge, at most
	packGap    = 0.04  // between neighbouring parcels, at most
	minParcel  = 0.005 // 0.5 ha
	maxParcel  = 0.6   // 60 ha
)

// slot is one parcel's box in a zone, in km from the zone's south-west
// corner, with the random draws that shape it.
type slot struct {
	km2             float64 // target area
	grow            float64 // box area per parcel area (rotation)
	rowF, hF, theta float64 // row height factor, height factor, rotation
	x, y, w, h      float64 // box
}

// packer lays slots out in rows ("shelves") inside a zone.
type packer struct {
	uw, uh      float64 // usable width and height
	gap, margin float64
	floor       float64 // smallest parcel area kept while shrinking
}

// packZone draws n target areas (log-uniform, 0.5–60 ha when there is
// room, a smaller upper bound when the zone is crowded) and packs them
// into rows, shrinking all areas until the rows fit. Spare room is
// spread between rows and parcels.
func (g *generator) packZone(n int, wKm, hKm float64) []slot {
	space := wKm * hKm / float64(n)
	hi := maxParcel
	for hi > 2*minParcel && logUniformMean(minParcel, hi) > 0.5*space {
		hi *= 0.9
	}
	slots := make([]slot, n)
	for i := range slots {
		slots[i] = slot{
			km2:  math.Exp(g.uniform(math.Log(minParcel), math.Log(hi))),
			rowF: g.uniform(0.7, 1.4), hF: g.uniform(0.75, 1), grow: 1,
		}
		if g.rng.IntN(3) == 0 {
			t := g.uniform(-35, 35) * math.Pi / 180
			// A rotated parcel needs a larger box for the same area.
			slots[i].theta, slots[i].grow = t, math.Pow(math.Abs(math.Sin(t))+math.Cos(t), 2)
		}
	}
	// Gaps shrink with crowding so that the rows always fit at a small
	// enough scale (n·gap² ≤ zone area / 25).
	gap := math.Min(packGap, 0.2*math.Sqrt(space))
	p := packer{gap: gap, margin: math.Min(packMargin, gap), floor: minParcel}
	p.uw, p.uh = wKm-2*p.margin, hKm-2*p.margin
	for scale := 1.0; !p.shelve(slots, scale); scale *= 0.9 {
		if scale < 0.01 {
			p.floor = 0 // too crowded for 0.5 ha parcels
		}
	}
	return slots
}

func logUniformMean(lo, hi float64) float64 { return (hi - lo) / math.Log(hi/lo) }

// dims is the box of slot s in a row of height rowH at the given scale:
// aspect ratio between 1:4 and 4:1, never wider than the zone.
func (p packer) dims(s *slot, rowH, scale float64) (w, h float64) {
	h = rowH * s.hF
	w = math.Min(p.uw, math.Max(h/4, math.Min(4*h, p.box(s, scale)/h)))
	return w, h
}

// box is the box area for slot s at the given scale.
func (p packer) box(s *slot, scale float64) float64 {
	return math.Max(p.floor, s.km2*scale) * s.grow
}

// shelve lays the slots out in rows at the given area scale; it reports
// false when they do not fit.
func (p packer) shelve(slots []slot, scale float64) bool {
	var rows [][]int
	x, y, rowH := 0.0, 0.0, 0.0
	for i := range slots {
		s := &slots[i]
		if w, _ := p.dims(s, rowH, scale); rowH > 0 && x+w > p.uw {
			y, rowH = y+rowH+p.gap, 0
		}
		if rowH == 0 {
			rowH, x = math.Min(p.uh, math.Sqrt(p.box(s, scale))*s.rowF), 0
			rows = append(rows, nil)
		}
		s.w, s.h = p.dims(s, rowH, scale)
		s.x, s.y = x, y
		x += s.w + p.gap
		rows[len(rows)-1] = append(rows[len(rows)-1], i)
	}
	if y+rowH > p.uh {
		return false
	}
	p.spread(slots, rows, p.uh-(y+rowH))
	return true
}

// spread distributes spare height between rows and spare width between
// the parcels of each row, then moves everything in by the margin.
func (p packer) spread(slots []slot, rows [][]int, spareH float64) {
	dy := spareH / float64(len(rows))
	for r, row := range rows {
		last := slots[row[len(row)-1]]
		dx := (p.uw - (last.x + last.w)) / float64(len(row))
		for k, i := range row {
			slots[i].x += p.margin + (float64(k)+0.5)*dx
			slots[i].y += p.margin + (float64(r)+0.5)*dy
		}
	}
}

// ring returns the parcel's rectangle, rotated by theta (near-square
// boxes only) and shrunk to stay inside its box, as a closed counter-clockwise lon/lat ring, and
// its area in ha.
func (s slot) ring(lon0, lat0, kx float64) ([][2]float64, float64) {
	w, h, theta := s.w, s.h, s.theta
	if r := w / h; r < 2.0/3 || r > 1.5 {
		theta = 0 // rotating an elongated box would waste most of it
	}
	sin, cos := math.Abs(math.Sin(theta)), math.Abs(math.Cos(theta))
	if k := math.Min(s.w/(w*cos+h*sin), s.h/(w*sin+h*cos)); k < 1 {
		w, h = w*k, h*k
	}
	cx, cy := s.x+s.w/2, s.y+s.h/2
	st, ct := math.Sin(theta), math.Cos(theta)
	ring := make([][2]float64, 5)
	for k, c := range [4][2]float64{{-w / 2, -h / 2}, {w / 2, -h / 2}, {w / 2, h / 2}, {-w / 2, h / 2}} {
		x, y := cx+c[0]*ct-c[1]*st, cy+c[0]*st+c[1]*ct
		ring[k] = [2]float64{round6(lon0 + x/kx), round6(lat0 + y/kmPerDegLat)}
	}
	ring[4] = ring[0]
	return ring, w * h * 100
}
