package pipeline

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/landcat/landcat/internal/catalog"
	"github.com/landcat/landcat/internal/cpm"
)

// ProjectKinds: an investor's project (from its MoU on) or public
// infrastructure that sites depend on.
var ProjectKinds = []string{"investment", "infrastructure"}

// ProjectInput is the body of POST /projects and, merged, of PATCH.
type ProjectInput struct {
	Name         *string      `json:"name"`
	Kind         *string      `json:"kind"`
	LeadID       *int64       `json:"lead_id"`
	Responsible  *string      `json:"responsible"`
	Start        *string      `json:"start"`
	TargetFinish *string      `json:"target_finish"`
	WorkingDays  *bool        `json:"working_days"`
	Holidays     []string     `json:"holidays"`
	Parcels      []ParcelLink `json:"parcels"`
}

func (s *Service) applyProject(ctx context.Context, in ProjectInput, p *Project) error {
	var c checker
	p.Name = c.text("/name", in.Name, true, 300)
	if p.Kind = "infrastructure"; in.Kind != nil {
		p.Kind = c.enum("/kind", in.Kind, ProjectKinds, true)
	}
	p.LeadID, p.Responsible = in.LeadID, in.Responsible
	p.Start, p.TargetFinish = c.date("/start", in.Start, true), c.date("/target_finish", in.TargetFinish, true)
	if p.Start != "" && p.TargetFinish != "" && p.TargetFinish < p.Start {
		c.add("/target_finish", "is before the start (%s)", p.Start)
	}
	p.WorkingDays = in.WorkingDays != nil && *in.WorkingDays
	p.Holidays = nil
	for i, h := range in.Holidays {
		p.Holidays = append(p.Holidays, c.date(fmt.Sprintf("/holidays/%d", i), &h, true))
	}
	if len(in.Holidays) > 0 && !p.WorkingDays {
		c.add("/holidays", "count only on a working-day calendar (working_days: true)")
	}
	p.Parcels = nil
	for i, l := range in.Parcels {
		if l.OffsetDays < 0 || l.OffsetDays > 3650 {
			c.add(fmt.Sprintf("/parcels/%d/offset_days", i), "must be from 0 to 3650 days")
		}
		ids := s.checkParcels(ctx, &c, []string{l.Parcel}, false)
		for j := range c.probs {
			if c.probs[j].Pointer == "/parcels/0" {
				c.probs[j].Pointer = fmt.Sprintf("/parcels/%d/parcel", i)
			}
		}
		if len(ids) == 1 {
			p.Parcels = append(p.Parcels, l)
		}
	}
	if err := c.err("the project is not valid"); err != nil {
		return err
	}
	if p.Responsible != nil {
		if err := s.officerExists(ctx, "/responsible", *p.Responsible); err != nil {
			return err
		}
	}
	if p.LeadID != nil {
		if _, err := s.Store.Lead(ctx, *p.LeadID); err != nil {
			return refProblem(err, "/lead_id", "lead", *p.LeadID)
		}
	}
	return nil
}

// SaveProject creates a project (id 0) or applies a merge patch to one
// (editors); the schedule is recomputed and followed.
func (s *Service) SaveProject(ctx context.Context, a catalog.Actor, id int64, body []byte) (*Project, error) {
	if err := need(a, catalog.RoleEditor, "changing projects"); err != nil {
		return nil, err
	}
	p, doc := &Project{CreatedAt: s.now()}, body
	if id != 0 {
		var err error
		if p, err = s.Store.Project(ctx, id); err != nil {
			return nil, err
		}
		cur, _ := json.Marshal(ProjectInput{Name: &p.Name, Kind: &p.Kind, LeadID: p.LeadID, Responsible: p.Responsible, Start: &p.Start,
			TargetFinish: &p.TargetFinish, WorkingDays: &p.WorkingDays, Holidays: p.Holidays, Parcels: p.Parcels})
		if doc, err = mergePatch(cur, body); err != nil {
			return nil, err
		}
	}
	var in ProjectInput
	if err := decode(doc, &in); err != nil {
		return nil, err
	}
	if err := s.applyProject(ctx, in, p); err != nil {
		return nil, err
	}
	p.ChangedAt = s.now()
	action := map[bool]string{true: "create", false: "patch"}[id == 0]
	if err := s.Store.SaveProject(ctx, p, id == 0, s.event(a, "project", id, action, json.RawMessage(doc))); err != nil {
		return nil, err
	}
	s.follow(ctx, p)
	return p, nil
}

// Projects lists the projects (any officer).
func (s *Service) Projects(ctx context.Context, a catalog.Actor) ([]Project, error) {
	if err := need(a, catalog.RoleViewer, "projects"); err != nil {
		return nil, err
	}
	return s.Store.Projects(ctx)
}

