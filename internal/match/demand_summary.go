package match

import (
	"bytes"
	"encoding/json"
	"math"

	"github.com/landcat/landcat/internal/geo"
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"
)

// DemandRequirements is the bounded summary of a request's effective
// requirements kept in a DemandRecord, keyed by requirement name (nested
// ones flattened: "max_distance_km.seaport"). Thresholds, flags, dates and
// classes are kept as stated (float64, bool, string); lists (statuses,
// zones, sectors) become a ListSummary and within an AreaSummary, so that
// a record's size does not grow with the request's.
//
// Decoding is tolerant: records stored before the summary (requirements
// in the request's own shape, with whole lists and GeoJSON polygons) are
// read into the same summary, and a value that cannot be read is left out
// rather than failing the demand report.
type DemandRequirements map[string]any

// ListSummary stands for a list requirement in a demand record: how many
// values were asked for and the first few (sorted).
type ListSummary struct {
	Count int      `json:"count"`
	First []string `json:"first,omitempty"`
}

// AreaSummary stands for a within polygon in a demand record: its
// bounding box [min lon, min lat, max lon, max lat] and its geodesic area.
type AreaSummary struct {
	BBox   []float64 `json:"bbox,omitempty"`
	AreaHa float64   `json:"area_ha"`
}

// summarise returns the summary of reqs, listing at most shown values of
// each list; with shown 0 the lists keep only their counts and areas only
// their size.
func summarise(reqs Requirements, shown int) DemandRequirements {
	out := make(DemandRequirements, len(reqs))
	for k, v := range reqs {
		switch v := v.(type) {
		case []string:
			out[k] = listSummary(len(v), v[:min(shown, len(v))])
		case orb.Geometry:
			out[k] = areaSummary(v, shown > 0)
		case nil:
		default:
			out[k] = v
		}
	}
	return out
}

func listSummary(n int, first []string) ListSummary {
	s := ListSummary{Count: n}
	if len(first) > 0 {
		s.First = append([]string(nil), first...)
	}
	return s
}

// areaSummary measures g; bbox adds its bounding box. Values that are not
// finite (an old record's broken polygon) become 0: a record must encode.
func areaSummary(g orb.Geometry, bbox bool) AreaSummary {
	s := AreaSummary{AreaHa: finite(math.Round(geo.AreaHa(g)*100) / 100)}
	if bbox {
		b := g.Bound()
		s.BBox = []float64{finite(round6(b.Min[0])), finite(round6(b.Min[1])), finite(round6(b.Max[0])), finite(round6(b.Max[1]))}
	}
	return s
}

func finite(v float64) float64 {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return 0
	}
	return v
}

// UnmarshalJSON reads a summary, or requirements in the request's shape
// as records stored them before summaries (see DemandRequirements).
func (d *DemandRequirements) UnmarshalJSON(b []byte) error {
	var m map[string]json.RawMessage
	if err := json.Unmarshal(b, &m); err != nil {
		return err
	}
	if m == nil {
		*d = nil
		return nil
	}
	out := make(DemandRequirements, len(m))
	for k, raw := range m {
		var members map[string]json.RawMessage
		if _, group := groups[k]; group && json.Unmarshal(raw, &members) == nil {
			for mk, mv := range members {
				out.decode(k+"."+mk, mv)
			}
			continue
		}
		out.decode(k, raw)
	}
	*d = out
	return nil
}

// decode reads one value, leaving out what cannot be read.
func (d DemandRequirements) decode(k string, raw json.RawMessage) {
	var v any
	var ok bool
	switch k {
	case "within":
		v, ok = decodeArea(raw)
	case "statuses", "zones", "sectors":
		v, ok = decodeList(raw)
	default:
		ok = json.Unmarshal(raw, &v) == nil && v != nil
	}
	if ok {
		d[k] = v
	}
}

// decodeList reads a ListSummary, or a whole list (older records).
func decodeList(raw json.RawMessage) (ListSummary, bool) {
	raw = bytes.TrimSpace(raw)
	if len(raw) > 0 && raw[0] == '[' {
		var items []json.RawMessage
		if json.Unmarshal(raw, &items) != nil {
			return ListSummary{}, false
		}
		var first []string
		for _, it := range items[:min(maxShownItems, len(items))] {
			var s string
			if json.Unmarshal(it, &s) == nil {
				first = append(first, s)
			}
		}
		return listSummary(len(items), first), true
	}
	var s ListSummary
	return s, json.Unmarshal(raw, &s) == nil
}

// decodeArea reads an AreaSummary, or a GeoJSON polygon (older records).
func decodeArea(raw json.RawMessage) (AreaSummary, bool) {
	var probe struct {
		Type string `json:"type"`
	}
	if json.Unmarshal(raw, &probe) != nil {
		return AreaSummary{}, false
	}
	if probe.Type != "" {
		g, err := geojson.UnmarshalGeometry(raw)
		if err != nil || g.Geometry() == nil {
			return AreaSummary{}, false
		}
		return areaSummary(g.Geometry(), true), true
	}
	var s AreaSummary
	return s, json.Unmarshal(raw, &s) == nil
}
