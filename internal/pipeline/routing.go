package pipeline

import (
	"context"
	"slices"
	"time"

	"github.com/landcat/landcat/internal/catalog"
)

// DefaultResponseDays is the first-response deadline, in working days,
// of a lead no rule routes.
const DefaultResponseDays = 2

// RuleInput is the body of POST /routing-rules.
type RuleInput struct {
	Sector       *string `json:"sector"`
	ZoneID       *string `json:"zone_id"`
	Officer      *string `json:"officer"`
	ResponseDays *int    `json:"response_days"`
}

// Rules lists the routing rules (any officer).
func (s *Service) Rules(ctx context.Context, a catalog.Actor) ([]Rule, error) {
	if err := need(a, catalog.RoleViewer, "the routing rules"); err != nil {
		return nil, err
	}
	return s.Store.Rules(ctx)
}

// AddRule stores a routing rule (admins).
func (s *Service) AddRule(ctx context.Context, a catalog.Actor, body []byte) (*Rule, error) {
	if err := need(a, catalog.RoleAdmin, "changing routing rules"); err != nil {
		return nil, err
	}
	var in RuleInput
	if err := decode(body, &in); err != nil {
		return nil, err
	}
	var c checker
	r := &Rule{CreatedAt: s.now(), ResponseDays: DefaultResponseDays}
	r.Sector = c.enum("/sector", in.Sector, catalog.Sectors, false)
	if r.ZoneID = c.text("/zone_id", in.ZoneID, false, 128); r.ZoneID != "" && !catalog.ValidID(r.ZoneID) {
		c.add("/zone_id", "is not a zone id")
	}
	r.OfficerID = c.text("/officer", in.Officer, true, 128)
	if in.ResponseDays != nil {
		if r.ResponseDays = *in.ResponseDays; r.ResponseDays < 1 || r.ResponseDays > 30 {
			c.add("/response_days", "must be from 1 to 30 working days")
		}
	}
	if err := c.err("the routing rule is not valid"); err != nil {
		return nil, err
	}
	if err := s.officerExists(ctx, "/officer", r.OfficerID); err != nil {
		return nil, err
	}
	return r, s.Store.SaveRule(ctx, r, s.event(a, "rule", 0, "create", r))
}

// DeleteRule removes a routing rule (admins).
func (s *Service) DeleteRule(ctx context.Context, a catalog.Actor, id int64) error {
	if err := need(a, catalog.RoleAdmin, "changing routing rules"); err != nil {
		return err
	}
	return s.Store.DeleteRule(ctx, id, s.event(a, "rule", id, "delete", nil))
}

// route picks the rule for a sector and zone: the most specific that
// matches (sector and zone, then zone alone, then sector alone, then the
// fallback with neither), the oldest among equals; nil when none does.
func route(rules []Rule, sector, zone string) *Rule {
	best, bestScore := -1, -1
	for i, r := range rules {
		if (r.Sector != "" && r.Sector != sector) || (r.ZoneID != "" && r.ZoneID != zone) {
			continue
		}
		score := 0
		if r.ZoneID != "" {
			score += 2
		}
		if r.Sector != "" {
			score++
		}
		if score > bestScore || (score == bestScore && r.ID < rules[best].ID) {
			best, bestScore = i, score
		}
	}
	if best < 0 {
		return nil
	}
	return &rules[best]
}

// addWorkingDays returns the date n working days (Monday to Friday) after
// t's date in Hai Phong.
func addWorkingDays(t time.Time, n int) string {
	d := t.In(ICT)
	for n > 0 {
		d = d.AddDate(0, 0, 1)
		if !slices.Contains([]time.Weekday{time.Saturday, time.Sunday}, d.Weekday()) {
			n--
		}
	}
	return d.Format(time.DateOnly)
}

func (s *Service) officerExists(ctx context.Context, ptr, id string) error {
	if _, err := s.Store.Officer(ctx, id); err != nil {
		if catalog.KindOf(err) == catalog.KindNotFound {
			return catalog.Invalid("a reference names an officer that does not exist", []catalog.Problem{{Pointer: ptr, Message: "no officer " + id + " (GET /officers)"}})
		}
		return err
	}
	return nil
}
