package readmodel

import (
	"fmt"
	"math/rand"
	"slices"
	"testing"
	"time"

	"github.com/landcat/landcat/internal/catalog"
	"github.com/landcat/landcat/internal/cql2"
	"github.com/paulmach/orb"
)

// TestPlanAgreesWithRowwise: every filter the column plan evaluates gives,
// feature by feature, the same true, false and unknown as the cql2
// package's own evaluator. Filters are drawn at random from the shapes the
// plan handles (and some it leaves to the evaluator), nested under AND, OR
// and NOT, with constants taken from the data so that they select.
func TestPlanAgreesWithRowwise(t *testing.T) {
	s := encodeSnapshot(t, 400)
	tab := s.tables[catalog.Parcels]
	schema := cqlSchema{tab.schema}
	rng := rand.New(rand.NewSource(1))
	g := &exprGen{rng: rng, t: tab}
	for i := range 600 {
		text := g.expr(3)
		e, err := cql2.ParseText(text)
		if err != nil {
			t.Fatalf("generated filter %q does not parse: %v", text, err)
		}
		if _, err := cql2.Compile3(e, schema); err != nil {
			t.Fatalf("generated filter %q does not compile: %v", text, err)
		}
		gotT, gotF := plan(e, schema).eval(tab)
		pred, _ := cql2.Compile3(e, schema)
		wantT, wantF := rowwise{pred}.eval(tab)
		if !slices.Equal(gotT, wantT) || !slices.Equal(gotF, wantF) {
			t.Fatalf("filter %d %q: plan true %d false %d, evaluator true %d false %d", i, text, gotT.count(), gotF.count(), wantT.count(), wantF.count())
		}
	}
	if g.leaves < 1000 {
		t.Fatalf("only %d leaves generated", g.leaves)
	}
}

type exprGen struct {
	rng    *rand.Rand
	t      *table
	leaves int
}

func (g *exprGen) expr(depth int) string {
	if depth > 0 && g.rng.Intn(3) > 0 {
		switch g.rng.Intn(3) {
		case 0:
			return "NOT (" + g.expr(depth-1) + ")"
		case 1:
			return "(" + g.expr(depth-1) + " AND " + g.expr(depth-1) + ")"
		}
		return "(" + g.expr(depth-1) + " OR " + g.expr(depth-1) + ")"
	}
	g.leaves++
	return g.leaf()
}

// some returns a feature at random.
func (g *exprGen) some() *Feature { return g.t.feature(int32(g.rng.Intn(int(g.t.n)))) }

func (g *exprGen) num(name string) float64 {
	i := g.t.schema.Index(name)
	for range 20 {
		if v, ok := g.some().Num(i); ok {
			return v
		}
	}
	return 1
}

func (g *exprGen) str(name string) string {
	i := g.t.schema.Index(name)
	for range 20 {
		if v, ok := g.some().Str(i); ok {
			return v
		}
	}
	return "x"
}

