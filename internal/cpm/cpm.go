package cpm

import (
	"fmt"
	"slices"
	"strings"
	"time"
)

// Task is one activity of the network.
type Task struct {
	ID int64
	// Duration is in days of the calendar (working days when the
	// calendar says so); 0 is a milestone.
	Duration int
	// DependsOn are finish-to-start predecessors: this task starts the
	// day after the last of them finishes.
	DependsOn []int64
	// Done tasks keep their actual finish (Finished, a date); the others
	// start no earlier than the schedule's AsOf.
	Done     bool
	Finished time.Time
}

// Input is a project's network.
type Input struct {
	Start time.Time // first day of work
	// Target is the committed finish date (zero: none); latest dates and
	// slack are counted back from it, so a negative slack is a delay.
	Target   time.Time
	AsOf     time.Time // today: unfinished work starts no earlier (zero: ignore)
	Calendar Calendar
	Tasks    []Task
}

// TaskSchedule is one task's dates (inclusive: first and last day worked;
// a milestone starts and finishes on one day) and its slack in calendar
// days or working days, as the calendar counts.
type TaskSchedule struct {
	ID             int64
	EarliestStart  time.Time
	EarliestFinish time.Time
	LatestStart    time.Time
	LatestFinish   time.Time
	Slack          int
	Critical       bool
}

// Schedule is the result: tasks in input order, the projected finish (the
// last earliest finish), the critical path (the tasks of least slack, in
// the order they run) and the slip against the target in calendar days.
type Schedule struct {
	Tasks           []TaskSchedule
	ProjectedFinish time.Time
	Target          time.Time
	SlipDays        int
	CriticalPath    []int64
}

// CycleError names tasks whose dependencies go round in a circle, in
// dependency order (each depends on the one before; the first on the last).
type CycleError struct{ IDs []int64 }

func (e *CycleError) Error() string {
	parts := make([]string, 0, len(e.IDs)+1)
	for _, id := range append(slices.Clone(e.IDs), e.IDs[0]) {
		parts = append(parts, fmt.Sprint(id))
	}
	return "the dependencies form a cycle: " + strings.Join(parts, " → ")
}

// UnknownError names a dependency on a task that is not in the network.
type UnknownError struct{ Task, Missing int64 }

func (e *UnknownError) Error() string {
	return fmt.Sprintf("task %d depends on task %d, which is not in this project", e.Task, e.Missing)
}

// Compute schedules the network. It is O(tasks + dependencies) plus the
// calendar days spanned.
func Compute(in Input) (Schedule, error) {
	g, err := newGraph(in.Tasks)
	if err != nil {
		return Schedule{}, err
	}
	order, err := g.topo()
	if err != nil {
		return Schedule{}, err
	}
	d := newDays(in.Calendar, Day(in.Start))
	es, ef := forward(in, g, order, d)
	end := 0
	for _, f := range ef {
		end = max(end, f)
	}
	finishX := end
	if !in.Target.IsZero() {
		finishX = d.before(Day(in.Target).AddDate(0, 0, 1))
	}
	ls, lf := backward(in, g, order, finishX)
	return assemble(in, d, order, es, ef, ls, lf, end), nil
}

func forward(in Input, g *graph, order []int, d *days) (es, ef []int) {
	n := len(in.Tasks)
	es, ef = make([]int, n), make([]int, n)
	notBefore := 0
	if !in.AsOf.IsZero() {
		notBefore = max(0, d.before(Day(in.AsOf)))
	}
	for _, i := range order {
		t := in.Tasks[i]
		if t.Done && !t.Finished.IsZero() {
			ef[i] = d.before(Day(t.Finished).AddDate(0, 0, 1))
			es[i] = ef[i] - t.Duration
			continue
		}
		start := notBefore
		for _, p := range g.preds[i] {
			start = max(start, ef[p])
		}
		es[i], ef[i] = start, start+t.Duration
	}
	return es, ef
}

func backward(in Input, g *graph, order []int, finishX int) (ls, lf []int) {
	n := len(in.Tasks)
	ls, lf = make([]int, n), make([]int, n)
	for k := len(order) - 1; k >= 0; k-- {
		i := order[k]
		late := finishX
		for _, s := range g.succs[i] {
			late = min(late, ls[s])
		}
		lf[i], ls[i] = late, late-in.Tasks[i].Duration
	}
	return ls, lf
}

func assemble(in Input, d *days, order, es, ef, ls, lf []int, end int) Schedule {
	out := Schedule{Tasks: make([]TaskSchedule, len(in.Tasks))}
	least := 0
	for i := range in.Tasks {
		if s := ls[i] - es[i]; i == 0 || s < least {
			least = s
		}
	}
	for i, t := range in.Tasks {
		slack := ls[i] - es[i]
		ts := TaskSchedule{ID: t.ID, Slack: slack, Critical: slack == least}
		ts.EarliestStart, ts.EarliestFinish = span(d, es[i], ef[i])
		ts.LatestStart, ts.LatestFinish = span(d, ls[i], lf[i])
		out.Tasks[i] = ts
	}
	for _, i := range order {
		if out.Tasks[i].Critical {
			out.CriticalPath = append(out.CriticalPath, in.Tasks[i].ID)
		}
	}
	out.ProjectedFinish = d.date(max(end-1, 0))
	if end == 0 {
		out.ProjectedFinish = d.date(0)
	}
	if !in.Target.IsZero() {
		out.Target = Day(in.Target)
		out.SlipDays = int(out.ProjectedFinish.Sub(out.Target).Hours() / 24)
	}
	return out
}

// span returns the first and last day of work in [start, finishX). A
// milestone (no days) falls on the day its predecessors finish: the day
// before its start offset (the first day, when it starts the project).
func span(d *days, start, finishX int) (time.Time, time.Time) {
	if finishX > start {
		return d.date(start), d.date(finishX - 1)
	}
	if start != 0 {
		start--
	}
	day := d.date(start)
	return day, day
}
