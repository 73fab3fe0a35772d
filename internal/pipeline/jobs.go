package pipeline

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"time"
)

// Mailer sends a plain-text e-mail.
type Mailer interface {
	Send(ctx context.Context, to, subject, body string) error
}

// DigestDays is how far ahead the daily digest looks.
const DigestDays = 7

// Jobs are the pipeline's periodic work, run by every process of `landcat
// serve`: reservations that expired are released, parcels follow their
// projects, personal data past retention is erased, and once a day (the
// first process to claim the day) each official with an e-mail address
// gets a digest of their deadlines.
type Jobs struct {
	Service *Service
	Mailer  Mailer // nil: no digest
	// DigestHour is the hour (0–23, Hai Phong time) from which the day's
	// digest is sent.
	DigestHour int
	// BaseURL is the API's public address, for links in the digest.
	BaseURL string
	Log     *slog.Logger
}

// RunOnce does each job once; it returns every error met, after trying
// all of them.
func (j *Jobs) RunOnce(ctx context.Context) error {
	s := j.Service
	var errs []error
	if n, err := s.ExpireReservations(ctx); err != nil {
		errs = append(errs, fmt.Errorf("expire reservations: %w", err))
	} else if n > 0 {
		j.info("reservations expired and released", "count", n)
	}
	if err := s.FollowProjects(ctx); err != nil {
		errs = append(errs, fmt.Errorf("follow projects: %w", err))
	}
	if n, err := s.ApplyRetention(ctx); err != nil {
		errs = append(errs, fmt.Errorf("retention: %w", err))
	} else if n > 0 {
		j.info("personal data past its retention period erased", "leads", n)
	}
	if j.Mailer != nil && s.now().In(ICT).Hour() >= j.DigestHour {
		if n, err := s.SendDigests(ctx, j.Mailer, j.BaseURL); err != nil {
			errs = append(errs, fmt.Errorf("digest: %w", err))
		} else if n > 0 {
			j.info("daily digests sent", "officers", n)
		}
	}
	return errors.Join(errs...)
}

// Run calls RunOnce every period until ctx ends, logging errors.
func (j *Jobs) Run(ctx context.Context, every time.Duration) {
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		if err := j.RunOnce(ctx); err != nil && j.Log != nil && ctx.Err() == nil {
			j.Log.Error("pipeline jobs", "err", err)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

func (j *Jobs) info(msg string, args ...any) {
	if j.Log != nil {
		j.Log.Info(msg, args...)
	}
}

// SendDigests mails each official with an e-mail address their deadlines
// overdue or due within DigestDays, once a day across all processes; it
// returns how many were sent. A failed send is reported after the others.
func (s *Service) SendDigests(ctx context.Context, m Mailer, baseURL string) (int, error) {
	ok, err := s.Store.Claim(ctx, "digest", s.Today(), s.now())
	if err != nil || !ok {
		return 0, err
	}
	officers, err := s.Store.Officers(ctx)
	if err != nil {
		return 0, err
	}
	horizon := s.now().In(ICT).AddDate(0, 0, DigestDays).Format(time.DateOnly)
	sent := 0
	var errs []error
	for i := range officers {
		o := &officers[i]
		if o.Email == "" {
			continue
		}
		ds, err := s.Deadlines(ctx, o)
		if err != nil {
			return sent, err
		}
		var soon []Deadline
		for _, d := range ds {
			if d.Day <= horizon {
				soon = append(soon, d)
			}
		}
		if len(soon) == 0 {
			continue
		}
		subject := fmt.Sprintf("landcat: %d deadline(s) in the next %d days — %s", len(soon), DigestDays, s.Today())
		if err := m.Send(ctx, o.Email, subject, digestBody(o, soon, s.Today(), baseURL)); err != nil {
			errs = append(errs, fmt.Errorf("digest to officer %s: %w", o.ID, err))
			continue
		}
		sent++
	}
	return sent, errors.Join(errs...)
}

func digestBody(o *Officer, ds []Deadline, today, baseURL string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "Xin chào %s,\n\nCác hạn của anh/chị (your deadlines) as of %s:\n\n", o.Name, today)
	for _, d := range ds {
		late := ""
		if d.Day < today {
			late = "  [QUÁ HẠN / OVERDUE]"
		}
		fmt.Fprintf(&b, "- %s  %s%s\n  %s%s\n", d.Day, d.Summary, late, baseURL, d.Path)
	}
	b.WriteString("\nlandcat — investment pipeline. This digest holds no investor's personal data.\n")
	return b.String()
}
