package pipeline

import "slices"

// workload counts each official's open leads, late first responses and
// open, overdue and at-risk tasks today, and lists those tasks (overdue
// first by due date, then at-risk by slack), at most MaxReportTasks.
func workload(d ReportData) ([]OfficialRow, []TaskRow, int) {
	rows := map[string]*OfficialRow{}
	out := make([]OfficialRow, len(d.Officers))
	for i, o := range d.Officers {
		out[i] = OfficialRow{Officer: o.ID, Name: o.Name, Unit: o.Unit}
		rows[o.ID] = &out[i]
	}
	for _, l := range d.Leads {
		row := rowOf(rows, l.Responsible)
		if row == nil || l.Stage == Lost || l.Stage == Operating {
			continue
		}
		row.OpenLeads++
		if l.FirstResponseAt == nil && l.FirstResponseDue < d.Today {
			row.FirstResponseOverdue++
		}
	}
	slack := projectSlack(d)
	var tasks []TaskRow
	for _, t := range d.Tasks {
		if t.Status == "done" || t.Status == "cancelled" {
			continue
		}
		row := rowOf(rows, &t.Assignee)
		tr := TaskRow{ID: t.ID, Assignee: t.Assignee, Title: t.Title, Due: t.Due, ProjectID: t.ProjectID}
		if sl, ok := slack[t.ID]; ok {
			tr.SlackDays, tr.AtRisk = &sl, sl <= 0
		}
		tr.Overdue = t.Due != "" && t.Due < d.Today
		if row != nil {
			row.OpenTasks++
			row.OverdueTasks += b2i(tr.Overdue)
			row.AtRiskTasks += b2i(tr.AtRisk)
		}
		if tr.Overdue || tr.AtRisk {
			tasks = append(tasks, tr)
		}
	}
	total := len(tasks)
	slices.SortFunc(tasks, func(a, b TaskRow) int {
		if a.Overdue != b.Overdue {
			return b2i(b.Overdue) - b2i(a.Overdue)
		}
		if c := cmpString(a.Due, b.Due); c != 0 && a.Overdue {
			return c
		}
		if a.SlackDays != nil && b.SlackDays != nil && *a.SlackDays != *b.SlackDays {
			return *a.SlackDays - *b.SlackDays
		}
		return int(a.ID - b.ID)
	})
	return out, tasks[:min(len(tasks), MaxReportTasks)], total
}

func rowOf(rows map[string]*OfficialRow, id *string) *OfficialRow {
	if id == nil {
		return nil
	}
	return rows[*id]
}

// projectSlack schedules every project and returns the slack of each of
// its tasks (a project whose network cannot be scheduled is left out).
func projectSlack(d ReportData) map[int64]int {
	byProject := map[int64][]Task{}
	for _, t := range d.Tasks {
		if t.ProjectID != nil {
			byProject[*t.ProjectID] = append(byProject[*t.ProjectID], t)
		}
	}
	slack := map[int64]int{}
	for i := range d.Projects {
		p := &d.Projects[i]
		sch, err := scheduleOf(p, byProject[p.ID], d.Today)
		if err != nil {
			continue
		}
		for _, st := range sch.Tasks {
			slack[st.ID] = st.SlackDays
		}
	}
	return slack
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}
