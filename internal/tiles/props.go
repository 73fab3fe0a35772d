package tiles

import (
	"fmt"
	"strings"
	"time"

	"github.com/landcat/landcat/internal/catalog"
	"github.com/landcat/landcat/internal/readmodel"
)

// Zoom levels of the parcel policy (see the package documentation).
const (
	// ParcelMinZoom is the first zoom whose tiles hold parcels.
	ParcelMinZoom = 12
	// DetailZoom is the first zoom whose parcels carry every tile
	// property; below it they carry id, status, sectors and area_ha.
	DetailZoom = 13
)

// MinZoom returns the first zoom at which tiles hold features of c.
func MinZoom(c catalog.Collection) int {
	if c == catalog.Parcels {
		return ParcelMinZoom
	}
	return 0
}

// PropertyNames returns the properties the features of c carry in a tile
// at zoom z, in a fixed order. Features leave out the properties whose value
// is unknown.
func PropertyNames(c catalog.Collection, z int) []string {
	switch c {
	case catalog.Zones:
		return []string{"id", "code", "name", "name_en", "kind", "planning_stage"}
	case catalog.Infrastructure:
		return []string{"id", "code", "name", "name_en", "kind", "status"}
	case catalog.Parcels:
		if z < DetailZoom {
			return []string{"id", "status", "sectors", "area_ha"}
		}
		return []string{"id", "code", "name", "name_en", "status", "zone_id", "sectors", "area_ha",
			"power_capacity_mva", "lease_price_usd_m2", "water_m3_day", "flood_risk",
			"distance_seaport_km", "distance_deepsea_port_km", "distance_airport_km", "distance_expressway_km"}
	}
	return nil
}

// PropertyType returns the JSON type of a tile property of c: "string",
// "number" or "boolean". Lists (sectors) travel as comma-joined strings,
// since MVT has no arrays.
func PropertyType(c catalog.Collection, name string) string {
	fl, ok := catalog.SchemaOf(c).Field(name)
	if !ok {
		return "string" // id
	}
	switch fl.Type {
	case catalog.Number, catalog.Integer:
		return "number"
	case catalog.Bool:
		return "boolean"
	}
	return "string"
}

// PropertyTitle returns a human description of a tile property of c.
func PropertyTitle(c catalog.Collection, name string) string {
	switch name {
	case "id":
		return "Feature id (the integer MVT feature id is its FNV-1a hash)"
	case "name":
		return "Name in Vietnamese"
	}
	fl, ok := catalog.SchemaOf(c).Field(name)
	if !ok {
		return name
	}
	if fl.Type == catalog.StringList {
		return fl.Title + " (comma-separated)"
	}
	return fl.Title
}

// propKind says where a tile property's value comes from.
type propKind int

const (
	fromValues propKind = iota // Feature.Values[index]
	fromID                     // the string id
	nameVI                     // the Vietnamese name, else the English name, else the code
	nameEN                     // the English name, else the Vietnamese name, else the code
)

type propField struct {
	name  string
	kind  propKind
	index int
}

// propSet extracts a layer's tile properties from features.
type propSet struct {
	fields       []propField
	vi, en, code int // indexes of name_vi, name_en and code in Values
}

func newPropSet(c catalog.Collection, z int) propSet {
	s := catalog.SchemaOf(c)
	names := PropertyNames(c, z)
	ps := propSet{fields: make([]propField, len(names)), vi: s.Index("name_vi"), en: s.Index("name_en"), code: s.Index("code")}
	for i, n := range names {
		ps.fields[i] = propField{name: n, index: s.Index(n)}
		switch n {
		case "id":
			ps.fields[i].kind = fromID
		case "name":
			ps.fields[i].kind = nameVI
		case "name_en":
			ps.fields[i].kind = nameEN
		}
	}
	return ps
}

func (ps propSet) names() []string {
	out := make([]string, len(ps.fields))
	for i, fl := range ps.fields {
		out[i] = fl.name
	}
	return out
}

// value returns property i of f as MVT carries it (string, float64 or
// bool), or nil to leave it out.
func (ps propSet) value(i int, f *readmodel.Feature) any {
	fl := ps.fields[i]
	switch fl.kind {
	case fromID:
		return f.ID
	case nameVI:
		return ps.first(f, ps.vi, ps.en, ps.code)
	case nameEN:
		return ps.first(f, ps.en, ps.vi, ps.code)
	}
	if fl.index < 0 {
		return nil
	}
	return tileValue(f.At(fl.index))
}

// first returns the first non-empty string among the values at indexes.
func (ps propSet) first(f *readmodel.Feature, indexes ...int) any {
	for _, i := range indexes {
		if s, _ := f.Str(i); s != "" {
			return s
		}
	}
	return nil
}

// tileValue converts a read-model value to one MVT can carry, or nil to
// leave the property out.
func tileValue(v any) any {
	switch v := v.(type) {
	case nil:
		return nil
	case string:
		if v == "" {
			return nil
		}
		return v
	case float64, bool:
		return v
	case []string:
		if len(v) == 0 {
			return nil
		}
		return strings.Join(v, ",")
	case time.Time:
		return v.UTC().Format(time.RFC3339)
	}
	return fmt.Sprint(v)
}

// FeatureID returns the integer MVT id of the feature with string id id:
// FNV-1a 64 cut to 53 bits, so that JavaScript numbers hold it exactly. It
// depends on nothing else, so it is stable across zooms, revisions and
// servers; two ids collide with probability about n²/2⁵⁴ (5·10⁻⁷ for 100,000
// features), which is why the string id also travels as a property.
func FeatureID(id string) uint64 {
	const (
		offset = 14695981039346656037
		prime  = 1099511628211
	)
	h := uint64(offset)
	for i := 0; i < len(id); i++ {
		h ^= uint64(id[i])
		h *= prime
	}
	return h & (1<<53 - 1)
}
