package main

import (
	"context"
	"flag"
	"fmt"
	"log/slog"
	"strconv"
	"strings"
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
	digestHour    int
	publicURL     string
	retentionDays int
	every         time.Duration

	smtpPort, digestHourRaw, retentionRaw, everyRaw string
}

func pipelineFlags(fs *flag.FlagSet, getenv func(string) string, p *pipelineSettings) {
	str := func(v *string, name, env, def, usage string) { fs.StringVar(v, name, envOr(getenv, env, def), usage) }
	str(&p.smtp.Host, "smtp-host", "LANDCAT_SMTP_HOST", "", "SMTP server of the pipeline's daily digest; empty: no digest")
	str(&p.smtpPort, "smtp-port", "LANDCAT_SMTP_PORT", "587", "its port")
	str(&p.smtp.Username, "smtp-username", "LANDCAT_SMTP_USERNAME", "", "user for PLAIN authentication; empty: none")
	str(&p.smtp.Password, "smtp-password", "LANDCAT_SMTP_PASSWORD", "", "its password (prefer the variable to the flag)")
	str(&p.smtp.From, "smtp-from", "LANDCAT_SMTP_FROM", "", "sender address, e.g. 'landcat <noreply@city.gov.vn>'")
	str(&p.smtp.TLS, "smtp-tls", "LANDCAT_SMTP_TLS", "starttls", "starttls, tls (implicit, port 465) or none (a loopback relay only)")
	str(&p.digestHourRaw, "digest-hour", "LANDCAT_DIGEST_HOUR", "7", "hour (0-23, Hai Phong time) from which the daily digest is sent")
	str(&p.publicURL, "public-url", "LANDCAT_PUBLIC_URL", "http://localhost:8080", "the API's public address, for links in digests")
	str(&p.retentionRaw, "pii-retention-days", "LANDCAT_PII_RETENTION_DAYS", "730", "days an investor's personal data is kept after the lead's last change (30-3650)")
	str(&p.everyRaw, "pipeline-every", "LANDCAT_PIPELINE_EVERY", "1m", "how often the pipeline's jobs run")
}

// check validates the settings before the database is opened.
func (p *pipelineSettings) check() error {
	var err error
	if p.digestHour, err = strconv.Atoi(strings.TrimSpace(p.digestHourRaw)); err != nil || p.digestHour < 0 || p.digestHour > 23 {
		return fmt.Errorf("%s must be a whole hour from 0 to 23, got %q", setting("digest-hour"), p.digestHourRaw)
	}
	if p.retentionDays, err = strconv.Atoi(strings.TrimSpace(p.retentionRaw)); err != nil || p.retentionDays < 30 || p.retentionDays > 3650 {
		return fmt.Errorf("%s must be a whole number of days from 30 to 3650, got %q", setting("pii-retention-days"), p.retentionRaw)
	}
	if p.every, err = positiveDuration("pipeline-every", p.everyRaw); err != nil {
		return err
	}
	if p.smtp.Host == "" {
		return nil
	}
	port, err := strconv.Atoi(p.smtpPort)
	if err != nil || port < 1 || port > 65535 {
		return fmt.Errorf("%s must be a port number, got %q", setting("smtp-port"), p.smtpPort)
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
