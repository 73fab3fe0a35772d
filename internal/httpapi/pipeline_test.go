package httpapi_test

import (
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/landcat/landcat/internal/catalog"
	"github.com/landcat/landcat/internal/testdb"
)

func TestPipeline(t *testing.T) {
	for _, tc := range testdb.Cases() {
		t.Run(tc.Name, func(t *testing.T) {
			e := newEnv(t, tc.URL(t))
			e.officers(t)
			id := testInquiries(t, e)
			t.Run("Leads", func(t *testing.T) { testLeads(t, e, id) })
			t.Run("Reservations", func(t *testing.T) { testReservations(t, e, id) })
			t.Run("Projects", func(t *testing.T) { testProjects(t, e) })
			t.Run("TasksObstacles", func(t *testing.T) { testTasksObstacles(t, e, id) })
			t.Run("TargetsReport", func(t *testing.T) { testTargetsReport(t, e, id) })
			t.Run("Calendar", func(t *testing.T) { testCalendar(t, e) })
			t.Run("Digest", func(t *testing.T) { testDigest(t, e) })
			t.Run("Privacy", func(t *testing.T) { testPrivacy(t, e, id) })
		})
	}
}

var referencePattern = regexp.MustCompile(`^HP-\d{4}-[0-9A-HJKMNP-TV-Z]{4}$`)

// testInquiries sends inquiries as an investor would and returns the
// lead of the first.
func testInquiries(t *testing.T, e *env) string {
	f := jsonOf(t, e.req(t, "GET", "/inquiries/form", 0, ""), 200)
	consent := f["consent"].(map[string]any)
	if consent["version"] != "2026-07-01" || !strings.Contains(consent["text"].(map[string]any)["vi"].(string), "Nghị định 13/2023") || f["honeypot"] != "website" {
		t.Fatalf("form: %v", f)
	}
	token := f["form_token"].(string)
	p := problemOf(t, e.pj(t, "POST", "/inquiries", 0, inquiry(token, "minjun@hanbit.example", `["p-1"]`)), 422)
	if pointers(p) != "/form_token" || !strings.Contains(fmt.Sprint(p["errors"]), "too soon") {
		t.Errorf("a form sent at once: %v", p)
	}
	e.clock.Add(5 * time.Second)
	noConsent := strings.Replace(inquiry(token, "minjun@hanbit.example", `["p-1","p-draft","nope"]`), `"accepted":true`, `"accepted":false`, 1)
	p = problemOf(t, e.pj(t, "POST", "/inquiries", 0, noConsent), 422)
	if got := pointers(p); got != "/consent/accepted /parcels/1 /parcels/2" {
		t.Errorf("no consent, a draft and a missing parcel: %q", got)
	}
	bad := `{"form_token":"` + token + `","contact":{"name":"x","email":"not-an-email"},"company":"","consent":{"accepted":true,"text_version":"2025-01-01"},"extra":1}`
	if p = problemOf(t, e.pj(t, "POST", "/inquiries", 0, bad), 422); pointers(p) != "/extra" {
		t.Errorf("unknown member: %v", p)
	}
	p = problemOf(t, e.pj(t, "POST", "/inquiries", 0, strings.Replace(bad, `,"extra":1`, "", 1)), 422)
	if got := pointers(p); got != "/consent/text_version /contact/email /company /parcels" {
		t.Errorf("wrong consent version, e-mail, no company, no site: %q", got)
	}
	w := jsonOf(t, e.pj(t, "POST", "/inquiries", 0, inquiry(token, "minjun@hanbit.example", `["p-1"]`)), 201)
	ref := w["reference"].(string)
	if !referencePattern.MatchString(ref) {
		t.Errorf("reference %q", ref)
	}
	again := jsonOf(t, e.pj(t, "POST", "/inquiries", 0, inquiry(token, "MinJun@hanbit.example", `["p-1"]`)), 200)
	if again["reference"] != ref || again["duplicate"] != true {
		t.Errorf("the same inquiry again: %v", again)
	}
	honey := strings.Replace(inquiry(token, "bot@spam.example", `["p-3"]`), `"company"`, `"website":"http://spam","company"`, 1)
	jsonOf(t, e.pj(t, "POST", "/inquiries", 0, honey), 201)
	forged := inquiry(strings.Replace(token, ".", ".x", 1), "c@d.example", `["p-3"]`)
	problemOf(t, e.pj(t, "POST", "/inquiries", 0, forged), 422)
	match := inquiry(e.form(t), "other@company.example", `[]`)
	match = strings.Replace(match, `"parcels":[]`, `"match":{"sector":"logistics","requirements":{"zones":["z-a"],"min_area_ha":"big"}}`, 1)
	if p = problemOf(t, e.pj(t, "POST", "/inquiries", 0, match), 422); !strings.HasPrefix(pointers(p), "/match/requirements/min_area_ha") {
		t.Errorf("a bad match request: %v", pointers(p))
	}
	jsonOf(t, e.pj(t, "POST", "/inquiries", 0, strings.Replace(match, `,"min_area_ha":"big"`, "", 1)), 201)
	big := inquiry(token, "x@y.example", `["p-1"]`)[:10] + strings.Repeat(" ", 17<<10) + inquiry(token, "x@y.example", `["p-1"]`)[10:]
	problemOf(t, e.pj(t, "POST", "/inquiries", 0, big), 413)

	list := jsonOf(t, e.req(t, "GET", "/inquiries", catalog.RoleViewer, ""), 200)
	inqs := list["inquiries"].([]any)
	if len(inqs) != 2 || strings.Contains(fmt.Sprint(list), "minjun") {
		t.Fatalf("inquiries: 2 stored (no honeypot, no duplicate), no e-mail shown: %v", list)
	}
	first := inqs[0].(map[string]any)
	if first["reference"] != ref || first["responsible"] != "off-a" || first["zone_id"] != "z-a" || first["first_response_due"] == "" {
		t.Errorf("routed by sector logistics and zone z-a to off-a: %v", first)
	}
	if second := inqs[1].(map[string]any); second["responsible"] != "off-a" {
		t.Errorf("a match request limited to z-a routes by that zone: %v", second["responsible"])
	}
	problemOf(t, e.req(t, "GET", "/inquiries", 0, ""), 401)
	return fmt.Sprint(first["id"])
}

