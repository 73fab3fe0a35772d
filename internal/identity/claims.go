package identity

import (
	"fmt"
	"sort"
	"strings"

	"github.com/landcat/landcat/internal/catalog"
)

// actorOf maps a verified token's claims to an officer: the subject, a
// name to show, the highest role its role claim grants and the scope of
// its zones and sectors claims. A token that grants no landcat role is
// refused with KindForbidden: the provider vouches for the person, but
// not as a landcat officer.
func (c Config) actorOf(claims map[string]any) (catalog.Actor, error) {
	sub, _ := claims["sub"].(string)
	if sub == "" {
		return catalog.Actor{}, catalog.Errorf(catalog.KindUnauthenticated, "the token has no subject (sub)")
	}
	a := catalog.Actor{Subject: "oidc:" + sub, Name: displayName(claims, sub), Method: "oidc"}
	values, found := stringsAt(claims, c.RoleClaim)
	for _, v := range values {
		if r := c.roleOf(v); r > a.Role {
			a.Role = r
		}
	}
	if a.Role == catalog.RoleNone {
		if !found {
			return catalog.Actor{}, catalog.Errorf(catalog.KindForbidden, "the token has no %s claim, so it grants no landcat role; ask the identity provider's administrators to map your groups (LANDCAT_OIDC_ROLE_CLAIM)", c.RoleClaim)
		}
		return catalog.Actor{}, catalog.Errorf(catalog.KindForbidden, "none of the groups in the token's %s claim (%s) is mapped to a landcat role (LANDCAT_OIDC_ROLES)", c.RoleClaim, shortList(values))
	}
	zones, _ := stringsAt(claims, c.ZonesClaim)
	sectors, _ := stringsAt(claims, c.SectorsClaim)
	scope, err := catalog.NewScope(zones, sectors)
	if err != nil {
		return catalog.Actor{}, catalog.Errorf(catalog.KindForbidden, "the token's scope claims (%s, %s) are not understood: %v", c.ZonesClaim, c.SectorsClaim, err)
	}
	a.Scope = scope
	return a, nil
}

// roleOf maps one claim value: through Roles when configured, else a
// value that names a role is that role.
func (c Config) roleOf(v string) catalog.Role {
	if c.Roles != nil {
		return c.Roles[v]
	}
	r, _ := catalog.ParseRole(v)
	return r
}

// displayName picks the first of name, preferred_username and email, or
// the subject.
func displayName(claims map[string]any, sub string) string {
	for _, k := range []string{"name", "preferred_username", "email"} {
		if s, ok := claims[k].(string); ok && strings.TrimSpace(s) != "" {
			return s
		}
	}
	return sub
}

// stringsAt reads the claim at a dotted path as a list of strings: a JSON
// array of strings, or one string (split on commas and spaces, as some
// providers send a list). found is false when the claim is absent.
func stringsAt(claims map[string]any, path string) (out []string, found bool) {
	var v any = claims
	for _, key := range strings.Split(path, ".") {
		m, ok := v.(map[string]any)
		if !ok {
			return nil, false
		}
		if v, ok = m[key]; !ok {
			return nil, false
		}
	}
	switch x := v.(type) {
	case string:
		return strings.FieldsFunc(x, func(r rune) bool { return r == ',' || r == ' ' }), true
	case []any:
		for _, e := range x {
			if s, ok := e.(string); ok {
				out = append(out, s)
			}
		}
		return out, true
	}
	return nil, true
}

func shortList(values []string) string {
	v := append([]string(nil), values...)
	sort.Strings(v)
	if len(v) > 5 {
		v = append(v[:5], fmt.Sprintf("… %d more", len(values)-5))
	}
	if len(v) == 0 {
		return "none"
	}
	return strings.Join(v, ", ")
}
