package geo

import (
	"math"
	"math/big"

	"github.com/paulmach/orb"
)

// orientBound is Shewchuk's bound on the rounding error of the floating-point
// orientation determinant, relative to |l|+|r| ("ccwerrboundA" in
// "Adaptive Precision Floating-Point Arithmetic and Fast Robust Geometric
// Predicates", 1997).
const orientBound = (3 + 16*epsilon) * epsilon

// epsilon is half the distance from 1 to the next float64 (2⁻⁵³).
const epsilon = 1.0 / (1 << 53)

// orient returns the side of c relative to the directed line a→b: +1 when c
// is to the left (a, b, c turn counter-clockwise), -1 to the right, 0 when the
// three points are collinear. The sign is exact: the floating-point
// determinant is trusted only when it is larger than its error bound, and
// recomputed in exact rational arithmetic otherwise. Exactness is what keeps
// the sweep line of Validate consistent on near-degenerate input.
func orient(a, b, c orb.Point) int {
	if c == a || c == b || a == b {
		return 0
	}
	abx, aby := b[0]-a[0], b[1]-a[1]
	acx, acy := c[0]-a[0], c[1]-a[1]
	if (abx == 0 || acy == 0) && (aby == 0 || acx == 0) {
		return 0 // both products are exactly zero (a difference is 0 only for equal numbers)
	}
	l, r := abx*acy, aby*acx
	det, sum := l-r, math.Abs(l)+math.Abs(r)
	if sum > 1e-280 && math.Abs(det) > orientBound*sum {
		if det > 0 {
			return 1
		}
		return -1
	}
	return orientExact(a, b, c)
}

// orientExact computes the sign of the orientation determinant exactly; it
// returns 0 when a coordinate is not finite (Validate never gets that far
// with one).
func orientExact(a, b, c orb.Point) int {
	for _, v := range [...]float64{a[0], a[1], b[0], b[1], c[0], c[1]} {
		if !isFinite(v) {
			return 0
		}
	}
	rat := func(f float64) *big.Rat { return new(big.Rat).SetFloat64(f) }
	sub := func(x, y float64) *big.Rat { return new(big.Rat).Sub(rat(x), rat(y)) }
	l := new(big.Rat).Mul(sub(b[0], a[0]), sub(c[1], a[1]))
	r := new(big.Rat).Mul(sub(b[1], a[1]), sub(c[0], a[0]))
	return l.Cmp(r)
}
