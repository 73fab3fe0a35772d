package httpapi_test

import (
	"bytes"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/landcat/landcat/internal/catalog"
	"github.com/landcat/landcat/internal/httpapi"
	"github.com/landcat/landcat/internal/pipeline"
	"github.com/landcat/landcat/internal/testdb"
)

func testPrivacy(t *testing.T, e *env, lead string) {
	problemOf(t, e.req(t, "DELETE", "/leads/"+lead+"/contact", catalog.RolePublisher, ""), 403)
	if w := e.req(t, "DELETE", "/leads/"+lead+"/contact", catalog.RoleAdmin, ""); w.Code != 204 {
		t.Fatalf("erase: %d %s", w.Code, w.Body)
	}
	l := jsonOf(t, e.req(t, "GET", "/leads/"+lead, catalog.RoleEditor, ""), 200)
	if l["contact"] != nil || l["erased_at"] == nil || l["company"] != "Hanbit Logistics" || l["stage"] != "sublease_signed" {
		t.Errorf("the person goes, the business facts stay: %v", l)
	}
	ref := jsonOf(t, e.pj(t, "POST", "/inquiries", 0, inquiry(e.form(t), "keep@until.example", `["p-3"]`)), 201)["reference"]
	e.clock.Add(pipeline.DefaultRetention + 24*time.Hour)
	if err := (&pipeline.Jobs{Service: e.pl}).RunOnce(t.Context()); err != nil {
		t.Fatal(err)
	}
	for _, x := range jsonOf(t, e.req(t, "GET", "/leads", catalog.RoleViewer, ""), 200)["leads"].([]any) {
		if m := x.(map[string]any); m["reference"] == ref && m["erased_at"] == nil {
			t.Errorf("personal data past its retention period is erased: %v", m)
		}
	}
}

// TestPipelineRateLimit: inquiries spend the public_write budget.
func TestPipelineRateLimit(t *testing.T) {
	limits, err := httpapi.ParseLimits("public_write=1/min:1")
	if err != nil {
		t.Fatal(err)
	}
	e := newEnv(t, testdb.SQLite(t), withDeps(func(d *httpapi.Deps) { d.Limits = limits }))
	token := e.form(t)
	jsonOf(t, e.pj(t, "POST", "/inquiries", 0, inquiry(token, "one@a.example", `["p-1"]`)), 201)
	problemOf(t, e.pj(t, "POST", "/inquiries", 0, inquiry(token, "two@a.example", `["p-1"]`)), 429)
}

// TestPipelineLogsNothingPersonal: the request log at debug level holds
// neither an investor's data nor a calendar token.
func TestPipelineLogsNothingPersonal(t *testing.T) {
	var buf bytes.Buffer
	log := slog.New(slog.NewTextHandler(&buf, &slog.HandlerOptions{Level: slog.LevelDebug}))
	e := newEnv(t, testdb.SQLite(t), withDeps(func(d *httpapi.Deps) { d.Log = log }))
	e.officers(t)
	jsonOf(t, e.pj(t, "POST", "/inquiries", 0, inquiry(e.form(t), "secret.person@hanbit.example", `["p-1"]`)), 201)
	jsonOf(t, e.req(t, "GET", "/leads/1", catalog.RoleEditor, ""), 200)
	tok := jsonOf(t, e.req(t, "POST", "/officers/off-a/calendar-token", catalog.RoleEditor, ""), 201)["token"].(string)
	e.req(t, "GET", "/officers/off-a/calendar.ics?token="+tok, 0, "")
	e.req(t, "GET", "/auth/callback?code=abc123secret&state=xyz", 0, "")
	out := buf.String()
	for _, secret := range []string{"secret.person", "Kim Min-jun", "1234 5678", tok, "abc123secret"} {
		if strings.Contains(out, secret) {
			t.Errorf("the log holds %q:\n%s", secret, out)
		}
	}
	if !strings.Contains(out, "calendar.ics?token=REDACTED") {
		t.Errorf("the feed request is logged without its token:\n%s", out)
	}
}
