package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"time"
)

type healthcheckOpts struct {
	url     string
	timeout time.Duration
}

func healthcheckFlags(getenv func(string) string, o *healthcheckOpts) *flag.FlagSet {
	fs := newFlagSet("healthcheck")
	fs.StringVar(&o.url, "url", localURL(envOr(getenv, "LANDCAT_ADDR", ":8080"), "/healthz"),
		"URL to GET; default: /healthz on the port of LANDCAT_ADDR, on 127.0.0.1")
	fs.DurationVar(&o.timeout, "timeout", 3*time.Second, "give up after this long")
	return fs
}

// cmdHealthcheck asks a running landcat whether it is alive, for container
// health checks in images that have no shell or curl (distroless, scratch):
// exit status 0 on a 2xx answer, 1 otherwise.
func cmdHealthcheck(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	var o healthcheckOpts
	fs := healthcheckFlags(getenv, &o)
	if err := parse(fs, args, stdout); err != nil {
		return err
	}
	if err := noArgs(fs); err != nil {
		return err
	}
	target, timeout := &o.url, &o.timeout
	ctx, cancel := context.WithTimeout(ctx, *timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, *target, nil)
	if err != nil {
		return fmt.Errorf("healthcheck: %w", err)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return fmt.Errorf("healthcheck: %w", err)
	}
	defer resp.Body.Close()
	_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 1<<16))
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return fmt.Errorf("healthcheck: GET %s: %s", *target, resp.Status)
	}
	fmt.Fprintf(stdout, "GET %s: %s\n", *target, resp.Status)
	return nil
}

// localURL turns a listen address (":8080", "0.0.0.0:8080", "[::]:8080",
// "127.0.0.1:8080") into a URL on the loopback interface.
func localURL(addr, path string) string {
	host, port, err := net.SplitHostPort(addr)
	if err != nil || port == "" {
		return "http://127.0.0.1:8080" + path
	}
	if host == "" || host == "0.0.0.0" || host == "::" {
		host = "127.0.0.1"
	}
	return "http://" + net.JoinHostPort(host, port) + path
}
