package cpm

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
	"time"
)

func date(s string) time.Time {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return t
}

func fmtDay(t time.Time) string { return t.Format(time.DateOnly) }

// The textbook network: A(3) → B(2), C(4) → D(1).
var textbook = []Task{{ID: 1, Duration: 3}, {ID: 2, Duration: 2, DependsOn: []int64{1}}, {ID: 3, Duration: 4, DependsOn: []int64{1}}, {ID: 4, Duration: 1, DependsOn: []int64{2, 3}}}

func TestTextbook(t *testing.T) {
	s, err := Compute(Input{Start: date("2026-01-01"), Tasks: textbook})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"1 2026-01-01 2026-01-03 2026-01-01 2026-01-03 0 true",
		"2 2026-01-04 2026-01-05 2026-01-06 2026-01-07 2 false",
		"3 2026-01-04 2026-01-07 2026-01-04 2026-01-07 0 true",
		"4 2026-01-08 2026-01-08 2026-01-08 2026-01-08 0 true",
	}
	for i, ts := range s.Tasks {
		got := fmt.Sprint(ts.ID, " ", fmtDay(ts.EarliestStart), " ", fmtDay(ts.EarliestFinish), " ", fmtDay(ts.LatestStart), " ", fmtDay(ts.LatestFinish), " ", ts.Slack, " ", ts.Critical)
		if got != want[i] {
			t.Errorf("task %d: %s, want %s", ts.ID, got, want[i])
		}
	}
	if fmtDay(s.ProjectedFinish) != "2026-01-08" || !slices.Equal(s.CriticalPath, []int64{1, 3, 4}) {
		t.Errorf("projected %s, critical path %v", fmtDay(s.ProjectedFinish), s.CriticalPath)
	}
}

func TestTargetGivesNegativeSlack(t *testing.T) {
	s, err := Compute(Input{Start: date("2026-01-01"), Target: date("2026-01-06"), Tasks: textbook})
	if err != nil {
		t.Fatal(err)
	}
	slacks := []int{s.Tasks[0].Slack, s.Tasks[1].Slack, s.Tasks[2].Slack, s.Tasks[3].Slack}
	if !slices.Equal(slacks, []int{-2, 0, -2, -2}) || s.SlipDays != 2 || !slices.Equal(s.CriticalPath, []int64{1, 3, 4}) {
		t.Errorf("slacks %v slip %d path %v", slacks, s.SlipDays, s.CriticalPath)
	}
	if fmtDay(s.Tasks[0].LatestStart) != "2025-12-30" {
		t.Errorf("A must have started two days before the start to make the target: %s", fmtDay(s.Tasks[0].LatestStart))
	}
}

func TestWorkingDays(t *testing.T) {
	cal := Calendar{WorkingDays: true}
	// Friday 2 January 2026: A works Fri, Mon, Tue.
	s, err := Compute(Input{Start: date("2026-01-02"), Calendar: cal, Tasks: textbook})
	if err != nil {
		t.Fatal(err)
	}
	if got := fmtDay(s.Tasks[0].EarliestFinish); got != "2026-01-06" {
		t.Errorf("A finishes %s, want Tuesday 2026-01-06", got)
	}
	// D follows C (Wed–Mon), so it runs Tuesday 13 January.
	if got := fmtDay(s.ProjectedFinish); got != "2026-01-13" {
		t.Errorf("projected %s, want 2026-01-13", got)
	}
	cal.Holidays = map[time.Time]bool{date("2026-01-05"): true}
	s, _ = Compute(Input{Start: date("2026-01-03"), Calendar: cal, Tasks: textbook[:1]})
	if got := fmtDay(s.Tasks[0].EarliestStart) + " " + fmtDay(s.Tasks[0].EarliestFinish); got != "2026-01-06 2026-01-08" {
		t.Errorf("a Saturday start and a Monday holiday: %s, want 2026-01-06 2026-01-08", got)
	}
	s, _ = Compute(Input{Start: date("2026-01-06"), Target: date("2026-01-07"), Calendar: cal, Tasks: textbook[:1]})
	if s.Tasks[0].Slack != -1 || fmtDay(s.Tasks[0].LatestStart) != "2026-01-02" {
		t.Errorf("one working day late (the holiday and the weekend skipped backwards): slack %d, latest start %s", s.Tasks[0].Slack, fmtDay(s.Tasks[0].LatestStart))
	}
}

