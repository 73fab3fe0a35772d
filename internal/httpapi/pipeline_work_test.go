package httpapi_test

import (
	"bytes"
	"fmt"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/landcat/landcat/internal/catalog"
	"github.com/landcat/landcat/internal/ical"
	"github.com/xuri/excelize/v2"
)

// sixClear is a task's six clarities, as JSON members.
const sixClear = `"assignee":"off-a","accountable":"Ban Quản lý Khu kinh tế","authority":"management_board","expected_result":"Decision signed"`

func testProjects(t *testing.T, e *env) {
	body := `{"name":"Trạm biến áp 220 kV Nam Đình Vũ","start":"` + e.today(0) + `","target_finish":"` + e.today(6) + `","parcels":[{"parcel":"p-2","offset_days":1}]}`
	p := jsonOf(t, e.pj(t, "POST", "/projects", catalog.RoleEditor, body), 201)
	pid := fmt.Sprint(p["id"])
	ids := map[string]string{}
	for _, task := range []struct{ name, dur, deps string }{{"A", "3", ""}, {"B", "2", "A"}, {"C", "4", "A"}, {"D", "1", "B,C"}} {
		var deps []string
		for _, d := range strings.Split(task.deps, ",") {
			if d != "" {
				deps = append(deps, ids[d])
			}
		}
		tb := `{"project_id":` + pid + `,"title":"` + task.name + `","duration_days":` + task.dur + `,"depends_on":[` + strings.Join(deps, ",") + `],` + sixClear + `}`
		ids[task.name] = fmt.Sprint(jsonOf(t, e.pj(t, "POST", "/tasks", catalog.RoleEditor, tb), 201)["id"])
	}
	s := jsonOf(t, e.req(t, "GET", "/projects/"+pid+"/schedule", catalog.RoleViewer, ""), 200)
	if s["projected_finish"] != e.today(7) || s["slip_days"] != 1.0 || fmt.Sprint(s["critical_path"]) != fmt.Sprintf("[%s %s %s]", ids["A"], ids["C"], ids["D"]) {
		t.Errorf("schedule: projected %v (want %s), slip %v, critical %v", s["projected_finish"], e.today(7), s["slip_days"], s["critical_path"])
	}
	b := s["tasks"].([]any)[1].(map[string]any)
	if b["earliest_start"] != e.today(3) || b["latest_finish"] != e.today(5) || b["slack_days"] != 1.0 || b["critical"] != false {
		t.Errorf("task B: %v", b)
	}
	if got := e.parcelStatus(t, "p-2")["available_from"]; got != e.today(8) {
		t.Errorf("p-2 available_from follows the projected finish + 1: %v, want %s", got, e.today(8))
	}
	jsonOf(t, e.pj(t, "PATCH", "/tasks/"+ids["C"], catalog.RoleEditor, `{"duration_days":6}`), 200)
	if got := e.parcelStatus(t, "p-2")["available_from"]; got != e.today(10) {
		t.Errorf("C two days longer moves p-2 to %s: %v", e.today(10), got)
	}
	audit := jsonOf(t, e.req(t, "GET", "/audit?feature=p-2&limit=1", catalog.RolePublisher, ""), 200)
	if a := audit["entries"].([]any)[0].(map[string]any); a["actor"].(map[string]any)["name"] != "landcat pipeline" {
		t.Errorf("available_from is set by the pipeline, audited: %v", a["actor"])
	}
	prob := problemOf(t, e.pj(t, "PATCH", "/tasks/"+ids["A"], catalog.RoleEditor, `{"depends_on":[`+ids["D"]+`]}`), 422)
	if pointers(prob) != "/depends_on" || !strings.Contains(prob["detail"].(string), "cycle") || !strings.Contains(fmt.Sprint(prob["errors"]), ids["D"]) {
		t.Errorf("a cycle is named: %v", prob)
	}
	other := jsonOf(t, e.pj(t, "POST", "/projects", catalog.RoleEditor, `{"name":"Road link","kind":"infrastructure","start":"`+e.today(0)+`","target_finish":"`+e.today(99)+`","working_days":true,"holidays":["`+e.today(1)+`"]}`), 201)
	cross := `{"project_id":` + fmt.Sprint(other["id"]) + `,"title":"X","duration_days":1,"depends_on":[` + ids["A"] + `],` + sixClear + `}`
	if p := problemOf(t, e.pj(t, "POST", "/tasks", catalog.RoleEditor, cross), 422); pointers(p) != "/depends_on" {
		t.Errorf("a dependency in another project: %v", p)
	}
	problemOf(t, e.pj(t, "POST", "/projects", catalog.RoleEditor, `{"name":"x","start":"`+e.today(5)+`","target_finish":"`+e.today(1)+`"}`), 422)
	if ps := jsonOf(t, e.req(t, "GET", "/projects", catalog.RoleViewer, ""), 200)["projects"].([]any); len(ps) != 2 {
		t.Errorf("projects: %d", len(ps))
	}
}

