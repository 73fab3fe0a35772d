package pipeline

import (
	"context"
	"encoding/json"
	"time"

	"github.com/landcat/landcat/internal/catalog"
)

// LeadInput is the body of POST /leads (an official registers an investor
// approached directly) and, without contact, of PATCH /leads/{id}.
type LeadInput struct {
	Company     *string       `json:"company"`
	Sector      *string       `json:"sector"`
	ZoneID      *string       `json:"zone_id"`
	AreaHa      *float64      `json:"area_ha"`
	CapitalUSD  *float64      `json:"capital_usd"`
	Timing      *string       `json:"timing"`
	Parcels     []string      `json:"parcels"`
	Responsible *string       `json:"responsible"`
	Contact     *ContactInput `json:"contact,omitempty"`
}

// LeadDetail is a lead with what its handlers may see: the investor's
// contact (nil when hidden from the caller or erased), reservations and
// the lead's history (stage moves, edits, and for handlers every read of
// the contact).
type LeadDetail struct {
	Lead
	Contact       *Contact      `json:"contact"`
	ContactHidden bool          `json:"contact_hidden"`
	Reservations  []Reservation `json:"reservations"`
	History       []Event       `json:"history"`
}

// CreateLead registers a lead an official found (editors).
func (s *Service) CreateLead(ctx context.Context, a catalog.Actor, body []byte) (*Lead, error) {
	if err := need(a, catalog.RoleEditor, "registering a lead"); err != nil {
		return nil, err
	}
	var in LeadInput
	if err := decode(body, &in); err != nil {
		return nil, err
	}
	var c checker
	l := &Lead{Source: "officer"}
	contact := contactOf(&c, in.Contact, false)
	if err := s.applyLead(ctx, &c, l, in); err != nil {
		return nil, err
	}
	if contact != nil {
		l.DedupKey = dedupKey(contact.Email, l.Company, l.Parcels, "")
	}
	return l, s.create(ctx, a, l, contact)
}

func (s *Service) applyLead(ctx context.Context, c *checker, l *Lead, in LeadInput) error {
	l.Company = c.text("/company", in.Company, true, 200)
	l.Sector = c.enum("/sector", in.Sector, catalog.Sectors, false)
	if l.ZoneID = c.text("/zone_id", in.ZoneID, false, 128); l.ZoneID != "" && !catalog.ValidID(l.ZoneID) {
		c.add("/zone_id", "is not a zone id")
	}
	l.AreaHa, l.CapitalUSD = c.number("/area_ha", in.AreaHa, 100_000), c.number("/capital_usd", in.CapitalUSD, 1e12)
	l.Timing = c.text("/timing", in.Timing, false, 200)
	l.Parcels = s.checkParcels(ctx, c, in.Parcels, false)
	l.Responsible = nil
	if r := c.text("/responsible", in.Responsible, false, 128); r != "" {
		l.Responsible = &r
	}
	if err := c.err("the lead is not valid"); err != nil {
		return err
	}
	if l.Responsible != nil {
		return s.officerExists(ctx, "/responsible", *l.Responsible)
	}
	return nil
}

// Leads lists leads, business facts only (any officer).
func (s *Service) Leads(ctx context.Context, a catalog.Actor, q LeadQuery) ([]Lead, error) {
	if err := need(a, catalog.RoleViewer, "the pipeline"); err != nil {
		return nil, err
	}
	return s.Store.Leads(ctx, q)
}

// Lead returns a lead; its handlers also get the investor's contact, and
// that read is recorded.
func (s *Service) Lead(ctx context.Context, a catalog.Actor, id int64) (*LeadDetail, error) {
	if err := need(a, catalog.RoleViewer, "a lead"); err != nil {
		return nil, err
	}
	l, err := s.Store.Lead(ctx, id)
	if err != nil {
		return nil, err
	}
	d := &LeadDetail{Lead: *l}
	handler, err := s.handles(ctx, a, l)
	if err != nil {
		return nil, err
	}
	if d.ContactHidden = !handler; handler && l.ErasedAt == nil {
		if d.Contact, err = s.Store.ReadContact(ctx, id, s.event(a, "lead", id, "read_contact", nil)); err != nil {
			return nil, err
		}
	}
	if d.Reservations, err = s.Store.Reservations(ctx, id, ""); err != nil {
		return nil, err
	}
	d.Reservations, d.History = orEmpty(d.Reservations), []Event{}
	events, err := s.Store.Events(ctx, "lead", l.idString(), "")
	for _, ev := range events {
		if handler || ev.Action != "read_contact" {
			d.History = append(d.History, ev)
		}
	}
	return d, err
}