func (g *exprGen) leaf() string {
	nums := []string{"area_ha", "lease_price_usd_m2", "power_capacity_mva", "water_m3_day", "fibre_carriers", "distance_seaport_km", "elevation_m", "revision"}
	ops := []string{"=", "<>", "<", "<=", ">", ">="}
	n := nums[g.rng.Intn(len(nums))]
	op := ops[g.rng.Intn(len(ops))]
	switch g.rng.Intn(14) {
	case 0:
		return fmt.Sprintf("%s %s %v", n, op, g.num(n))
	case 1:
		return fmt.Sprintf("%v %s %s", g.num(n), op, n) // literal first
	case 2:
		lo := g.num(n)
		return fmt.Sprintf("%s BETWEEN %v AND %v", n, lo, lo+g.num(n))
	case 3:
		return fmt.Sprintf("%s IN (%v, %v, 7)", n, g.num(n), g.num(n))
	case 4:
		return fmt.Sprintf("status %s '%s'", []string{"=", "<>", "<"}[g.rng.Intn(3)], []string{"available", "leased", "reserved", "in_preparation", "sold"}[g.rng.Intn(5)])
	case 5:
		return "status IN ('available', 'in_preparation', 'gone')"
	case 6:
		f := []string{"zone_id", "land_use", "code", "nearest_seaport", "flood_risk"}[g.rng.Intn(5)]
		return fmt.Sprintf("%s %s '%s'", f, []string{"=", "<>", ">"}[g.rng.Intn(3)], g.str(f))
	case 7:
		return fmt.Sprintf("%s IS NULL", []string{"fibre_carriers", "power_dual_feed", "available_from", "sectors", "land_use", "flood_risk", "elevation_m"}[g.rng.Intn(7)])
	case 8:
		return fmt.Sprintf("%s(sectors, ('%s', '%s'))", []string{"A_CONTAINS", "A_OVERLAPS", "A_CONTAINEDBY", "A_EQUALS"}[g.rng.Intn(4)],
			catalog.Sectors[g.rng.Intn(len(catalog.Sectors))], []string{"data_center", "logistics", "nope"}[g.rng.Intn(3)])
	case 9:
		b := g.some().Bound
		d := g.rng.Float64() * 0.05
		fn := []string{"S_INTERSECTS", "S_DISJOINT", "S_WITHIN", "S_CONTAINS"}[g.rng.Intn(4)]
		return fmt.Sprintf("%s(geometry, BBOX(%f, %f, %f, %f))", fn, b.Min[0]-d, b.Min[1]-d, b.Max[0]+d/2, b.Max[1]+d/2)
	case 10:
		return fmt.Sprintf("power_dual_feed = %v", g.rng.Intn(2) == 0)
	case 11:
		return fmt.Sprintf("available_from %s DATE('%s')", op, g.str("available_from"))
	case 12:
		return fmt.Sprintf("id IN ('%s', '%s', 'nope')", g.some().ID, g.some().ID)
	}
	return fmt.Sprintf("name_en LIKE '%s%%'", g.str("name_en")[:3]) // left to the evaluator
}

// TestFindNearAgrees: a bbox query answered from the R-tree's candidates
// gives the page the bitset path gives, with filters, datetime, drafts and
// sorting.
func TestFindNearAgrees(t *testing.T) {
	s := encodeSnapshot(t, 800)
	tab := s.tables[catalog.Parcels]
	rng := rand.New(rand.NewSource(5))
	g := &exprGen{rng: rng, t: tab}
	checked := 0
	for range 300 {
		f := g.some()
		d := rng.Float64() * 0.05
		b := f.Bound
		box := orb.Bound{Min: orb.Point{b.Min[0] - d, b.Min[1] - d}, Max: orb.Point{b.Max[0] + d, b.Max[1] + d}}
		q := Query{Collection: catalog.Parcels, BBox: &box, Limit: 1 + rng.Intn(20), Offset: rng.Intn(5)}
		if rng.Intn(2) == 0 {
			e, _ := cql2.ParseText(g.expr(2))
			q.Filter, _ = CompileFilter(catalog.Parcels, e)
		}
		if rng.Intn(3) == 0 {
			q.Sort = []SortKey{{Field: "lease_price_usd_m2", Desc: rng.Intn(2) == 0}}
		}
		if rng.Intn(4) == 0 {
			q.Publications = []catalog.Publication{catalog.Draft, catalog.Published}
		}
		if rng.Intn(4) == 0 {
			q.Updated = &TimeRange{Start: s.Built.Add(-time.Hour)}
		}
		pubs := q.Publications
		if len(pubs) == 0 {
			pubs = []catalog.Publication{catalog.Published}
		}
		near, ok := tab.findNear(q, pubs)
		if !ok {
			continue
		}
		checked++
		bits := tab.findBits(q, pubs, false)
		if near.Matched != bits.Matched || len(near.Features) != len(bits.Features) {
			t.Fatalf("box %v: near %d/%d, bitsets %d/%d", box, near.Matched, len(near.Features), bits.Matched, len(bits.Features))
		}
		for i := range near.Features {
			if near.Features[i] != bits.Features[i] {
				t.Fatalf("box %v: feature %d differs: %s, %s", box, i, near.Features[i].ID, bits.Features[i].ID)
			}
		}
	}
	if checked < 100 {
		t.Fatalf("only %d queries took the near path", checked)
	}
}
