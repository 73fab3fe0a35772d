package match_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/landcat/landcat/internal/catalog"
	"github.com/landcat/landcat/internal/match"
	"github.com/landcat/landcat/internal/readmodel"
)

// badRequest parses body against zones and returns its problems, failing
// the test unless the answer is a bad request.
func badRequest(t *testing.T, body string, zones match.ZoneSet) []catalog.Problem {
	t.Helper()
	_, err := match.ParseRequest([]byte(body), zones)
	var e *catalog.Error
	if !errors.As(err, &e) || e.Kind != catalog.KindBadRequest {
		t.Fatalf("want a bad request, got %v", err)
	}
	return e.Problems
}

func TestListCaps(t *testing.T) {
	cases := []struct{ name, body, pointer, message string }{
		{"TooManyZones", `{"requirements":{"zones":[` + zoneList("z-", match.MaxZones+1) + `]}}`,
			"/requirements/zones", "lists 201 zones; at most 200 are accepted"},
		{"TooManyStatuses", `{"requirements":{"statuses":["available","available","leased","reserved","in_preparation"]}}`,
			"/requirements/statuses", "lists 5 statuses; at most 4 are accepted"},
		{"UnknownStatus", `{"requirements":{"statuses":["available","sold"]}}`,
			"/requirements/statuses/1", `"sold" is not a known parcel status; use available, reserved, leased, in_preparation`},
		{"UnknownSector", `{"requirements":{"sectors":["logistics","mining"]}}`,
			"/requirements/sectors/1", `"mining" is not a known sector; use `},
		{"BadZoneID", `{"requirements":{"zones":["z-a","z vsip"]}}`, "/requirements/zones/1", `"z vsip" is not a zone id`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			probs := badRequest(t, c.body, nil)
			if len(probs) != 1 || probs[0].Pointer != c.pointer || !strings.HasPrefix(probs[0].Message, c.message) {
				t.Errorf("got %+v, want one problem at %s: %s…", probs, c.pointer, c.message)
			}
		})
	}
}

// TestUnknownZones: zone ids are checked against the zone set; unknown
// ones are named at their index, the first ten, and the rest counted.
func TestUnknownZones(t *testing.T) {
	published := match.PublishedZones(demoSnapshot(t))
	probs := badRequest(t, `{"requirements":{"zones":["z-vsip","z-made-up","z-dc1"]}}`, published)
	if len(probs) != 1 || probs[0].Pointer != "/requirements/zones/1" || !strings.Contains(probs[0].Message, `"z-made-up" is not a published zone`) {
		t.Errorf("one unknown zone: %+v", probs)
	}
	probs = badRequest(t, `{"requirements":{"zones":["z-vsip",`+zoneList("zz-", 150)+`]}}`, published)
	if len(probs) != 11 || probs[0].Pointer != "/requirements/zones" ||
		probs[0].Message != "150 of the 151 zones are unknown; the first 10 are named one by one" ||
		probs[1].Pointer != "/requirements/zones/1" || probs[10].Pointer != "/requirements/zones/9" {
		t.Errorf("150 unknown zones: %d problems %+v", len(probs), probs)
	}
	if _, err := match.ParseRequest([]byte(`{"requirements":{"zones":["z-vsip","z-dc1"]}}`), published); err != nil {
		t.Errorf("published zones: %v", err)
	}
}

// TestDraftZoneIsUnknown: a zone that is not published is not in
// PublishedZones.
func TestDraftZoneIsUnknown(t *testing.T) {
	feats := demoFeatures(t)
	for _, f := range feats {
		if f.ID == "z-vsip" {
			f.Publication = catalog.Draft
		}
	}
	zones := match.PublishedZones(readmodel.Build(feats, int64(len(feats)), now))
	if zones("z-vsip") || !zones("z-dc1") || zones("hp-vsip-01") {
		t.Errorf("draft z-vsip %v, published z-dc1 %v, parcel id %v", zones("z-vsip"), zones("z-dc1"), zones("hp-vsip-01"))
	}
}

func TestWeightBounds(t *testing.T) {
	for _, w := range []string{"1e308", "1001", "-1", `"1"`} {
		probs := badRequest(t, `{"weights":{"area_ha":`+w+`}}`, nil)
		if len(probs) != 1 || probs[0].Pointer != "/weights/area_ha" || !strings.Contains(probs[0].Message, "from 0 to 1000") {
			t.Errorf("weight %s: %+v", w, probs)
		}
	}
	if _, err := match.ParseRequest([]byte(`{"weights":{"area_ha":1000,"lease_price_usd_m2":0.000001}}`), nil); err != nil {
		t.Errorf("weights at the bounds: %v", err)
	}
}

// TestWithinVertices: an area of more than 10,000 vertices (or rings
// standing for them) is refused before it is validated.
func TestWithinVertices(t *testing.T) {
	if _, err := match.ParseRequest([]byte(`{"requirements":{"within":`+circle(9999)+`}}`), nil); err != nil {
		t.Fatalf("10,000 vertices: %v", err)
	}
	probs := badRequest(t, `{"requirements":{"within":`+circle(10000)+`}}`, nil)
	if len(probs) != 1 || probs[0].Pointer != "/requirements/within/coordinates" || !strings.HasPrefix(probs[0].Message, "has more than 10000 positions") {
		t.Errorf("10,001 vertices: %+v", probs)
	}
	rings := strings.Repeat("[],", 3000)
	probs = badRequest(t, `{"requirements":{"within":{"type":"Polygon","coordinates":[`+rings+`[]]}}}`, nil)
	if len(probs) != 1 || !strings.HasPrefix(probs[0].Message, "has 12,004 positions counting at least 4 a ring") {
		t.Errorf("3,001 empty rings: %+v", probs)
	}
}

// TestProblemsCapped: however many problems a body has, a bounded number
// is listed, the rest counted, and a caller's strings are clipped.
func TestProblemsCapped(t *testing.T) {
	var b strings.Builder
	b.WriteString(`{"weights":{`)
	for i := range 5000 {
		fmt.Fprintf(&b, `"w%d":1,`, i)
	}
	b.WriteString(`"` + strings.Repeat("k", 100000) + `":1}}`)
	probs := badRequest(t, b.String(), nil)
	size := 0
	for _, p := range probs {
		size += len(p.Pointer) + len(p.Message)
	}
	last := probs[len(probs)-1]
	if len(probs) != 51 || last.Message != "4951 more problems not listed" || size > 50_000 {
		t.Errorf("%d problems, %d bytes, last %+v", len(probs), size, last)
	}
	probs = badRequest(t, `{"sector":"`+strings.Repeat("x", 100000)+`"}`, nil)
	if len(probs[0].Message) > 500 {
		t.Errorf("a long sector is quoted whole: %d bytes", len(probs[0].Message))
	}
}
