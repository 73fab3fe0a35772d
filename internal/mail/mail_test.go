package mail_test

import (
	"context"
	"io"
	"mime"
	"mime/quotedprintable"
	"net"
	"net/mail"
	"strconv"
	"strings"
	"testing"

	lmail "github.com/landcat/landcat/internal/mail"
	"github.com/landcat/landcat/internal/mail/mailtest"
)

func TestSendOverSMTP(t *testing.T) {
	srv := mailtest.Start(t)
	host, port, _ := net.SplitHostPort(srv.Addr)
	p, _ := strconv.Atoi(port)
	cfg := lmail.Config{Host: host, Port: p, Username: "landcat", Password: "s3cret", From: "landcat <noreply@xuctien.haiphong.gov.vn>", TLS: "none"}
	if err := cfg.Check(); err != nil {
		t.Fatal(err)
	}
	s := &lmail.Sender{Config: cfg}
	body := "Xin chào Nguyễn Văn A,\n.a line that starts with a dot\n" + strings.Repeat("dài ", 40)
	if err := s.Send(context.Background(), "a@xuctien.haiphong.gov.vn", "landcat: 3 hạn trong 7 ngày", body); err != nil {
		t.Fatal(err)
	}
	msgs := srv.Messages()
	if len(msgs) != 1 || msgs[0].From != "noreply@xuctien.haiphong.gov.vn" || msgs[0].To[0] != "a@xuctien.haiphong.gov.vn" || msgs[0].Auth != "landcat" {
		t.Fatalf("delivered: %+v", msgs)
	}
	m, err := mail.ReadMessage(strings.NewReader(msgs[0].Data))
	if err != nil {
		t.Fatal(err)
	}
	subject, _ := new(mime.WordDecoder).DecodeHeader(m.Header.Get("Subject"))
	text, _ := io.ReadAll(quotedprintable.NewReader(m.Body))
	if subject != "landcat: 3 hạn trong 7 ngày" || strings.ReplaceAll(strings.TrimSuffix(string(text), "\r\n"), "\r\n", "\n") != body {
		t.Errorf("subject %q, body %q", subject, text)
	}
	for _, l := range strings.Split(msgs[0].Data, "\r\n") {
		if len(l) > 78 {
			t.Errorf("line of %d octets", len(l))
		}
	}
}

func TestConfigCheck(t *testing.T) {
	good := lmail.Config{Host: "smtp.city.gov.vn", Port: 587, From: "noreply@city.gov.vn", TLS: "starttls"}
	if err := good.Check(); err != nil {
		t.Fatal(err)
	}
	for name, c := range map[string]lmail.Config{
		"plain to a remote host": {Host: "smtp.city.gov.vn", Port: 25, From: "a@b.vn", TLS: "none"},
		"no host":                {Port: 587, From: "a@b.vn", TLS: "starttls"},
		"bad from":               {Host: "h", Port: 587, From: "nobody", TLS: "starttls"},
		"bad tls":                {Host: "h", Port: 587, From: "a@b.vn", TLS: "ssl3"},
	} {
		if c.Check() == nil {
			t.Errorf("%s: accepted", name)
		}
	}
}
