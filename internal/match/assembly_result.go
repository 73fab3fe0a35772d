package match

import (
	"crypto/sha256"
	"encoding/hex"
	"math"
	"strings"
)

// Kinds of Ranked results.
const (
	KindParcel   = "parcel"
	KindAssembly = "assembly"
)

// AssemblyFunnel says what the search for groups did (Result.Assembly,
// present when the request asked for assembly).
type AssemblyFunnel struct {
	MaxParcels int     `json:"max_parcels"` // the options used
	MaxGapM    float64 `json:"max_gap_m"`
	// Eligible counts the parcels that may be members: on offer, meeting
	// every requirement each member must meet, and not a site alone.
	Eligible int `json:"eligible"`
	Seeds    int `json:"seeds"`    // parcels a search started from
	Examined int `json:"examined"` // groups examined
	// Qualifying counts the minimal groups meeting every requirement that
	// the searches found; Listed those kept (at most one per seed,
	// duplicates merged), which are ranked beside the parcels.
	Qualifying int `json:"qualifying"`
	Listed     int `json:"listed"`
	// Truncated says the search stopped at its bound for one request:
	// some groups may be missing.
	Truncated bool `json:"truncated"`
	// Eliminated counts, per requirement tested on the aggregate, the
	// examined groups that failed it.
	Eliminated []AssemblyStep `json:"eliminated"`
}

// AssemblyStep is how many examined groups one aggregate requirement
// eliminated.
type AssemblyStep struct {
	Criterion string `json:"criterion"` // the requirement
	Groups    int    `json:"groups"`    // examined groups failing it
}

// AssemblyHint tells a request without assembly that states min_area_ha
// and matched no parcel how many groups would qualify with hintAssembly,
// and what to add to the request to see them.
type AssemblyHint struct {
	WouldQualify int                 `json:"would_qualify"` // groups a search with the Ask options lists
	Ask          map[string]Assembly `json:"ask"`           // {"assembly": options}: what to add to the request
}

// hintAssembly are the options of the hint: the default group size
// across the widest road the search bridges (roads inside parks are
// often drawn wider than the default gap).
var hintAssembly = Assembly{MaxParcels: DefaultAssemblyParcels, MaxGapM: MaxAssemblyGapM}

// groupInfo is a kept group: its id and its aggregated value per weighted
// criterion (NaN when unknown).
type groupInfo struct {
	g    group
	id   string
	vals []float64
}

// groupID is a stable id for a set of parcel ids (sorted): the same
// members always give the same id.
func groupID(ids []string) string {
	sum := sha256.Sum256([]byte(strings.Join(ids, "\n")))
	return "a-" + hex.EncodeToString(sum[:8])
}

// setGroups keeps the groups found, with their ids and weighted values.
func (m *matcher) setGroups(gs []group) {
	m.groups = make([]groupInfo, len(gs))
	for i, g := range gs {
		gi := groupInfo{g: g, id: groupID(m.memberIDs(&g)), vals: make([]float64, len(m.weights))}
		for k := range m.weights {
			gi.vals[k], _, _ = m.ix.groupNum(m.weights[k].idx, g.members())
		}
		m.groups[i] = gi
	}
}

func (m *matcher) memberIDs(g *group) []string {
	out := make([]string, g.n)
	for i, r := range g.members() {
		out[i] = m.ix.ids[r]
	}
	return out
}

// assemble runs the search a request asked for or, for a request without
// assembly that matched no parcel while stating min_area_ha (a project
// larger than any plot on offer), works out the hint.
func (m *matcher) assemble(r Request, reqs Requirements, failed []uint64, res *Result) {
	if r.Assembly != nil {
		a := newAssembler(m, *r.Assembly, failed)
		m.setGroups(a.run())
		res.Assembly = &a.fun
		return
	}
	if _, ok := reqs["min_area_ha"]; !ok || res.Matched > 0 {
		return
	}
	a := newAssembler(m, hintAssembly, failed)
	res.AssemblyHint = &AssemblyHint{WouldQualify: len(a.run()), Ask: map[string]Assembly{"assembly": hintAssembly}}
}

// inGroups maps each member row to the ids of the kept groups it is in.
func (m *matcher) inGroups() map[int32][]string {
	out := map[int32][]string{}
	for _, gi := range m.groups {
		for _, r := range gi.g.members() {
			out[r] = append(out[r], gi.id)
		}
	}
	return out
}

// nanToNil turns an unknown aggregated value into JSON null.
func nanToNil(v float64) any {
	if math.IsNaN(v) {
		return nil
	}
	return v
}
