package catalog_test

import (
	"encoding/json"
	"testing"

	"github.com/landcat/landcat/internal/catalog"
)

func TestScopeCovers(t *testing.T) {
	zones, _ := catalog.NewScope([]string{"z-a"}, nil)
	sectors, _ := catalog.NewScope(nil, []string{"logistics"})
	both, _ := catalog.NewScope([]string{"z-a"}, []string{"logistics"})
	cases := []struct {
		name  string
		scope catalog.Scope
		c     catalog.Collection
		id    string
		zone  string
		secs  []string
		want  bool
	}{
		{"Unscoped", catalog.Scope{}, catalog.Infrastructure, "port", "", nil, true},
		{"ZoneOwnID", zones, catalog.Zones, "z-a", "", nil, true},
		{"OtherZone", zones, catalog.Zones, "z-b", "", nil, false},
		{"ParcelInZone", zones, catalog.Parcels, "p", "z-a", nil, true},
		{"ParcelElsewhere", zones, catalog.Parcels, "p", "z-b", []string{"logistics"}, false},
		{"ParcelBySector", sectors, catalog.Parcels, "p", "z-b", []string{"high_tech", "logistics"}, true},
		{"ParcelNoSector", sectors, catalog.Parcels, "p", "z-b", nil, false},
		{"ZoneBySectorsOnly", sectors, catalog.Zones, "z-a", "", nil, false},
		{"EitherOne", both, catalog.Parcels, "p", "z-c", []string{"logistics"}, true},
		{"InfrastructureScoped", both, catalog.Infrastructure, "z-a", "z-a", []string{"logistics"}, false},
	}
	for _, tc := range cases {
		if got := tc.scope.Covers(tc.c, tc.id, tc.zone, tc.secs); got != tc.want {
			t.Errorf("%s: %v, want %v", tc.name, got, tc.want)
		}
	}
	if _, err := catalog.NewScope(nil, []string{"mining"}); err == nil {
		t.Error("unknown sector accepted")
	}
	if _, err := catalog.NewScope([]string{"a b"}, nil); err == nil {
		t.Error("bad zone id accepted")
	}
}

func TestChanges(t *testing.T) {
	after := json.RawMessage(`{"publication":"draft","version":1,"properties":{"code":"A"},"geometry":{"type":"Point","coordinates":[1,2]}}`)
	ops, err := catalog.Changes(nil, after)
	if err != nil || len(ops) != 3 || ops[0].Op != "add" || ops[1].Path != "/properties" || string(ops[1].Value) != `{"code":"A"}` {
		t.Fatalf("create: %+v %v", ops, err)
	}
	next := json.RawMessage(`{"publication": "published", "version": 2, "properties": {"a/b": 1}, "geometry": {"type": "Point", "coordinates": [1, 2]}}`)
	ops, err = catalog.Changes(after, next)
	b, _ := json.Marshal(ops)
	want := `[{"op":"replace","path":"/publication","value":"published"},{"op":"add","path":"/properties/a~1b","value":1},{"op":"remove","path":"/properties/code"}]`
	if err != nil || string(b) != want {
		t.Errorf("changes %s %v\nwant %s", b, err, want)
	}
}
