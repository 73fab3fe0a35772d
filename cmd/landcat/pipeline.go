package main

import (
	"context"
	"flag"
	"fmt"
	"log/slog"
	"strconv"
	"time"

	"github.com/landcat/landcat/internal/catalog"
	"github.com/landcat/landcat/internal/mail"
	"github.com/landcat/landcat/internal/pipeline"
	"github.com/landcat/landcat/internal/store"
)

// pipelineSettings are serve's settings of the investment pipeline: the
// SMTP server of the daily digest, when it goes out, the address its
// links use, how long investors' personal data is kept and how often the
// periodic jobs run.
type pipelineSettings struct {
	smtp          mail.Config
	smtpPort      string
	digestHour    int
	publicURL     string
	retentionDays int
	every         time.Duration
}

func pipelineFlags(fs *flag.FlagSet, getenv func(string) string, p *pipelineSettings) {
	fs.StringVar(&p.smtp.Host, "smtp-host", getenv("LANDCAT_SMTP_HOST"), "SMTP server of the daily digest (LANDCAT_SMTP_HOST); empty: no digest")
	fs.StringVar(&p.smtpPort, "smtp-port", envOr(getenv, "LANDCAT_SMTP_PORT", "587"), "its port (LANDCAT_SMTP_PORT)")
	fs.StringVar(&p.smtp.Username, "smtp-username", getenv("LANDCAT_SMTP_USERNAME"), "user for PLAIN authentication (LANDCAT_SMTP_USERNAME); empty: none")
	fs.StringVar(&p.smtp.Password, "smtp-password", getenv("LANDCAT_SMTP_PASSWORD"), "its password (LANDCAT_SMTP_PASSWORD; prefer the variable)")
	fs.StringVar(&p.smtp.From, "smtp-from", getenv("LANDCAT_SMTP_FROM"), "sender address, e.g. 'landcat <noreply@city.gov.vn>' (LANDCAT_SMTP_FROM)")
	fs.StringVar(&p.smtp.TLS, "smtp-tls", envOr(getenv, "LANDCAT_SMTP_TLS", "starttls"), "starttls, tls (implicit, port 465) or none (loopback relay only) (LANDCAT_SMTP_TLS)")
	fs.IntVar(&p.digestHour, "digest-hour", envInt(getenv, "LANDCAT_DIGEST_HOUR", 7), "hour (0-23, Hai Phong time) from which the daily digest is sent (LANDCAT_DIGEST_HOUR)")
	fs.StringVar(&p.publicURL, "public-url", envOr(getenv, "LANDCAT_PUBLIC_URL", "http://localhost:8080"), "the API's public address, for links in digests (LANDCAT_PUBLIC_URL)")
	fs.IntVar(&p.retentionDays, "pii-retention-days", envInt(getenv, "LANDCAT_PII_RETENTION_DAYS", 730), "days an investor's personal data is kept after the lead's last change (LANDCAT_PII_RETENTION_DAYS)")
	fs.DurationVar(&p.every, "pipeline-every", envDuration(getenv, "LANDCAT_PIPELINE_EVERY", time.Minute), "how often the pipeline's jobs run (LANDCAT_PIPELINE_EVERY)")
}

func envInt(getenv func(string) string, key string, def int) int {
	if n, err := strconv.Atoi(getenv(key)); err == nil {
		return n
	}
	return def
}

// check validates the settings before the database is opened.
func (p *pipelineSettings) check(getenv func(string) string) error {
	for _, key := range []string{"LANDCAT_DIGEST_HOUR", "LANDCAT_PII_RETENTION_DAYS"} {
		if v := getenv(key); v != "" {
			if _, err := strconv.Atoi(v); err != nil {
				return fmt.Errorf("%s must be a whole number, got %q", key, v)
			}
		}
	}
	if p.digestHour < 0 || p.digestHour > 23 {
		return fmt.Errorf("--digest-hour (LANDCAT_DIGEST_HOUR) must be from 0 to 23, got %d", p.digestHour)
	}
	if p.retentionDays < 30 || p.retentionDays > 3650 {
		return fmt.Errorf("--pii-retention-days (LANDCAT_PII_RETENTION_DAYS) must be from 30 to 3650, got %d", p.retentionDays)
	}
	if p.smtp.Host == "" {
		return nil
	}
	port, err := strconv.Atoi(p.smtpPort)
	if err != nil {
		return fmt.Errorf("--smtp-port (LANDCAT_SMTP_PORT) must be a port number, got %q", p.smtpPort)
	}
	p.smtp.Port = port
	return p.smtp.Check()
}

// startPipeline wires the pipeline to the store and the catalogue service
// and runs its periodic jobs until ctx ends.
func startPipeline(ctx context.Context, st *store.Store, svc *catalog.Service, p pipelineSettings, log *slog.Logger) *pipeline.Service {
	pl := &pipeline.Service{Store: st, Catalog: svc, Retention: time.Duration(p.retentionDays) * 24 * time.Hour, Log: log}
	jobs := &pipeline.Jobs{Service: pl, DigestHour: p.digestHour, BaseURL: p.publicURL, Log: log}
	if p.smtp.Host != "" {
		jobs.Mailer = &mail.Sender{Config: p.smtp}
		log.Info("daily digest by e-mail", "smtp", p.smtp.Host, "hour", p.digestHour)
	}
	go jobs.Run(ctx, p.every)
	return pl
}
