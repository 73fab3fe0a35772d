package httpapi_test

import (
	"io"
	"mime/quotedprintable"
	"net"
	"net/mail"
	"strconv"
	"strings"
	"testing"

	lmail "github.com/landcat/landcat/internal/mail"
	"github.com/landcat/landcat/internal/mail/mailtest"
	"github.com/landcat/landcat/internal/pipeline"
)

// testDigest runs the daily jobs with a mailer that speaks SMTP to a
// server on 127.0.0.1: each official with deadlines and an address gets
// one digest a day, whatever the number of runs.
func testDigest(t *testing.T, e *env) {
	srv := mailtest.Start(t)
	host, port, _ := net.SplitHostPort(srv.Addr)
	p, _ := strconv.Atoi(port)
	m := &lmail.Sender{Config: lmail.Config{Host: host, Port: p, From: "noreply@xuctien.haiphong.gov.vn", TLS: "none"}}
	jobs := &pipeline.Jobs{Service: e.pl, Mailer: m, BaseURL: "https://landcat.example"}
	for range 2 {
		if err := jobs.RunOnce(t.Context()); err != nil {
			t.Fatal(err)
		}
	}
	msgs := srv.Messages()
	if len(msgs) != 2 || msgs[0].To[0] != "a@xuctien.haiphong.gov.vn" || msgs[1].To[0] != "b@xuctien.haiphong.gov.vn" {
		t.Fatalf("one digest each to off-a and off-b (off-lead has no address): %d messages", len(msgs))
	}
	msg, err := mail.ReadMessage(strings.NewReader(msgs[0].Data))
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(quotedprintable.NewReader(msg.Body))
	text := string(body)
	if !strings.Contains(text, "Xin chào Nguyễn Văn A") || !strings.Contains(text, "https://landcat.example/tasks/") || strings.Contains(text, "minjun") {
		t.Errorf("digest:\n%s", text)
	}
}