// PatchLead applies a JSON Merge Patch to a lead's business facts (its
// handlers). Reassigning it (responsible) is a handler's decision too.
func (s *Service) PatchLead(ctx context.Context, a catalog.Actor, id int64, patch []byte) (*Lead, error) {
	l, err := s.handledLead(ctx, a, id)
	if err != nil {
		return nil, err
	}
	cur, _ := json.Marshal(LeadInput{Company: &l.Company, Sector: &l.Sector, ZoneID: &l.ZoneID, AreaHa: l.AreaHa, CapitalUSD: l.CapitalUSD,
		Timing: &l.Timing, Parcels: l.Parcels, Responsible: l.Responsible})
	doc, err := mergePatch(cur, patch)
	if err != nil {
		return nil, err
	}
	var in LeadInput
	if err := decode(doc, &in); err != nil {
		return nil, err
	}
	var c checker
	if in.Contact != nil {
		c.add("/contact", "cannot be patched; an investor's data is corrected by erasing it and registering it again")
	}
	next := *l
	if err := s.applyLead(ctx, &c, &next, in); err != nil {
		return nil, err
	}
	next.ChangedAt = s.now()
	return &next, s.Store.SaveLead(ctx, &next, s.event(a, "lead", id, "patch", json.RawMessage(patch)))
}

func (s *Service) handledLead(ctx context.Context, a catalog.Actor, id int64) (*Lead, error) {
	if err := need(a, catalog.RoleEditor, "changing a lead"); err != nil {
		return nil, err
	}
	l, err := s.Store.Lead(ctx, id)
	if err != nil {
		return nil, err
	}
	return l, s.mustHandle(ctx, a, l)
}

// StageInput is the body of POST /leads/{id}/stage.
type StageInput struct {
	Stage  *string `json:"stage"`
	Note   *string `json:"note"`
	Reason *string `json:"reason"`
}

// MoveStage moves a lead to a stage (or records a note when the stage is
// the current one); the first move or note is the first response. Lost
// needs a reason and releases the lead's reservations.
func (s *Service) MoveStage(ctx context.Context, a catalog.Actor, id int64, body []byte) (*Lead, error) {
	l, err := s.handledLead(ctx, a, id)
	if err != nil {
		return nil, err
	}
	var in StageInput
	if err := decode(body, &in); err != nil {
		return nil, err
	}
	var c checker
	to := Stage(c.enum("/stage", in.Stage, stageList(), true))
	note, reason := c.text("/note", in.Note, false, 2000), c.text("/reason", in.Reason, to == Lost, 500)
	if to == l.Stage && note == "" {
		c.add("/note", "is required when the stage does not change")
	}
	if err := c.err("the stage change is not valid"); err != nil {
		return nil, err
	}
	if err := checkMove(l.Stage, to); err != nil {
		return nil, catalog.Errorf(catalog.KindConflict, "lead %s cannot move from %s to %s: %v", l.Reference, l.Stage, to, err)
	}
	next := advance(*l, to, reason, s.now())
	action := map[bool]string{true: "note", false: "stage"}[to == l.Stage]
	ev := s.event(a, "lead", id, action, map[string]string{"from": string(l.Stage), "to": string(to), "note": note, "reason": reason})
	if err := s.Store.SaveLead(ctx, &next, ev); err != nil {
		return nil, err
	}
	if to == Lost {
		s.releaseAll(ctx, SystemActor, id, "lead lost")
	}
	return &next, nil
}

// advance is the lead after a move to stage to at now.
func advance(l Lead, to Stage, reason string, now time.Time) Lead {
	if l.FirstResponseAt == nil {
		l.FirstResponseAt = &now
	}
	if to != l.Stage {
		l.Stage, l.StageSince = to, now
	}
	if to == Lost {
		l.LostReason = reason
	}
	if l.ApprovedAt == nil && to.Rank() >= CountsForProjects.Rank() {
		l.ApprovedAt = &now
	}
	if l.SubleasedAt == nil && to.Rank() >= CountsForHectares.Rank() {
		l.SubleasedAt = &now
	}
	l.ChangedAt = now
	return l
}

func stageList() []string {
	out := make([]string, len(AllStages))
	for i, st := range AllStages {
		out[i] = string(st)
	}
	return out
}

// Erase removes an investor's personal data on request (admins): the
// lead's business facts stay.
func (s *Service) Erase(ctx context.Context, a catalog.Actor, id int64) error {
	if err := need(a, catalog.RoleAdmin, "erasing an investor's personal data"); err != nil {
		return err
	}
	if _, err := s.Store.Lead(ctx, id); err != nil {
		return err
	}
	return s.Store.EraseContact(ctx, id, s.now(), s.event(a, "lead", id, "erase", map[string]string{"reason": "request"}))
}

// ApplyRetention erases the personal data of leads not changed for the
// retention period; it returns how many.
func (s *Service) ApplyRetention(ctx context.Context) (int, error) {
	ids, err := s.Store.StaleContacts(ctx, s.now().Add(-s.retention()))
	if err != nil {
		return 0, err
	}
	for _, id := range ids {
		ev := s.event(SystemActor, "lead", id, "erase", map[string]string{"reason": "retention"})
		if err := s.Store.EraseContact(ctx, id, s.now(), ev); err != nil {
			return 0, err
		}
	}
	return len(ids), nil
}

func (l *Lead) idString() string {
	b, _ := json.Marshal(l.ID)
	return string(b)
}

// Inquiries lists the leads that came in as web inquiries (any officer):
// what the investor asked, never who they are.
func (s *Service) Inquiries(ctx context.Context, a catalog.Actor, q LeadQuery) ([]Lead, error) {
	q.Source = "inquiry"
	return s.Leads(ctx, a, q)
}
