package match_test

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/landcat/landcat/internal/catalog"
	"github.com/landcat/landcat/internal/i18n"
	"github.com/landcat/landcat/internal/match"
	"github.com/landcat/landcat/internal/readmodel"
)

// TestMessages: every sentence and term exists in every language, with
// exactly the placeholders of the English one.
func TestMessages(t *testing.T) {
	if err := match.Messages().Check(); err != nil {
		t.Fatal(err)
	}
}

// sentencesOf collects every sentence of a match answer: explanations,
// exclusion reasons, what groups meet, group names and the funnel.
func sentencesOf(res match.Result) []string {
	var out []string
	for _, r := range res.Results {
		if r.Kind == match.KindAssembly {
			out = append(out, r.Name)
		}
		for _, c := range r.Criteria {
			out = append(out, c.Explanation)
		}
		for _, m := range r.Met {
			out = append(out, m.Message)
		}
	}
	for _, e := range res.Excluded {
		for _, r := range e.Reasons() {
			out = append(out, r.Message)
		}
	}
	for _, f := range res.Funnel {
		out = append(out, f.Message)
	}
	return out
}

var (
	idPattern   = regexp.MustCompile(`[a-z0-9]+(-[a-z0-9]+)+`)
	wordPattern = regexp.MustCompile(`[A-Za-z]{2,}`)
	// allowedLatin are the Latin words a Korean, Japanese or Chinese
	// sentence may hold: units.
	allowedLatin = map[string]bool{"MVA": true, "USD": true, "kV": true, "km": true, "ha": true}
)

// TestSentencesInEveryLanguage renders real matches on the demo catalogue
// (single parcels and assemblies, every exclusion listed) in every
// language: no sentence is empty or left with a placeholder, no English
// leaks into Korean, Japanese or Chinese ones (names and ids aside), and
// numbers are written the language's way.
func TestSentencesInEveryLanguage(t *testing.T) {
	rich := grid3
	rich.props = func(i, j int) map[string]any {
		return map[string]any{"power_capacity_mva": 10.0 + float64(i+j), "power_dual_feed": true, "available_from": fmt.Sprintf("2026-0%d-01", i+j+1),
			"flood_risk": []string{"low", "medium"}[(i+j)%2], "lease_price_usd_m2": 100.0 + float64(i), "water_m3_day": 1500.0}
	}
	grid := gridSnapshot(rich)
	cases := []struct {
		s    *readmodel.Snapshot
		body string
	}{
		{demoSnapshot(t), dataCentreInvestor},
		{demoSnapshot(t), `{"sector":"logistics","requirements":{"available_within_months":6,"zones":["z-dc1","z-dc2"],"min_elevation_m":3,"bonded":true}}`},
		{demoSnapshot(t), `{"requirements":{"zones":["z-dc1","z-dc2","z-tn","z-vsip","z-ndv","z-td3","z-dv"],"ready_built":true,"min_water_m3_day":5000}}`},
		{grid, `{"requirements":{"min_area_ha":35,"min_power_capacity_mva":40,"power_dual_feed":true,"available_by":"2026-12-31",
		  "flood_risk_at_most":"medium","statuses":["available"],"sectors":["data_center"],"zones":["zg"],"max_distance_km":{"seaport":100},
		  "max_lease_price_usd_m2":200,"min_water_m3_day":2000},
		  "weights":{"area_ha":1,"distance_seaport_km":2,"power_capacity_mva":1,"lease_price_usd_m2":1,"water_m3_day":1},"assembly":{}}`},
	}
	groups := 0
	for _, tc := range cases {
		var names []string
		for _, c := range []catalog.Collection{catalog.Zones, catalog.Parcels, catalog.Infrastructure} {
			for _, f := range tc.s.Collection(c) {
				names = append(names, f.ID)
				for _, l := range i18n.Languages {
					names = append(names, f.Name(l))
				}
			}
		}
		slices.SortFunc(names, func(a, b string) int { return len(b) - len(a) }) // longest first
		r := mustParse(t, tc.body)
		r.ExcludedLimit = match.MaxExcludedLimit
		for _, lang := range i18n.Languages {
			r.Lang = lang
			res := match.Match(tc.s, r)
			for _, x := range res.Results {
				if x.Kind == match.KindAssembly {
					groups++
				}
			}
			for _, sentence := range sentencesOf(res) {
				if sentence == "" || strings.Contains(sentence, "{") {
					t.Errorf("%s: %q", lang, sentence)
				}
				if testing.Verbose() && (lang == "vi" || lang == "ko") {
					t.Logf("%s: %s", lang, sentence)
				}
				if lang != "ko" && lang != "ja" && lang != "zh" {
					continue
				}
				rest := sentence
				for _, n := range names {
					rest = strings.ReplaceAll(rest, n, "")
				}
				for _, w := range wordPattern.FindAllString(idPattern.ReplaceAllString(rest, ""), -1) {
					if !allowedLatin[w] {
						t.Errorf("%s: %q in %q", lang, w, sentence)
						break
					}
				}
			}
		}
	}
	if groups == 0 {
		t.Error("no assembly was ranked: the group sentences went untested")
	}
}

