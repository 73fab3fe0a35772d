package match

import (
	"encoding/json"
	"math"
)

// Assembly asks the matcher to consider groups of adjacent parcels of one
// zone beside single parcels (see the package documentation, "Site
// assembly"). A nil *Assembly in a Request means single parcels only.
type Assembly struct {
	// MaxParcels is the most parcels one group may have:
	// 2–MaxAssemblyParcels, DefaultAssemblyParcels when 0.
	MaxParcels int `json:"max_parcels"`
	// MaxGapM is the widest gap between two parcels of a group that still
	// counts as adjacent (an internal road), in geodesic metres:
	// 0–MaxAssemblyGapM; DefaultAssemblyGapM when the request leaves it out.
	MaxGapM float64 `json:"max_gap_m"`
}

// Defaults and caps of Assembly, and the bounds of the search.
const (
	// DefaultAssemblyParcels is the group size when a request does not say.
	DefaultAssemblyParcels = 4
	// MaxAssemblyParcels caps the group size: the groups to examine grow
	// exponentially with it, and a campus of more than six plots is a
	// master-planning question rather than a search.
	MaxAssemblyParcels = 6
	// DefaultAssemblyGapM is an internal road of two lanes with verges.
	DefaultAssemblyGapM = 30
	// MaxAssemblyGapM caps the gap; adjacency is computed once per
	// snapshot up to this distance.
	MaxAssemblyGapM = 100
	// assemblySeedsPerZone caps the parcels of one zone a search starts
	// from (the largest first, then by id).
	assemblySeedsPerZone = 100
	// assemblyPerSeed caps the groups examined from one seed parcel.
	assemblyPerSeed = 1000
	// assemblyBeam caps the groups of one size grown further from one
	// seed (the largest first).
	assemblyBeam = 64
	// assemblyPerRequest caps the groups examined by one request, shared
	// evenly by the zones that have seeds (each at least assemblyPerSeed);
	// the funnel says when a share was used up.
	assemblyPerRequest = 50000
)

// DefaultAssembly returns the options an empty "assembly": {} stands for.
func DefaultAssembly() Assembly {
	return Assembly{MaxParcels: DefaultAssemblyParcels, MaxGapM: DefaultAssemblyGapM}
}

// clamped returns a with zero fields defaulted and every field within its
// caps (a Request built in code may hold anything).
func (a Assembly) clamped() Assembly {
	if a.MaxParcels == 0 {
		a.MaxParcels = DefaultAssemblyParcels
	}
	a.MaxParcels = min(max(a.MaxParcels, 2), MaxAssemblyParcels)
	if !(a.MaxGapM >= 0) {
		a.MaxGapM = 0
	}
	a.MaxGapM = min(a.MaxGapM, MaxAssemblyGapM)
	return a
}

// parseAssembly decodes the request's "assembly" member: null is off, an
// object sets the options (each optional).
func parseAssembly(raw json.RawMessage, p *problems) *Assembly {
	if isNull(raw) {
		return nil
	}
	var m map[string]json.RawMessage
	if err := json.Unmarshal(raw, &m); err != nil || m == nil {
		p.add("/assembly", "must be an object {\"max_parcels\": 2–%d, \"max_gap_m\": 0–%d} or null", MaxAssemblyParcels, MaxAssemblyGapM)
		return nil
	}
	a := DefaultAssembly()
	for _, k := range sortedKeys(m) {
		var v float64
		err := json.Unmarshal(m[k], &v)
		switch k {
		case "max_parcels":
			if err != nil || v != math.Trunc(v) || v < 2 || v > MaxAssemblyParcels {
				p.add("/assembly/max_parcels", "must be a whole number from 2 to %d", MaxAssemblyParcels)
			}
			a.MaxParcels = int(v)
		case "max_gap_m":
			if err != nil || !(v >= 0 && v <= MaxAssemblyGapM) {
				p.add("/assembly/max_gap_m", "must be a number of metres from 0 to %d", MaxAssemblyGapM)
			}
			a.MaxGapM = v
		default:
			p.add("/assembly/"+pointerKey(k), "is not an assembly option (max_parcels, max_gap_m)")
		}
	}
	return &a
}