// Project returns one project (any officer).
func (s *Service) Project(ctx context.Context, a catalog.Actor, id int64) (*Project, error) {
	if err := need(a, catalog.RoleViewer, "projects"); err != nil {
		return nil, err
	}
	return s.Store.Project(ctx, id)
}

// Schedule is a project's critical path as GET /projects/{id}/schedule
// shows it.
type Schedule struct {
	ProjectID       int64          `json:"project_id"`
	Start           string         `json:"start"`
	TargetFinish    string         `json:"target_finish"`
	ProjectedFinish string         `json:"projected_finish"`
	SlipDays        int            `json:"slip_days"`
	Calendar        string         `json:"calendar"`
	AsOf            string         `json:"as_of"`
	Tasks           []ScheduleTask `json:"tasks"`
	CriticalPath    []int64        `json:"critical_path"`
}

// ScheduleTask is one task's place in the schedule.
type ScheduleTask struct {
	ID             int64   `json:"id"`
	Title          string  `json:"title"`
	Assignee       string  `json:"assignee"`
	Status         string  `json:"status"`
	DurationDays   int     `json:"duration_days"`
	DependsOn      IDList  `json:"depends_on"`
	EarliestStart  string  `json:"earliest_start"`
	EarliestFinish string  `json:"earliest_finish"`
	LatestStart    string  `json:"latest_start"`
	LatestFinish   string  `json:"latest_finish"`
	SlackDays      int     `json:"slack_days"`
	Critical       bool    `json:"critical"`
	Due            *string `json:"due"`
}

// ProjectSchedule computes a project's schedule now (any officer).
func (s *Service) ProjectSchedule(ctx context.Context, a catalog.Actor, id int64) (*Schedule, error) {
	if err := need(a, catalog.RoleViewer, "projects"); err != nil {
		return nil, err
	}
	p, err := s.Store.Project(ctx, id)
	if err != nil {
		return nil, err
	}
	tasks, err := s.Store.Tasks(ctx, TaskQuery{ProjectID: id})
	if err != nil {
		return nil, err
	}
	return s.schedule(p, tasks)
}

// schedule runs the critical path method over a project's tasks: a task
// without a duration takes the days from its creation to its due date
// (at least 1); cancelled tasks take none; done tasks keep the day they
// were completed.
func (s *Service) schedule(p *Project, tasks []Task) (*Schedule, error) {
	return scheduleOf(p, tasks, s.Today())
}

// scheduleOf is schedule as of a day.
func scheduleOf(p *Project, tasks []Task, today string) (*Schedule, error) {
	in := cpm.Input{Start: day(p.Start), Target: day(p.TargetFinish), AsOf: day(today), Calendar: cpm.Calendar{WorkingDays: p.WorkingDays}}
	if p.WorkingDays && len(p.Holidays) > 0 {
		in.Calendar.Holidays = map[time.Time]bool{}
		for _, h := range p.Holidays {
			in.Calendar.Holidays[day(h)] = true
		}
	}
	in.Tasks = make([]cpm.Task, len(tasks))
	for i, t := range tasks {
		ct := cpm.Task{ID: t.ID, Duration: duration(t), DependsOn: t.DependsOn, Done: t.Status == "done"}
		if t.CompletedAt != nil {
			ct.Finished = cpm.Day(t.CompletedAt.In(ICT))
		}
		in.Tasks[i] = ct
	}
	res, err := cpm.Compute(in)
	if err != nil {
		return nil, err
	}
	out := &Schedule{ProjectID: p.ID, Start: p.Start, TargetFinish: p.TargetFinish, ProjectedFinish: date(res.ProjectedFinish), SlipDays: res.SlipDays,
		Calendar: map[bool]string{true: "working_days", false: "calendar_days"}[p.WorkingDays], AsOf: today, CriticalPath: orEmpty(res.CriticalPath),
		Tasks: make([]ScheduleTask, len(tasks))}
	for i, r := range res.Tasks {
		t := tasks[i]
		st := ScheduleTask{ID: t.ID, Title: t.Title, Assignee: t.Assignee, Status: t.Status, DurationDays: in.Tasks[i].Duration, DependsOn: t.DependsOn,
			EarliestStart: date(r.EarliestStart), EarliestFinish: date(r.EarliestFinish), LatestStart: date(r.LatestStart), LatestFinish: date(r.LatestFinish),
			SlackDays: r.Slack, Critical: r.Critical}
		if t.Due != "" {
			st.Due = &tasks[i].Due
		}
		out.Tasks[i] = st
	}
	return out, nil
}

func duration(t Task) int {
	switch {
	case t.Status == "cancelled":
		return 0
	case t.DurationDays != nil:
		return *t.DurationDays
	case t.Due != "":
		return max(1, int(day(t.Due).Sub(cpm.Day(t.CreatedAt.In(ICT))).Hours()/24))
	}
	return 1
}

func day(s string) time.Time {
	t, _ := time.Parse(time.DateOnly, s)
	return t
}

func date(t time.Time) string { return t.Format(time.DateOnly) }
