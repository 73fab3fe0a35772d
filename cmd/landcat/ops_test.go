package main_test

import (
	"bytes"
	"database/sql"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/landcat/landcat/internal/testdb"
)

// TestSignalDuringStart: a PostgreSQL host that accepts TCP and never
// answers must not hang the binary: SIGTERM and SIGINT end serve and
// migrate at once, with a message.
func TestSignalDuringStart(t *testing.T) {
	bin := binary(t)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	go func() {
		var held []net.Conn
		defer func() {
			for _, c := range held {
				c.Close()
			}
		}()
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			held = append(held, c)
		}
	}()
	url := "postgres://landcat@" + ln.Addr().String() + "/landcat?sslmode=disable"
	for _, tc := range []struct {
		cmd string
		sig os.Signal
	}{{"serve", syscall.SIGTERM}, {"migrate", syscall.SIGINT}} {
		cmd := exec.Command(bin, tc.cmd, "--addr", "127.0.0.1:0")
		if tc.cmd == "migrate" {
			cmd = exec.Command(bin, tc.cmd)
		}
		cmd.Env = append(os.Environ(), "LANDCAT_DATABASE_URL="+url)
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(500 * time.Millisecond)
		_ = cmd.Process.Signal(tc.sig)
		done := make(chan error, 1)
		go func() { done <- cmd.Wait() }()
		select {
		case err := <-done:
			if err == nil || !strings.Contains(stderr.String(), "interrupted while connecting") {
				t.Errorf("%s after %v: %v %q", tc.cmd, tc.sig, err, stderr.String())
			}
		case <-time.After(10 * time.Second):
			_ = cmd.Process.Kill()
			<-done
			t.Fatalf("%s ignored %v while connecting to a silent database: %s", tc.cmd, tc.sig, stderr.String())
		}
	}
}

// TestDatabaseRefusesConnections runs the binary on a database of its own,
// then closes that database to connections and terminates its backends (as
// an operator does before a restore): the replica stays ready and serves
// reads from its snapshot, /readyz says the database is unavailable and
// writes degraded, /readyz?strict=true and an officer's write are 503s with
// Retry-After; once the database reopens, the write goes through.
func TestDatabaseRefusesConnections(t *testing.T) {
	bin := binary(t)
	url, admin := testdb.PostGISDatabase(t)
	env := []string{"LANDCAT_DATABASE_URL=" + url, "LANDCAT_DEMO=true", "LANDCAT_LOG_LEVEL=warn", "LANDCAT_RATE_LIMIT=off"}
	base := serve(t, bin, env)
	key, stderr, err := landcat(t, bin, env, "", "apikey", "create", "--name", "closer", "--role", "editor")
	if err != nil {
		t.Fatalf("apikey: %v %s", err, stderr)
	}
	key = strings.TrimSpace(key)
	name := url[strings.LastIndex(url, "/")+1:]
	name, _, _ = strings.Cut(name, "?")
	patch := func() *http.Response {
		t.Helper()
		r, err := http.Get(base + "/collections/parcels/items/hp-dc2-01")
		if err != nil {
			t.Fatal(err)
		}
		r.Body.Close()
		req, _ := http.NewRequest("PATCH", base+"/collections/parcels/items/hp-dc2-01", strings.NewReader(`{"properties":{"water_m3_day":777}}`))
		req.Header.Set("Authorization", "Bearer "+key)
		req.Header.Set("If-Match", r.Header.Get("ETag"))
		req.Header.Set("Content-Type", "application/merge-patch+json")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		return resp
	}
	// The key is checked (and cached) while the database is up.
	if r := patch(); r.StatusCode != 200 {
		t.Fatalf("PATCH with the database up: %s", r.Status)
	}
	exec := func(db *sql.DB, q string) {
		t.Helper()
		if _, err := db.Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	exec(admin, "ALTER DATABASE "+name+" WITH ALLOW_CONNECTIONS false")
	exec(admin, "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '"+name+"'")

	var ready map[string]any
	r := getJSON(t, base+"/readyz", &ready)
	if r.StatusCode != 200 || ready["database"] != "unavailable" || ready["writes"] != "degraded" {
		t.Errorf("readyz with the database closed: %d %v", r.StatusCode, ready)
	}
	strict, err := http.Get(base + "/readyz?strict=true")
	if err != nil {
		t.Fatal(err)
	}
	strict.Body.Close()
	if strict.StatusCode != 503 || strict.Header.Get("Retry-After") == "" {
		t.Errorf("strict readyz with the database closed: %s %v", strict.Status, strict.Header)
	}
	var parcels featureCollection
	getJSON(t, base+"/collections/parcels/items?limit=5", &parcels)
	if len(parcels.Features) != 5 {
		t.Errorf("reads from the snapshot: %d features", len(parcels.Features))
	}
	if r := patch(); r.StatusCode != 503 || r.Header.Get("Retry-After") == "" {
		t.Errorf("PATCH with the database closed: %s, Retry-After %q (want 503 with Retry-After)", r.Status, r.Header.Get("Retry-After"))
	}

	exec(admin, "ALTER DATABASE "+name+" WITH ALLOW_CONNECTIONS true")
	deadline := time.Now().Add(20 * time.Second)
	for {
		r := patch()
		if r.StatusCode == 200 {
			break
		}
		if r.StatusCode != 503 || time.Now().After(deadline) {
			t.Fatalf("PATCH after reopening: %s", r.Status)
		}
		time.Sleep(200 * time.Millisecond)
	}
	var one struct{ Properties map[string]any }
	getJSON(t, base+"/collections/parcels/items/hp-dc2-01", &one)
	if one.Properties["water_m3_day"] != 777.0 {
		t.Errorf("after the write: %v", one.Properties["water_m3_day"])
	}
}
