package pipeline

import (
	"testing"
	"time"
)

func TestRoute(t *testing.T) {
	rules := []Rule{{ID: 1, OfficerID: "fallback"}, {ID: 2, Sector: "logistics", OfficerID: "log"}, {ID: 3, ZoneID: "z-a", OfficerID: "za"},
		{ID: 4, Sector: "logistics", ZoneID: "z-a", OfficerID: "log-za"}, {ID: 5, ZoneID: "z-a", OfficerID: "za-later"}}
	for _, c := range []struct{ sector, zone, want string }{
		{"logistics", "z-a", "log-za"}, {"high_tech", "z-a", "za"}, {"logistics", "z-b", "log"}, {"energy", "", "fallback"},
	} {
		if got := route(rules, c.sector, c.zone); got == nil || got.OfficerID != c.want {
			t.Errorf("%s in %s: %v, want %s", c.sector, c.zone, got, c.want)
		}
	}
	if route(rules[1:2], "energy", "") != nil {
		t.Errorf("no rule matches: nil")
	}
}

func TestCheckMove(t *testing.T) {
	for _, c := range []struct {
		from, to Stage
		ok       bool
	}{{Inquiry, SiteVisit, true}, {Qualified, Inquiry, false}, {MoU, Lost, true}, {Lost, Qualified, false}, {Operating, Lost, false}, {SiteVisit, SiteVisit, true}} {
		if err := checkMove(c.from, c.to); (err == nil) != c.ok {
			t.Errorf("%s → %s: %v", c.from, c.to, err)
		}
	}
}

func TestFormToken(t *testing.T) {
	secret, now := []byte("k"), time.Unix(1_800_000_000, 0)
	tok := formToken(secret, now)
	for _, c := range []struct {
		token string
		at    time.Duration
		ok    bool
	}{{tok, time.Second, false}, {tok, 5 * time.Second, true}, {tok, 3 * time.Hour, false}, {tok + "x", 5 * time.Second, false}, {"garbage", 5 * time.Second, false}} {
		if msg := checkFormToken(secret, c.token, now.Add(c.at)); (msg == "") != c.ok {
			t.Errorf("%q after %s: %q", c.token, c.at, msg)
		}
	}
	if checkFormToken([]byte("other"), tok, now.Add(5*time.Second)) == "" {
		t.Errorf("a token signed with another secret")
	}
}

func TestWorkingDaysAndReference(t *testing.T) {
	fri := time.Date(2026, 7, 3, 10, 0, 0, 0, ICT)
	if got := addWorkingDays(fri, 2); got != "2026-07-07" {
		t.Errorf("Friday + 2 working days: %s", got)
	}
	seen := map[string]bool{}
	for range 1000 {
		ref := newReference(fri)
		if len(ref) != 12 || ref[:8] != "HP-2026-" {
			t.Fatalf("reference %q", ref)
		}
		seen[ref] = true
	}
	if len(seen) < 980 {
		t.Errorf("references repeat too often: %d distinct of 1000", len(seen))
	}
}
