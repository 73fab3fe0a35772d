// Package mail sends plain-text e-mail through an SMTP server (the
// pipeline's daily digest): STARTTLS, implicit TLS or, on a loopback
// relay only, plain SMTP; PLAIN authentication when a user is set.
package mail

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/tls"
	"encoding/hex"
	"errors"
	"fmt"
	"mime"
	"mime/quotedprintable"
	"net"
	"net/mail"
	"net/smtp"
	"strconv"
	"strings"
	"time"
)

// Config is where and how to send (LANDCAT_SMTP_*).
type Config struct {
	Host     string
	Port     int
	Username string
	Password string
	From     string
	// TLS is "starttls" (default, port 587), "tls" (implicit, port 465)
	// or "none" (a relay on a loopback address only).
	TLS string
}

// Check validates the settings.
func (c Config) Check() error {
	switch {
	case c.Host == "":
		return errors.New("LANDCAT_SMTP_HOST is required to send mail")
	case c.Port < 1 || c.Port > 65535:
		return fmt.Errorf("LANDCAT_SMTP_PORT %d is not a port", c.Port)
	case c.TLS != "starttls" && c.TLS != "tls" && c.TLS != "none":
		return fmt.Errorf("LANDCAT_SMTP_TLS must be starttls, tls or none, got %q", c.TLS)
	case c.TLS == "none" && !loopback(c.Host):
		return fmt.Errorf("LANDCAT_SMTP_TLS=none sends mail unencrypted: only to a relay on a loopback address, not %s", c.Host)
	}
	if _, err := mail.ParseAddress(c.From); err != nil {
		return fmt.Errorf("LANDCAT_SMTP_FROM %q is not an e-mail address: %v", c.From, err)
	}
	return nil
}

func loopback(host string) bool {
	ip := net.ParseIP(host)
	return host == "localhost" || (ip != nil && ip.IsLoopback())
}

// Sender sends through one SMTP server, a connection per message.
type Sender struct {
	Config Config
	// Timeout bounds a whole send (0: 30 s).
	Timeout time.Duration
}

// Send delivers one message to one recipient.
func (s *Sender) Send(ctx context.Context, to, subject, body string) error {
	timeout := s.Timeout
	if timeout == 0 {
		timeout = 30 * time.Second
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	msg, err := Message(s.Config.From, to, subject, body, time.Now())
	if err != nil {
		return err
	}
	c, err := s.dial(ctx)
	if err != nil {
		return fmt.Errorf("smtp %s: %w", s.Config.Host, err)
	}
	defer c.Close()
	if err := s.deliver(c, to, msg); err != nil {
		return fmt.Errorf("smtp %s: %w", s.Config.Host, err)
	}
	return c.Quit()
}

func (s *Sender) dial(ctx context.Context) (*smtp.Client, error) {
	addr := net.JoinHostPort(s.Config.Host, strconv.Itoa(s.Config.Port))
	var d net.Dialer
	conn, err := d.DialContext(ctx, "tcp", addr)
	if err != nil {
		return nil, err
	}
	if dl, ok := ctx.Deadline(); ok {
		_ = conn.SetDeadline(dl)
	}
	tlsConf := &tls.Config{ServerName: s.Config.Host, MinVersion: tls.VersionTLS12}
	if s.Config.TLS == "tls" {
		conn = tls.Client(conn, tlsConf)
	}
	c, err := smtp.NewClient(conn, s.Config.Host)
	if err != nil {
		conn.Close()
		return nil, err
	}
	if s.Config.TLS == "starttls" {
		if err := c.StartTLS(tlsConf); err != nil {
			c.Close()
			return nil, fmt.Errorf("STARTTLS: %w", err)
		}
	}
	return c, nil
}

func (s *Sender) deliver(c *smtp.Client, to string, msg []byte) error {
	if s.Config.Username != "" {
		if err := c.Auth(smtp.PlainAuth("", s.Config.Username, s.Config.Password, s.Config.Host)); err != nil {
			return err
		}
	}
	from, _ := mail.ParseAddress(s.Config.From)
	if err := c.Mail(from.Address); err != nil {
		return err
	}
	if err := c.Rcpt(to); err != nil {
		return err
	}
	w, err := c.Data()
	if err != nil {
		return err
	}
	if _, err := w.Write(msg); err != nil {
		return err
	}
	return w.Close()
}

// Message builds an RFC 5322 message: UTF-8 text, quoted-printable, the
// subject encoded per RFC 2047.
func Message(from, to, subject, body string, at time.Time) ([]byte, error) {
	if strings.ContainsAny(to+from, "\r\n") {
		return nil, errors.New("an address holds a line break")
	}
	var id [12]byte
	_, _ = rand.Read(id[:])
	domain := "landcat.local"
	if a, err := mail.ParseAddress(from); err == nil {
		if _, d, ok := strings.Cut(a.Address, "@"); ok {
			domain = d
		}
	}
	var b bytes.Buffer
	for _, h := range [][2]string{{"From", from}, {"To", to}, {"Subject", mime.QEncoding.Encode("utf-8", subject)},
		{"Date", at.Format(time.RFC1123Z)}, {"Message-ID", "<" + hex.EncodeToString(id[:]) + "@" + domain + ">"},
		{"MIME-Version", "1.0"}, {"Content-Type", "text/plain; charset=utf-8"}, {"Content-Transfer-Encoding", "quoted-printable"}, {"Auto-Submitted", "auto-generated"}} {
		b.WriteString(h[0] + ": " + h[1] + "\r\n")
	}
	b.WriteString("\r\n")
	qp := quotedprintable.NewWriter(&b)
	if _, err := qp.Write([]byte(strings.ReplaceAll(strings.ReplaceAll(body, "\r\n", "\n"), "\n", "\r\n"))); err != nil {
		return nil, err
	}
	if err := qp.Close(); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}
