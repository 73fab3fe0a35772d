package match

import (
	"cmp"
	"encoding/json"
	"math"
	"slices"
	"strings"
	"time"
)

// MaxDemandRecordBytes caps the JSON of one DemandRecord. A record keeps
// a summary of each stated requirement and two counts per requirement;
// when a request states nearly every requirement with long zone ids the
// summaries are cut down (Trimmed) so that the record fits, the counts
// never. 4 KB holds the counts of all 32 requirements on a
// million-parcel catalogue with room to spare; a typical record is
// 0.5–1 KB.
const MaxDemandRecordBytes = 4096

// DemandRecord is what landcat keeps of one match request for the city's
// demand statistics: what was asked, in a bounded summary, and what it
// eliminated. It holds no personal data (no caller, address or free
// text), round-trips through JSON for storage, and encodes to at most
// MaxDemandRecordBytes when made by NewDemandRecord.
type DemandRecord struct {
	At     time.Time `json:"at"`
	Sector string    `json:"sector,omitempty"`
	// Requirements summarises the effective requirements (profile
	// merged); see DemandRequirements.
	Requirements DemandRequirements `json:"requirements"`
	// Trimmed says that list and area details were left out of
	// Requirements (or Requirements altogether) to fit the size cap.
	Trimmed    bool `json:"trimmed,omitempty"`
	Considered int  `json:"considered"`
	Matched    int  `json:"matched"`
	// Assemblies counts the groups of parcels found when the request
	// asked for assembly (AssemblyFunnel.Listed): a request that found a
	// group found a site.
	Assemblies int `json:"assemblies,omitempty"`
	// Eliminated maps each stated requirement to the parcels it
	// eliminated (FunnelStep.Eliminated), EliminatedOnly to the parcels
	// it alone eliminated (FunnelStep.Only); zero counts are kept so that
	// a requirement that eliminated nothing still counts as asked for.
	Eliminated     map[string]int `json:"eliminated"`
	EliminatedOnly map[string]int `json:"eliminated_only"`
}

// NewDemandRecord records a matched request at time at, trimmed to
// MaxDemandRecordBytes.
func NewDemandRecord(r Request, res Result, at time.Time) DemandRecord {
	d := DemandRecord{At: at.UTC(), Sector: r.Sector, Requirements: summarise(res.Requirements, maxShownItems),
		Considered: res.Considered, Matched: res.Matched,
		Eliminated: make(map[string]int, len(res.Funnel)), EliminatedOnly: make(map[string]int, len(res.Funnel))}
	if res.Assembly != nil {
		d.Assemblies = res.Assembly.Listed
	}
	for _, s := range res.Funnel {
		d.Eliminated[s.Criterion] = s.Eliminated
		d.EliminatedOnly[s.Criterion] = s.Only
	}
	if d.size() > MaxDemandRecordBytes {
		d.Requirements, d.Trimmed = summarise(res.Requirements, 0), true
	}
	if d.size() > MaxDemandRecordBytes {
		d.Requirements = nil // the names are still in Eliminated
	}
	return d
}

// size is the length of d's JSON.
func (d DemandRecord) size() int {
	b, err := json.Marshal(d)
	if err != nil {
		return math.MaxInt
	}
	return len(b)
}

// DemandReport aggregates demand records over a time window.
type DemandReport struct {
	From     time.Time `json:"from"`
	To       time.Time `json:"to"`
	Requests int       `json:"requests"`
	NoSite   int       `json:"no_site"` // requests that matched no parcel and no assembly
	// Requirements lists every requirement stated in the window, the
	// ones that eliminated sites in the most requests first.
	Requirements []RequirementDemand `json:"requirements"`
	BySector     []SectorDemand      `json:"by_sector"` // by request count, then name; "" = no profile
}

// RequirementDemand is how one requirement fared over the requests of a
// window.
type RequirementDemand struct {
	Criterion  string `json:"criterion"`
	Requests   int    `json:"requests"`   // requests stating it
	Eliminated int    `json:"eliminated"` // requests in which it eliminated at least one parcel
	Parcels    int    `json:"parcels"`    // parcels it eliminated, summed over requests
	Only       int    `json:"only"`       // parcels it alone eliminated, summed over requests
	NoSite     int    `json:"no_site"`    // requests that found no site and in which it eliminated at least one parcel
}

// SectorDemand counts the requests of one sector profile.
type SectorDemand struct {
	Sector   string `json:"sector"`
	Requests int    `json:"requests"`
	NoSite   int    `json:"no_site"`
}

// Summarize reports the records with from ≤ At < to (a zero from or to
// leaves that side open): how many requests there were, how many found
// no site, per sector, and per requirement how often it eliminated sites.
func Summarize(records []DemandRecord, from, to time.Time) DemandReport {
	rep := DemandReport{From: from, To: to, Requirements: []RequirementDemand{}, BySector: []SectorDemand{}}
	reqs := map[string]*RequirementDemand{}
	sectors := map[string]*SectorDemand{}
	for _, d := range records {
		if (!from.IsZero() && d.At.Before(from)) || (!to.IsZero() && !d.At.Before(to)) {
			continue
		}
		none := d.Matched == 0 && d.Assemblies == 0
		rep.Requests++
		sd := entry(sectors, d.Sector, func() *SectorDemand { return &SectorDemand{Sector: d.Sector} })
		sd.Requests++
		for c, n := range d.Eliminated {
			rd := entry(reqs, c, func() *RequirementDemand { return &RequirementDemand{Criterion: c} })
			rd.Requests++
			rd.Parcels += n
			rd.Only += d.EliminatedOnly[c]
			if n > 0 {
				rd.Eliminated++
				rd.NoSite += b2i(none)
			}
		}
		if none {
			rep.NoSite++
			sd.NoSite++
		}
	}
	for _, rd := range reqs {
		rep.Requirements = append(rep.Requirements, *rd)
	}
	slices.SortFunc(rep.Requirements, func(a, b RequirementDemand) int {
		return cmp.Or(cmp.Compare(b.Eliminated, a.Eliminated), cmp.Compare(b.Parcels, a.Parcels), strings.Compare(a.Criterion, b.Criterion))
	})
	for _, sd := range sectors {
		rep.BySector = append(rep.BySector, *sd)
	}
	slices.SortFunc(rep.BySector, func(a, b SectorDemand) int {
		return cmp.Or(cmp.Compare(b.Requests, a.Requests), strings.Compare(a.Sector, b.Sector))
	})
	return rep
}

func entry[T any](m map[string]*T, key string, mk func() *T) *T {
	e, ok := m[key]
	if !ok {
		e = mk()
		m[key] = e
	}
	return e
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}
