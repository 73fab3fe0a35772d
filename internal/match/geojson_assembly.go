package match

import (
	"encoding/json"

	"github.com/landcat/landcat/internal/catalog"
	"github.com/landcat/landcat/internal/readmodel"
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/encoding/wkb"
	"github.com/peterstace/simplefeatures/geom"
)

// appendAssembly appends an assembly as a GeoJSON Feature: its id, the
// union of its members' geometries (a MultiPolygon when a road separates
// them: the road is not part of the site), and the properties name, code,
// zone_id, area_ha, match_kind ("assembly"), match_parcels, match_rank and
// match_score. It reports false when s no longer holds a member.
func appendAssembly(dst []byte, s *readmodel.Snapshot, lang string, x Ranked) ([]byte, bool) {
	var geoms []geom.Geometry
	area := 0.0
	for _, id := range x.Parcels {
		f, ok := s.Get(catalog.Parcels, id)
		if !ok {
			return dst, false
		}
		g, err := toGeom(f.Geometry)
		if err != nil {
			return dst, false
		}
		geoms = append(geoms, g)
		a, _ := f.Value("area_ha").(float64)
		area += a
	}
	u, err := geom.UnionMany(geoms)
	if err != nil {
		return dst, false
	}
	gj, err := u.MarshalJSON()
	if err != nil {
		return dst, false
	}
	dst = append(dst, `{"type":"Feature","id":`...)
	dst = appendString(dst, x.ID)
	dst = append(dst, `,"geometry":`...)
	dst = append(dst, gj...)
	dst = append(dst, `,"properties":{"name":`...)
	dst = appendString(dst, x.Name)
	dst = append(dst, `,"code":`...)
	dst = appendString(dst, x.Code)
	dst = append(dst, `,"zone_id":`...)
	dst = appendString(dst, x.ZoneID)
	dst = append(dst, `,"area_ha":`...)
	dst = readmodel.AppendReal(dst, roundAgg(area))
	dst = append(dst, `,"match_kind":"assembly","match_parcels":`...)
	dst = appendStrings(dst, x.Parcels)
	return appendRankScore(dst, x), true
}

// toGeom converts an orb geometry to a simplefeatures one (through WKB),
// for the union, which orb does not have.
func toGeom(g orb.Geometry) (geom.Geometry, error) {
	b, err := wkb.Marshal(g)
	if err != nil {
		return geom.Geometry{}, err
	}
	return geom.UnmarshalWKB(b)
}

func appendString(dst []byte, s string) []byte {
	b, _ := json.Marshal(s)
	return append(dst, b...)
}

func appendStrings(dst []byte, l []string) []byte {
	b, _ := json.Marshal(l)
	return append(dst, b...)
}
