package httpapi_test

import (
	"encoding/json"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"

	"github.com/landcat/landcat/internal/testdb"
)

// langAnswer is what these tests read of a match answer: every sentence.
type langAnswer struct {
	Results []struct {
		Name     string
		Criteria []struct{ Explanation string }
	}
	Excluded []struct {
		Reasons []struct{ Message string }
	}
	Funnel []struct{ Message string }
}

func (a langAnswer) sentences() []string {
	var out []string
	for _, r := range a.Results {
		for _, c := range r.Criteria {
			out = append(out, c.Explanation)
		}
	}
	for _, x := range a.Excluded {
		for _, r := range x.Reasons {
			out = append(out, r.Message)
		}
	}
	for _, f := range a.Funnel {
		out = append(out, f.Message)
	}
	return out
}

var (
	hangul   = regexp.MustCompile(`\p{Hangul}`)
	kana     = regexp.MustCompile(`[\p{Hiragana}\p{Katakana}]`)
	han      = regexp.MustCompile(`\p{Han}`)
	viet     = regexp.MustCompile(`[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]`)
	englishW = regexp.MustCompile(`\b(the|is|required|parcels?|scale|below|matching)\b`)
)

// TestMatchLanguages: POST /match and GET /match/profiles write their
// sentences in the negotiated language (?lang=, then Accept-Language,
// Vietnamese by default), say so in Content-Language, vary on
// Accept-Language, and refuse an unknown lang with a problem. Through the
// real router, on both databases.
func TestMatchLanguages(t *testing.T) {
	for _, tc := range testdb.Cases() {
		t.Run(tc.Name, func(t *testing.T) {
			e := newEnv(t, tc.URL(t))
			body := `{"requirements":{"min_power_capacity_mva":50,"statuses":["available","reserved","leased"]},"weights":{"lease_price_usd_m2":1}}`
			post := func(query string, headers ...string) (*httptest.ResponseRecorder, langAnswer) {
				w := e.req(t, "POST", "/match"+query, 0, body, append([]string{"Content-Type", "application/json"}, headers...)...)
				var a langAnswer
				if err := json.Unmarshal(w.Body.Bytes(), &a); err != nil || w.Code != 200 {
					t.Fatalf("%s: %d %v %s", query, w.Code, err, w.Body)
				}
				if len(a.Results) == 0 || len(a.Excluded) == 0 || len(a.Funnel) == 0 {
					t.Fatalf("%s: %s", query, w.Body)
				}
				return w, a
			}
			cases := []struct {
				name, query string
				headers     []string
				lang        string
				script      *regexp.Regexp
			}{
				{"Default", "", nil, "vi", viet},
				{"QueryKo", "?lang=ko", []string{"Accept-Language", "ja"}, "ko", hangul},
				{"AcceptJa", "", []string{"Accept-Language", "ja-JP,ja;q=0.9,en;q=0.5"}, "ja", kana},
				{"QueryZh", "?lang=zh", nil, "zh", han},
				{"QueryEn", "?lang=en", nil, "en", englishW},
			}
			for _, c := range cases {
				w, a := post(c.query, c.headers...)
				if got := w.Header().Get("Content-Language"); got != c.lang {
					t.Errorf("%s: Content-Language %q, want %q", c.name, got, c.lang)
				}
				if !strings.Contains(strings.Join(w.Header().Values("Vary"), ","), "Accept-Language") {
					t.Errorf("%s: Vary %v", c.name, w.Header().Values("Vary"))
				}
				for _, s := range a.sentences() {
					if !c.script.MatchString(s) {
						t.Errorf("%s: %q is not in %s", c.name, s, c.lang)
					}
					if c.lang != "en" && englishW.MatchString(s) {
						t.Errorf("%s: English in %q", c.name, s)
					}
				}
			}
			p := problemOf(t, e.req(t, "POST", "/match?lang=xx", 0, body, "Content-Type", "application/json"), 400)
			if !strings.Contains(pointers(p)+" "+p["detail"].(string), "lang") {
				t.Errorf("lang=xx: %v", p)
			}
			testProfilesLanguages(t, e)
		})
	}
}

func testProfilesLanguages(t *testing.T, e *env) {
	get := func(query string, headers ...string) (*httptest.ResponseRecorder, string) {
		w := e.req(t, "GET", "/match/profiles"+query, 0, "", headers...)
		var body struct{ Profiles []struct{ Title string } }
		if err := json.Unmarshal(w.Body.Bytes(), &body); err != nil || w.Code != 200 || len(body.Profiles) != 4 {
			t.Fatalf("profiles%s: %d %v %.200s", query, w.Code, err, w.Body)
		}
		return w, body.Profiles[0].Title
	}
	en, enTitle := get("?lang=en")
	zh, zhTitle := get("?lang=zh")
	ko, koTitle := get("", "Accept-Language", "ko-KR")
	vi, viTitle := get("")
	for _, c := range []struct {
		w      *httptest.ResponseRecorder
		title  string
		lang   string
		script *regexp.Regexp
	}{{en, enTitle, "en", englishW}, {zh, zhTitle, "zh", han}, {ko, koTitle, "ko", hangul}, {vi, viTitle, "vi", viet}} {
		if c.w.Header().Get("Content-Language") != c.lang || !strings.Contains(strings.Join(c.w.Header().Values("Vary"), ","), "Accept-Language") {
			t.Errorf("profiles %s: %v", c.lang, c.w.Header())
		}
		if c.lang != "en" && !c.script.MatchString(c.title) {
			t.Errorf("profiles %s: title %q", c.lang, c.title)
		}
	}
	if en.Header().Get("ETag") == zh.Header().Get("ETag") || ko.Header().Get("ETag") == vi.Header().Get("ETag") {
		t.Errorf("one ETag for two languages: %q %q %q %q", en.Header().Get("ETag"), zh.Header().Get("ETag"), ko.Header().Get("ETag"), vi.Header().Get("ETag"))
	}
	problemOf(t, e.req(t, "GET", "/match/profiles?lang=xx", 0, ""), 400)
}
