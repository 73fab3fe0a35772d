package pipeline

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"strconv"
	"testing"
	"time"
)

// benchData is a city-sized pipeline: 60 officials, 10,000 leads with
// their stage events, 100,000 tasks of which 20,000 belong to 200 projects
// (up to 3 predecessors each), a target per official.
func benchData() ReportData {
	r := rand.New(rand.NewPCG(7, 9))
	d := ReportData{Year: 2026, Today: "2026-09-15"}
	for i := range 60 {
		d.Officers = append(d.Officers, Officer{ID: fmt.Sprintf("off-%02d", i), Name: fmt.Sprintf("Officer %d", i), Unit: fmt.Sprintf("u%d", i%6)})
		d.Targets = append(d.Targets, Target{OfficerID: d.Officers[i].ID, Year: 2026, Projects: 5, CapitalUSD: 5e8, Hectares: 80})
	}
	start := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := range 10_000 {
		resp := d.Officers[r.IntN(60)].ID
		at := start.Add(time.Duration(r.IntN(250*24)) * time.Hour)
		l := Lead{ID: int64(i + 1), Stage: Inquiry, Responsible: &resp, Sector: "logistics", CreatedAt: at, FirstResponseDue: at.Format(time.DateOnly)}
		area, capital := float64(r.IntN(50)), float64(r.IntN(500))*1e6
		l.AreaHa, l.CapitalUSD = &area, &capital
		for k := 1; k <= r.IntN(8); k++ {
			at = at.Add(time.Duration(1+r.IntN(500)) * time.Hour)
			detail, _ := json.Marshal(map[string]Stage{"from": l.Stage, "to": Stages[k]})
			d.StageEvents = append(d.StageEvents, Event{At: at, Entity: "lead", EntityID: strconv.Itoa(i + 1), Action: "stage", Detail: detail})
			l = advance(l, Stages[k], "", at)
		}
		d.Leads = append(d.Leads, l)
	}
	for p := range 200 {
		d.Projects = append(d.Projects, Project{ID: int64(p + 1), Start: "2026-03-02", TargetFinish: "2027-06-30", WorkingDays: p%2 == 0})
	}
	for i := range 100_000 {
		t := Task{ID: int64(i + 1), Assignee: d.Officers[r.IntN(60)].ID, Status: "todo", CreatedAt: start, Due: start.AddDate(0, 0, r.IntN(400)).Format(time.DateOnly)}
		if i < 20_000 {
			pid, dur := int64(i/100+1), r.IntN(20)
			t.ProjectID, t.DurationDays, t.Due = &pid, &dur, ""
			for range r.IntN(4) {
				if k := i % 100; k > 0 {
					t.DependsOn = append(t.DependsOn, int64(i-r.IntN(k)))
				}
			}
		}
		d.Tasks = append(d.Tasks, t)
	}
	return d
}

// BenchmarkReport10kLeads100kTasks computes the whole report (stages,
// sectors, workload with every project's critical path, targets) from
// data already loaded.
func BenchmarkReport10kLeads100kTasks(b *testing.B) {
	d := benchData()
	b.ReportAllocs()
	for b.Loop() {
		if r := BuildReport(d); r.TasksTotal == 0 {
			b.Fatal("no overdue or at-risk task")
		}
	}
}

func TestBenchDataReport(t *testing.T) {
	r := BuildReport(benchData())
	if len(r.Officials) != 60 || r.Stages[0].Reached != len(benchData().Leads[:10_000]) || len(r.Tasks) != MaxReportTasks {
		t.Errorf("officials %d, reached %d, tasks %d of %d", len(r.Officials), r.Stages[0].Reached, len(r.Tasks), r.TasksTotal)
	}
}
