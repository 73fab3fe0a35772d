package demo

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
)

// GenOptions configures Generate.
type GenOptions struct {
	// Parcels is the exact number of parcel features to write; it must
	// not be negative.
	Parcels int
	// Seed selects the pseudo-random sequence: the same Parcels and Seed
	// always give byte-identical output.
	Seed int64
}

// Layout of synthetic catalogues: roughly the Hai Phong region.
const (
	genMinLon, genMaxLon = 106.10, 106.95
	genMinLat, genMaxLat = 20.60, 21.10
	parcelsPerZone       = 400  // about one zone per this many parcels
	parcelsPerInfra      = 1000 // about one feature of each kind per this many parcels
	minPerKind           = 3    // at least this many zones and features of each kind
	kmPerDegLat          = 110.57
)

// Generate writes one deterministic synthetic catalogue as a GeoJSON
// FeatureCollection to w: zones, then infrastructure, then exactly
// opt.Parcels parcels. Each feature's properties carry "collection"
// ("zones", "infrastructure" or "parcels") and otherwise the property
// names and enums of the demo catalogue; every feature is illustrative.
//
// Zones are disjoint rectangles on a grid over the region (about one per
// 400 parcels, at least 3). Parcels are disjoint rectangles, some
// rotated, packed in rows inside their zone: 0.5–60 ha while there is
// room, smaller when the region is crowded (around 100,000 parcels they
// are mostly 0.5–8 ha). Parcels are built one zone at a time and encoded
// one by one through a buffered writer, so memory grows with the number
// of zones, not with opt.Parcels.
func Generate(w io.Writer, opt GenOptions) error {
	if opt.Parcels < 0 {
		return fmt.Errorf("demo: parcel count %d is negative", opt.Parcels)
	}
	g := newGenerator(opt)
	fw := &featureWriter{w: bufio.NewWriterSize(w, 1<<16)}
	desc, _ := json.Marshal(fmt.Sprintf("Synthetic landcat catalogue (seed %d, %d parcels): "+
		"invented demonstration data for benchmarks and load tests, not real sites.", opt.Seed, opt.Parcels))
	fw.raw(`{"type":"FeatureCollection","description":` + string(desc) + `,"features":[`)
	for _, z := range g.zones {
		fw.feature(z.feature)
	}
	for _, f := range g.infra {
		fw.feature(f)
	}
	for i := range g.zones {
		g.writeParcels(fw, i)
	}
	fw.raw("\n]}\n")
	return fw.flush()
}

// featureWriter writes comma-separated features and keeps the first error.
type featureWriter struct {
	w     *bufio.Writer
	count int
	err   error
}

func (fw *featureWriter) raw(s string) {
	if fw.err == nil {
		_, fw.err = fw.w.WriteString(s)
	}
}

func (fw *featureWriter) feature(f genFeature) {
	if fw.err != nil {
		return
	}
	b, err := json.Marshal(f)
	if err != nil {
		fw.err = err
		return
	}
	if fw.count > 0 {
		fw.raw(",")
	}
	fw.raw("\n")
	if fw.err == nil {
		_, fw.err = fw.w.Write(b)
	}
	fw.count++
}

func (fw *featureWriter) flush() error {
	if fw.err != nil {
		return fw.err
	}
	return fw.w.Flush()
}

// generator holds the small, fully built parts (zones, infrastructure)
// and the random source; parcels are produced zone by zone.
type generator struct {
	rng    *rand.Rand
	seed   int64
	zones  []genZone
	infra  []genFeature
	subs   []genSubstation
	counts []int // parcels per zone
	next   int   // number of the next parcel
}

func newGenerator(opt GenOptions) *generator {
	s := uint64(opt.Seed)
	g := &generator{rng: rand.New(rand.NewPCG(s, s^0x9e3779b97f4a7c15)), seed: opt.Seed}
	nz := max(minPerKind, int(math.Round(float64(opt.Parcels)/parcelsPerZone)))
	g.counts = make([]int, nz)
	for i := range g.counts {
		g.counts[i] = opt.Parcels / nz
		if i < opt.Parcels%nz {
			g.counts[i]++
		}
	}
	g.layoutZones()
	g.buildInfra(max(minPerKind, opt.Parcels/parcelsPerInfra))
	return g
}

// uniform returns a value in [lo, hi).
func (g *generator) uniform(lo, hi float64) float64 { return lo + g.rng.Float64()*(hi-lo) }

// pick returns one of the options.
func pick[T any](g *generator, options ...T) T { return options[g.rng.IntN(len(options))] }

func kmPerDegLon(lat float64) float64 { return 111.32 * math.Cos(lat*math.Pi/180) }

func round6(v float64) float64 { return math.Round(v*1e6) / 1e6 }

func round2(v float64) float64 { return math.Round(v*100) / 100 }

func ptr[T any](v T) *T { return &v }
