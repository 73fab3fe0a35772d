package report

import (
	"cmp"
	"slices"
	"strings"
	"time"

	"github.com/landcat/landcat/internal/match"
)

// Demand is the demand side of the review: match.Summarize's report of
// the window (requests, those that found no site, by sector, and per
// requirement how often it eliminated sites, the most first), by size
// band, and for the requests that found nothing, what relaxing one
// requirement would have given.
type Demand struct {
	match.DemandReport
	BySize []SizeDemand `json:"by_size"` // in band order
	// RelaxOne lists, per requirement, what relaxing it alone would have
	// given the requests that found no site (most requests helped first).
	RelaxOne []RelaxDemand `json:"relax_one"`
}

// SizeDemand counts the requests whose min_area_ha fell in one band.
type SizeDemand struct {
	Band     string `json:"band"`     // SizeBands, or "not stated"
	Requests int    `json:"requests"` // requests in the band
	NoSite   int    `json:"no_site"`  // of those, requests that found no site
}

// RelaxDemand is the supply one requirement kept from requests that
// found no site: in how many of them relaxing it alone would have
// matched at least one parcel, and how many parcels in all.
type RelaxDemand struct {
	Criterion string `json:"criterion"` // the requirement
	Requests  int    `json:"requests"`  // no-site requests it alone kept from a parcel
	Parcels   int    `json:"parcels"`   // the parcels relaxing it would have added, summed over them
}

// SizeBands are the bands of min_area_ha, in ha: [0,5), [5,20), [20,50),
// [50,100), [100,∞).
var SizeBands = []string{"<5", "5-20", "20-50", "50-100", ">=100"}

// NotStated is the band of requests without min_area_ha.
const NotStated = "not stated"

var bandLimits = []float64{5, 20, 50, 100}

// band returns the size band of a record.
func band(d match.DemandRecord) string {
	a, ok := d.Requirements["min_area_ha"].(float64)
	if !ok {
		return NotStated
	}
	i, _ := slices.BinarySearch(bandLimits, a)
	if i < len(bandLimits) && bandLimits[i] == a {
		i++
	}
	return SizeBands[i]
}

// BuildDemand summarises the records with from ≤ At < to.
func BuildDemand(records []match.DemandRecord, from, to time.Time) Demand {
	d := Demand{DemandReport: match.Summarize(records, from, to), BySize: []SizeDemand{}, RelaxOne: []RelaxDemand{}}
	sizes := map[string]*SizeDemand{}
	for _, b := range append(slices.Clone(SizeBands), NotStated) {
		d.BySize = append(d.BySize, SizeDemand{Band: b})
	}
	for i := range d.BySize {
		sizes[d.BySize[i].Band] = &d.BySize[i]
	}
	relax := map[string]*RelaxDemand{}
	for _, r := range records {
		if (!from.IsZero() && r.At.Before(from)) || (!to.IsZero() && !r.At.Before(to)) {
			continue
		}
		none := r.Matched == 0 && r.Assemblies == 0
		sz := sizes[band(r)]
		sz.Requests++
		if !none {
			continue
		}
		sz.NoSite++
		for c, n := range r.EliminatedOnly {
			if n == 0 {
				continue
			}
			x := relax[c]
			if x == nil {
				x = &RelaxDemand{Criterion: c}
				relax[c] = x
			}
			x.Requests++
			x.Parcels += n
		}
	}
	for _, x := range relax {
		d.RelaxOne = append(d.RelaxOne, *x)
	}
	slices.SortFunc(d.RelaxOne, func(a, b RelaxDemand) int {
		return cmp.Or(cmp.Compare(b.Requests, a.Requests), cmp.Compare(b.Parcels, a.Parcels), strings.Compare(a.Criterion, b.Criterion))
	})
	return d
}
