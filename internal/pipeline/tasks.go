package pipeline

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/landcat/landcat/internal/catalog"
	"github.com/landcat/landcat/internal/cpm"
)

// Authorities are the levels that decide a task (rõ thẩm quyền), from the
// official in charge to the central government.
var Authorities = []string{"officer", "unit_leader", "department", "management_board", "city_committee", "central_government"}

// TaskStatuses are a task's states; done needs evidence.
var TaskStatuses = []string{"todo", "in_progress", "done", "cancelled"}

// MaxDependencies bounds a task's predecessors.
const MaxDependencies = 50

// TaskInput is the body of POST /tasks and, merged, of PATCH /tasks/{id}.
type TaskInput struct {
	ProjectID      *int64  `json:"project_id"`
	LeadID         *int64  `json:"lead_id"`
	Assignee       *string `json:"assignee"`
	Title          *string `json:"title"`
	Description    *string `json:"description"`
	Due            *string `json:"due"`
	Accountable    *string `json:"accountable"`
	Authority      *string `json:"authority"`
	ExpectedResult *string `json:"expected_result"`
	Status         *string `json:"status"`
	Evidence       *string `json:"evidence"`
	DurationDays   *int    `json:"duration_days"`
	DependsOn      []int64 `json:"depends_on"`
}

func taskInput(t *Task) TaskInput {
	return TaskInput{ProjectID: t.ProjectID, LeadID: t.LeadID, Assignee: &t.Assignee, Title: &t.Title, Description: &t.Description, Due: &t.Due,
		Accountable: &t.Accountable, Authority: &t.Authority, ExpectedResult: &t.ExpectedResult, Status: &t.Status, Evidence: &t.Evidence,
		DurationDays: t.DurationDays, DependsOn: t.DependsOn}
}

// apply checks the six clarities and the schedule fields into t.
func (in TaskInput) apply(c *checker, t *Task) {
	t.Assignee = c.text("/assignee", in.Assignee, true, 128)
	t.Title = c.text("/title", in.Title, true, 300)
	t.Description = c.text("/description", in.Description, false, 4000)
	t.Accountable = c.text("/accountable", in.Accountable, true, 200)
	t.Authority = c.enum("/authority", in.Authority, Authorities, true)
	t.ExpectedResult = c.text("/expected_result", in.ExpectedResult, true, 1000)
	t.ProjectID, t.LeadID, t.DurationDays, t.DependsOn = in.ProjectID, in.LeadID, in.DurationDays, in.DependsOn
	if t.Status = "todo"; in.Status != nil {
		t.Status = c.enum("/status", in.Status, TaskStatuses, true)
	}
	t.Evidence = c.text("/evidence", in.Evidence, t.Status == "done", 2000)
	scheduled := t.ProjectID != nil && t.DurationDays != nil
	t.Due = c.date("/due", in.Due, !scheduled)
	if d := t.DurationDays; d != nil && (*d < 0 || *d > 3650) {
		c.add("/duration_days", "must be from 0 (a milestone) to 3650 days")
	}
	if t.DurationDays != nil && t.ProjectID == nil {
		c.add("/duration_days", "needs a project_id: durations schedule a project's tasks")
	}
	if len(t.DependsOn) > 0 && t.ProjectID == nil {
		c.add("/depends_on", "needs a project_id: dependencies link tasks of one project")
	}
	if len(t.DependsOn) > MaxDependencies {
		c.add("/depends_on", "lists %d tasks; at most %d", len(t.DependsOn), MaxDependencies)
	}
}

