package tiles

import (
	"math"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/clip"
	"github.com/paulmach/orb/maptile"
	"github.com/paulmach/orb/project"
	"github.com/paulmach/orb/simplify"
)

// Tile geometry constants.
const (
	// Extent is the number of tile units along a tile side.
	Extent = 4096
	// Buffer is how far, in tile units, geometry reaches beyond the tile
	// edge before it is clipped, so that strokes and fills meet at seams.
	Buffer = 64
	// MaxZoom is the deepest zoom served.
	MaxZoom = 24

	// pixel is one CSS pixel of a 512-pixel (MapLibre) tile, in tile units.
	pixel = Extent / 512
	// fineZoom is the first zoom simplified at an eighth of a pixel
	// rather than half a pixel: parcel scale, where cracks would show.
	fineZoom = 14
	// minArea is the smallest polygon kept, in square tile units.
	minArea = pixel * pixel
)

// frame is one tile's coordinate frame.
type frame struct {
	z, x, y uint32
	bound   orb.Bound // the tile plus its buffer, lon/lat
	box     orb.Bound // the clip box, tile units
	tol     float64   // Douglas-Peucker tolerance, tile units
}

func newFrame(z, x, y uint32) *frame {
	tol := pixel / 2.0
	if z >= fineZoom {
		tol = pixel / 8.0
	}
	return &frame{
		z: z, x: x, y: y,
		bound: maptile.New(x, y, maptile.Zoom(z)).Bound(float64(Buffer) / Extent),
		box:   orb.Bound{Min: orb.Point{-Buffer, -Buffer}, Max: orb.Point{Extent + Buffer, Extent + Buffer}},
		tol:   tol,
	}
}

// toTile projects lon/lat to (unrounded) tile units, y down.
func (fr *frame) toTile(p orb.Point) orb.Point {
	f := maptile.Fraction(p, maptile.Zoom(fr.z))
	return orb.Point{(f[0] - float64(fr.x)) * Extent, (f[1] - float64(fr.y)) * Extent}
}

// geometry returns g in tile units, clipped, simplified and snapped to the
// grid, or nil when nothing of it is left to draw. g is not modified: the
// projection works on a clone (orb's projections and clipping write in
// place).
func (fr *frame) geometry(g orb.Geometry) orb.Geometry {
	if g == nil {
		return nil
	}
	g = project.Geometry(orb.Clone(g), fr.toTile)
	if b := g.Bound(); !fr.box.Contains(b.Min) || !fr.box.Contains(b.Max) {
		if g = clip.Geometry(fr.box, g); g == nil {
			return nil
		}
	}
	if g.Dimensions() > 0 {
		g = simplify.DouglasPeucker(fr.tol).Simplify(g)
	}
	return snap(g)
}

// snap rounds g to integer tile units and repairs what rounding breaks:
// repeated vertices, collapsed lines and rings, ring orientation.
func snap(g orb.Geometry) orb.Geometry {
	switch g := g.(type) {
	case orb.Point:
		return roundPoint(g)
	case orb.MultiPoint:
		for i := range g {
			g[i] = roundPoint(g[i])
		}
		return g
	case orb.LineString:
		if ls := snapLine(g); len(ls) >= 2 {
			return ls
		}
	case orb.MultiLineString:
		out := g[:0]
		for _, ls := range g {
			if ls = snapLine(ls); len(ls) >= 2 {
				out = append(out, ls)
			}
		}
		if len(out) > 0 {
			return out
		}
	case orb.Polygon:
		if p := snapPolygon(g); p != nil {
			return p
		}
	case orb.MultiPolygon:
		out := g[:0]
		for _, p := range g {
			if p = snapPolygon(p); p != nil {
				out = append(out, p)
			}
		}
		if len(out) > 0 {
			return out
		}
	}
	return nil
}

func roundPoint(p orb.Point) orb.Point { return orb.Point{math.Round(p[0]), math.Round(p[1])} }

// snapLine rounds ls in place and drops repeated vertices.
func snapLine(ls orb.LineString) orb.LineString {
	n := 0
	for _, p := range ls {
		p = roundPoint(p)
		if n > 0 && ls[n-1] == p {
			continue
		}
		ls[n] = p
		n++
	}
	return ls[:n]
}

// snapPolygon snaps p's rings, drops the polygon when its exterior is
// smaller than a pixel and holes smaller than a pixel, and orients the
// rings as MVT 2.1 §4.3.4.4 requires: the exterior with a positive
// surveyor's-formula area in tile coordinates (clockwise on screen), holes
// negative.
func snapPolygon(p orb.Polygon) orb.Polygon {
	out := p[:0]
	for i, r := range p {
		r = orb.Ring(snapLine(orb.LineString(r)))
		if len(r) > 0 && r[0] != r[len(r)-1] {
			r = append(r, r[0])
		}
		a := area2(r)
		if len(r) < 4 || math.Abs(a) < 2*minArea {
			if i == 0 {
				return nil
			}
			continue
		}
		if (i == 0) != (a > 0) {
			r.Reverse()
		}
		out = append(out, r)
	}
	return out
}

// area2 is twice the signed surveyor's-formula area of r.
func area2(r orb.Ring) float64 {
	a := 0.0
	for i := 0; i+1 < len(r); i++ {
		a += r[i][0]*r[i+1][1] - r[i+1][0]*r[i][1]
	}
	return a
}
