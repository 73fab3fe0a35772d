package pipeline

import (
	"context"
	"encoding/json"
	"slices"
	"sort"
	"time"

	"github.com/landcat/landcat/internal/catalog"
)

// MaxReportTasks bounds the overdue and at-risk tasks a report lists
// (counts cover all of them).
const MaxReportTasks = 1000

// Report is GET /reports/pipeline: the year's cohort of leads (created in
// it) by stage and sector with conversion and time in stage, each
// official's workload today (open leads, late first responses, open,
// overdue and at-risk tasks), the year's targets against attainment, and
// the overdue and at-risk tasks themselves.
type Report struct {
	Year       int           `json:"year"`
	AsOf       string        `json:"as_of"`
	Stages     []StageRow    `json:"stages"`
	Sectors    []SectorRow   `json:"sectors"`
	Officials  []OfficialRow `json:"officials"`
	Targets    []TargetRow   `json:"targets"`
	Tasks      []TaskRow     `json:"tasks"`
	TasksTotal int           `json:"tasks_total"`
}

// StageRow: how many of the cohort are at the stage now, how many ever
// reached it, the conversion from the stage before, and the days spent in
// it by leads that moved on (median and mean).
type StageRow struct {
	Stage      string   `json:"stage"`
	Current    int      `json:"current"`
	Reached    int      `json:"reached"`
	Conversion *float64 `json:"conversion"`
	MedianDays *float64 `json:"median_days"`
	MeanDays   *float64 `json:"mean_days"`
}

// SectorRow counts the cohort's leads of a sector.
type SectorRow struct {
	Sector   string `json:"sector"`
	Total    int    `json:"total"`
	Open     int    `json:"open"`
	Approved int    `json:"approved"`
	Lost     int    `json:"lost"`
}

// OfficialRow is an official's workload today.
type OfficialRow struct {
	Officer              string `json:"officer"`
	Name                 string `json:"name"`
	Unit                 string `json:"unit"`
	OpenLeads            int    `json:"open_leads"`
	FirstResponseOverdue int    `json:"first_response_overdue"`
	OpenTasks            int    `json:"open_tasks"`
	OverdueTasks         int    `json:"overdue_tasks"`
	AtRiskTasks          int    `json:"at_risk_tasks"`
}

// TaskRow is an overdue (due before today) or at-risk (a project task
// with slack ≤ 0) open task.
type TaskRow struct {
	ID        int64  `json:"id"`
	Assignee  string `json:"assignee"`
	Title     string `json:"title"`
	Due       string `json:"due"`
	ProjectID *int64 `json:"project_id"`
	SlackDays *int   `json:"slack_days"`
	Overdue   bool   `json:"overdue"`
	AtRisk    bool   `json:"at_risk"`
}

// ReportData is everything a report is computed from.
type ReportData struct {
	Year        int
	Today       string
	Officers    []Officer
	Leads       []Lead
	StageEvents []Event
	Tasks       []Task
	Projects    []Project
	Targets     []Target
}

// Report computes the pipeline report for a year (any officer).
func (s *Service) Report(ctx context.Context, a catalog.Actor, year int) (*Report, error) {
	if err := need(a, catalog.RoleViewer, "the pipeline report"); err != nil {
		return nil, err
	}
	d := ReportData{Year: year, Today: s.Today()}
	var err error
	if d.Officers, err = s.Store.Officers(ctx); err != nil {
		return nil, err
	}
	if d.Leads, err = s.Store.Leads(ctx, LeadQuery{}); err != nil {
		return nil, err
	}
	if d.StageEvents, err = s.Store.Events(ctx, "", "", "stage"); err != nil {
		return nil, err
	}
	if d.Tasks, err = s.Store.Tasks(ctx, TaskQuery{}); err != nil {
		return nil, err
	}
	if d.Projects, err = s.Store.Projects(ctx); err != nil {
		return nil, err
	}
	if d.Targets, err = s.Store.Targets(ctx, year, ""); err != nil {
		return nil, err
	}
	return BuildReport(d), nil
}