func testTasksObstacles(t *testing.T, e *env, lead string) {
	p := problemOf(t, e.pj(t, "POST", "/tasks", catalog.RoleEditor, `{}`), 422)
	if got := pointers(p); got != "/assignee /title /accountable /authority /expected_result /due" {
		t.Errorf("the six clarities are required: %q", got)
	}
	done := `{"lead_id":` + lead + `,"title":"Send the shortlist","due":"` + e.today(-1) + `","status":"done",` + sixClear + `}`
	if p = problemOf(t, e.pj(t, "POST", "/tasks", catalog.RoleEditor, done), 422); pointers(p) != "/evidence" {
		t.Errorf("done needs evidence: %v", p)
	}
	open := strings.Replace(done, `"status":"done",`, "", 1)
	task := jsonOf(t, e.pj(t, "POST", "/tasks", catalog.RoleEditor, open), 201)
	late := jsonOf(t, e.req(t, "GET", "/tasks?overdue=true&assignee=off-a", catalog.RoleViewer, ""), 200)["tasks"].([]any)
	if len(late) != 1 || late[0].(map[string]any)["id"] != task["id"] {
		t.Errorf("overdue tasks: %v", late)
	}
	fin := jsonOf(t, e.pj(t, "PATCH", fmt.Sprintf("/tasks/%v", task["id"]), catalog.RoleEditor, `{"status":"done","evidence":"Letter 123/XT sent"}`), 200)
	if fin["completed_at"] == nil {
		t.Errorf("completed: %v", fin)
	}
	ob := jsonOf(t, e.pj(t, "POST", "/obstacles", catalog.RoleEditor, `{"lead_id":`+lead+`,"title":"Fire safety approval for the bonded warehouse","owner_agency":"Công an PCCC","due":"`+e.today(14)+`","escalation":"department"}`), 201)
	path := fmt.Sprintf("/obstacles/%v", ob["id"])
	if p = problemOf(t, e.pj(t, "PATCH", path, catalog.RoleEditor, `{"status":"resolved"}`), 422); pointers(p) != "/resolution" {
		t.Errorf("resolved needs a resolution: %v", p)
	}
	res := jsonOf(t, e.pj(t, "PATCH", path, catalog.RoleEditor, `{"status":"resolved","resolution":"Approved 12 July"}`), 200)
	if res["resolved_at"] == nil || res["escalation"] != "department" {
		t.Errorf("resolved: %v", res)
	}
	if p = problemOf(t, e.pj(t, "POST", "/obstacles", catalog.RoleEditor, `{"title":"x","owner_agency":"y","due":"`+e.today(1)+`","escalation":"moon"}`), 422); pointers(p) != "/lead_id /escalation" {
		t.Errorf("an obstacle blocks something, at a known level: %v", pointers(p))
	}
	jsonOf(t, e.pj(t, "POST", "/obstacles", catalog.RoleEditor, `{"lead_id":`+lead+`,"title":"Site clearance","owner_agency":"UBND huyện","due":"`+e.today(3)+`"}`), 201)
	if os := jsonOf(t, e.req(t, "GET", "/obstacles?status=open&lead_id="+lead, catalog.RoleViewer, ""), 200)["obstacles"].([]any); len(os) != 1 {
		t.Errorf("open obstacles: %v", os)
	}
}

