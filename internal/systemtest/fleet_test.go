package systemtest

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// buildLandcat builds the binary once for the test, without cgo, as users
// build it.
func buildLandcat(t testing.TB, dir string) string {
	t.Helper()
	bin := filepath.Join(dir, "landcat")
	cmd := exec.Command("go", "build", "-o", bin, "../../cmd/landcat")
	cmd.Env = append(os.Environ(), "CGO_ENABLED=0")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// replica is one `landcat serve` process; restart gives it a new one on
// the same port.
type replica struct {
	name, addr string
	bin, log   string
	env        []string

	mu   sync.Mutex
	cmd  *exec.Cmd
	done chan struct{}
}

// start starts the process and waits until it answers /healthz.
func (r *replica) start() error {
	lf, err := os.OpenFile(r.log, os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o644)
	if err != nil {
		return err
	}
	cmd := exec.Command(r.bin, "serve", "--addr", r.addr, "--catch-up", "1s")
	cmd.Env = append(os.Environ(), r.env...)
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL} // never outlive the test
	cmd.Stdout, cmd.Stderr = lf, lf
	if err := cmd.Start(); err != nil {
		lf.Close()
		return err
	}
	done := make(chan struct{})
	go func() { _ = cmd.Wait(); lf.Close(); close(done) }()
	r.mu.Lock()
	r.cmd, r.done = cmd, done
	r.mu.Unlock()
	deadline := time.Now().Add(60 * time.Second)
	for time.Now().Before(deadline) {
		select {
		case <-done:
			b, _ := os.ReadFile(r.log)
			return fmt.Errorf("%s exited at start:\n%s", r.name, tail(b, 3000))
		default:
		}
		if resp, err := http.Get("http://" + r.addr + "/healthz"); err == nil {
			resp.Body.Close()
			return nil
		}
		time.Sleep(100 * time.Millisecond)
	}
	return fmt.Errorf("%s did not answer within 60s", r.name)
}

func (r *replica) pid() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.cmd == nil || r.cmd.Process == nil {
		return 0
	}
	select {
	case <-r.done:
		return 0
	default:
	}
	return r.cmd.Process.Pid
}

func (r *replica) signal(sig syscall.Signal) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.cmd != nil && r.cmd.Process != nil {
		_ = r.cmd.Process.Signal(sig)
	}
}

// kill9 kills the process with SIGKILL and waits for it.
func (r *replica) kill9() {
	r.signal(syscall.SIGKILL)
	r.mu.Lock()
	done := r.done
	r.mu.Unlock()
	<-done
}

// stop ends the process gracefully (SIGTERM, then SIGKILL after 10 s).
func (r *replica) stop() {
	r.signal(syscall.SIGCONT)
	r.signal(syscall.SIGTERM)
	r.mu.Lock()
	done := r.done
	r.mu.Unlock()
	if done == nil {
		return
	}
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		r.kill9()
	}
}

// rss reads the process's resident set size (VmRSS) in KiB.
func (r *replica) rss() int {
	pid := r.pid()
	if pid == 0 {
		return 0
	}
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		if f := strings.Fields(line); len(f) >= 2 && f[0] == "VmRSS:" {
			n, _ := strconv.Atoi(f[1])
			return n
		}
	}
	return 0
}

// haproxy is the load balancer in front of the replicas, as in production:
// /readyz health checks, round robin, retries and redispatch for idempotent
// requests (and the matcher, a read sent as POST), none for writes.
type haproxy struct {
	addr string
	cmd  *exec.Cmd
	done chan struct{}
}

func startHAProxy(t testing.TB, dir string, replicas []*replica) *haproxy {
	t.Helper()
	bin := need(t, "haproxy")
	port := freePort(t)
	var servers strings.Builder
	for _, r := range replicas {
		fmt.Fprintf(&servers, "    server %s %s check\n", r.name, r.addr)
	}
	cfg := fmt.Sprintf(`global
    maxconn 4000

defaults
    mode http
    timeout connect 1s
    timeout client 30s
    timeout server 2s
    timeout check 1500ms
    retries 3
    option redispatch 1
    retry-on conn-failure empty-response response-timeout

frontend api
    bind 127.0.0.1:%d
    default_backend landcat

backend landcat
    balance roundrobin
    option httpchk GET /readyz
    http-check expect status 200
    default-server inter 500ms fall 2 rise 2
    acl read_post path /match
    http-request disable-l7-retry if !METH_GET !METH_HEAD !read_post
%s`, port, servers.String())
	path := filepath.Join(dir, "haproxy.cfg")
	if err := os.WriteFile(path, []byte(cfg), 0o644); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command(bin, "-c", "-q", "-f", path).CombinedOutput(); err != nil {
		t.Fatalf("haproxy -c: %v\n%s\n%s", err, out, cfg)
	}
	var logs bytes.Buffer
	cmd := exec.Command(bin, "-db", "-f", path)
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
	cmd.Stdout, cmd.Stderr = &logs, &logs
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	h := &haproxy{addr: fmt.Sprintf("127.0.0.1:%d", port), cmd: cmd, done: make(chan struct{})}
	go func() { _ = cmd.Wait(); close(h.done) }()
	t.Cleanup(func() {
		_ = cmd.Process.Signal(syscall.SIGTERM)
		select {
		case <-h.done:
		case <-time.After(5 * time.Second):
			_ = cmd.Process.Kill()
			<-h.done
		}
		if t.Failed() {
			t.Logf("haproxy output:\n%s", tail(logs.Bytes(), 3000))
		}
	})
	// Ready once every replica passed its health checks.
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		ok := 0
		for range replicas {
			if r, err := http.Get("http://" + h.addr + "/readyz"); err == nil {
				r.Body.Close()
				if r.StatusCode == 200 {
					ok++
				}
			}
		}
		if ok == len(replicas) {
			time.Sleep(1500 * time.Millisecond) // rise 2 × inter 500ms for every server
			return h
		}
		time.Sleep(200 * time.Millisecond)
	}
	t.Fatalf("haproxy on %s never served /readyz:\n%s", h.addr, logs.String())
	return nil
}

// readyz reads a replica's /readyz.
func readyz(ctx context.Context, client *http.Client, addr string) (int, map[string]any, error) {
	req, _ := http.NewRequestWithContext(ctx, "GET", "http://"+addr+"/readyz", nil)
	resp, err := client.Do(req)
	if err != nil {
		return 0, nil, err
	}
	defer resp.Body.Close()
	var body map[string]any
	b, _ := io.ReadAll(resp.Body)
	_ = json.Unmarshal(b, &body)
	return resp.StatusCode, body, nil
}