// BuildReport computes a report from its data; it is pure.
func BuildReport(d ReportData) *Report {
	r := &Report{Year: d.Year, AsOf: d.Today}
	var cohort []*Lead
	for i := range d.Leads {
		if d.Leads[i].CreatedAt.In(ICT).Year() == d.Year {
			cohort = append(cohort, &d.Leads[i])
		}
	}
	r.Stages = stageRows(cohort, d.StageEvents)
	r.Sectors = sectorRows(cohort)
	r.Officials, r.Tasks, r.TasksTotal = workload(d)
	r.Targets = attainment(d.Targets, d.Leads, officerNames(d.Officers))
	return r
}

type stageMove struct {
	at       time.Time
	from, to Stage
}

func stageRows(cohort []*Lead, events []Event) []StageRow {
	moves := map[string][]stageMove{}
	for _, ev := range events {
		var m struct{ From, To Stage }
		if json.Unmarshal(ev.Detail, &m) == nil {
			moves[ev.EntityID] = append(moves[ev.EntityID], stageMove{ev.At, m.From, m.To})
		}
	}
	n := len(Stages)
	current, reached := make([]int, n+1), make([]int, n)
	stays := make([][]float64, n)
	for _, l := range cohort {
		current[rankOrLost(l.Stage)]++
		best, at, cur := 0, l.CreatedAt, Inquiry
		for _, m := range moves[l.idString()] {
			best = max(best, m.from.Rank(), m.to.Rank())
			if r := cur.Rank(); r >= 0 && m.to != cur {
				stays[r] = append(stays[r], m.at.Sub(at).Hours()/24)
			}
			at, cur = m.at, m.to
		}
		best = max(best, l.Stage.Rank())
		for k := 0; k <= best; k++ {
			reached[k]++
		}
	}
	rows := make([]StageRow, 0, n+1)
	for k, st := range Stages {
		row := StageRow{Stage: string(st), Current: current[k], Reached: reached[k]}
		if k > 0 && reached[k-1] > 0 {
			c := ratio(float64(reached[k]), float64(reached[k-1]))
			row.Conversion = &c
		}
		row.MedianDays, row.MeanDays = medianMean(stays[k])
		rows = append(rows, row)
	}
	return append(rows, StageRow{Stage: string(Lost), Current: current[n]})
}

func rankOrLost(s Stage) int {
	if r := s.Rank(); r >= 0 {
		return r
	}
	return len(Stages)
}

func medianMean(v []float64) (*float64, *float64) {
	if len(v) == 0 {
		return nil, nil
	}
	sort.Float64s(v)
	med := v[len(v)/2]
	if len(v)%2 == 0 {
		med = (v[len(v)/2-1] + v[len(v)/2]) / 2
	}
	sum := 0.0
	for _, x := range v {
		sum += x
	}
	mean := sum / float64(len(v))
	med, mean = float64(int(med*10+0.5))/10, float64(int(mean*10+0.5))/10
	return &med, &mean
}

func sectorRows(cohort []*Lead) []SectorRow {
	by := map[string]*SectorRow{}
	for _, l := range cohort {
		row := by[l.Sector]
		if row == nil {
			row = &SectorRow{Sector: l.Sector}
			by[l.Sector] = row
		}
		row.Total++
		switch {
		case l.Stage == Lost:
			row.Lost++
		case l.Stage != Operating:
			row.Open++
		}
		if l.ApprovedAt != nil {
			row.Approved++
		}
	}
	rows := make([]SectorRow, 0, len(by))
	for _, row := range by {
		rows = append(rows, *row)
	}
	slices.SortFunc(rows, func(a, b SectorRow) int { return cmpString(a.Sector, b.Sector) })
	return rows
}

func cmpString(a, b string) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

func inYear(t *time.Time, year int) bool { return t != nil && t.In(ICT).Year() == year }
