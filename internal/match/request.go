package match

import (
	"encoding/json"
	"maps"
	"strings"

	"github.com/landcat/landcat/internal/catalog"
	"github.com/landcat/landcat/internal/readmodel"
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"
)

// Limits of Request.Limit.
const (
	DefaultLimit = 20
	MaxLimit     = 1000
)

// Request is what an investor asks for: an optional sector profile, hard
// requirements and weights that override the profile's field by field, and
// how many ranked parcels to return. Build it with ParseRequest, which
// validates every field.
type Request struct {
	// Sector names a profile (see Profiles); "" applies only the request's
	// own requirements and weights.
	Sector string `json:"sector,omitempty"`
	// Requirements override the profile's; a nil value removes the
	// profile's requirement of that name (JSON null in the request).
	Requirements Requirements `json:"requirements,omitempty"`
	// Weights override the profile's; 0 removes the profile's weight
	// (JSON 0 or null in the request).
	Weights Weights `json:"weights,omitempty"`
	// Limit is the number of ranked parcels returned, 1–MaxLimit; 0 means
	// DefaultLimit.
	Limit int `json:"limit,omitempty"`
	// Assembly, when set, also ranks groups of adjacent parcels of one
	// zone (see Assembly); nil ranks single parcels only.
	Assembly *Assembly `json:"assembly,omitempty"`
	// ExcludedLimit is the number of excluded parcels listed (the first
	// by id), 0–MaxExcludedLimit; the counts and the funnel always cover
	// every parcel. ParseRequest sets DefaultExcludedLimit and the HTTP
	// layer sets it from ?excluded_limit=; it is not part of the JSON body.
	ExcludedLimit int `json:"-"`
	// Lang is the language of parcel and infrastructure names in results
	// and of every sentence (i18n.Languages; "" means English). The HTTP layer
	// sets it from ?lang=; it is not part of the JSON body.
	Lang string `json:"-"`
}

// Requirements maps criterion names to required values. Names are those
// of RequirementCatalogue; members of the nested JSON objects are flattened
// with a dot ("max_distance_km.seaport"). Values are float64 (numbers),
// bool, string (dates "YYYY-MM-DD" and enumerations), []string (lists) or
// orb.Geometry (within: a Polygon or MultiPolygon in lon/lat). In a
// Request, a nil value removes the profile's requirement.
type Requirements map[string]any

// Weights maps numeric parcel properties (WeightCatalogue) to their
// non-negative weight. In a Request, 0 removes the profile's weight.
type Weights map[string]float64

// Effective returns the requirements and weights that apply: the
// profile's (if Sector names one), overridden field by field by the
// request's own. Removed entries (nil requirements, false flags, zero
// weights) are dropped. The results are new maps.
func (r Request) Effective() (Requirements, Weights) {
	reqs, weights := Requirements{}, Weights{}
	if p, ok := ProfileByName(r.Sector); ok {
		reqs, weights = p.Requirements, p.Weights
	}
	for k, v := range r.Requirements {
		if v == nil || v == false { // a false flag means "not required"
			delete(reqs, k)
		} else {
			reqs[k] = v
		}
	}
	for k, w := range r.Weights {
		if w == 0 {
			delete(weights, k)
		} else {
			weights[k] = w
		}
	}
	return reqs, weights
}

// Clone returns a copy of r that shares no maps or slices with it
// (geometries are treated as immutable and shared).
func (r Requirements) Clone() Requirements {
	out := make(Requirements, len(r))
	for k, v := range r {
		if l, ok := v.([]string); ok {
			v = append([]string(nil), l...)
		}
		out[k] = v
	}
	return out
}

// MarshalJSON writes the requirements in the request's JSON shape: members
// of max_distance_km and min_distance_km nested, within as a GeoJSON
// geometry, removed entries as null.
func (r Requirements) MarshalJSON() ([]byte, error) {
	out := make(map[string]any, len(r))
	for k, v := range r {
		if g, ok := v.(orb.Geometry); ok {
			v = geojson.NewGeometry(g)
		}
		group, member, nested := strings.Cut(k, ".")
		if !nested {
			out[k] = v
			continue
		}
		m, _ := out[group].(map[string]any)
		if m == nil {
			m = map[string]any{}
			out[group] = m
		}
		m[member] = v
	}
	return json.Marshal(out)
}

// UnmarshalJSON reads requirements in the request's JSON shape with the
// validation of ParseRequest (problems point below "/requirements"). Null
// values become nil entries.
func (r *Requirements) UnmarshalJSON(b []byte) error {
	reqs, probs := parseRequirements(b, nil)
	if !probs.empty() {
		return badRequest(probs)
	}
	*r = reqs
	return nil
}

// ZoneSet says whether a zone id names a zone the public may see; see
// ParseRequest and PublishedZones.
type ZoneSet func(id string) bool

// PublishedZones returns the ZoneSet of s: its published zones. A draft,
// in-review or archived zone is as unknown to an investor as a made-up id.
func PublishedZones(s *readmodel.Snapshot) ZoneSet {
	return func(id string) bool {
		f, ok := s.Get(catalog.Zones, id)
		return ok && f.Publication == catalog.Published
	}
}

// Clone returns a copy of w.
func (w Weights) Clone() Weights { return maps.Clone(w) }
