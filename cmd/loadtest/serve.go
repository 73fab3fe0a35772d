package main

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// server is a landcat the load test started itself (-serve).
type server struct {
	cmd      *exec.Cmd
	base     string
	loadedMS int
	key      string
}

var loadedRe = regexp.MustCompile(`msg="read model loaded".* ms=(\d+)`)

// startServer runs `bin serve` on a free loopback port with rate limits
// off, waits until it answers, and reads its cold-load time from its log.
// With editors, it also creates an editor's API key for the write
// scenarios.
func startServer(bin, dbURL string, out io.Writer) (*server, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	addr := ln.Addr().String()
	ln.Close()
	key, err := exec.Command(bin, "apikey", "create", "--name", "loadtest", "--role", "editor", "--database-url", dbURL).Output()
	if err != nil {
		return nil, fmt.Errorf("%s apikey create: %w", bin, err)
	}
	cmd := exec.Command(bin, "serve", "--addr", addr, "--database-url", dbURL, "--migrate=false")
	cmd.Env = append(os.Environ(), "LANDCAT_RATE_LIMIT=off")
	cmd.SysProcAttr = stopWithParent()
	logs, err := cmd.StderrPipe()
	if err != nil {
		return nil, err
	}
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	s := &server{cmd: cmd, base: "http://" + addr, key: strings.TrimSpace(string(key))}
	loaded := make(chan int, 1)
	go func() {
		sc := bufio.NewScanner(logs)
		for sc.Scan() {
			if m := loadedRe.FindStringSubmatch(sc.Text()); m != nil {
				ms, _ := strconv.Atoi(m[1])
				loaded <- ms
			}
		}
	}()
	deadline := time.After(10 * time.Minute)
	for {
		select {
		case s.loadedMS = <-loaded:
		case <-deadline:
			s.stop()
			return nil, errors.New("the server did not answer within 10 minutes")
		case <-time.After(200 * time.Millisecond):
		}
		if s.loadedMS > 0 {
			if resp, err := http.Get(s.base + "/healthz"); err == nil {
				resp.Body.Close()
				fmt.Fprintf(out, "server: pid %d, cold load %d ms, RSS %d MB after load\n", cmd.Process.Pid, s.loadedMS, rssMB(cmd.Process.Pid))
				return s, nil
			}
		}
	}
}

func (s *server) stop() {
	_ = s.cmd.Process.Signal(os.Interrupt)
	done := make(chan struct{})
	go func() { _ = s.cmd.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(15 * time.Second):
		_ = s.cmd.Process.Kill()
	}
}

// rssMB reads a process's resident set size.
func rssMB(pid int) int {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return -1
	}
	for _, line := range strings.Split(string(b), "\n") {
		if f := strings.Fields(line); len(f) >= 2 && f[0] == "VmRSS:" {
			kb, _ := strconv.Atoi(f[1])
			return kb / 1024
		}
	}
	return -1
}
