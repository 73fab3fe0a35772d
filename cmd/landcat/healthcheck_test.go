package main

import (
	"bytes"
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

func TestHealthcheck(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/healthz":
			w.Write([]byte(`{"status":"ok"}`))
		default:
			http.Error(w, "down", http.StatusServiceUnavailable)
		}
	}))
	defer srv.Close()
	noEnv := func(string) string { return "" }
	check := func(env func(string) string, args ...string) (string, error) {
		var out, errb bytes.Buffer
		err := run(context.Background(), append([]string{"healthcheck"}, args...), env, strings.NewReader(""), &out, &errb)
		return out.String(), err
	}
	if out, err := check(noEnv, "--url", srv.URL+"/healthz"); err != nil || !strings.Contains(out, "200 OK") {
		t.Errorf("healthy server: %q %v", out, err)
	}
	if _, err := check(noEnv, "--url", srv.URL+"/readyz"); err == nil || !strings.Contains(err.Error(), "503") {
		t.Errorf("a 503 must fail the check: %v", err)
	}
	srv2 := httptest.NewServer(http.NotFoundHandler())
	addr := strings.TrimPrefix(srv2.URL, "http://")
	srv2.Close()
	if _, err := check(noEnv, "--url", "http://"+addr+"/healthz"); err == nil {
		t.Error("nothing listening must fail the check")
	}
	// The default URL follows LANDCAT_ADDR.
	port := srv.URL[strings.LastIndex(srv.URL, ":"):]
	env := func(k string) string {
		if k == "LANDCAT_ADDR" {
			return port
		}
		return ""
	}
	if out, err := check(env); err != nil || !strings.Contains(out, "http://127.0.0.1"+port+"/healthz") {
		t.Errorf("default URL from LANDCAT_ADDR=%s: %q %v", port, out, err)
	}
	var usage bytes.Buffer
	run(context.Background(), nil, noEnv, nil, &usage, &usage)
	if !strings.Contains(usage.String(), "landcat healthcheck") {
		t.Error("the usage text does not list healthcheck")
	}
}

func TestLocalURL(t *testing.T) {
	for addr, want := range map[string]string{
		":8080": "http://127.0.0.1:8080/healthz", "0.0.0.0:9000": "http://127.0.0.1:9000/healthz",
		"[::]:8080": "http://127.0.0.1:8080/healthz", "127.0.0.2:81": "http://127.0.0.2:81/healthz",
		"[::1]:8080": "http://[::1]:8080/healthz", "nonsense": "http://127.0.0.1:8080/healthz",
	} {
		if got := localURL(addr, "/healthz"); got != want {
			t.Errorf("localURL(%q) = %q, want %q", addr, got, want)
		}
	}
}
