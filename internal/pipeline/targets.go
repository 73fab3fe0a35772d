package pipeline

import (
	"context"
	"encoding/json"

	"github.com/landcat/landcat/internal/catalog"
)

// TargetInput is the body of POST /targets.
type TargetInput struct {
	Officer    *string  `json:"officer"`
	Year       *int     `json:"year"`
	Sector     *string  `json:"sector"`
	Projects   *int     `json:"projects"`
	CapitalUSD *float64 `json:"capital_usd"`
	Hectares   *float64 `json:"hectares"`
}

// TargetRow is a target beside what the official attained: projects and
// capital of leads whose investment was approved in the year (stage
// investment_approval or later), hectares of leads whose sublease was
// signed in the year (sublease_signed or later), among the leads the
// official is responsible for, in the target's sector ("" for all).
type TargetRow struct {
	Target
	Name             string  `json:"name"`
	ProjectsAttained int     `json:"projects_attained"`
	CapitalAttained  float64 `json:"capital_usd_attained"`
	HectaresAttained float64 `json:"hectares_attained"`
	ProjectsProgress float64 `json:"projects_progress"`
	CapitalProgress  float64 `json:"capital_progress"`
	HectaresProgress float64 `json:"hectares_progress"`
}

// SaveTarget sets an official's target for a year and sector (admins:
// the city assigns them). It replaces one already set.
func (s *Service) SaveTarget(ctx context.Context, a catalog.Actor, body []byte) (*Target, error) {
	if err := need(a, catalog.RoleAdmin, "setting targets"); err != nil {
		return nil, err
	}
	var in TargetInput
	if err := decode(body, &in); err != nil {
		return nil, err
	}
	var c checker
	t := &Target{OfficerID: c.text("/officer", in.Officer, true, 128), Sector: c.enum("/sector", in.Sector, catalog.Sectors, false)}
	if in.Year == nil || *in.Year < 2000 || *in.Year > 2100 {
		c.add("/year", "is required: a year from 2000 to 2100")
	} else {
		t.Year = *in.Year
	}
	if in.Projects != nil {
		if t.Projects = *in.Projects; t.Projects < 0 || t.Projects > 100_000 {
			c.add("/projects", "must be from 0 to 100000")
		}
	}
	if v := c.number("/capital_usd", in.CapitalUSD, 1e13); v != nil {
		t.CapitalUSD = *v
	}
	if v := c.number("/hectares", in.Hectares, 1e6); v != nil {
		t.Hectares = *v
	}
	if err := c.err("the target is not valid"); err != nil {
		return nil, err
	}
	if err := s.officerExists(ctx, "/officer", t.OfficerID); err != nil {
		return nil, err
	}
	b, _ := json.Marshal(t)
	ev := s.event(a, "target", 0, "set", json.RawMessage(b))
	return t, s.Store.SaveTarget(ctx, t, ev)
}

// Targets returns a year's targets with their attainment (any officer).
func (s *Service) Targets(ctx context.Context, a catalog.Actor, year int, officer string) ([]TargetRow, error) {
	if err := need(a, catalog.RoleViewer, "targets"); err != nil {
		return nil, err
	}
	ts, err := s.Store.Targets(ctx, year, officer)
	if err != nil {
		return nil, err
	}
	leads, err := s.Store.Leads(ctx, LeadQuery{Responsible: officer})
	if err != nil {
		return nil, err
	}
	officers, err := s.Store.Officers(ctx)
	if err != nil {
		return nil, err
	}
	return attainment(ts, leads, officerNames(officers)), nil
}

// attainment puts each target beside what its official attained.
func attainment(ts []Target, leads []Lead, names map[string]string) []TargetRow {
	byOfficer := map[string][]*Lead{}
	for i := range leads {
		if r := leads[i].Responsible; r != nil {
			byOfficer[*r] = append(byOfficer[*r], &leads[i])
		}
	}
	rows := make([]TargetRow, len(ts))
	for i, t := range ts {
		row := TargetRow{Target: t, Name: names[t.OfficerID]}
		for _, l := range byOfficer[t.OfficerID] {
			if t.Sector != "" && l.Sector != t.Sector {
				continue
			}
			if inYear(l.ApprovedAt, t.Year) {
				row.ProjectsAttained++
				row.CapitalAttained += deref(l.CapitalUSD)
			}
			if inYear(l.SubleasedAt, t.Year) {
				row.HectaresAttained += deref(l.AreaHa)
			}
		}
		row.ProjectsProgress = ratio(float64(row.ProjectsAttained), float64(t.Projects))
		row.CapitalProgress = ratio(row.CapitalAttained, t.CapitalUSD)
		row.HectaresProgress = ratio(row.HectaresAttained, t.Hectares)
		rows[i] = row
	}
	return rows
}

func officerNames(os []Officer) map[string]string {
	m := make(map[string]string, len(os))
	for _, o := range os {
		m[o.ID] = o.Name
	}
	return m
}

func deref(v *float64) float64 {
	if v == nil {
		return 0
	}
	return *v
}

// ratio is attained/target rounded to 3 decimals (0 when no target).
func ratio(attained, target float64) float64 {
	if target <= 0 {
		return 0
	}
	return float64(int(attained/target*1000+0.5)) / 1000
}
