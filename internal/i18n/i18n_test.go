package i18n_test

import (
	"strings"
	"testing"

	"github.com/landcat/landcat/internal/i18n"
)

func TestNum(t *testing.T) {
	cases := []struct {
		v              float64
		vi, en, ko, zh string
	}{
		{0, "0", "0", "0", "0"},
		{12, "12", "12", "12", "12"},
		{2.5, "2,5", "2.5", "2.5", "2.5"},
		{1234.5, "1.234,5", "1,234.5", "1,234.5", "1,234.5"},
		{-1234567, "-1.234.567", "-1,234,567", "-1,234,567", "-1,234,567"},
		{100000, "100.000", "100,000", "100,000", "100,000"},
		{0.125, "0,125", "0.125", "0.125", "0.125"},
	}
	for _, c := range cases {
		for l, want := range map[i18n.Lang]string{i18n.VI: c.vi, i18n.EN: c.en, i18n.KO: c.ko, i18n.ZH: c.zh} {
			if got := l.Num(c.v); got != want {
				t.Errorf("%s Num(%v) = %q, want %q", l, c.v, got, want)
			}
		}
	}
	if got := i18n.VI.Int(12345); got != "12.345" {
		t.Errorf("vi Int = %q", got)
	}
}

func TestQuantity(t *testing.T) {
	cases := []struct {
		l    i18n.Lang
		v    float64
		unit string
		want string
	}{
		{i18n.VI, 1234.5, "m³/day", "1.234,5 m³/ngày"},
		{i18n.EN, 1234.5, "m³/day", "1,234.5 m³/day"},
		{i18n.KO, 21.83, "years", "21.83년"},
		{i18n.JA, 6, "months", "6か月"},
		{i18n.ZH, 6, "months", "6个月"},
		{i18n.EN, 1, "years", "1 year"},
		{i18n.EN, 120, "MVA", "120 MVA"},
		{i18n.VI, 2.5, "km", "2,5 km"},
		{i18n.JA, 150, "USD/m²/term", "150 USD/m²/賃借期間"},
		{i18n.EN, 3, "", "3"},
		{i18n.EN, 3, "furlongs", "3 furlongs"},
	}
	for _, c := range cases {
		if got := c.l.Quantity(c.v, c.unit); got != c.want {
			t.Errorf("%s Quantity(%v, %q) = %q, want %q", c.l, c.v, c.unit, got, c.want)
		}
	}
}

func TestDate(t *testing.T) {
	want := map[i18n.Lang]string{i18n.VI: "05/01/2027", i18n.EN: "5 January 2027", i18n.KO: "2027년 1월 5일",
		i18n.JA: "2027年1月5日", i18n.ZH: "2027年1月5日"}
	for l, w := range want {
		if got := l.Date("2027-01-05"); got != w {
			t.Errorf("%s Date = %q, want %q", l, got, w)
		}
	}
	if got := i18n.VI.Date("soon"); got != "soon" {
		t.Errorf("not a date: %q", got)
	}
}

func TestList(t *testing.T) {
	abc := []string{"A", "B", "C"}
	want := map[i18n.Lang][2]string{
		i18n.VI: {"A, B và C", "A, B hoặc C"},
		i18n.EN: {"A, B and C", "A, B or C"},
		i18n.KO: {"A, B 및 C", "A, B 또는 C"},
		i18n.JA: {"A、B、C", "A、BまたはC"},
		i18n.ZH: {"A、B和C", "A、B或C"},
	}
	for l, w := range want {
		if got := l.List(abc); got != w[0] {
			t.Errorf("%s List = %q, want %q", l, got, w[0])
		}
		if got := l.Or(abc); got != w[1] {
			t.Errorf("%s Or = %q, want %q", l, got, w[1])
		}
		if l.List([]string{"A"}) != "A" || l.List(nil) != "" {
			t.Errorf("%s: one or no item", l)
		}
	}
}

func TestParse(t *testing.T) {
	for i, code := range i18n.Languages {
		if l, ok := i18n.Parse(code); !ok || int(l) != i || l.String() != code {
			t.Errorf("Parse(%q) = %v, %v", code, l, ok)
		}
	}
	if l, ok := i18n.Parse("xx"); ok || l != i18n.Default || i18n.Default.String() != "vi" {
		t.Errorf("Parse(xx) = %v, %v", l, ok)
	}
}

func testCatalogue() *i18n.Catalogue {
	return i18n.NewCatalogue(map[string]i18n.Texts{
		"en": {"below": "{value} is below the required {limit}", "plain": "No placeholder", "brace": "a {not a name} {x}"},
		"vi": {"below": "{value} thấp hơn mức yêu cầu {limit}", "plain": "Không", "brace": "{x} {"},
		"ko": {"below": "{value}: 요구 {limit} 미만", "plain": "없음", "brace": "{x}"},
		"ja": {"below": "{value}は要件の{limit}を下回ります", "plain": "なし", "brace": "{x}"},
		"zh": {"below": "{value}低于要求的{limit}", "plain": "无", "brace": "{x}"},
	})
}

func TestText(t *testing.T) {
	c := testCatalogue()
	if err := c.Check(); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		l    i18n.Lang
		id   string
		args []string
		want string
	}{
		{i18n.EN, "below", []string{"value", "20 MVA", "limit", "40 MVA"}, "20 MVA is below the required 40 MVA"},
		{i18n.VI, "below", []string{"limit", "40 MVA", "value", "20 MVA"}, "20 MVA thấp hơn mức yêu cầu 40 MVA"},
		{i18n.JA, "below", []string{"value", "20 MVA"}, "20 MVAは要件の{limit}を下回ります"},
		{i18n.ZH, "plain", nil, "无"},
		{i18n.EN, "brace", []string{"x", "1"}, "a {not a name} 1"},
		{i18n.KO, "nowhere", nil, "nowhere"},
	}
	for _, tc := range cases {
		if got := c.Printer(tc.l).Text(tc.id, tc.args...); got != tc.want {
			t.Errorf("%s %s = %q, want %q", tc.l, tc.id, got, tc.want)
		}
	}
	var zero i18n.Printer
	if zero.Text("below") != "below" {
		t.Error("the zero Printer")
	}
}

func TestCheck(t *testing.T) {
	c := i18n.NewCatalogue(map[string]i18n.Texts{
		"en": {"a": "{value} and {limit}", "b": "B"},
		"vi": {"a": "{value} và {lim}", "b": "B", "c": "extra"},
		"ko": {"a": "{value} {limit}"},
		"ja": {"a": "{value}{limit}", "b": " "},
	})
	err := c.Check()
	if err == nil {
		t.Fatal("no error")
	}
	for _, want := range []string{`vi: "a" has placeholders [lim value]`, `vi: "c" is not an English message`,
		`ko: "b" is missing`, `ja: "b" is empty`, `zh: "a" is missing`} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("%v\nlacks %s", err, want)
		}
	}
}

func BenchmarkText(b *testing.B) {
	p := testCatalogue().Printer(i18n.VI)
	b.ReportAllocs()
	for b.Loop() {
		_ = p.Text("below", "value", p.Quantity(1234.5, "m³/day"), "limit", p.Quantity(2000, "m³/day"))
	}
}
