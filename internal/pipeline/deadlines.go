package pipeline

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/landcat/landcat/internal/catalog"
	"github.com/landcat/landcat/internal/ical"
)

// Deadline is one date an official answers for: a task's due date (a
// project task without one: its earliest finish), a lead's first-response
// deadline, a reservation's end, an obstacle's due date. No personal
// data: leads are named by reference and company.
type Deadline struct {
	UID     string `json:"uid"`
	Day     string `json:"day"`
	Kind    string `json:"kind"`
	Summary string `json:"summary"`
	Path    string `json:"path"`
}

// Deadlines returns an official's open deadlines, by day.
func (s *Service) Deadlines(ctx context.Context, o *Officer) ([]Deadline, error) {
	tasks, err := s.Store.Tasks(ctx, TaskQuery{Assignee: o.ID})
	if err != nil {
		return nil, err
	}
	out, err := s.taskDeadlines(ctx, tasks)
	if err != nil {
		return nil, err
	}
	leads, err := s.Store.Leads(ctx, LeadQuery{Responsible: o.ID})
	if err != nil {
		return nil, err
	}
	for _, l := range leads {
		if l.Stage == Lost || l.Stage == Operating {
			continue
		}
		more, err := s.leadDeadlines(ctx, &l)
		if err != nil {
			return nil, err
		}
		out = append(out, more...)
	}
	slices.SortStableFunc(out, func(a, b Deadline) int { return cmpString(a.Day, b.Day) })
	return out, nil
}

func (s *Service) taskDeadlines(ctx context.Context, tasks []Task) ([]Deadline, error) {
	var out []Deadline
	finish := map[int64]string{}
	for _, t := range tasks {
		if t.Status == "done" || t.Status == "cancelled" {
			continue
		}
		due := t.Due
		if due == "" && t.ProjectID != nil {
			if _, ok := finish[t.ID]; !ok {
				if err := s.projectFinishes(ctx, *t.ProjectID, finish); err != nil {
					return nil, err
				}
			}
			due = finish[t.ID]
		}
		if due != "" {
			out = append(out, Deadline{UID: fmt.Sprintf("task-%d@landcat", t.ID), Day: due, Kind: "task", Summary: "Task: " + t.Title, Path: fmt.Sprintf("/tasks/%d", t.ID)})
		}
	}
	return out, nil
}

func (s *Service) projectFinishes(ctx context.Context, id int64, into map[int64]string) error {
	p, err := s.Store.Project(ctx, id)
	if err != nil {
		return err
	}
	tasks, err := s.Store.Tasks(ctx, TaskQuery{ProjectID: id})
	if err != nil {
		return err
	}
	sch, err := s.schedule(p, tasks)
	if err != nil {
		return nil // a network that cannot be scheduled has no finish dates
	}
	for _, t := range sch.Tasks {
		into[t.ID] = t.EarliestFinish
	}
	return nil
}

func (s *Service) leadDeadlines(ctx context.Context, l *Lead) ([]Deadline, error) {
	var out []Deadline
	name := l.Reference + " (" + l.Company + ")"
	path := fmt.Sprintf("/leads/%d", l.ID)
	if l.FirstResponseAt == nil {
		out = append(out, Deadline{UID: fmt.Sprintf("lead-%d-first-response@landcat", l.ID), Day: l.FirstResponseDue, Kind: "first_response", Summary: "First response due: " + name, Path: path})
	}
	rs, err := s.Store.Reservations(ctx, l.ID, "")
	if err != nil {
		return nil, err
	}
	for _, r := range rs {
		if r.ReleasedAt == nil {
			out = append(out, Deadline{UID: fmt.Sprintf("reservation-%d@landcat", r.ID), Day: r.Until, Kind: "reservation", Summary: "Reservation of " + r.ParcelID + " ends: " + name, Path: path})
		}
	}
	obs, err := s.Store.Obstacles(ctx, ObstacleQuery{LeadID: l.ID, Status: "open"})
	for _, o := range obs {
		out = append(out, Deadline{UID: fmt.Sprintf("obstacle-%d@landcat", o.ID), Day: o.Due, Kind: "obstacle", Summary: "Obstacle (" + o.OwnerAgency + "): " + o.Title, Path: fmt.Sprintf("/obstacles/%d", o.ID)})
	}
	return out, err
}

// CalendarFeed returns an official's deadlines as an iCalendar feed. It
// opens with the feed token (calendar apps send no credentials), or with
// the official's own credentials or an admin's (token "").
func (s *Service) CalendarFeed(ctx context.Context, a catalog.Actor, id, token, baseURL string) ([]byte, error) {
	var o *Officer
	var err error
	if token != "" {
		o, err = s.calendarOfficer(ctx, id, token)
	} else {
		o, err = s.selfOrAdmin(ctx, a, id, "the calendar")
	}
	if err != nil {
		return nil, err
	}
	ds, err := s.Deadlines(ctx, o)
	if err != nil {
		return nil, err
	}
	cal := ical.Calendar{ProdID: "-//landcat//investment pipeline//EN", Name: "landcat: " + o.Name, Stamp: s.now()}
	for _, d := range ds {
		t, err := time.Parse(time.DateOnly, d.Day)
		if err != nil {
			continue
		}
		cal.Events = append(cal.Events, ical.Event{UID: d.UID, Day: t, Summary: d.Summary, URL: baseURL + d.Path, Categories: d.Kind,
			Description: "landcat " + d.Kind + " — " + baseURL + d.Path})
	}
	return cal.Encode(), nil
}
