package readmodel

import "github.com/landcat/landcat/internal/catalog"

// dropOutOfScope clears the hits of features that are not published and
// that the scope does not cover.
func (t *table) dropOutOfScope(hits bitset, sc catalog.Scope) {
	hits.each(func(slot int32) bool {
		if f := t.feature(slot); f.Publication != catalog.Published && !f.InScope(sc) {
			hits[slot>>6] &^= 1 << (slot & 63)
		}
		return true
	})
}

// InScope reports whether the scope covers f (catalog.Scope.Covers).
func (f *Feature) InScope(sc catalog.Scope) bool {
	if !sc.Limited() {
		return true
	}
	sectors, _ := f.Value("sectors").([]string)
	return sc.Covers(f.Collection, f.ID, f.String("zone_id"), sectors)
}

// VisibleTo reports whether a may read f: published features are
// public; the others need an officer whose scope covers them.
func (f *Feature) VisibleTo(a catalog.Actor) bool {
	return f.Publication == catalog.Published || (a.Role >= catalog.RoleViewer && f.InScope(a.Scope))
}
