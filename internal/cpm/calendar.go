// Package cpm computes a project's schedule by the critical path method
// (sơ đồ găng): earliest and latest start and finish of every task, its
// slack, the critical path and the projected finish, on a calendar of
// every day or of working days (Monday to Friday, less public holidays).
// It is pure: tasks in, schedule out.
package cpm

import (
	"sort"
	"time"
)

// Calendar says which days work happens on. The zero Calendar has every
// day as a working day.
type Calendar struct {
	// WorkingDays skips Saturdays, Sundays and Holidays.
	WorkingDays bool
	// Holidays are days off (dates at 00:00 UTC), with WorkingDays only.
	Holidays map[time.Time]bool
}

// Works reports whether d is a working day.
func (c Calendar) Works(d time.Time) bool {
	if !c.WorkingDays {
		return true
	}
	if wd := d.Weekday(); wd == time.Saturday || wd == time.Sunday {
		return false
	}
	return !c.Holidays[d]
}

// days maps offsets (working days counted from a start) to dates and
// back. Dates are computed once per offset and kept.
type days struct {
	cal   Calendar
	start time.Time   // the first working day on or after the project start
	fwd   []time.Time // fwd[i]: working day i (i >= 0)
	bwd   []time.Time // bwd[i]: working day -(i+1)
}

func newDays(cal Calendar, start time.Time) *days {
	d := &days{cal: cal, start: start}
	for !cal.Works(d.start) {
		d.start = d.start.AddDate(0, 0, 1)
	}
	return d
}

// date returns working day off (off may be negative: before the start).
func (d *days) date(off int) time.Time {
	if !d.cal.WorkingDays {
		return d.start.AddDate(0, 0, off)
	}
	if off >= 0 {
		for len(d.fwd) <= off {
			next := d.start
			if n := len(d.fwd); n > 0 {
				next = d.step(d.fwd[n-1], 1)
			}
			d.fwd = append(d.fwd, next)
		}
		return d.fwd[off]
	}
	i := -off - 1
	for len(d.bwd) <= i {
		prev := d.start
		if n := len(d.bwd); n > 0 {
			prev = d.bwd[n-1]
		}
		d.bwd = append(d.bwd, d.step(prev, -1))
	}
	return d.bwd[i]
}

// step moves from t to the next working day in direction dir (±1).
func (d *days) step(t time.Time, dir int) time.Time {
	t = t.AddDate(0, 0, dir)
	for !d.cal.Works(t) {
		t = t.AddDate(0, 0, dir)
	}
	return t
}

// before returns how many working days lie in [start, t) (negative when t
// is before the start): the offset of the first working day on or after
// t. Dates are found by binary search among those already computed.
func (d *days) before(t time.Time) int {
	if !d.cal.WorkingDays {
		return int(t.Sub(d.start).Hours() / 24)
	}
	if !t.Before(d.start) {
		for i := len(d.fwd); len(d.fwd) == 0 || d.fwd[len(d.fwd)-1].Before(t); i++ {
			d.date(i)
		}
		return sort.Search(len(d.fwd), func(i int) bool { return !d.fwd[i].Before(t) })
	}
	for i := len(d.bwd); len(d.bwd) == 0 || !d.bwd[len(d.bwd)-1].Before(t); i++ {
		d.date(-i - 1)
	}
	// bwd descends: the working days before the start that are >= t.
	return -sort.Search(len(d.bwd), func(i int) bool { return d.bwd[i].Before(t) })
}

// Day returns the date of t at 00:00 UTC.
func Day(t time.Time) time.Time {
	y, m, dd := t.Date()
	return time.Date(y, m, dd, 0, 0, 0, 0, time.UTC)
}