func testLeads(t *testing.T, e *env, id string) {
	path := "/leads/" + id
	own := jsonOf(t, e.req(t, "GET", path, catalog.RoleEditor, ""), 200)
	if c, _ := own["contact"].(map[string]any); c["email"] != "minjun@hanbit.example" || own["contact_hidden"] != false {
		t.Errorf("the responsible official sees the contact: %v", own["contact"])
	}
	if c, _ := jsonOf(t, e.req(t, "GET", path, catalog.RolePublisher, ""), 200)["contact"].(map[string]any); c == nil {
		t.Errorf("the unit's leader sees the contact")
	}
	other := jsonOf(t, e.req(t, "GET", path, catalog.RoleViewer, ""), 200)
	if other["contact"] != nil || other["contact_hidden"] != true || strings.Contains(fmt.Sprint(other), "read_contact") {
		t.Errorf("an officer who does not handle the lead sees neither the contact nor who read it: %v", other)
	}
	reads := 0
	for _, ev := range jsonOf(t, e.req(t, "GET", path, catalog.RoleAdmin, ""), 200)["history"].([]any) {
		if ev.(map[string]any)["action"] == "read_contact" {
			reads++
		}
	}
	if reads != 3 {
		t.Errorf("every read of the contact is recorded: %d reads, want 3 (official, leader, admin)", reads)
	}
	stage := path + "/stage"
	problemOf(t, e.pj(t, "POST", stage, catalog.RoleViewer, `{"stage":"qualified"}`), 403)
	l := jsonOf(t, e.pj(t, "POST", stage, catalog.RoleEditor, `{"stage":"qualified","note":"Called; 12 ha for a bonded warehouse"}`), 200)
	if l["stage"] != "qualified" || l["first_response_at"] == nil {
		t.Errorf("moved: %v", l)
	}
	problemOf(t, e.pj(t, "POST", stage, catalog.RoleEditor, `{"stage":"inquiry"}`), 409)
	if p := problemOf(t, e.pj(t, "POST", stage, catalog.RoleEditor, `{"stage":"lost"}`), 422); pointers(p) != "/reason" {
		t.Errorf("lost needs a reason: %v", p)
	}
	if p := problemOf(t, e.pj(t, "POST", stage, catalog.RoleEditor, `{"stage":"qualified"}`), 422); pointers(p) != "/note" {
		t.Errorf("a note needs a note: %v", p)
	}
	jsonOf(t, e.pj(t, "POST", stage, catalog.RolePublisher, `{"stage":"site_visit","note":"visit on Friday"}`), 200)
	l = jsonOf(t, e.pj(t, "PATCH", path, catalog.RoleEditor, `{"capital_usd":150000000}`, "Content-Type", "application/merge-patch+json"), 200)
	if l["capital_usd"] != 1.5e8 || l["company"] != "Hanbit Logistics" {
		t.Errorf("patched: %v", l)
	}
	problemOf(t, e.pj(t, "PATCH", path, catalog.RoleEditor, `{"responsible":"nobody"}`), 422)
	created := jsonOf(t, e.pj(t, "POST", "/leads", catalog.RoleEditor, `{"company":"Vina Chips","sector":"high_tech","capital_usd":2e8,"area_ha":20}`), 201)
	if created["responsible"] != "off-b" || created["source"] != "officer" {
		t.Errorf("an official's lead is routed too (fallback off-b): %v", created)
	}
	page := jsonOf(t, e.req(t, "GET", "/leads?limit=1", catalog.RoleViewer, ""), 200)
	if len(page["leads"].([]any)) != 1 || page["next"] == nil {
		t.Errorf("paging: %v", page)
	}
	problemOf(t, e.req(t, "GET", "/leads?stage=nope", catalog.RoleViewer, ""), 400)
	problemOf(t, e.req(t, "GET", "/leads/abc", catalog.RoleViewer, ""), 404)
	problemOf(t, e.req(t, "GET", "/leads/999", catalog.RoleViewer, ""), 404)
}

