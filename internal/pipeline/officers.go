package pipeline

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base32"
	"encoding/hex"
	"regexp"
	"strings"

	"github.com/landcat/landcat/internal/catalog"
)

// OfficerInput is the body of POST /officers and PUT /officers/{id}.
type OfficerInput struct {
	ID      *string `json:"id"`
	Subject *string `json:"subject"`
	Name    *string `json:"name"`
	Email   *string `json:"email"`
	Unit    *string `json:"unit"`
	Leader  *bool   `json:"leader"`
}

var emailPattern = regexp.MustCompile(`^[^@\s]{1,64}@[A-Za-z0-9.-]{1,190}\.[A-Za-z]{2,24}$`)

var subjectPattern = regexp.MustCompile(`^(apikey:[0-9]{1,19}|oidc:\S{1,255})$`)

func (in OfficerInput) officer(o *Officer) error {
	var c checker
	if id := c.text("/id", in.ID, true, 128); id != "" && !catalog.ValidID(id) {
		c.add("/id", "must be 1–128 letters, digits, '.', '_', '~' or '-', starting with a letter or digit")
	} else {
		o.ID = id
	}
	o.Subject = nil
	if sub := c.text("/subject", in.Subject, false, 262); sub != "" {
		if !subjectPattern.MatchString(sub) {
			c.add("/subject", "must name credentials as GET /me shows them: apikey:ID or oidc:SUBJECT")
		}
		o.Subject = &sub
	}
	o.Name = c.text("/name", in.Name, true, 200)
	if o.Email = c.text("/email", in.Email, false, 254); o.Email != "" && !emailPattern.MatchString(o.Email) {
		c.add("/email", "is not an e-mail address")
	}
	o.Unit = c.text("/unit", in.Unit, false, 200)
	o.Leader = in.Leader != nil && *in.Leader
	return c.err("the officer is not valid")
}

// Officers lists the agency's officials (any officer may read it).
func (s *Service) Officers(ctx context.Context, a catalog.Actor) ([]Officer, error) {
	if err := need(a, catalog.RoleViewer, "the list of officers"); err != nil {
		return nil, err
	}
	return s.Store.Officers(ctx)
}

// SaveOfficer creates (create) or replaces an officer: admins only.
func (s *Service) SaveOfficer(ctx context.Context, a catalog.Actor, body []byte, id string, create bool) (*Officer, error) {
	if err := need(a, catalog.RoleAdmin, "registering officers"); err != nil {
		return nil, err
	}
	var in OfficerInput
	if err := decode(body, &in); err != nil {
		return nil, err
	}
	o := &Officer{CreatedAt: s.now(), ChangedAt: s.now()}
	if !create {
		cur, err := s.Store.Officer(ctx, id)
		if err != nil {
			return nil, err
		}
		*o = *cur
		o.ChangedAt = s.now()
		if in.ID == nil {
			in.ID = &id
		}
	}
	if err := in.officer(o); err != nil {
		return nil, err
	}
	if !create && o.ID != id {
		return nil, catalog.Invalid("an officer's id cannot change", []catalog.Problem{{Pointer: "/id", Message: "must be " + id}})
	}
	action := map[bool]string{true: "create", false: "replace"}[create]
	ev := s.event(a, "officer", 0, action, map[string]any{"name": o.Name, "unit": o.Unit, "leader": o.Leader})
	ev.EntityID = o.ID
	return o, s.Store.SaveOfficer(ctx, o, create, ev)
}

// IssueCalendarToken gives an officer a new secret for the calendar feed
// URL (the old one stops working). The officer themselves or an admin.
func (s *Service) IssueCalendarToken(ctx context.Context, a catalog.Actor, id string) (string, error) {
	o, err := s.selfOrAdmin(ctx, a, id, "a calendar feed token")
	if err != nil {
		return "", err
	}
	var b [20]byte
	if _, err := rand.Read(b[:]); err != nil {
		return "", err
	}
	token := "cal_" + strings.ToLower(base32.StdEncoding.WithPadding(base32.NoPadding).EncodeToString(b[:]))
	o.CalendarTokenHash, o.ChangedAt = hashToken(token), s.now()
	ev := s.event(a, "officer", 0, "calendar_token", nil)
	ev.EntityID = o.ID
	return token, s.Store.SaveOfficer(ctx, o, false, ev)
}

// selfOrAdmin returns officer id when a is that officer or an admin.
func (s *Service) selfOrAdmin(ctx context.Context, a catalog.Actor, id, what string) (*Officer, error) {
	if err := need(a, catalog.RoleViewer, what); err != nil {
		return nil, err
	}
	o, err := s.Store.Officer(ctx, id)
	if err != nil {
		return nil, err
	}
	if a.Role == catalog.RoleAdmin || (o.Subject != nil && *o.Subject == a.Subject && a.Subject != "") {
		return o, nil
	}
	return nil, catalog.Errorf(catalog.KindForbidden, "%s of officer %s is theirs or an admin's to see", what, id)
}

// calendarOfficer returns the officer whose feed the token opens.
func (s *Service) calendarOfficer(ctx context.Context, id, token string) (*Officer, error) {
	o, err := s.Store.Officer(ctx, id)
	if catalog.KindOf(err) == catalog.KindNotFound || (err == nil && (o.CalendarTokenHash == "" ||
		subtle.ConstantTimeCompare([]byte(o.CalendarTokenHash), []byte(hashToken(token))) != 1)) {
		return nil, catalog.Errorf(catalog.KindUnauthenticated, "the calendar token is not valid for officer %s (POST /officers/%s/calendar-token issues one)", id, id)
	}
	return o, err
}

func hashToken(t string) string {
	h := sha256.Sum256([]byte(t))
	return hex.EncodeToString(h[:])
}