// SaveTask creates a task (id 0) or applies a merge patch to one
// (editors). A project task's dependencies must be tasks of the same
// project and must not close a cycle (422 naming it); the project's
// schedule is recomputed and the parcels that follow it updated.
func (s *Service) SaveTask(ctx context.Context, a catalog.Actor, id int64, body []byte) (*Task, error) {
	if err := need(a, catalog.RoleEditor, "changing tasks"); err != nil {
		return nil, err
	}
	t, doc, err := s.taskDoc(ctx, id, body)
	if err != nil {
		return nil, err
	}
	var in TaskInput
	if err := decode(doc, &in); err != nil {
		return nil, err
	}
	var c checker
	wasDone := t.Status == "done"
	in.apply(&c, t)
	if err := c.err("the task is not valid"); err != nil {
		return nil, err
	}
	if err := s.checkTaskRefs(ctx, t); err != nil {
		return nil, err
	}
	now := s.now()
	if t.Status == "done" && !wasDone {
		t.CompletedAt = &now
	} else if t.Status != "done" {
		t.CompletedAt = nil
	}
	t.ChangedAt = now
	action := map[bool]string{true: "create", false: "patch"}[id == 0]
	if err := s.Store.SaveTask(ctx, t, id == 0, s.event(a, "task", id, action, json.RawMessage(doc))); err != nil {
		return nil, err
	}
	if t.ProjectID != nil {
		s.followByID(ctx, *t.ProjectID)
	}
	return t, nil
}

// taskDoc returns the task to change (new, or the stored one) and the
// full input document (the body, or the stored task with the patch).
func (s *Service) taskDoc(ctx context.Context, id int64, body []byte) (*Task, []byte, error) {
	if id == 0 {
		return &Task{CreatedAt: s.now()}, body, nil
	}
	t, err := s.Store.Task(ctx, id)
	if err != nil {
		return nil, nil, err
	}
	cur, _ := json.Marshal(taskInput(t))
	doc, err := mergePatch(cur, body)
	return t, doc, err
}

func (s *Service) checkTaskRefs(ctx context.Context, t *Task) error {
	if err := s.officerExists(ctx, "/assignee", t.Assignee); err != nil {
		return err
	}
	if t.LeadID != nil {
		if _, err := s.Store.Lead(ctx, *t.LeadID); err != nil {
			return refProblem(err, "/lead_id", "lead", *t.LeadID)
		}
	}
	if t.ProjectID == nil {
		return nil
	}
	p, err := s.Store.Project(ctx, *t.ProjectID)
	if err != nil {
		return refProblem(err, "/project_id", "project", *t.ProjectID)
	}
	tasks, err := s.Store.Tasks(ctx, TaskQuery{ProjectID: p.ID})
	if err != nil {
		return err
	}
	replaced := false
	for i := range tasks {
		if tasks[i].ID == t.ID && t.ID != 0 {
			tasks[i], replaced = *t, true
		}
	}
	if !replaced {
		tasks = append(tasks, *t)
	}
	_, err = s.schedule(p, tasks)
	return networkProblem(err)
}

// networkProblem turns a cycle or a dependency outside the project into
// a 422 naming the tasks.
func networkProblem(err error) error {
	var ce *cpm.CycleError
	var ue *cpm.UnknownError
	switch {
	case errors.As(err, &ce):
		ids := make([]string, len(ce.IDs))
		for i, id := range ce.IDs {
			ids[i] = fmt.Sprint(id)
		}
		return catalog.Invalid(ce.Error(), []catalog.Problem{{Pointer: "/depends_on", Message: "would close the cycle " + strings.Join(ids, " → ") + " → " + ids[0]}})
	case errors.As(err, &ue):
		return catalog.Invalid("a dependency is not a task of this project", []catalog.Problem{{Pointer: "/depends_on", Message: ue.Error()}})
	}
	return err
}

func refProblem(err error, ptr, what string, id int64) error {
	if catalog.KindOf(err) == catalog.KindNotFound {
		return catalog.Invalid("a reference names a "+what+" that does not exist", []catalog.Problem{{Pointer: ptr, Message: fmt.Sprintf("no %s %d", what, id)}})
	}
	return err
}

// Tasks lists tasks (any officer).
func (s *Service) Tasks(ctx context.Context, a catalog.Actor, q TaskQuery) ([]Task, error) {
	if err := need(a, catalog.RoleViewer, "tasks"); err != nil {
		return nil, err
	}
	return s.Store.Tasks(ctx, q)
}

// Task returns one task (any officer).
func (s *Service) Task(ctx context.Context, a catalog.Actor, id int64) (*Task, error) {
	if err := need(a, catalog.RoleViewer, "tasks"); err != nil {
		return nil, err
	}
	return s.Store.Task(ctx, id)
}