// TestNumbersPerLanguage: the same explanation with the language's
// decimal separator.
func TestNumbersPerLanguage(t *testing.T) {
	s := demoSnapshot(t)
	want := map[string]string{
		"vi": "Khoảng cách đến cảng biển gần nhất (Cảng Nam Đình Vũ (giai đoạn 1), port-ndv) là 2,88 km: 1 trên thang từ 40,3 km (0) đến 2,78 km (1) trong 5 địa điểm phù hợp",
		"en": "Nearest seaport (Nam Dinh Vu port phase 1, port-ndv) is 2.88 km away: 1 on a scale from 40.3 km (0) to 2.78 km (1) across the 5 matching sites",
		"ko": "가장 가까운 항만(Nam Dinh Vu port phase 1, port-ndv)까지 2.88 km: 조건에 맞는 부지 5곳 기준 40.3 km(0)부터 2.78 km(1)까지의 척도에서 1",
		"ja": "最寄りの港湾（Nam Dinh Vu port phase 1, port-ndv）まで2.88 km: 条件に合う5か所の用地における40.3 km（0）から2.78 km（1）までの尺度で1",
		"zh": "最近的港口（Nam Dinh Vu port phase 1, port-ndv）距离2.88 km：在5处符合条件的地块中，按40.3 km（0）至2.78 km（1）的区间评分为1",
	}
	for lang, w := range want {
		r := mustParse(t, dataCentreInvestor)
		r.Lang = lang
		res := match.Match(s, r)
		got := ""
		for _, x := range res.Results {
			for _, c := range x.Criteria {
				if x.ID == "hp-dc2-04" && c.Criterion == "distance_seaport_km" {
					got = c.Explanation
				}
			}
		}
		if got != w {
			t.Errorf("%s:\n got %q\nwant %q", lang, got, w)
		}
	}
	r := mustParse(t, `{"requirements":{"min_water_m3_day":1234.5}}`)
	r.Lang, r.ExcludedLimit = "vi", 1000
	for _, e := range match.Match(s, r).Excluded {
		for _, x := range e.Reasons() {
			if !strings.Contains(x.Message, "1.234,5 m³/ngày") {
				t.Errorf("vi: %q", x.Message)
			}
		}
	}
}

// TestProfilesInEveryLanguage: each profile's title, description,
// rationale and what is not modelled are written in every language.
func TestProfilesInEveryLanguage(t *testing.T) {
	en := match.ProfilesIn("en")
	english := regexp.MustCompile(`\b(the|and|of|is|for|with|at|to)\b`)
	for _, lang := range i18n.Languages[2:] {
		for i, p := range match.ProfilesIn(lang) {
			e := en[i]
			texts := append([]string{p.Title, p.Description}, p.NotModelled...)
			if len(p.NotModelled) != len(e.NotModelled) || len(p.Rationale) != len(p.Requirements)+len(p.Weights) {
				t.Errorf("%s %s: %d not modelled, %d reasons", lang, p.Name, len(p.NotModelled), len(p.Rationale))
			}
			for k, v := range p.Rationale {
				if v == "" || v == e.Rationale[k] {
					t.Errorf("%s %s: rationale of %s %q", lang, p.Name, k, v)
				}
				texts = append(texts, v)
			}
			for _, s := range texts {
				if w := english.FindString(s); w != "" || s == "" {
					t.Errorf("%s %s: %q in %q", lang, p.Name, w, s)
				}
			}
		}
	}
	if p := match.Profiles(); p[0].Rationale["statuses"] == "" || p[0].Title != en[0].Title {
		t.Errorf("Profiles is English: %+v", p[0])
	}
}
