package pipeline

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/landcat/landcat/internal/catalog"
)

// Limits of an inquiry: the body, the parcels named, and how long the
// same inquiry (same e-mail, company, parcels and shortlist) is answered
// with the reference of the first instead of a new lead.
const (
	MaxInquiryBytes  = 16 << 10
	MaxParcels       = 20
	DuplicateWindow  = 24 * time.Hour
	HoneypotField    = "website"
	referenceAlpha   = "0123456789ABCDEFGHJKMNPQRSTVWXYZ" // Crockford: no I, L, O, U
	referenceRetries = 8
)

// InquiryInput is the body of POST /inquiries.
type InquiryInput struct {
	FormToken *string         `json:"form_token"`
	Website   *string         `json:"website"`
	Parcels   []string        `json:"parcels"`
	Match     json.RawMessage `json:"match"`
	Shortlist *string         `json:"shortlist"`
	Contact   *ContactInput   `json:"contact"`
	Company   *string         `json:"company"`
	Sector    *string         `json:"sector"`
	AreaHa    *float64        `json:"area_ha"`
	Timing    *string         `json:"timing"`
	Consent   *struct {
		Accepted    *bool   `json:"accepted"`
		TextVersion *string `json:"text_version"`
	} `json:"consent"`
}

// ContactInput is an investor's contact.
type ContactInput struct {
	Name  *string `json:"name"`
	Email *string `json:"email"`
	Phone *string `json:"phone"`
}

var (
	shortlistPattern = regexp.MustCompile(`^[A-Za-z0-9_-]{16,64}$`)
	phonePattern     = regexp.MustCompile(`^\+?[0-9][0-9 ().-]{5,24}$`)
)

// Form is what GET /inquiries/form hands out: a signed token and the
// consent notice to show.
type Form struct {
	FormToken  string  `json:"form_token"`
	MinSeconds int     `json:"min_seconds"`
	MaxSeconds int     `json:"max_seconds"`
	Honeypot   string  `json:"honeypot"`
	Consent    Consent `json:"consent"`
}

// NewForm returns a fresh inquiry form.
func (s *Service) NewForm(ctx context.Context) (Form, error) {
	secret, err := s.formSecret(ctx)
	if err != nil {
		return Form{}, err
	}
	return Form{FormToken: formToken(secret, s.now()), MinSeconds: int(MinFill.Seconds()), MaxSeconds: int(MaxFormAge.Seconds()),
		Honeypot: HoneypotField, Consent: CurrentConsent(s.retention())}, nil
}

// Submit receives an investor's inquiry: it becomes a lead routed to a
// responsible official. It returns the reference to quote and whether a
// new lead was made (false: the same inquiry within DuplicateWindow, whose
// reference is returned). A filled honeypot gets a reference that names
// nothing, and nothing is stored.
func (s *Service) Submit(ctx context.Context, body []byte) (string, bool, error) {
	var in InquiryInput
	if err := decode(body, &in); err != nil {
		return "", false, err
	}
	if in.Website != nil && *in.Website != "" {
		return newReference(s.now()), true, nil
	}
	secret, err := s.formSecret(ctx)
	if err != nil {
		return "", false, err
	}
	l, contact, err := s.inquiryLead(ctx, in, secret)
	if err != nil {
		return "", false, err
	}
	if dup, err := s.Store.LeadByDedup(ctx, l.DedupKey, s.now().Add(-DuplicateWindow)); err != nil || dup != nil {
		if dup != nil {
			return dup.Reference, false, nil
		}
		return "", false, err
	}
	if err := s.create(ctx, catalog.Actor{Subject: "investor", Name: "investor (web inquiry)"}, l, contact); err != nil {
		return "", false, err
	}
	return l.Reference, true, nil
}

func (s *Service) inquiryLead(ctx context.Context, in InquiryInput, secret []byte) (*Lead, *Contact, error) {
	var c checker
	if in.FormToken == nil {
		c.add("/form_token", "is required: GET /inquiries/form first")
	} else if msg := checkFormToken(secret, *in.FormToken, s.now()); msg != "" {
		c.add("/form_token", "%s", msg)
	}
	if in.Consent == nil || in.Consent.Accepted == nil || !*in.Consent.Accepted {
		c.add("/consent/accepted", "must be true: personal data is processed only with your consent (GET /inquiries/form shows the text)")
	}
	if in.Consent == nil || in.Consent.TextVersion == nil || *in.Consent.TextVersion != ConsentVersion {
		c.add("/consent/text_version", "must be %q, the version of the consent text shown (GET /inquiries/form)", ConsentVersion)
	}
	contact := contactOf(&c, in.Contact, true)
	l := &Lead{Source: "inquiry", Company: c.text("/company", in.Company, true, 200), Sector: c.enum("/sector", in.Sector, catalog.Sectors, false),
		AreaHa: c.number("/area_ha", in.AreaHa, 100_000), Timing: c.text("/timing", in.Timing, false, 200), ConsentVersion: ConsentVersion}
	if in.Shortlist != nil {
		if l.Shortlist = *in.Shortlist; !shortlistPattern.MatchString(l.Shortlist) {
			c.add("/shortlist", "is not a shortlist token (16–64 letters, digits, '_' or '-')")
		}
	}
	if len(in.Parcels) == 0 && len(in.Match) == 0 && l.Shortlist == "" {
		c.add("/parcels", "name the sites you ask about: parcels, a match request or a shortlist")
	}
	l.Parcels = s.checkParcels(ctx, &c, in.Parcels, true)
	if len(in.Match) > 0 {
		l.MatchRequest = s.checkMatch(&c, in.Match)
	}
	if err := c.err("the inquiry is not valid"); err != nil {
		return nil, nil, err
	}
	now := s.now()
	l.ConsentAt = &now
	l.ZoneID = s.zoneOf(ctx, l)
	l.DedupKey = dedupKey(contact.Email, l.Company, l.Parcels, l.Shortlist)
	return l, contact, nil
}