func TestAsOfAndDone(t *testing.T) {
	tasks := []Task{{ID: 1, Duration: 3, Done: true, Finished: date("2026-01-05")}, {ID: 2, Duration: 2, DependsOn: []int64{1}}}
	s, err := Compute(Input{Start: date("2026-01-01"), AsOf: date("2026-01-10"), Tasks: tasks})
	if err != nil {
		t.Fatal(err)
	}
	if fmtDay(s.Tasks[0].EarliestFinish) != "2026-01-05" || fmtDay(s.Tasks[1].EarliestStart) != "2026-01-10" || fmtDay(s.ProjectedFinish) != "2026-01-11" {
		t.Errorf("done A finished 5 Jan; B cannot start before today (10 Jan): %+v", s.Tasks)
	}
}

func TestCycle(t *testing.T) {
	tasks := []Task{{ID: 1, DependsOn: []int64{3}}, {ID: 2, DependsOn: []int64{1}}, {ID: 3, DependsOn: []int64{2}}, {ID: 4, DependsOn: []int64{1}}, {ID: 5}}
	_, err := Compute(Input{Start: date("2026-01-01"), Tasks: tasks})
	var ce *CycleError
	if !errors.As(err, &ce) {
		t.Fatalf("want a CycleError, got %v", err)
	}
	ok := false
	for r := range 3 {
		rot := append(slices.Clone([]int64{1, 2, 3}[r:]), []int64{1, 2, 3}[:r]...)
		ok = ok || slices.Equal(ce.IDs, rot)
	}
	if !ok {
		t.Errorf("cycle %v, want 1 → 2 → 3 in some rotation", ce.IDs)
	}
	_, err = Compute(Input{Start: date("2026-01-01"), Tasks: []Task{{ID: 7, DependsOn: []int64{7}}}})
	if !errors.As(err, &ce) || !slices.Equal(ce.IDs, []int64{7}) || err.Error() != "the dependencies form a cycle: 7 → 7" {
		t.Errorf("self-dependency: %v", err)
	}
	var ue *UnknownError
	if _, err = Compute(Input{Tasks: []Task{{ID: 1, DependsOn: []int64{9}}}}); !errors.As(err, &ue) {
		t.Errorf("unknown dependency: %v", err)
	}
}

// TestRandomNetworks checks the method's invariants on random DAGs.
func TestRandomNetworks(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for round := range 200 {
		tasks := randomNetwork(r, 1+r.IntN(60))
		cal := Calendar{WorkingDays: round%2 == 0}
		s, err := Compute(Input{Start: date("2026-03-02"), Calendar: cal, Tasks: tasks})
		if err != nil {
			t.Fatal(err)
		}
		byID := map[int64]TaskSchedule{}
		for _, ts := range s.Tasks {
			byID[ts.ID] = ts
		}
		latest := time.Time{}
		for i, task := range tasks {
			ts := s.Tasks[i]
			if ts.Slack < 0 || ts.LatestStart.Before(ts.EarliestStart) {
				t.Fatalf("round %d task %d: negative slack without a target: %+v", round, task.ID, ts)
			}
			for _, p := range task.DependsOn {
				milestone := task.Duration == 0 || tasks[p-1].Duration == 0
				if !byID[p].EarliestFinish.Before(ts.EarliestStart) && !(milestone && !byID[p].EarliestFinish.After(ts.EarliestStart)) {
					t.Fatalf("round %d: task %d starts %s, before its predecessor %d finishes %s", round, task.ID, fmtDay(ts.EarliestStart), p, fmtDay(byID[p].EarliestFinish))
				}
			}
			if ts.EarliestFinish.After(latest) {
				latest = ts.EarliestFinish
			}
		}
		if len(s.CriticalPath) == 0 || !s.ProjectedFinish.Equal(latest) && latest.After(s.ProjectedFinish) {
			t.Fatalf("round %d: critical path %v, projected %s, latest finish %s", round, s.CriticalPath, fmtDay(s.ProjectedFinish), fmtDay(latest))
		}
	}
}

func randomNetwork(r *rand.Rand, n int) []Task {
	tasks := make([]Task, n)
	for i := range tasks {
		tasks[i] = Task{ID: int64(i + 1), Duration: r.IntN(15)}
		for range r.IntN(4) {
			if i > 0 {
				tasks[i].DependsOn = append(tasks[i].DependsOn, int64(1+r.IntN(i)))
			}
		}
	}
	return tasks
}

// BenchmarkCompute100k: a 100,000-task network (up to 3 predecessors each)
// on a working-day calendar.
func BenchmarkCompute100k(b *testing.B) {
	tasks := randomNetwork(rand.New(rand.NewPCG(1, 2)), 100_000)
	in := Input{Start: date("2026-03-02"), Target: date("2027-12-31"), Calendar: Calendar{WorkingDays: true}, Tasks: tasks}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Compute(in); err != nil {
			b.Fatal(err)
		}
	}
}
