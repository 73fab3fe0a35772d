package catalog

import (
	"fmt"
	"slices"
	"strings"
	"time"
)

// Actor is who makes a change or a request; it is written to the audit
// log. The HTTP layer builds it from an API key or an OpenID Connect
// token; tools run as an unscoped admin.
type Actor struct {
	// Subject identifies the credential's holder for good: "apikey:12"
	// or "oidc:" followed by the provider's sub claim. Empty for tools.
	Subject string
	// Name is who to show: the key's name or the officer's name.
	Name  string
	Role  Role
	Scope Scope
	// Method is how the actor signed in: "apikey", "oidc", or "" for
	// tools (import, demo loader).
	Method string
	// Expires is when the credential stops working (zero: never).
	Expires time.Time
}

// APIKeyPrefix starts every landcat API key, so that secret scanners find
// leaked ones and the HTTP layer tells a key from a JWT.
const APIKeyPrefix = "lck_"

// Scope limits a role to some zones and/or sectors. The zero Scope
// limits nothing.
//
// A zone is in scope when its id is one of Zones. A parcel is in scope
// when its zone_id is one of Zones, or when one of its sectors is one of
// Sectors. Infrastructure serves every zone, so it is never in a limited
// scope: it needs an unscoped role.
type Scope struct {
	Zones   []string `json:"zones"`
	Sectors []string `json:"sectors"`
}

// Limited reports whether the scope limits anything.
func (s Scope) Limited() bool { return len(s.Zones) > 0 || len(s.Sectors) > 0 }

// Covers reports whether a feature of collection c with this id, zone_id
// and sectors is in scope: the one definition of scope, used by writes,
// reads of drafts and the audit trail alike.
func (s Scope) Covers(c Collection, id, zone string, sectors []string) bool {
	if !s.Limited() {
		return true
	}
	switch c {
	case Zones:
		return slices.Contains(s.Zones, id)
	case Parcels:
		if slices.Contains(s.Zones, zone) {
			return true
		}
		for _, sec := range sectors {
			if slices.Contains(s.Sectors, sec) {
				return true
			}
		}
	}
	return false
}

// Allows reports whether f is in scope.
func (s Scope) Allows(f *Feature) bool {
	sectors, _ := f.Props["sectors"].([]string)
	return s.Covers(f.Collection, f.ID, f.String("zone_id"), sectors)
}

// String describes the scope for messages: "zones z-a, z-b; sectors
// logistics", or "everything".
func (s Scope) String() string {
	var parts []string
	if len(s.Zones) > 0 {
		parts = append(parts, "zones "+strings.Join(s.Zones, ", "))
	}
	if len(s.Sectors) > 0 {
		parts = append(parts, "sectors "+strings.Join(s.Sectors, ", "))
	}
	if len(parts) == 0 {
		return "everything"
	}
	return strings.Join(parts, "; ")
}

// ScopeKeys returns what decides whether f is in a scope: the zone ids
// (a zone's own id, a parcel's zone_id) and the sectors. The audit log
// keeps them with each entry so that scoped officers read only theirs.
func ScopeKeys(f *Feature) (zones, sectors []string) {
	switch f.Collection {
	case Zones:
		return []string{f.ID}, nil
	case Parcels:
		sectors, _ := f.Props["sectors"].([]string)
		return []string{f.String("zone_id")}, sectors
	}
	return nil, nil
}

// NewScope returns the scope of these zone ids and sectors, refusing
// sectors that are not in the schema's list. Zone ids are not looked up:
// a scope may name a zone that is still to be created.
func NewScope(zones, sectors []string) (Scope, error) {
	var s Scope
	for _, z := range zones {
		if z = strings.TrimSpace(z); z != "" && !slices.Contains(s.Zones, z) {
			if !ValidID(z) {
				return Scope{}, fmt.Errorf("%q is not a zone id", z)
			}
			s.Zones = append(s.Zones, z)
		}
	}
	for _, sec := range sectors {
		if sec = strings.TrimSpace(sec); sec != "" && !slices.Contains(s.Sectors, sec) {
			if !slices.Contains(Sectors, sec) {
				return Scope{}, fmt.Errorf("%q is not a sector; sectors are %s", sec, strings.Join(Sectors, ", "))
			}
			s.Sectors = append(s.Sectors, sec)
		}
	}
	slices.Sort(s.Zones)
	slices.Sort(s.Sectors)
	return s, nil
}

// authorize is the one check of who may write what, run by every write
// of the Service before anything is stored. before is the stored feature
// (nil for a create), after what the write stores. Both must be in the
// actor's scope, so that a write can neither touch a feature outside it
// nor move one out of it. A feature outside the scope that is not
// published is answered as missing: its existence is not the actor's to
// know.
func authorize(a Actor, before, after *Feature) error {
	if a.Role < RoleEditor {
		return Errorf(KindForbidden, "changing features needs the editor role; %s has %s", a.Name, a.Role)
	}
	if !a.Scope.Limited() {
		return nil
	}
	if before != nil && !a.Scope.Allows(before) {
		if before.Publication != Published {
			return ErrNotFound(before.Collection, before.ID)
		}
		return outOfScope(a, before)
	}
	if !a.Scope.Allows(after) {
		return outOfScope(a, after)
	}
	return nil
}

func outOfScope(a Actor, f *Feature) error {
	if f.Collection == Infrastructure {
		return Errorf(KindForbidden, "infrastructure serves every zone: changing it needs a role without a scope; yours covers %s", a.Scope)
	}
	return Errorf(KindForbidden, "%s/%s is outside your scope (%s)", f.Collection, f.ID, a.Scope)
}

// authorizeImport admits bulk imports from unscoped editors and above
// only: an import upserts by id across collections, so a scope could not
// be checked feature by feature without reading each stored one first.
func authorizeImport(a Actor) error {
	if a.Role < RoleEditor {
		return Errorf(KindForbidden, "importing needs the editor role; %s has %s", a.Name, a.Role)
	}
	if a.Scope.Limited() {
		return Errorf(KindForbidden, "importing needs a role without a scope; yours covers %s", a.Scope)
	}
	return nil
}

// authorizeRead admits officers to what their scope covers: history of a
// feature outside it is missing when the feature is not published, and
// forbidden when it is.
func authorizeRead(a Actor, f *Feature) error {
	if a.Role < RoleViewer {
		return Errorf(KindUnauthenticated, "a feature's history needs an officer's credentials")
	}
	if a.Scope.Allows(f) {
		return nil
	}
	if f.Publication != Published {
		return ErrNotFound(f.Collection, f.ID)
	}
	return outOfScope(a, f)
}
