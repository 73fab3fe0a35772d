package deploy_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/landcat/landcat/internal/catalog"
	"github.com/landcat/landcat/internal/httpapi"
	"github.com/landcat/landcat/internal/readmodel"
	"github.com/landcat/landcat/internal/store"
	"go.yaml.in/yaml/v4"
)

// exposition is what a real landcat server exports: each metric's label
// names, and the route patterns that its route label takes.
type exposition struct {
	labels map[string]map[string]bool
	routes []string
}

// scrape builds landcat's HTTP API as `landcat serve` does (SQLite, metrics
// on their own handler), sends it a few requests and reads /metrics.
func scrape(t *testing.T) exposition {
	t.Helper()
	ctx := context.Background()
	st, err := store.Open(ctx, "sqlite:"+filepath.Join(t.TempDir(), "landcat.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	if _, err := st.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	model, err := readmodel.Load(ctx, st.Load, time.Now)
	if err != nil {
		t.Fatal(err)
	}
	h, err := httpapi.New(httpapi.Deps{Model: model, Service: &catalog.Service{Store: st, Applied: model.Apply}, Auth: st,
		Ready: st.Ping, Limits: httpapi.DefaultLimits, MetricsElsewhere: true})
	if err != nil {
		t.Fatal(err)
	}
	for _, path := range []string{"/collections", "/collections/parcels/items", "/no-such-page"} {
		h.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest("GET", path, nil))
	}
	w := httptest.NewRecorder()
	h.Metrics().ServeHTTP(w, httptest.NewRequest("GET", "/metrics", nil))
	e := exposition{labels: map[string]map[string]bool{}}
	label := regexp.MustCompile(`([a-zA-Z_][a-zA-Z0-9_]*)="(?:[^"\\]|\\.)*"`)
	for _, line := range strings.Split(w.Body.String(), "\n") {
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		name := line[:strings.IndexAny(line, "{ ")]
		if e.labels[name] == nil {
			e.labels[name] = map[string]bool{}
		}
		if i := strings.IndexByte(line, '{'); i >= 0 {
			for _, m := range label.FindAllStringSubmatch(line[i:strings.LastIndexByte(line, '}')], -1) {
				e.labels[name][m[1]] = true
			}
		}
	}
	for _, r := range h.Routes() {
		e.routes = append(e.routes, r[1])
	}
	return e
}

// targetLabels are added by Prometheus (the scrape's job and instance,
// and what Kubernetes service discovery adds), not by landcat.
var targetLabels = map[string]bool{"job": true, "instance": true, "pod": true, "namespace": true, "service": true, "container": true, "endpoint": true}

// generated are series Prometheus makes itself.
var generated = map[string]map[string]bool{"up": {}}

// promql is what a PromQL expression refers to.
type promql struct {
	metrics  []string
	labels   []string
	matchers [][3]string // label, operator, value
}

var (
	keywords    = map[string]bool{"and": true, "or": true, "unless": true, "bool": true, "offset": true, "inf": true, "nan": true, "atan2": true}
	aggregators = map[string]bool{"sum": true, "avg": true, "min": true, "max": true, "count": true, "stddev": true, "stdvar": true,
		"topk": true, "bottomk": true, "quantile": true, "count_values": true, "group": true, "limitk": true, "limit_ratio": true}
	grouping = map[string]bool{"by": true, "without": true, "on": true, "ignoring": true, "group_left": true, "group_right": true}
)

// parsePromQL finds the metric names and label names of an expression
// (the subset of PromQL a dashboard and alert rules use): enough to check
// them against a real /metrics, not a full parser.
func parsePromQL(t *testing.T, expr string) promql {
	t.Helper()
	var p promql
	s := strings.ReplaceAll(expr, "$__rate_interval", "5m")
	isIdent := func(c byte, first bool) bool {
		return c == '_' || c == ':' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (!first && c >= '0' && c <= '9')
	}
	ident := func(i int) (string, int) {
		j := i
		for j < len(s) && isIdent(s[j], j == i) {
			j++
		}
		return s[i:j], j
	}
	skipSpace := func(i int) int {
		for i < len(s) && (s[i] == ' ' || s[i] == '\n' || s[i] == '\t') {
			i++
		}
		return i
	}
	quoted := func(i int) (string, int) { // s[i] is the quote
		q, j := s[i], i+1
		var b strings.Builder
		for j < len(s) && s[j] != q {
			if s[j] == '\\' && j+1 < len(s) {
				j++
			}
			b.WriteByte(s[j])
			j++
		}
		return b.String(), j + 1
	}
	depth := 0
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == '"' || c == '\'' || c == '`':
			_, i = quoted(i)
		case c == '{':
			i++
			for {
				i = skipSpace(i)
				if i >= len(s) {
					t.Fatalf("%s: unclosed {", expr)
				}
				if s[i] == '}' {
					i++
					break
				}
				if s[i] == ',' {
					i++
					continue
				}
				var name string
				name, i = ident(i)
				i = skipSpace(i)
				op := ""
				for _, o := range []string{"=~", "!~", "!=", "="} {
					if strings.HasPrefix(s[i:], o) {
						op = o
						break
					}
				}
				if name == "" || op == "" {
					t.Fatalf("%s: bad label matcher at %q", expr, s[i:])
				}
				i = skipSpace(i + len(op))
				var value string
				value, i = quoted(i)
				p.labels = append(p.labels, name)
				p.matchers = append(p.matchers, [3]string{name, op, value})
			}
		case c == '[':
			i = strings.IndexByte(s[i:], ']') + i + 1
		case c == '(':
			depth++
			i++
		case c == ')':
			depth--
			i++
		case c >= '0' && c <= '9' || c == '.':
			for i < len(s) && (isIdent(s[i], false) || s[i] == '.') {
				i++
			}
		case isIdent(c, true):
			var word string
			word, i = ident(i)
			next := skipSpace(i)
			switch {
			case grouping[word]:
				if next < len(s) && s[next] == '(' {
					end := strings.IndexByte(s[next:], ')') + next
					for _, l := range strings.Split(s[next+1:end], ",") {
						if l = strings.TrimSpace(l); l != "" {
							p.labels = append(p.labels, l)
						}
					}
					i = end + 1
				}
			case keywords[word] || aggregators[word]:
			case next < len(s) && s[next] == '(':
				// a function
			default:
				p.metrics = append(p.metrics, word)
			}
		default:
			i++
		}
	}
	if depth != 0 {
		t.Errorf("%s: unbalanced parentheses", expr)
	}
	return p
}

