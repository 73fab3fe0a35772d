package main

import (
	"flag"
	"io"
	"strings"
	"testing"
)

func TestPipelineSettings(t *testing.T) {
	for _, c := range []struct {
		env  map[string]string
		want string
	}{
		{map[string]string{}, ""},
		{map[string]string{"LANDCAT_SMTP_HOST": "smtp.city.gov.vn", "LANDCAT_SMTP_FROM": "noreply@city.gov.vn"}, ""},
		{map[string]string{"LANDCAT_SMTP_HOST": "smtp.city.gov.vn", "LANDCAT_SMTP_FROM": "noreply@city.gov.vn", "LANDCAT_SMTP_TLS": "none"}, "loopback"},
		{map[string]string{"LANDCAT_SMTP_HOST": "127.0.0.1", "LANDCAT_SMTP_FROM": "x", "LANDCAT_SMTP_TLS": "none"}, "LANDCAT_SMTP_FROM"},
		{map[string]string{"LANDCAT_SMTP_HOST": "h", "LANDCAT_SMTP_PORT": "smtp"}, "LANDCAT_SMTP_PORT"},
		{map[string]string{"LANDCAT_DIGEST_HOUR": "25"}, "LANDCAT_DIGEST_HOUR"},
		{map[string]string{"LANDCAT_DIGEST_HOUR": "seven"}, "LANDCAT_DIGEST_HOUR"},
		{map[string]string{"LANDCAT_PII_RETENTION_DAYS": "7"}, "LANDCAT_PII_RETENTION_DAYS"},
		{map[string]string{"LANDCAT_PIPELINE_EVERY": "0s"}, "LANDCAT_PIPELINE_EVERY"},
	} {
		getenv := func(k string) string { return c.env[k] }
		fs := flag.NewFlagSet("serve", flag.ContinueOnError)
		fs.SetOutput(io.Discard)
		var p pipelineSettings
		pipelineFlags(fs, getenv, &p)
		err := p.check()
		if (c.want == "") != (err == nil) || (err != nil && !strings.Contains(err.Error(), c.want)) {
			t.Errorf("%v: %v, want an error naming %q", c.env, err, c.want)
		}
	}
}
