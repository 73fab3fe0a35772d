package httpapi_test

import (
	"encoding/json"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"github.com/landcat/landcat/internal/catalog"
)

// testClock is the pipeline's clock in tests: fixed until moved.
type testClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *testClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *testClock) Add(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

// pj is a JSON request.
func (e *env) pj(t *testing.T, method, path string, role catalog.Role, body string, headers ...string) *httptest.ResponseRecorder {
	t.Helper()
	return e.req(t, method, path, role, body, append([]string{"Content-Type", "application/json"}, headers...)...)
}

// jsonOf checks the status and decodes a JSON answer.
func jsonOf(t *testing.T, w *httptest.ResponseRecorder, status int) map[string]any {
	t.Helper()
	if w.Code != status {
		t.Fatalf("status %d, want %d: %s", w.Code, status, w.Body)
	}
	var out map[string]any
	if err := json.Unmarshal(w.Body.Bytes(), &out); err != nil {
		t.Fatalf("decode: %v\n%s", err, w.Body)
	}
	return out
}

// subject is the subject of a role's test key (GET /me).
func (e *env) subject(t *testing.T, role catalog.Role) string {
	t.Helper()
	return jsonOf(t, e.req(t, "GET", "/me", role, ""), 200)["subject"].(string)
}

// officers registers the test officials: off-a (the editor key, unit
// u1), off-lead (the publisher key, leader of u1), off-b (no credentials,
// unit u2), and the rules: logistics in z-a to off-a, else off-b.
func (e *env) officers(t *testing.T) {
	t.Helper()
	for _, body := range []string{
		`{"id":"off-a","name":"Nguyễn Văn A","unit":"u1","email":"a@xuctien.haiphong.gov.vn","subject":"` + e.subject(t, catalog.RoleEditor) + `"}`,
		`{"id":"off-lead","name":"Trần Thị Lãnh Đạo","unit":"u1","leader":true,"subject":"` + e.subject(t, catalog.RolePublisher) + `"}`,
		`{"id":"off-b","name":"Lê Văn B","unit":"u2","email":"b@xuctien.haiphong.gov.vn"}`,
	} {
		jsonOf(t, e.pj(t, "POST", "/officers", catalog.RoleAdmin, body), 201)
	}
	jsonOf(t, e.pj(t, "POST", "/routing-rules", catalog.RoleAdmin, `{"sector":"logistics","zone_id":"z-a","officer":"off-a","response_days":3}`), 201)
	jsonOf(t, e.pj(t, "POST", "/routing-rules", catalog.RoleAdmin, `{"officer":"off-b"}`), 201)
}

// form fetches an inquiry form and lets its minimum fill time pass.
func (e *env) form(t *testing.T) string {
	t.Helper()
	f := jsonOf(t, e.req(t, "GET", "/inquiries/form", 0, ""), 200)
	e.clock.Add(5 * time.Second)
	return f["form_token"].(string)
}

// inquiry is a valid inquiry body about parcels with this e-mail.
func inquiry(token, email, parcels string) string {
	return `{"form_token":"` + token + `","parcels":` + parcels + `,"contact":{"name":"Kim Min-jun","email":"` + email + `","phone":"+82 10 1234 5678"},
	"company":"Hanbit Logistics","sector":"logistics","area_ha":12,"timing":"2027 Q1","consent":{"accepted":true,"text_version":"2026-07-01"}}`
}

func (e *env) today(days int) string {
	return e.clock.Now().In(time.FixedZone("ICT", 7*3600)).AddDate(0, 0, days).Format(time.DateOnly)
}

func (e *env) parcelStatus(t *testing.T, id string) map[string]any {
	t.Helper()
	var f struct{ Properties map[string]any }
	w := e.req(t, "GET", "/collections/parcels/items/"+id, catalog.RoleViewer, "")
	if err := json.Unmarshal(w.Body.Bytes(), &f); err != nil || w.Code != 200 {
		t.Fatalf("parcel %s: %d %s", id, w.Code, w.Body)
	}
	return f.Properties
}