func testReservations(t *testing.T, e *env, id string) {
	path := "/leads/" + id + "/reservations"
	if p := problemOf(t, e.pj(t, "POST", path, catalog.RoleEditor, `{"parcel":"p-1","until":"2001-01-01"}`), 422); pointers(p) != "/until" {
		t.Errorf("a past date: %v", p)
	}
	problemOf(t, e.pj(t, "POST", path, catalog.RoleEditor, `{"parcel":"p-2","until":"`+e.today(10)+`"}`), 409)
	problemOf(t, e.pj(t, "POST", path, catalog.RoleViewer, `{"parcel":"p-1","until":"`+e.today(10)+`"}`), 403)
	r := jsonOf(t, e.pj(t, "POST", path, catalog.RoleEditor, `{"parcel":"p-1","until":"`+e.today(10)+`"}`), 201)
	if e.parcelStatus(t, "p-1")["status"] != "reserved" || r["previous_status"] != "available" {
		t.Fatalf("p-1 reserved: %v", r)
	}
	audit := jsonOf(t, e.req(t, "GET", "/audit?feature=p-1&limit=1", catalog.RolePublisher, ""), 200)
	if a := audit["entries"].([]any)[0].(map[string]any); a["actor"].(map[string]any)["name"] != "editor-officer" || a["action"] != "patch" {
		t.Errorf("the reservation is an ordinary audited edit by the officer: %v", a)
	}
	jsonOf(t, e.pj(t, "POST", path, catalog.RoleEditor, `{"parcel":"p-3","until":"`+e.today(1)+`"}`), 201)
	e.clock.Add(72 * time.Hour)
	if n, err := e.pl.ExpireReservations(t.Context()); err != nil || n != 1 {
		t.Fatalf("expiry job: %d released, %v", n, err)
	}
	if e.parcelStatus(t, "p-3")["status"] != "available" || e.parcelStatus(t, "p-1")["status"] != "reserved" {
		t.Errorf("p-3 released by the expiry job, p-1 still reserved")
	}
	other := jsonOf(t, e.pj(t, "POST", "/leads", catalog.RoleEditor, `{"company":"Temp","responsible":"off-a"}`), 201)
	opath := fmt.Sprintf("/leads/%v", other["id"])
	jsonOf(t, e.pj(t, "POST", opath+"/reservations", catalog.RoleEditor, `{"parcel":"p-3","until":"`+e.today(30)+`"}`), 201)
	jsonOf(t, e.pj(t, "POST", opath+"/stage", catalog.RoleEditor, `{"stage":"lost","reason":"chose Bac Ninh"}`), 200)
	if e.parcelStatus(t, "p-3")["status"] != "available" {
		t.Errorf("a lost lead's reservation is released")
	}
	d := jsonOf(t, e.req(t, "GET", opath, catalog.RoleEditor, ""), 200)
	if rs := d["reservations"].([]any); len(rs) != 1 || rs[0].(map[string]any)["release_reason"] != "lead lost" {
		t.Errorf("reservations of the lost lead: %v", rs)
	}
}