func testTargetsReport(t *testing.T, e *env, lead string) {
	year := e.today(0)[:4]
	problemOf(t, e.pj(t, "POST", "/targets", catalog.RolePublisher, `{"officer":"off-a","year":`+year+`}`), 403)
	jsonOf(t, e.pj(t, "POST", "/targets", catalog.RoleAdmin, `{"officer":"off-a","year":`+year+`,"projects":2,"capital_usd":300000000,"hectares":50}`), 200)
	jsonOf(t, e.pj(t, "POST", "/leads/"+lead+"/stage", catalog.RoleEditor, `{"stage":"sublease_signed","note":"IRC and sublease in one month"}`), 200)
	rows := jsonOf(t, e.req(t, "GET", "/targets?year="+year, catalog.RoleViewer, ""), 200)["targets"].([]any)
	r := rows[0].(map[string]any)
	if r["projects_attained"] != 1.0 || r["capital_usd_attained"] != 1.5e8 || r["hectares_attained"] != 12.0 || r["capital_progress"] != 0.5 {
		t.Errorf("attainment: %v", r)
	}
	rep := jsonOf(t, e.req(t, "GET", "/reports/pipeline?year="+year, catalog.RoleViewer, ""), 200)
	var offA map[string]any
	for _, o := range rep["officials"].([]any) {
		if o.(map[string]any)["officer"] == "off-a" {
			offA = o.(map[string]any)
		}
	}
	if offA["open_leads"].(float64) < 1 || offA["at_risk_tasks"].(float64) < 1 || rep["tasks_total"].(float64) < 1 {
		t.Errorf("off-a's workload: %v (tasks %v)", offA, rep["tasks_total"])
	}
	st := rep["stages"].([]any)
	if q := st[1].(map[string]any); q["reached"].(float64) < 1 || q["conversion"] == nil {
		t.Errorf("qualified: %v", q)
	}
	csv := e.req(t, "GET", "/reports/pipeline?f=csv&table=officials&year="+year, catalog.RoleViewer, "")
	if csv.Code != 200 || !strings.HasPrefix(csv.Body.String(), "\ufeffofficer,name,unit,open_leads") || !strings.Contains(csv.Body.String(), "Nguyễn Văn A") {
		t.Errorf("CSV: %d %.200s", csv.Code, csv.Body)
	}
	x := e.req(t, "GET", "/reports/pipeline?f=xlsx&year="+year, catalog.RoleViewer, "")
	f, err := excelize.OpenReader(bytes.NewReader(x.Body.Bytes()))
	if err != nil || !slices.Equal(f.GetSheetList(), []string{"stages", "sectors", "officials", "targets", "tasks"}) {
		t.Fatalf("XLSX: %v", err)
	}
	h := e.req(t, "GET", "/reports/pipeline?f=html&year="+year, catalog.RoleViewer, "")
	if h.Code != 200 || !strings.Contains(h.Body.String(), "<table>") || strings.Contains(h.Body.String(), "<script") ||
		!strings.HasPrefix(h.Header().Get("Content-Security-Policy"), "default-src 'none'; style-src 'unsafe-inline'") {
		t.Errorf("HTML: %d %s", h.Code, h.Header())
	}
	problemOf(t, e.req(t, "GET", "/reports/pipeline?f=pdf", catalog.RoleViewer, ""), 400)
	problemOf(t, e.req(t, "GET", "/reports/pipeline", 0, ""), 401)
}

func testCalendar(t *testing.T, e *env) {
	problemOf(t, e.req(t, "POST", "/officers/off-a/calendar-token", catalog.RoleViewer, ""), 403)
	tok := jsonOf(t, e.req(t, "POST", "/officers/off-a/calendar-token", catalog.RoleEditor, ""), 201)
	u, err := url.Parse(tok["url"].(string))
	if err != nil {
		t.Fatal(err)
	}
	w := e.req(t, "GET", u.RequestURI(), 0, "")
	if w.Code != 200 || w.Header().Get("Content-Type") != "text/calendar; charset=utf-8" {
		t.Fatalf("feed: %d %s", w.Code, w.Header())
	}
	lines, err := ical.Validate(w.Body.Bytes())
	if err != nil {
		t.Fatalf("the feed breaks RFC 5545: %v\n%s", err, w.Body)
	}
	uids := 0
	for _, l := range lines {
		if strings.HasPrefix(l, "UID:task-") || strings.HasPrefix(l, "UID:reservation-") {
			uids++
		}
	}
	if uids < 3 || strings.Contains(w.Body.String(), "minjun") {
		t.Errorf("tasks and reservations in the feed, no personal data: %d\n%s", uids, w.Body)
	}
	problemOf(t, e.req(t, "GET", "/officers/off-a/calendar.ics?token=cal_wrong", 0, ""), 401)
	problemOf(t, e.req(t, "GET", "/officers/off-b/calendar.ics", catalog.RoleEditor, ""), 403)
	if w := e.req(t, "GET", "/officers/off-a/calendar.ics", catalog.RoleEditor, ""); w.Code != 200 {
		t.Errorf("the official's own credentials open the feed: %d", w.Code)
	}
}
