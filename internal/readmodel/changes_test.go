package readmodel

import (
	"testing"

	"github.com/landcat/landcat/internal/catalog"
	"github.com/paulmach/orb"
)

// TestVersion: a write changes the version of the areas it touched only;
// a zone's parcels follow the zone; a change of infrastructure (distances)
// changes every parcel area.
func TestVersion(t *testing.T) {
	s := encodeSnapshot(t, 300)
	base := s.Revision
	parcels := s.Published(catalog.Parcels)
	p, far := parcels[0], parcels[len(parcels)-1]
	if p.Bound.Intersects(far.Bound) {
		t.Fatal("the sample parcels are not apart")
	}
	if v := s.Version(catalog.Parcels, p.Bound); v != base {
		t.Fatalf("a fresh build: version %d, want %d", v, base)
	}
	moved := p.Stored()
	moved.Props["lease_price_usd_m2"] = 42.0
	s2 := s.Apply([]*catalog.Feature{moved}, base+1, s.Built)
	if v := s2.Version(catalog.Parcels, p.Bound); v != base+1 {
		t.Errorf("the written parcel's area: version %d, want %d", v, base+1)
	}
	if v := s2.Version(catalog.Parcels, far.Bound); v != base {
		t.Errorf("an area the write did not touch: version %d, want %d", v, base)
	}
	if v := s2.Version(catalog.Zones, p.Bound); v != base {
		t.Errorf("zones did not change: version %d", v)
	}
	// A zone change reaches its parcels' areas, not others'.
	zone, _ := s2.Get(catalog.Zones, far.String("zone_id"))
	z := zone.Stored()
	z.Props["water_m3_day"] = 12345.0
	s3 := s2.Apply([]*catalog.Feature{z}, base+2, s.Built)
	if v := s3.Version(catalog.Parcels, far.Bound); v != base+2 {
		t.Errorf("a parcel of the changed zone: version %d, want %d", v, base+2)
	}
	if p.String("zone_id") != far.String("zone_id") {
		if v := s3.Version(catalog.Parcels, p.Bound); v != base+1 {
			t.Errorf("a parcel of another zone: version %d, want %d", v, base+1)
		}
	}
	// Infrastructure moves every distance.
	var infra *catalog.Feature
	s3.All(catalog.Infrastructure, func(f *Feature) bool { infra = f.Stored(); return false })
	infra.Props["status"] = "planned"
	s4 := s3.Apply([]*catalog.Feature{infra}, base+3, s.Built)
	world := orb.Bound{Min: orb.Point{-180, -90}, Max: orb.Point{180, 90}}
	if v := s4.Version(catalog.Parcels, p.Bound); v != base+3 {
		t.Errorf("after an infrastructure change: version %d, want %d", v, base+3)
	}
	if v := s4.Version(catalog.Zones, world); v != base+2 {
		t.Errorf("zones after an infrastructure change: version %d, want %d", v, base+2)
	}
	// The log is bounded: old changes fold into the epoch.
	l := everything(1)
	for i := range maxChanges + 10 {
		l = l.with(int64(i+2), []orb.Bound{p.Bound})
	}
	if len(l.fifo) != maxChanges || l.epoch != 11 {
		t.Errorf("log of %d changes, epoch %d", len(l.fifo), l.epoch)
	}
}
