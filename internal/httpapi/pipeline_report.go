package httpapi

import (
	"bytes"
	"fmt"
	"net/http"
	"slices"

	"github.com/labstack/echo/v4"
	"github.com/landcat/landcat/internal/pipeline"
	"github.com/landcat/landcat/internal/sheet"
)

// reportTables are the names of the report's tables (?table= for CSV).
var reportTables = []string{"stages", "sectors", "officials", "targets", "tasks"}

// report is GET /reports/pipeline?year=&f=json|csv|xlsx|html (&table=
// for CSV: one table, officials by default).
func (s *server) report(c echo.Context) error {
	if err := checkParams(c.QueryParams(), oneOf("year", "f", "table")); err != nil {
		return err
	}
	p, err := s.pl()
	if err != nil {
		return err
	}
	year, err := yearParam(c, p)
	if err != nil {
		return err
	}
	table := c.QueryParam("table")
	if table == "" {
		table = "officials"
	} else if !slices.Contains(reportTables, table) {
		return badRequest("table", fmt.Sprintf("must be one of %v", reportTables))
	}
	r, err := p.Report(c.Request().Context(), actor(c), year)
	if err != nil {
		return err
	}
	c.Response().Header().Set("Cache-Control", "private, no-store")
	tables := reportSheets(r)
	var b bytes.Buffer
	switch f := c.QueryParam("f"); f {
	case "", "json":
		return sendJSON(c, http.StatusOK, mimeJSON, r)
	case "csv":
		c.Response().Header().Set("Content-Disposition", fmt.Sprintf(`attachment; filename="pipeline-%d-%s.csv"`, year, table))
		if err := sheet.WriteCSV(&b, tables[slices.Index(reportTables, table)]); err != nil {
			return err
		}
		return c.Blob(http.StatusOK, "text/csv; charset=utf-8", b.Bytes())
	case "xlsx":
		c.Response().Header().Set("Content-Disposition", fmt.Sprintf(`attachment; filename="pipeline-%d.xlsx"`, year))
		if err := sheet.WriteXLSX(&b, tables...); err != nil {
			return err
		}
		return c.Blob(http.StatusOK, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", b.Bytes())
	case "html":
		data := struct {
			Year   int
			AsOf   string
			Tables []sheet.Table
		}{r.Year, r.AsOf, tables}
		return s.renderHTML(c, "report", page{Title: fmt.Sprintf("Investment pipeline %d", year), Data: data,
			Formats: []link{{Href: "?f=json&year=" + fmt.Sprint(year), Type: mimeJSON, Title: "JSON"}, {Href: "?f=xlsx&year=" + fmt.Sprint(year), Title: "XLSX"}}})
	default:
		return badRequest("f", "must be json, csv, xlsx or html")
	}
}

// reportSheets lays the report out as tables, in reportTables order.
func reportSheets(r *pipeline.Report) []sheet.Table {
	stages := sheet.Table{Name: "stages", Columns: []string{"stage", "current", "reached", "conversion", "median_days", "mean_days"}}
	for _, s := range r.Stages {
		stages.Rows = append(stages.Rows, []any{s.Stage, s.Current, s.Reached, num(s.Conversion), num(s.MedianDays), num(s.MeanDays)})
	}
	sectors := sheet.Table{Name: "sectors", Columns: []string{"sector", "total", "open", "approved", "lost"}}
	for _, s := range r.Sectors {
		sectors.Rows = append(sectors.Rows, []any{s.Sector, s.Total, s.Open, s.Approved, s.Lost})
	}
	officials := sheet.Table{Name: "officials", Columns: []string{"officer", "name", "unit", "open_leads", "first_response_overdue", "open_tasks", "overdue_tasks", "at_risk_tasks"}}
	for _, o := range r.Officials {
		officials.Rows = append(officials.Rows, []any{o.Officer, o.Name, o.Unit, o.OpenLeads, o.FirstResponseOverdue, o.OpenTasks, o.OverdueTasks, o.AtRiskTasks})
	}
	targets := sheet.Table{Name: "targets", Columns: []string{"officer", "name", "year", "sector", "projects", "projects_attained", "capital_usd", "capital_usd_attained", "hectares", "hectares_attained"}}
	for _, t := range r.Targets {
		targets.Rows = append(targets.Rows, []any{t.OfficerID, t.Name, t.Year, t.Sector, t.Projects, t.ProjectsAttained, t.CapitalUSD, t.CapitalAttained, t.Hectares, t.HectaresAttained})
	}
	tasks := sheet.Table{Name: "tasks", Columns: []string{"task", "assignee", "title", "due", "project", "slack_days", "overdue", "at_risk"}}
	for _, t := range r.Tasks {
		var slack, project any
		if t.SlackDays != nil {
			slack = *t.SlackDays
		}
		if t.ProjectID != nil {
			project = *t.ProjectID
		}
		tasks.Rows = append(tasks.Rows, []any{t.ID, t.Assignee, t.Title, t.Due, project, slack, t.Overdue, t.AtRisk})
	}
	return []sheet.Table{stages, sectors, officials, targets, tasks}
}

func num(v *float64) any {
	if v == nil {
		return nil
	}
	return *v
}
