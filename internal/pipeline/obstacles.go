package pipeline

import (
	"context"
	"encoding/json"

	"github.com/landcat/landcat/internal/catalog"
)

// Escalations are how high an obstacle has gone: the official's unit, a
// department, the city People's Committee, the central government.
var Escalations = []string{"unit", "department", "city", "central"}

// ObstacleStatuses: an obstacle is open until resolved (with a resolution).
var ObstacleStatuses = []string{"open", "resolved"}

// ObstacleInput is the body of POST /obstacles and, merged, of PATCH.
type ObstacleInput struct {
	LeadID      *int64  `json:"lead_id"`
	ProjectID   *int64  `json:"project_id"`
	Title       *string `json:"title"`
	Description *string `json:"description"`
	OwnerAgency *string `json:"owner_agency"`
	Due         *string `json:"due"`
	Escalation  *string `json:"escalation"`
	Status      *string `json:"status"`
	Resolution  *string `json:"resolution"`
}

// SaveObstacle records an obstacle (id 0) or applies a merge patch to one
// (editors). It blocks a lead or a project (at least one).
func (s *Service) SaveObstacle(ctx context.Context, a catalog.Actor, id int64, body []byte) (*Obstacle, error) {
	if err := need(a, catalog.RoleEditor, "changing obstacles"); err != nil {
		return nil, err
	}
	o, doc := &Obstacle{CreatedAt: s.now()}, body
	if id != 0 {
		var err error
		if o, err = s.Store.Obstacle(ctx, id); err != nil {
			return nil, err
		}
		cur, _ := json.Marshal(ObstacleInput{LeadID: o.LeadID, ProjectID: o.ProjectID, Title: &o.Title, Description: &o.Description, OwnerAgency: &o.OwnerAgency,
			Due: &o.Due, Escalation: &o.Escalation, Status: &o.Status, Resolution: &o.Resolution})
		if doc, err = mergePatch(cur, body); err != nil {
			return nil, err
		}
	}
	var in ObstacleInput
	if err := decode(doc, &in); err != nil {
		return nil, err
	}
	wasResolved := o.Status == "resolved"
	if err := s.applyObstacle(ctx, in, o); err != nil {
		return nil, err
	}
	now := s.now()
	if o.Status == "resolved" && !wasResolved {
		o.ResolvedAt = &now
	} else if o.Status != "resolved" {
		o.ResolvedAt = nil
	}
	o.ChangedAt = now
	action := map[bool]string{true: "create", false: "patch"}[id == 0]
	return o, s.Store.SaveObstacle(ctx, o, id == 0, s.event(a, "obstacle", id, action, json.RawMessage(doc)))
}

func (s *Service) applyObstacle(ctx context.Context, in ObstacleInput, o *Obstacle) error {
	var c checker
	o.LeadID, o.ProjectID = in.LeadID, in.ProjectID
	if o.LeadID == nil && o.ProjectID == nil {
		c.add("/lead_id", "name the lead or the project (project_id) the obstacle blocks")
	}
	o.Title = c.text("/title", in.Title, true, 300)
	o.Description = c.text("/description", in.Description, false, 4000)
	o.OwnerAgency = c.text("/owner_agency", in.OwnerAgency, true, 200)
	o.Due = c.date("/due", in.Due, true)
	if o.Escalation = "unit"; in.Escalation != nil {
		o.Escalation = c.enum("/escalation", in.Escalation, Escalations, true)
	}
	if o.Status = "open"; in.Status != nil {
		o.Status = c.enum("/status", in.Status, ObstacleStatuses, true)
	}
	o.Resolution = c.text("/resolution", in.Resolution, o.Status == "resolved", 2000)
	if err := c.err("the obstacle is not valid"); err != nil {
		return err
	}
	if o.LeadID != nil {
		if _, err := s.Store.Lead(ctx, *o.LeadID); err != nil {
			return refProblem(err, "/lead_id", "lead", *o.LeadID)
		}
	}
	if o.ProjectID != nil {
		if _, err := s.Store.Project(ctx, *o.ProjectID); err != nil {
			return refProblem(err, "/project_id", "project", *o.ProjectID)
		}
	}
	return nil
}

// Obstacles lists obstacles (any officer).
func (s *Service) Obstacles(ctx context.Context, a catalog.Actor, q ObstacleQuery) ([]Obstacle, error) {
	if err := need(a, catalog.RoleViewer, "obstacles"); err != nil {
		return nil, err
	}
	return s.Store.Obstacles(ctx, q)
}
