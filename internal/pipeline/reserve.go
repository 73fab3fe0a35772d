package pipeline

import (
	"context"
	"encoding/json"
	"time"

	"github.com/landcat/landcat/internal/catalog"
)

// MaxReservationDays is how far ahead a reservation may run.
const MaxReservationDays = 180

// ReserveInput is the body of POST /leads/{id}/reservations.
type ReserveInput struct {
	Parcel *string `json:"parcel"`
	Until  *string `json:"until"`
}

// anyVersion is the precondition of the pipeline's parcel writes: they
// change one property and run after the checks that matter.
var anyVersion = catalog.Precondition{Present: true, Any: true}

// Reserve sets a published parcel's status to reserved for a lead until a
// date, through the catalogue's Service: an ordinary audited edit by the
// officer, within the officer's scope. The reservation links the parcel
// to the lead; it is released when the lead is lost, by hand, or when it
// expires.
func (s *Service) Reserve(ctx context.Context, a catalog.Actor, leadID int64, body []byte) (*Reservation, error) {
	l, err := s.handledLead(ctx, a, leadID)
	if err != nil {
		return nil, err
	}
	var in ReserveInput
	if err := decode(body, &in); err != nil {
		return nil, err
	}
	var c checker
	parcel := c.text("/parcel", in.Parcel, true, 128)
	until := c.date("/until", in.Until, true)
	today := s.Today()
	last := s.now().In(ICT).AddDate(0, 0, MaxReservationDays).Format(time.DateOnly)
	if until != "" && (until < today || until > last) {
		c.add("/until", "must be from today (%s) to %d days ahead (%s)", today, MaxReservationDays, last)
	}
	if err := c.err("the reservation is not valid"); err != nil {
		return nil, err
	}
	if l.Stage == Lost || l.Stage == Operating {
		return nil, catalog.Errorf(catalog.KindConflict, "lead %s is %s: it reserves nothing", l.Reference, l.Stage)
	}
	f, err := s.Catalog.Store.Get(ctx, catalog.Parcels, parcel)
	if err != nil || f.Publication != catalog.Published {
		return nil, catalog.Invalid("the parcel cannot be reserved", []catalog.Problem{{Pointer: "/parcel", Message: "no published parcel " + parcel}})
	}
	prev := f.String("status")
	if prev != "available" && prev != "in_preparation" {
		return nil, catalog.Errorf(catalog.KindConflict, "parcel %s is %s; only available or in-preparation parcels can be reserved", parcel, prev)
	}
	if err := s.setParcel(ctx, a, parcel, map[string]any{"status": "reserved"}); err != nil {
		return nil, err
	}
	r := &Reservation{LeadID: leadID, ParcelID: parcel, PreviousStatus: prev, Until: until, CreatedAt: s.now()}
	if err := s.Store.SaveReservation(ctx, r, true, s.event(a, "lead", leadID, "reserve", map[string]string{"parcel": parcel, "until": until})); err != nil {
		if undo := s.setParcel(ctx, a, parcel, map[string]any{"status": prev}); undo != nil {
			s.logError("reservation not recorded and parcel not released", "parcel", parcel, "err", undo)
		}
		return nil, err
	}
	return r, nil
}

// setParcel patches a parcel's properties through the catalogue.
func (s *Service) setParcel(ctx context.Context, a catalog.Actor, id string, props map[string]any) error {
	patch, err := json.Marshal(map[string]any{"properties": props})
	if err != nil {
		return err
	}
	_, err = s.Catalog.Patch(ctx, a, catalog.Parcels, id, patch, anyVersion)
	return err
}

// Release ends a lead's reservation by hand (its handlers).
func (s *Service) Release(ctx context.Context, a catalog.Actor, leadID, id int64) error {
	if _, err := s.handledLead(ctx, a, leadID); err != nil {
		return err
	}
	rs, err := s.Store.Reservations(ctx, leadID, "")
	if err != nil {
		return err
	}
	for _, r := range rs {
		if r.ID == id && r.ReleasedAt == nil {
			return s.release(ctx, a, r, "released by hand")
		}
	}
	return catalog.Errorf(catalog.KindNotFound, "lead %d has no open reservation %d", leadID, id)
}

// release gives the parcel its previous status back (if it is still
// reserved: someone may have leased it since) and closes the reservation.
func (s *Service) release(ctx context.Context, a catalog.Actor, r Reservation, reason string) error {
	f, err := s.Catalog.Store.Get(ctx, catalog.Parcels, r.ParcelID)
	if err == nil && f.String("status") == "reserved" {
		err = s.setParcel(ctx, a, r.ParcelID, map[string]any{"status": r.PreviousStatus})
	}
	if err != nil && catalog.KindOf(err) != catalog.KindNotFound {
		return err
	}
	now := s.now()
	r.ReleasedAt, r.ReleaseReason = &now, reason
	return s.Store.SaveReservation(ctx, &r, false, s.event(a, "lead", r.LeadID, "release", map[string]string{"parcel": r.ParcelID, "reason": reason}))
}

func (s *Service) releaseAll(ctx context.Context, a catalog.Actor, leadID int64, reason string) {
	rs, err := s.Store.Reservations(ctx, leadID, "")
	if err != nil {
		s.logError("reservations of a lost lead not read; the expiry job releases them", "lead", leadID, "err", err)
		return
	}
	for _, r := range rs {
		if r.ReleasedAt != nil {
			continue
		}
		if err := s.release(ctx, a, r, reason); err != nil {
			s.logError("reservation of a lost lead not released; the expiry job releases it", "lead", leadID, "parcel", r.ParcelID, "err", err)
		}
	}
}

// ExpireReservations releases the reservations whose day has passed, as
// the pipeline; it returns how many.
func (s *Service) ExpireReservations(ctx context.Context) (int, error) {
	rs, err := s.Store.Reservations(ctx, 0, s.Today())
	if err != nil {
		return 0, err
	}
	for _, r := range rs {
		if err := s.release(ctx, SystemActor, r, "expired"); err != nil {
			return 0, err
		}
	}
	return len(rs), nil
}