// check reports the metric names, labels and route patterns of expr that a
// real landcat does not export.
func (e exposition) check(t *testing.T, where, expr string) promql {
	t.Helper()
	p := parsePromQL(t, expr)
	if len(p.metrics) == 0 {
		t.Errorf("%s: %q names no metric", where, expr)
	}
	have := map[string]bool{}
	for _, m := range p.metrics {
		labels, ok := e.labels[m]
		if !ok {
			labels, ok = generated[m]
		}
		if !ok {
			t.Errorf("%s: metric %s is not in landcat's /metrics", where, m)
		}
		for l := range labels {
			have[l] = true
		}
	}
	for _, l := range p.labels {
		if !have[l] && !targetLabels[l] {
			t.Errorf("%s: label %s is on none of %v", where, l, p.metrics)
		}
	}
	for _, m := range p.matchers {
		if m[0] != "route" {
			continue
		}
		for _, alt := range strings.Split(m[2], "|") {
			if !strings.ContainsAny(alt, `.*+?[]()\`) && !slices.Contains(e.routes, alt) && alt != "unmatched" {
				t.Errorf("%s: route %q is no route of landcat's", where, alt)
			}
		}
	}
	return p
}

// TestDashboard checks the Grafana dashboard: every query names metrics and
// labels that a real landcat exports, and it shows what operators need.
func TestDashboard(t *testing.T) {
	e := scrape(t)
	b, err := os.ReadFile("observability/grafana-dashboard.json")
	if err != nil {
		t.Fatal(err)
	}
	var d struct {
		UID, Title    string
		SchemaVersion int
		Templating    struct {
			List []struct {
				Name, Type, Definition string
			}
		}
		Panels []struct {
			ID         int
			Type       string
			Title      string
			Datasource struct{ UID string }
			GridPos    struct{ X, Y, W, H int }
			Targets    []struct{ Expr, RefID string }
		}
	}
	if err := json.Unmarshal(b, &d); err != nil {
		t.Fatalf("grafana-dashboard.json: %v", err)
	}
	if d.UID == "" || d.Title == "" || d.SchemaVersion < 36 {
		t.Errorf("uid %q title %q schemaVersion %d", d.UID, d.Title, d.SchemaVersion)
	}
	used := map[string]bool{}
	ids := map[int]bool{}
	var exprs []string
	for _, v := range d.Templating.List {
		if v.Type == "query" {
			m := regexp.MustCompile(`^label_values\(([a-zA-Z_:][a-zA-Z0-9_:]*)\s*,\s*([a-zA-Z_]+)\)$`).FindStringSubmatch(v.Definition)
			if m == nil || e.labels[m[1]] == nil || !(e.labels[m[1]][m[2]] || targetLabels[m[2]]) {
				t.Errorf("variable %s: %q", v.Name, v.Definition)
			}
		}
	}
	for _, p := range d.Panels {
		if ids[p.ID] {
			t.Errorf("panel id %d twice", p.ID)
		}
		ids[p.ID] = true
		if p.GridPos.X+p.GridPos.W > 24 || p.GridPos.W == 0 || p.GridPos.H == 0 {
			t.Errorf("panel %q: gridPos %+v", p.Title, p.GridPos)
		}
		if p.Type == "row" {
			continue
		}
		if p.Datasource.UID != "${datasource}" || len(p.Targets) == 0 {
			t.Errorf("panel %q: datasource %q, %d queries", p.Title, p.Datasource.UID, len(p.Targets))
		}
		for _, q := range p.Targets {
			for _, m := range e.check(t, "panel "+p.Title, q.Expr).metrics {
				used[m] = true
			}
			exprs = append(exprs, q.Expr)
		}
	}
	for _, m := range []string{"landcat_http_requests_total", "landcat_http_request_duration_seconds_bucket", "landcat_catalogue_revision",
		"landcat_snapshot_age_seconds", "landcat_features", "landcat_rate_limited_total", "landcat_database_up",
		"process_resident_memory_bytes", "go_memstats_heap_inuse_bytes"} {
		if !used[m] {
			t.Errorf("the dashboard does not show %s", m)
		}
	}
	all := strings.Join(exprs, "\n")
	for _, want := range []string{"histogram_quantile(0.5,", "histogram_quantile(0.99,", `status=~"5.."`, "sum by (route, status)"} {
		if !strings.Contains(all, want) {
			t.Errorf("the dashboard has no query with %s", want)
		}
	}
}

// TestAlertRules checks alerts.yaml as Prometheus would load it (the rule
// file format; promtool is not packaged small enough to install here) and
// every metric and label in it against a real landcat's /metrics.
func TestAlertRules(t *testing.T) {
	e := scrape(t)
	b, err := os.ReadFile("observability/alerts.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var f struct {
		Groups []struct {
			Name     string
			Interval string
			Rules    []map[string]any
		}
	}
	dec := yaml.NewDecoder(strings.NewReader(string(b)))
	dec.KnownFields(true)
	if err := dec.Decode(&f); err != nil {
		t.Fatalf("alerts.yaml: %v", err)
	}
	if len(f.Groups) == 0 {
		t.Fatal("alerts.yaml: no groups")
	}
	duration := regexp.MustCompile(`^([0-9]+(ms|s|m|h|d|w|y))+$`)
	names := map[string]bool{}
	used := map[string]bool{}
	var exprs []string
	for _, g := range f.Groups {
		if g.Name == "" || names["group "+g.Name] || len(g.Rules) == 0 {
			t.Errorf("group %q: a unique name and rules, please", g.Name)
		}
		names["group "+g.Name] = true
		for i, r := range g.Rules {
			where := fmt.Sprintf("group %s rule %d", g.Name, i)
			for k := range r {
				if !slices.Contains([]string{"alert", "record", "expr", "for", "keep_firing_for", "labels", "annotations"}, k) {
					t.Errorf("%s: unknown field %q", where, k)
				}
			}
			alert, _ := r["alert"].(string)
			expr, _ := r["expr"].(string)
			if alert == "" || r["record"] != nil || expr == "" {
				t.Errorf("%s: want an alert with an expr (no recording rules here)", where)
				continue
			}
			where = "alert " + alert
			if names[alert] {
				t.Errorf("%s twice", where)
			}
			names[alert] = true
			if d, _ := r["for"].(string); !duration.MatchString(d) {
				t.Errorf("%s: for %q is no Prometheus duration", where, r["for"])
			}
			labels, _ := r["labels"].(map[string]any)
			if !slices.Contains([]any{"critical", "warning", "info"}, labels["severity"]) {
				t.Errorf("%s: severity %v", where, labels["severity"])
			}
			ann, _ := r["annotations"].(map[string]any)
			for _, k := range []string{"summary", "description"} {
				v, _ := ann[k].(string)
				if v == "" || strings.Count(v, "{{") != strings.Count(v, "}}") {
					t.Errorf("%s: annotation %s %q", where, k, v)
				}
			}
			for _, m := range e.check(t, where, expr).metrics {
				used[m] = true
			}
			exprs = append(exprs, expr)
		}
	}
	for _, m := range []string{"landcat_http_requests_total", "landcat_database_up", "landcat_catalogue_revision", "landcat_rate_limited_total"} {
		if !used[m] {
			t.Errorf("no alert on %s", m)
		}
	}
	if !strings.Contains(strings.Join(exprs, "\n"), `status=~"5.."`) {
		t.Error("no alert on the 5xx rate")
	}
}

// TestParsePromQL pins the expression reader the two tests above rely on.
func TestParsePromQL(t *testing.T) {
	p := parsePromQL(t, `(max by (job) (a_total{x="1", route=~"/a|/b"}) - on (job) group_right () b) > 0 and on (job, instance) changes(c[10m]) == 0 offset 5m`)
	if !slices.Equal(p.metrics, []string{"a_total", "b", "c"}) {
		t.Errorf("metrics %v", p.metrics)
	}
	if !slices.Equal(p.labels, []string{"job", "x", "route", "job", "job", "instance"}) {
		t.Errorf("labels %v", p.labels)
	}
	if p.matchers[1] != [3]string{"route", "=~", "/a|/b"} {
		t.Errorf("matchers %v", p.matchers)
	}
}
