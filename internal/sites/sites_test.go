package sites

import (
	"slices"
	"strings"
	"testing"
	"time"
)

// TestBest marks the better values by each property's rule: more, less,
// dual feed (yes is better), flood risk (low is better); nothing when
// values are equal, unknown or unranked.
func TestBest(t *testing.T) {
	prop := func(name string) Property {
		for _, p := range Properties {
			if p.Name == name {
				return p
			}
		}
		t.Fatalf("no property %s", name)
		return Property{}
	}
	for _, tc := range []struct {
		name   string
		values []any
		want   []int
	}{
		{"power_capacity_mva", []any{40.0, 60.0, nil}, []int{1}},
		{"lease_price_usd_m2", []any{120.0, 99.0, 99.0}, []int{1, 2}},
		{"distance_hazard_km", []any{1.4, 0.7}, []int{0}},
		{"distance_seaport_km", []any{1.4, 0.7}, []int{1}},
		{"power_dual_feed", []any{false, true}, []int{1}},
		{"flood_risk", []any{"medium", "low", "high"}, []int{1}},
		{"water_m3_day", []any{2000.0, 2000.0}, []int{}},
		{"area_ha", []any{nil, 5.0}, []int{}},
		{"status", []any{"available", "leased"}, []int{}},
	} {
		if got := best(prop(tc.name), tc.values); !slices.Equal(got, tc.want) {
			t.Errorf("%s %v: best %v, want %v", tc.name, tc.values, got, tc.want)
		}
	}
}

func TestParseIDs(t *testing.T) {
	if ids, err := ParseIDs(" a, b ,c"); err != nil || !slices.Equal(ids, []string{"a", "b", "c"}) {
		t.Errorf("%v %v", ids, err)
	}
	for _, bad := range []string{"a", "a,b,c,d,e", "a,a", "a,assembly:1", ""} {
		if _, err := ParseIDs(bad); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
}

// TestNewShortlist: a token of 144 random bits in URL-safe base64, the
// limits, and a stored match request compacted.
func TestNewShortlist(t *testing.T) {
	ok := func(string) bool { return true }
	accept := func([]byte) error { return nil }
	sl, err := NewShortlist(ShortlistRequest{Parcels: []string{"a"}, Match: []byte("{ \"sector\" : \"logistics\" }")}, ok, accept, time.Now())
	if err != nil || !ValidToken(sl.Token) || string(sl.Match) != `{"sector":"logistics"}` || sl.ExpiresAt.Sub(sl.CreatedAt) != ShortlistTTL {
		t.Fatalf("%+v %v", sl, err)
	}
	other, _ := NewShortlist(ShortlistRequest{Parcels: []string{"a"}}, ok, accept, time.Now())
	if other.Token == sl.Token || len(other.Match) != 0 || TokenHash(sl.Token) == sl.Token {
		t.Error("tokens repeat, or the hash is the token")
	}
	many := make([]string, MaxShortlistParcels+1)
	for i := range many {
		many[i] = strings.Repeat("p", i+1)
	}
	if _, err := NewShortlist(ShortlistRequest{Parcels: many}, ok, accept, time.Now()); err == nil {
		t.Error("too many parcels accepted")
	}
}
