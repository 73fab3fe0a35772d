package readmodel

import (
	"time"

	"github.com/landcat/landcat/internal/catalog"
	"github.com/landcat/landcat/internal/geo"
)

// env is what deriving a feature's computed values needs from the rest of
// the catalogue (the rules themselves are catalog's: see catalog/derive.go).
type env struct {
	zones   *table
	nearest map[string]*geo.NearestIndex // by distance kind
	today   time.Time
}

// newEnv indexes the infrastructure that counts for distances by kind.
func newEnv(zones, infra *table, today time.Time) *env {
	s := infra.schema
	kindIdx, statusIdx, dwtIdx := s.Index("kind"), s.Index("status"), s.Index("max_vessel_dwt")
	items := map[string][]geo.Item{}
	for _, slot := range infra.byID {
		f := infra.feature(slot)
		status, _ := f.Str(statusIdx)
		if !catalog.CountsForDistance(f.Publication, status) {
			continue
		}
		kind, _ := f.Str(kindIdx)
		dwt, ok := f.Num(dwtIdx)
		if !ok {
			dwt = -1
		}
		for _, k := range catalog.DistanceKindsOf(kind, dwt) {
			items[k] = append(items[k], geo.Item{ID: f.ID, Geom: f.Geometry})
		}
	}
	e := &env{zones: zones, nearest: map[string]*geo.NearestIndex{}, today: today}
	for _, k := range catalog.DistanceKinds {
		e.nearest[k] = geo.NewNearestIndex(items[k])
	}
	return e
}

// fieldIndexes are the schema positions derive writes, per collection.
type fieldIndexes struct {
	publication, updatedAt, revision, area int
	inherited, leaseUntil, term, zone      int
	distance, nearest                      []int    // by catalog.DistanceKinds
	inherit                                [][2]int // parcel field, zone field of each inheritable utility
}

var indexes = func() map[catalog.Collection]*fieldIndexes {
	out := map[catalog.Collection]*fieldIndexes{}
	zs := catalog.SchemaOf(catalog.Zones)
	for _, c := range catalog.Collections {
		s := catalog.SchemaOf(c)
		ix := &fieldIndexes{publication: s.Index("publication"), updatedAt: s.Index("updated_at"), revision: s.Index("revision"),
			area: s.Index("area_ha"), inherited: s.Index("inherited"), leaseUntil: s.Index("lease_until"),
			term: s.Index("lease_term_remaining_years"), zone: s.Index("zone_id")}
		for _, k := range catalog.DistanceKinds {
			ix.distance = append(ix.distance, s.Index("distance_"+k+"_km"))
			ix.nearest = append(ix.nearest, s.Index("nearest_"+k))
		}
		for i, fl := range s.Fields {
			if fl.Inherit && c == catalog.Parcels {
				ix.inherit = append(ix.inherit, [2]int{i, zs.Index(fl.Name)})
			}
		}
		out[c] = ix
	}
	return out
}()

// derive computes the derived values of row r from its stored ones (which
// must be in place, with values the row inherited earlier already reset
// to unknown), then encodes its GeoJSON.
func (e *env) derive(ch *chunk, r int, s *catalog.Schema) {
	f := &ch.feats[r]
	ix := indexes[f.Collection]
	ch.setValue(ix.publication, r, s.Fields[ix.publication], string(f.Publication))
	ch.cols[ix.updatedAt].i64[r] = f.UpdatedAt.UnixNano()
	ch.cols[ix.revision].num[r] = float64(f.Revision)
	if ix.area >= 0 {
		ch.cols[ix.area].num[r] = catalog.Round(geo.AreaHa(f.Geometry), 2)
	}
	if f.Collection == catalog.Parcels {
		e.inherit(ch, r, ix)
		if d, ok := f.Day(ix.leaseUntil); ok {
			ch.cols[ix.term].num[r] = catalog.RemainingYears(dateOf(d), e.today)
		}
		for k, kind := range catalog.DistanceKinds {
			if id, km, ok := e.nearest[kind].Nearest(f.Geometry); ok {
				ch.cols[ix.distance[k]].num[r] = catalog.Round(km, 2)
				ch.cols[ix.nearest[k]].text[r] = ch.addText(id)
			}
		}
	}
	encode(f)
}

// inherit copies the zone's utility values into those the parcel leaves
// unknown, and records which in "inherited".
func (e *env) inherit(ch *chunk, r int, ix *fieldIndexes) {
	var mask uint64
	zoneID, _ := ch.feats[r].Str(ix.zone)
	zone, ok := e.zones.get(zoneID)
	for _, p := range ix.inherit {
		pi, zi := p[0], p[1]
		if !catalog.Inherits(catalog.SchemaOf(catalog.Parcels).Fields[pi], ch.known(pi, r), ok && zone.ch.known(zi, int(zone.row))) {
			continue
		}
		ch.copyValue(pi, r, zone.ch, zi, int(zone.row))
		mask |= 1 << pi
	}
	ch.cols[ix.inherited].set[r] = mask | setKnown
}

// forgetInherited resets the values row r inherited, so that derive can
// inherit again from the zone as it is now.
func (ch *chunk) forgetInherited(r int, c catalog.Collection) {
	ix := indexes[c]
	if ix.inherited < 0 {
		return
	}
	mask := ch.cols[ix.inherited].set[r]
	for _, p := range ix.inherit {
		if mask&(1<<p[0]) != 0 {
			ch.setUnknown(p[0], r)
		}
	}
	ch.cols[ix.inherited].set[r] = 0
}
