// Package mailtest is an SMTP server for tests: it listens on 127.0.0.1,
// speaks enough of RFC 5321 for a client to deliver (EHLO/HELO, AUTH
// PLAIN, MAIL, RCPT, DATA with dot-unstuffing, RSET, NOOP, QUIT) and
// keeps every message it receives.
package mailtest

import (
	"bufio"
	"encoding/base64"
	"net"
	"strings"
	"sync"
	"testing"
)

// Message is one delivery.
type Message struct {
	From string
	To   []string
	Data string // the message as sent, dot-unstuffed, CRLF line endings
	Auth string // the PLAIN credentials' user, if the client authenticated
}

// Server is a running test SMTP server.
type Server struct {
	Addr string // host:port
	ln   net.Listener
	mu   sync.Mutex
	msgs []Message
	wg   sync.WaitGroup
}

// Start runs a server until the test ends.
func Start(t testing.TB) *Server {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	s := &Server{Addr: ln.Addr().String(), ln: ln}
	s.wg.Add(1)
	go s.serve()
	t.Cleanup(func() { ln.Close(); s.wg.Wait() })
	return s
}

// Messages returns what was delivered so far.
func (s *Server) Messages() []Message {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Message(nil), s.msgs...)
}

func (s *Server) serve() {
	defer s.wg.Done()
	for {
		conn, err := s.ln.Accept()
		if err != nil {
			return
		}
		s.wg.Add(1)
		go func() {
			defer s.wg.Done()
			defer conn.Close()
			s.session(bufio.NewReader(conn), conn)
		}()
	}
}

func (s *Server) session(r *bufio.Reader, w net.Conn) {
	say := func(line string) { _, _ = w.Write([]byte(line + "\r\n")) }
	say("220 mailtest ESMTP")
	var m Message
	for {
		line, err := r.ReadString('\n')
		if err != nil {
			return
		}
		cmd, arg, _ := strings.Cut(strings.TrimRight(line, "\r\n"), " ")
		switch strings.ToUpper(cmd) {
		case "EHLO":
			say("250-mailtest")
			say("250-8BITMIME")
			say("250 AUTH PLAIN")
		case "HELO", "NOOP":
			say("250 OK")
		case "AUTH":
			m.Auth = plainUser(arg)
			say("235 2.7.0 Authentication successful")
		case "MAIL":
			m.From = address(arg)
			say("250 OK")
		case "RCPT":
			m.To = append(m.To, address(arg))
			say("250 OK")
		case "DATA":
			say("354 End data with <CR><LF>.<CR><LF>")
			data, ok := readData(r)
			if !ok {
				return
			}
			m.Data = data
			s.mu.Lock()
			s.msgs = append(s.msgs, m)
			s.mu.Unlock()
			m = Message{Auth: m.Auth}
			say("250 OK: queued")
		case "RSET":
			m = Message{Auth: m.Auth}
			say("250 OK")
		case "QUIT":
			say("221 Bye")
			return
		default:
			say("502 Command not implemented")
		}
	}
}

func readData(r *bufio.Reader) (string, bool) {
	var b strings.Builder
	for {
		line, err := r.ReadString('\n')
		if err != nil {
			return "", false
		}
		if line == ".\r\n" {
			return b.String(), true
		}
		b.WriteString(strings.TrimPrefix(line, "."))
	}
}

func address(arg string) string {
	if i, j := strings.Index(arg, "<"), strings.Index(arg, ">"); i >= 0 && j > i {
		return arg[i+1 : j]
	}
	return arg
}

func plainUser(arg string) string {
	_, cred, _ := strings.Cut(arg, " ")
	raw, err := base64.StdEncoding.DecodeString(cred)
	if err != nil {
		return ""
	}
	parts := strings.Split(string(raw), "\x00")
	if len(parts) != 3 {
		return ""
	}
	return parts[1]
}
