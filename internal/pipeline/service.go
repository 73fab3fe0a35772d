// Package pipeline is the investment pipeline: investors' inquiries become
// leads routed to a responsible official, moved through stages from
// inquiry to operating plant; tasks with the "6 rõ" (clear person, task,
// time, responsibility, authority, result), obstacles, key projects with
// their critical path (package cpm), officials' yearly targets, reports,
// calendar feeds and daily digests. Investors' personal data is seen by
// the responsible official, their unit's leaders and admins only, every
// read recorded. It is pure domain: a Store keeps it, and parcel writes
// (reservations, available_from) go through the catalogue's Service as
// ordinary audited edits.
package pipeline

import (
	"context"
	"encoding/json"
	"log/slog"
	"strconv"
	"sync"
	"time"

	"github.com/landcat/landcat/internal/catalog"
)

// ICT is Vietnam's time (UTC+7, no daylight saving): what "today" means.
var ICT = time.FixedZone("ICT", 7*3600)

// DefaultRetention is how long an investor's personal data is kept after
// the lead was last handled: two years.
const DefaultRetention = 730 * 24 * time.Hour

// SystemActor makes the pipeline's own changes (expired reservations,
// available_from following a project, retention).
var SystemActor = catalog.Actor{Subject: "system:pipeline", Name: "landcat pipeline", Role: catalog.RoleAdmin}

// Service applies the pipeline's rules.
type Service struct {
	Store Store
	// Catalog writes parcels (reservations, available_from).
	Catalog *catalog.Service
	// CheckMatch validates a match request attached to an inquiry
	// (problems point into it); nil accepts any JSON object.
	CheckMatch func(raw []byte) error
	// Now is the clock (nil: time.Now).
	Now func() time.Time
	// Retention is how long personal data is kept after the last change
	// of its lead (0: DefaultRetention).
	Retention time.Duration
	Log       *slog.Logger

	secretMu sync.Mutex
	secret   []byte
}

func (s *Service) now() time.Time {
	if s.Now != nil {
		return s.Now().UTC()
	}
	return time.Now().UTC()
}

// Today is the date in Hai Phong, "YYYY-MM-DD".
func (s *Service) Today() string { return s.now().In(ICT).Format(time.DateOnly) }

func (s *Service) retention() time.Duration {
	if s.Retention > 0 {
		return s.Retention
	}
	return DefaultRetention
}

// formSecret is the inquiry form's signing key, shared by every process.
func (s *Service) formSecret(ctx context.Context) ([]byte, error) {
	s.secretMu.Lock()
	defer s.secretMu.Unlock()
	if s.secret == nil {
		b, err := s.Store.Secret(ctx, "inquiry-form")
		if err != nil {
			return nil, err
		}
		s.secret = b
	}
	return s.secret, nil
}

// need refuses callers below role: 401 when anonymous, 403 otherwise.
func need(a catalog.Actor, role catalog.Role, what string) error {
	if a.Role == catalog.RoleNone {
		return catalog.Errorf(catalog.KindUnauthenticated, "%s needs an officer's credentials", what)
	}
	if a.Role < role {
		return catalog.Errorf(catalog.KindForbidden, "%s needs the %s role; %s has %s", what, role, a.Name, a.Role)
	}
	return nil
}

// Me returns the officer record of the caller's credentials (nil when
// the credentials are nobody's in the pipeline).
func (s *Service) Me(ctx context.Context, a catalog.Actor) (*Officer, error) {
	if a.Subject == "" {
		return nil, nil
	}
	return s.Store.OfficerBySubject(ctx, a.Subject)
}

// handles reports whether a may act on a lead and read its investor's
// personal data: admins, the responsible official, and leaders of the
// responsible official's unit.
func (s *Service) handles(ctx context.Context, a catalog.Actor, l *Lead) (bool, error) {
	if a.Role == catalog.RoleAdmin {
		return true, nil
	}
	me, err := s.Me(ctx, a)
	if err != nil || me == nil || l.Responsible == nil {
		return false, err
	}
	if me.ID == *l.Responsible {
		return true, nil
	}
	if !me.Leader || me.Unit == "" {
		return false, nil
	}
	resp, err := s.Store.Officer(ctx, *l.Responsible)
	if err != nil {
		return false, err
	}
	return resp.Unit == me.Unit, nil
}

func (s *Service) mustHandle(ctx context.Context, a catalog.Actor, l *Lead) error {
	ok, err := s.handles(ctx, a, l)
	if err != nil || ok {
		return err
	}
	return catalog.Errorf(catalog.KindForbidden, "lead %s is handled by its responsible official, the leaders of their unit and admins; %s is none of them", l.Reference, a.Name)
}

// event makes an audit event of a change by a.
func (s *Service) event(a catalog.Actor, entity string, id int64, action string, detail any) Event {
	ev := Event{At: s.now(), ActorSubject: a.Subject, ActorName: a.Name, Entity: entity, Action: action, Detail: RawJSON("{}")}
	if id != 0 {
		ev.EntityID = strconv.FormatInt(id, 10)
	}
	if detail != nil {
		if b, err := json.Marshal(detail); err == nil {
			ev.Detail = b
		}
	}
	return ev
}

func (s *Service) logError(msg string, args ...any) {
	if s.Log != nil {
		s.Log.Error(msg, args...)
	}
}
