// Package oidctest starts a real OpenID Connect provider for tests: the
// testop command (zitadel/oidc's OpenID Provider, a module of its own in
// internal/identity/testop), built once and kept in the Go build cache's
// parent folder between runs, listening on 127.0.0.1.
package oidctest

import (
	"bufio"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// Client is an OAuth client registered at the provider.
type Client struct {
	ID           string   `json:"id"`
	Secret       string   `json:"secret"`
	RedirectURIs []string `json:"redirect_uris"`
}

// User is an officer who can sign in, with the claims landcat reads.
type User struct {
	ID       string   `json:"id"`
	Username string   `json:"username"`
	Password string   `json:"password"`
	Name     string   `json:"name"`
	Groups   []string `json:"groups,omitempty"`
	Zones    []string `json:"zones,omitempty"`
	Sectors  []string `json:"sectors,omitempty"`
}

// Provider is a running testop.
type Provider struct {
	Issuer string
	stdin  io.WriteCloser
}

// Start builds testop if needed and runs it with these clients and users
// until the test ends.
func Start(t testing.TB, clients []Client, users []User) *Provider {
	t.Helper()
	bin := Binary(t)
	dir := t.TempDir()
	cfg, _ := json.Marshal(map[string]any{"clients": clients, "users": users})
	path := filepath.Join(dir, "testop.json")
	if err := os.WriteFile(path, cfg, 0o600); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(bin, "-addr", "127.0.0.1:0", "-config", path)
	stdin, _ := cmd.StdinPipe()
	stdout, _ := cmd.StdoutPipe()
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatalf("start testop: %v", err)
	}
	t.Cleanup(func() {
		stdin.Close() // testop stops when its stdin closes
		done := make(chan struct{})
		go func() { _ = cmd.Wait(); close(done) }()
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			_ = cmd.Process.Kill()
		}
	})
	line, err := bufio.NewReader(stdout).ReadString('\n')
	issuer, ok := strings.CutPrefix(strings.TrimSpace(line), "issuer=")
	if err != nil || !ok {
		t.Fatalf("testop did not start: %q %v", line, err)
	}
	return &Provider{Issuer: issuer, stdin: stdin}
}

var build struct {
	once sync.Once
	path string
	err  error
}

// Binary returns the path of the testop binary, building it when its
// sources changed: it is kept as .../landcat-testop/<hash of the
// sources>/testop beside the Go build cache, so a second run starts it
// at once.
func Binary(t testing.TB) string {
	t.Helper()
	build.once.Do(func() { build.path, build.err = buildTestop() })
	if build.err != nil {
		t.Fatalf("build the test OpenID provider: %v", build.err)
	}
	return build.path
}

func buildTestop() (string, error) {
	_, here, _, _ := runtime.Caller(0)
	src := filepath.Join(filepath.Dir(here), "..", "testop")
	h := sha256.New()
	for _, f := range []string{"main.go", "store.go", "go.mod", "go.sum"} {
		b, err := os.ReadFile(filepath.Join(src, f))
		if err != nil {
			return "", err
		}
		fmt.Fprintf(h, "%s %d\n", f, len(b))
		h.Write(b)
	}
	fmt.Fprintln(h, runtime.Version())
	gocache, err := exec.Command("go", "env", "GOCACHE").Output()
	if err != nil {
		return "", fmt.Errorf("go env GOCACHE: %w", err)
	}
	dir := filepath.Join(filepath.Dir(strings.TrimSpace(string(gocache))), "landcat-testop", hex.EncodeToString(h.Sum(nil))[:16])
	bin := filepath.Join(dir, "testop")
	if _, err := os.Stat(bin); err == nil {
		return bin, nil
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", err
	}
	// Test binaries of several packages start at once: one builds, the
	// others wait for it and take its binary.
	unlock, err := lockFile(filepath.Join(dir, "build.lock"))
	if err != nil {
		return "", err
	}
	defer unlock()
	if _, err := os.Stat(bin); err == nil {
		return bin, nil
	}
	tmp := fmt.Sprintf("%s.%d", bin, os.Getpid())
	start := time.Now()
	cmd := exec.Command("go", "build", "-o", tmp, ".")
	cmd.Dir = src
	cmd.Env = append(os.Environ(), "CGO_ENABLED=0", "GOFLAGS=-mod=readonly -buildvcs=false")
	if out, err := cmd.CombinedOutput(); err != nil {
		return "", fmt.Errorf("go build in %s: %v\n%s", src, err, out)
	}
	fmt.Fprintf(os.Stderr, "oidctest: built testop in %s\n", time.Since(start).Round(time.Second))
	return bin, os.Rename(tmp, bin)
}

// lockFile holds an exclusive lock on path until the returned func runs.
func lockFile(path string) (func(), error) {
	f, err := os.OpenFile(path, os.O_CREATE|os.O_RDWR, 0o644)
	if err != nil {
		return nil, err
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX); err != nil {
		f.Close()
		return nil, err
	}
	return func() { _ = syscall.Flock(int(f.Fd()), syscall.LOCK_UN); f.Close() }, nil
}
