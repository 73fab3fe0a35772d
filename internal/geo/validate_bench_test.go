package geo_test

import (
	"fmt"
	"testing"

	"github.com/landcat/landcat/internal/geo"
	"github.com/paulmach/orb"
)

// zigZag returns a valid polygon of about n vertices whose top side is a
// sheared saw: every tooth is as wide as the whole polygon, so the bounding
// boxes of all its edges overlap. That is the adversarial input for any
// check that pairs up edges by bounding box (an R-tree degenerates to
// testing every pair), and the shape of the 40,000-vertex "within" polygon
// that once cost 10 s of CPU.
func zigZag(n int) orb.Polygon {
	const x0, y0, w, h = 106.0, 20.0, 0.1, 0.05
	k := max(1, (n-4)/2) // teeth
	dx := w / float64(k)
	ring := make(orb.Ring, 0, 2*k+4)
	for i := range k {
		x := x0 + float64(i)*dx
		ring = append(ring, orb.Point{x, y0}, orb.Point{x + w, y0 + h})
	}
	end := x0 + float64(k)*dx
	ring = append(ring, orb.Point{end, y0}, orb.Point{end, y0 - 0.01}, orb.Point{x0, y0 - 0.01}, orb.Point{x0, y0})
	return orb.Polygon{ring}
}

// BenchmarkValidateZigZag validates zig-zag polygons of growing size; the
// time per operation should roughly double (n log n) when n doubles.
func BenchmarkValidateZigZag(b *testing.B) {
	for _, n := range []int{10_000, 20_000, 40_000, 80_000} {
		b.Run(fmt.Sprintf("%dk", n/1000), func(b *testing.B) {
			p := zigZag(n)
			if issues := geo.Validate(p); len(issues) > 0 {
				b.Fatalf("zigZag(%d) is not valid: %v", n, issues)
			}
			b.ReportAllocs()
			for b.Loop() {
				geo.Validate(p)
			}
		})
	}
}
