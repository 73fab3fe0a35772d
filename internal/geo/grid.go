package geo

import "math"

// maxGridSide bounds the grid to maxGridSide² cells; maxItemCells is the
// number of cells above which an item is kept in the wide list instead.
const (
	maxGridSide  = 1024
	maxItemCells = 64
)

// grid buckets item bounds in square longitude/latitude cells, stored as
// compressed rows: the items of cell c are items[start[c]:start[c+1]].
type grid struct {
	minX, minY float64
	cell       float64 // cell side, degrees
	nx, ny     int
	start      []int32
	items      []int32
	wide       []int32 // items spanning more than maxItemCells cells
	kx         float64 // km per degree of longitude at the grid's most poleward latitude
}

// newGrid sizes the grid on the extent of the box centres (so that a few
// huge items do not coarsen it), with about one item per cell.
func newGrid(boxes []lbBox) grid {
	if len(boxes) == 0 {
		return grid{cell: 1, nx: 1, ny: 1, start: make([]int32, 2), kx: minKmPerDegreeLat}
	}
	minX, minY := math.Inf(1), math.Inf(1)
	maxX, maxY, maxLat := math.Inf(-1), math.Inf(-1), 0.0
	for _, b := range boxes {
		cx, cy := (b.minX+b.maxX)/2, (b.minY+b.maxY)/2
		minX, minY = min(minX, cx), min(minY, cy)
		maxX, maxY = max(maxX, cx), max(maxY, cy)
		maxLat = max(maxLat, math.Abs(b.minY), math.Abs(b.maxY))
	}
	w, h := maxX-minX, maxY-minY
	cell := math.Sqrt(w * h / float64(len(boxes)))
	if cell == 0 {
		cell = max(w, h) / float64(len(boxes))
	}
	cell = max(cell, w/maxGridSide, h/maxGridSide, 1e-9)
	g := grid{minX: minX, minY: minY, cell: cell, nx: int(w/cell) + 1, ny: int(h/cell) + 1}
	_, g.kx = kmPerDegree(maxLat)
	g.fill(boxes)
	return g
}

// fill buckets the boxes by counting, then placing.
func (g *grid) fill(boxes []lbBox) {
	counts := make([]int32, g.nx*g.ny+1)
	g.eachCell(boxes, func(_ int, c int) { counts[c+1]++ })
	for c := 1; c < len(counts); c++ {
		counts[c] += counts[c-1]
	}
	g.start = counts
	g.items = make([]int32, counts[len(counts)-1])
	next := append([]int32(nil), counts[:len(counts)-1]...)
	g.eachCell(boxes, func(i int, c int) {
		g.items[next[c]] = int32(i)
		next[c]++
	})
}

// eachCell calls fn for every (item, cell) pair of the non-wide boxes and
// records the wide ones.
func (g *grid) eachCell(boxes []lbBox, fn func(i, cell int)) {
	g.wide = g.wide[:0]
	for i := range boxes {
		x0, y0, x1, y1 := g.cellRange(boxes[i])
		if (x1-x0+1)*(y1-y0+1) > maxItemCells {
			g.wide = append(g.wide, int32(i))
			continue
		}
		for y := y0; y <= y1; y++ {
			for x := x0; x <= x1; x++ {
				fn(i, y*g.nx+x)
			}
		}
	}
}

// cellRange returns the cells covered by b, clamped to the grid. Clamping
// never increases the distance between two boxes, counted in cells, so ring
// lower bounds stay valid for boxes outside the grid.
func (g *grid) cellRange(b lbBox) (x0, y0, x1, y1 int) {
	return g.col(b.minX), g.row(b.minY), g.col(b.maxX), g.row(b.maxY)
}

func (g *grid) col(x float64) int {
	return clampIndex((x-g.minX)/g.cell, g.nx)
}

func (g *grid) row(y float64) int {
	return clampIndex((y-g.minY)/g.cell, g.ny)
}

func clampIndex(v float64, n int) int {
	switch {
	case !(v > 0): // also NaN
		return 0
	case v >= float64(n-1):
		return n - 1
	}
	return int(v)
}

// ring calls fn for each grid cell at Chebyshev distance r from the cell
// rectangle [x0, x1]×[y0, y1]; it returns false when ring r lies wholly
// outside the grid (every cell has then been visited).
func (g *grid) ring(x0, y0, x1, y1, r int, fn func(cell int)) bool {
	lx, ly, hx, hy := x0-r, y0-r, x1+r, y1+r
	if lx < 0 && ly < 0 && hx >= g.nx && hy >= g.ny {
		return false
	}
	for y := max(ly, 0); y <= min(hy, g.ny-1); y++ {
		if y == ly || y == hy || r == 0 {
			for x := max(lx, 0); x <= min(hx, g.nx-1); x++ {
				fn(y*g.nx + x)
			}
			continue
		}
		if lx >= 0 {
			fn(y*g.nx + lx)
		}
		if hx < g.nx {
			fn(y*g.nx + hx)
		}
	}
	return true
}