func contactOf(c *checker, in *ContactInput, required bool) *Contact {
	if in == nil {
		if required {
			c.add("/contact", "is required: how the official in charge reaches you (name, email, phone)")
		}
		return nil
	}
	ct := &Contact{Name: c.text("/contact/name", in.Name, true, 200), Email: c.text("/contact/email", in.Email, true, 254), Phone: c.text("/contact/phone", in.Phone, false, 32)}
	if ct.Email != "" && !emailPattern.MatchString(ct.Email) {
		c.add("/contact/email", "is not an e-mail address")
	}
	if ct.Phone != "" && !phonePattern.MatchString(ct.Phone) {
		c.add("/contact/phone", "is not a phone number (digits, spaces, + ( ) . -)")
	}
	return ct
}

// checkParcels checks parcel ids: at most MaxParcels, each a parcel that
// exists (and is published, when published is set).
func (s *Service) checkParcels(ctx context.Context, c *checker, ids []string, published bool) StringList {
	if len(ids) > MaxParcels {
		c.add("/parcels", "names %d parcels; at most %d", len(ids), MaxParcels)
		return nil
	}
	var out StringList
	for i, id := range ids {
		ptr := fmt.Sprintf("/parcels/%d", i)
		if !catalog.ValidID(id) {
			c.add(ptr, "is not a parcel id")
			continue
		}
		f, err := s.Catalog.Store.Get(ctx, catalog.Parcels, id)
		if err != nil || (published && f.Publication != catalog.Published) {
			c.add(ptr, "no published parcel %q", id)
			continue
		}
		if !slices.Contains(out, id) {
			out = append(out, id)
		}
	}
	return out
}

func (s *Service) checkMatch(c *checker, raw json.RawMessage) RawJSON {
	if s.CheckMatch != nil {
		if err := s.CheckMatch(raw); err != nil {
			if e, ok := err.(*catalog.Error); ok && len(e.Problems) > 0 {
				for _, p := range e.Problems {
					c.add("/match"+p.Pointer, "%s", p.Message)
				}
				return nil
			}
			c.add("/match", "%v", err)
			return nil
		}
	}
	var v map[string]any
	if json.Unmarshal(raw, &v) != nil {
		c.add("/match", "must be a match request (an object, as POST /match takes)")
		return nil
	}
	compact, _ := json.Marshal(v)
	return compact
}

// zoneOf is the zone a lead is routed by: its first parcel's, else the
// one zone its match request is limited to.
func (s *Service) zoneOf(ctx context.Context, l *Lead) string {
	if len(l.Parcels) > 0 {
		if f, err := s.Catalog.Store.Get(ctx, catalog.Parcels, l.Parcels[0]); err == nil {
			return f.String("zone_id")
		}
	}
	var m struct {
		Requirements struct {
			Zones []string `json:"zones"`
		} `json:"requirements"`
	}
	if len(l.MatchRequest) > 0 && json.Unmarshal(l.MatchRequest, &m) == nil && len(m.Requirements.Zones) == 1 {
		return m.Requirements.Zones[0]
	}
	return ""
}

func dedupKey(email, company string, parcels []string, shortlist string) string {
	p := slices.Clone(parcels)
	slices.Sort(p)
	h := sha256.Sum256([]byte(strings.ToLower(email) + "\x00" + strings.ToLower(company) + "\x00" + strings.Join(p, ",") + "\x00" + shortlist))
	return hex.EncodeToString(h[:])
}

// newReference returns a reference such as "HP-2026-7K3Q": the year and
// four Crockford base-32 characters (no I, L, O or U to misread).
func newReference(now time.Time) string {
	var b [4]byte
	_, _ = rand.Read(b[:])
	for i := range b {
		b[i] = referenceAlpha[b[i]%32]
	}
	return fmt.Sprintf("HP-%d-%s", now.In(ICT).Year(), b[:])
}

// create routes a new lead, sets its deadline and stores it with its
// contact, drawing another reference if the first is taken.
func (s *Service) create(ctx context.Context, a catalog.Actor, l *Lead, contact *Contact) error {
	now := s.now()
	l.Stage, l.StageSince, l.CreatedAt, l.ChangedAt = Inquiry, now, now, now
	days := DefaultResponseDays
	if l.Responsible == nil {
		rules, err := s.Store.Rules(ctx)
		if err != nil {
			return err
		}
		if r := route(rules, l.Sector, l.ZoneID); r != nil {
			l.Responsible, days = &r.OfficerID, r.ResponseDays
		}
	}
	l.FirstResponseDue = addWorkingDays(now, days)
	var err error
	for range referenceRetries {
		l.Reference = newReference(now)
		ev := s.event(a, "lead", 0, "create", map[string]any{"reference": l.Reference, "stage": l.Stage, "responsible": l.Responsible, "source": l.Source})
		if err = s.Store.CreateLead(ctx, l, contact, ev); catalog.KindOf(err) != catalog.KindConflict {
			return err
		}
	}
	return err
}
