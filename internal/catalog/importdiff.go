package catalog

import (
	"slices"

	"github.com/paulmach/orb"
)

// FeatureChange is what an import does to one feature: created, updated
// (with the properties that change, from what to what) or unchanged.
type FeatureChange struct {
	Index      int        `json:"index"` // feature, or sheet row, in the file
	Collection Collection `json:"collection"`
	ID         string     `json:"id"`
	Code       string     `json:"code,omitempty"`
	Action     string     `json:"action"` // created, updated, unchanged
	// Properties are the stored properties that change (all of them for
	// a created feature), by name.
	Properties []PropertyChange `json:"properties,omitempty"`
	Geometry   bool             `json:"geometry_changed,omitempty"`
	// Publication is the new state when the import moves it ("" when it
	// stays).
	Publication Publication `json:"publication,omitempty"`
}

// PropertyChange is one property's value before and after; nil is
// unknown (absent).
type PropertyChange struct {
	Name string `json:"name"`
	From any    `json:"from"`
	To   any    `json:"to"`
}

// The actions of a FeatureChange.
const (
	ActionCreated   = "created"
	ActionUpdated   = "updated"
	ActionUnchanged = "unchanged"
)

// DiffFeature compares a feature's stored state (nil: it does not exist
// yet) with its next one.
func DiffFeature(before, after *Feature) FeatureChange {
	ch := FeatureChange{Collection: after.Collection, ID: after.ID, Code: after.String("code"), Action: ActionUnchanged}
	var names []string
	for k := range after.Props {
		names = append(names, k)
	}
	if before == nil {
		ch.Action, ch.Geometry = ActionCreated, true
		slices.Sort(names)
		for _, k := range names {
			ch.Properties = append(ch.Properties, PropertyChange{Name: k, To: after.Props[k]})
		}
		return ch
	}
	for k := range before.Props {
		if _, ok := after.Props[k]; !ok {
			names = append(names, k)
		}
	}
	slices.Sort(names)
	for _, k := range names {
		if b, a := before.Props[k], after.Props[k]; !sameValue(b, a) {
			ch.Properties = append(ch.Properties, PropertyChange{Name: k, From: b, To: a})
		}
	}
	ch.Geometry = !orb.Equal(before.Geometry, after.Geometry)
	if after.Publication != "" && after.Publication != before.Publication {
		ch.Publication = after.Publication
	}
	if len(ch.Properties) > 0 || ch.Geometry || ch.Publication != "" {
		ch.Action = ActionUpdated
	}
	return ch
}

// sameValue compares two normalised property values.
func sameValue(a, b any) bool {
	la, okA := a.([]string)
	lb, okB := b.([]string)
	if okA || okB {
		return okA && okB && slices.Equal(la, lb)
	}
	return a == b
}

// importChanges lists what a dry run's commit did to each feature, and
// counts them in rep. index maps "collection/id" to the feature's index in
// the file.
func importChanges(commit Commit, index map[string]int, rep *ImportReport) []FeatureChange {
	rep.Unchanged = map[Collection]int{}
	out := make([]FeatureChange, 0, len(commit.Features))
	for i, f := range commit.Features {
		var before *Feature
		if i < len(commit.Before) {
			before = commit.Before[i]
		}
		ch := DiffFeature(before, f)
		ch.Index = index[string(f.Collection)+"/"+f.ID]
		switch ch.Action {
		case ActionCreated:
			rep.Created[f.Collection]++
		case ActionUpdated:
			rep.Updated[f.Collection]++
		default:
			rep.Unchanged[f.Collection]++
		}
		out = append(out, ch)
	}
	slices.SortStableFunc(out, func(a, b FeatureChange) int { return a.Index - b.Index })
	return out
}
