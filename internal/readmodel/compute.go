package readmodel

import (
	"math"
	"runtime"
	"sync"
	"time"

	"github.com/landcat/landcat/internal/catalog"
	"github.com/landcat/landcat/internal/geo"
)

// DeepSeaDWT is the vessel size from which a seaport counts as a deep-sea
// gateway (Lach Huyen, the deep-water gateway, takes 100,000 DWT and more; the river
// ports do not).
const DeepSeaDWT = 100000

// env is what computing a feature's values needs from the rest of the
// catalogue.
type env struct {
	zones   map[string]*Feature          // few: a map is cheap here
	nearest map[string]*geo.NearestIndex // by distance kind
	today   time.Time
}

// newContext indexes the published, operational infrastructure by the
// distance kinds of catalog.DistanceKinds. Drafts and planned facilities
// never count: a planned port is not a port today.
func newContext(zoneList, infra []*Feature, today time.Time) *env {
	zones := make(map[string]*Feature, len(zoneList))
	for _, z := range zoneList {
		zones[z.ID] = z
	}
	items := map[string][]geo.Item{}
	for _, f := range infra {
		if f.Publication != catalog.Published || f.String("status") != "operational" {
			continue
		}
		for _, k := range distanceKinds(f) {
			items[k] = append(items[k], geo.Item{ID: f.ID, Geom: f.Geometry})
		}
	}
	ctx := &env{zones: zones, nearest: map[string]*geo.NearestIndex{}, today: today}
	for _, k := range catalog.DistanceKinds {
		ctx.nearest[k] = geo.NewNearestIndex(items[k])
	}
	return ctx
}

// distanceKinds says which distances an infrastructure feature counts for.
// Expressway distance is measured to interchanges, where trucks get on.
func distanceKinds(f *Feature) []string {
	switch f.String("kind") {
	case "seaport":
		if dwt, ok := f.Number("max_vessel_dwt"); ok && dwt >= DeepSeaDWT {
			return []string{"seaport", "deepsea_port"}
		}
		return []string{"seaport"}
	case "airport":
		return []string{"airport"}
	case "expressway_interchange":
		return []string{"expressway"}
	case "substation":
		return []string{"substation"}
	case "hazard":
		return []string{"hazard"}
	}
	return nil
}

// compute fills f.Values: stored values, then inherited, then computed.
func (ctx *env) compute(f *Feature) {
	s := catalog.SchemaOf(f.Collection)
	if f.Values == nil {
		f.Values = make([]any, len(s.Fields))
	}
	for i, fl := range s.Fields {
		f.Values[i] = f.Props[fl.Name]
	}
	set := func(name string, v any) { f.Values[s.Index(name)] = v }
	set("publication", string(f.Publication))
	set("updated_at", f.UpdatedAt)
	set("revision", float64(f.Revision))
	if f.Collection != catalog.Infrastructure {
		set("area_ha", round(geo.AreaHa(f.Geometry), 2))
	}
	if f.Collection == catalog.Parcels {
		ctx.inherit(f, s)
		if until, ok := f.Props["lease_until"].(string); ok {
			set("lease_term_remaining_years", remainingYears(until, ctx.today))
		}
		for _, k := range catalog.DistanceKinds {
			if id, km, ok := ctx.nearest[k].Nearest(f.Geometry); ok {
				set("distance_"+k+"_km", round(km, 2))
				set("nearest_"+k, id)
			}
		}
	}
	f.encode()
}

// computeAll computes feats on every core: each feature's values depend
// only on the (read-only) env.
func (ctx *env) computeAll(feats []*Feature) {
	workers := runtime.GOMAXPROCS(0)
	if len(feats) < 256 || workers == 1 {
		for _, f := range feats {
			ctx.compute(f)
		}
		return
	}
	// One block of values for all the features, in id order: a filter that
	// scans every feature then walks memory sequentially.
	if len(feats) > 0 {
		n := len(catalog.SchemaOf(feats[0].Collection).Fields)
		block := make([]any, n*len(feats))
		for i, f := range feats {
			f.Values = block[i*n : (i+1)*n : (i+1)*n]
		}
	}
	var wg sync.WaitGroup
	chunk := (len(feats) + workers - 1) / workers
	for start := 0; start < len(feats); start += chunk {
		part := feats[start:min(len(feats), start+chunk)]
		wg.Add(1)
		go func() {
			defer wg.Done()
			for _, f := range part {
				ctx.compute(f)
			}
		}()
	}
	wg.Wait()
}

// inherit copies the zone's utility values into those the parcel leaves
// unknown, and lists them in "inherited".
func (ctx *env) inherit(f *Feature, s *catalog.Schema) {
	zone := ctx.zones[f.String("zone_id")]
	var inherited []string
	for i, fl := range s.Fields {
		if !fl.Inherit || f.Values[i] != nil || zone == nil {
			continue
		}
		if v, ok := zone.Props[fl.Name]; ok {
			f.Values[i] = v
			inherited = append(inherited, fl.Name)
		}
	}
	if inherited == nil {
		inherited = []string{}
	}
	f.Values[s.Index("inherited")] = inherited
}

func remainingYears(until string, today time.Time) float64 {
	t, err := time.Parse(time.DateOnly, until)
	if err != nil {
		return 0
	}
	years := t.Sub(today).Hours() / 24 / 365.2425
	return math.Max(0, round(years, 2))
}

func round(v float64, digits int) float64 {
	p := math.Pow(10, float64(digits))
	return math.Round(v*p) / p
}
