package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/pprof"
	"strings"
	"time"

	"github.com/landcat/landcat/internal/catalog"
	"github.com/landcat/landcat/internal/demo"
	"github.com/landcat/landcat/internal/httpapi"
	"github.com/landcat/landcat/internal/readmodel"
	"github.com/landcat/landcat/internal/store"
)

func cmdServe(ctx context.Context, args []string, getenv func(string) string, stderr io.Writer) error {
	var cfg config
	fs := newFlags("serve", getenv, stderr, &cfg)
	fs.StringVar(&cfg.addr, "addr", envOr(getenv, "LANDCAT_ADDR", ":8080"), "listen address (LANDCAT_ADDR)")
	fs.StringVar(&cfg.demo, "demo", getenv("LANDCAT_DEMO"), "load the Hai Phong demo catalogue into an empty database; default true with sqlite (LANDCAT_DEMO)")
	fs.BoolVar(&cfg.migrate, "migrate", true, "apply migrations at start")
	fs.StringVar(&cfg.origins, "cors-origins", getenv("LANDCAT_CORS_ORIGINS"), "comma-separated browser origins allowed to call the API with credentials, e.g. https://officers.example (LANDCAT_CORS_ORIGINS); public reads are open to every origin")
	fs.DurationVar(&cfg.catchUp, "catch-up", envDuration(getenv, "LANDCAT_CATCH_UP", 5*time.Second),
		"how often to read changes this process has not seen (LANDCAT_CATCH_UP); on PostgreSQL the change feed usually brings them at once")
	fs.StringVar(&cfg.rateLimit, "rate-limit", getenv("LANDCAT_RATE_LIMIT"), "rate limits of the public endpoints: off, or e.g. match=60/min:20,public_write=10/min:5,auth_failure=10/min:10,keys=10 (LANDCAT_RATE_LIMIT; empty: those defaults)")
	fs.StringVar(&cfg.trustedProxies, "trusted-proxies", getenv("LANDCAT_TRUSTED_PROXIES"), "comma-separated CIDRs of proxies whose X-Forwarded-For is believed, e.g. 10.0.0.0/8 (LANDCAT_TRUSTED_PROXIES)")
	fs.StringVar(&cfg.metricsAddr, "metrics-addr", getenv("LANDCAT_METRICS_ADDR"), "serve /metrics on this address instead of the API's, e.g. 127.0.0.1:9090 (LANDCAT_METRICS_ADDR)")
	var oidcSet oidcSettings
	oidcFlags(fs, getenv, &oidcSet)
	var plSet pipelineSettings
	pipelineFlags(fs, getenv, &plSet)
	if err := fs.Parse(args); err != nil {
		return err
	}
	if err := plSet.check(getenv); err != nil {
		return err
	}
	oidcVerifier, err := oidcSet.verifier()
	if err != nil {
		return err
	}
	limits, err := httpapi.ParseLimits(cfg.rateLimit)
	if err != nil {
		return fmt.Errorf("--rate-limit (LANDCAT_RATE_LIMIT): %w", err)
	}
	proxies, err := httpapi.ParseProxies(cfg.trustedProxies)
	if err != nil {
		return fmt.Errorf("--trusted-proxies (LANDCAT_TRUSTED_PROXIES): %w", err)
	}
	if v := getenv("LANDCAT_CATCH_UP"); v != "" {
		if d, err := time.ParseDuration(v); err != nil || d <= 0 {
			return fmt.Errorf("LANDCAT_CATCH_UP must be a positive duration such as 5s, got %q", v)
		}
	}
	log := newLogger(cfg.logLevel, stderr)
	st, err := openStore(ctx, &cfg, log, cfg.migrate)
	if err != nil {
		return err
	}
	defer st.Close()
	if err := loadDemo(ctx, st, &cfg, log); err != nil {
		return err
	}
	start := time.Now()
	model, err := readmodel.LoadStream(ctx, st.LoadEach, st.Load, time.Now)
	if err != nil {
		return err
	}
	snap := model.Snapshot()
	log.Info("read model loaded", "revision", snap.Revision, "zones", len(snap.Collection(catalog.Zones)),
		"parcels", len(snap.Collection(catalog.Parcels)), "infrastructure", len(snap.Collection(catalog.Infrastructure)),
		"ms", time.Since(start).Milliseconds())
	go model.Follow(ctx, func(ctx context.Context, changed func()) { st.Listen(ctx, log, changed) }, cfg.catchUp, log)
	if addr := getenv("LANDCAT_PPROF_ADDR"); addr != "" {
		go serveSide(ctx, "profiler", addr, pprofMux(), log)
	}
	demand := st.NewDemandLog(log)
	defer demand.Close()
	svc := newService(st, model, log)
	h, err := httpapi.New(httpapi.Deps{Model: model, Service: svc, Auth: st, Ready: st.Ping, Log: log,
		Demand: demand, Origins: splitList(cfg.origins), Limits: limits, TrustedProxies: proxies, MetricsElsewhere: cfg.metricsAddr != "", OIDC: oidcVerifier,
		Pipeline: startPipeline(ctx, st, svc, plSet, log)})
	if err != nil {
		return err
	}
	if oidcVerifier != nil {
		c := oidcVerifier.Config()
		log.Info("OpenID Connect tokens accepted", "issuer", c.Issuer, "audience", c.Audience, "role_claim", c.RoleClaim, "browser_sign_in", c.Browser())
	}
	if limits.Off {
		log.Warn("rate limits are off (LANDCAT_RATE_LIMIT=off): fine for benchmarks, not for a public server")
	}
	if cfg.metricsAddr != "" {
		go serveSide(ctx, "metrics", cfg.metricsAddr, h.Metrics(), log)
	}
	return listen(ctx, cfg.addr, h, log)
}

func listen(ctx context.Context, addr string, h http.Handler, log *slog.Logger) error {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return err
	}
	srv := &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second, ReadTimeout: 60 * time.Second,
		WriteTimeout: 120 * time.Second, IdleTimeout: 120 * time.Second}
	url := "http://" + displayAddr(ln.Addr())
	log.Info("serving", "addr", ln.Addr().String(), "url", url, "map", url+"/map", "api", url+"/api")
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	log.Info("shutting down")
	shutdown, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutdown); err != nil {
		return err
	}
	if err := <-errc; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

func displayAddr(a net.Addr) string {
	s := a.String()
	if strings.HasPrefix(s, "[::]:") {
		return "localhost:" + strings.TrimPrefix(s, "[::]:")
	}
	return s
}

// loadDemo imports the embedded demo catalogue, published, into an empty
// database, through the same import path as `landcat import`.
func loadDemo(ctx context.Context, st *store.Store, cfg *config, log *slog.Logger) error {
	want := st.Dialect() == "sqlite"
	if cfg.demo != "" {
		var err error
		if want, err = parseBool("LANDCAT_DEMO", cfg.demo); err != nil {
			return err
		}
	}
	if !want {
		return nil
	}
	rev, err := st.Revision(ctx)
	if err != nil || rev > 0 {
		return err
	}
	svc := newService(st, nil, log)
	a := catalog.Actor{Name: "demo-loader", Role: catalog.RoleAdmin}
	for _, f := range demo.Files() {
		rep, err := svc.Import(ctx, a, bytes.NewReader(f.Data), catalog.ImportOptions{Collection: catalog.Collection(f.Collection), Publish: true})
		if err != nil {
			return fmt.Errorf("load demo %s: %w", f.Name, err)
		}
		log.Info("demo data loaded", "file", f.Name, "features", rep.Valid, "revision", rep.Revision)
	}
	return nil
}

func envDuration(getenv func(string) string, key string, def time.Duration) time.Duration {
	if d, err := time.ParseDuration(getenv(key)); err == nil && d > 0 {
		return d
	}
	return def
}

func splitList(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

func envOr(getenv func(string) string, key, def string) string {
	if v := getenv(key); v != "" {
		return v
	}
	return def
}

// pprofMux is Go's profiler, for LANDCAT_PPROF_ADDR=127.0.0.1:6060: on its
// own listener, never on the public port, for operators chasing a slow
// request.
func pprofMux() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("/debug/pprof/", pprof.Index)
	mux.HandleFunc("/debug/pprof/profile", pprof.Profile)
	mux.HandleFunc("/debug/pprof/trace", pprof.Trace)
	return mux
}

// serveSide serves an operators' handler (metrics, profiler) on a listener
// of its own until ctx ends.
func serveSide(ctx context.Context, name, addr string, h http.Handler, log *slog.Logger) {
	srv := &http.Server{Addr: addr, Handler: h, ReadHeaderTimeout: 10 * time.Second}
	go func() {
		<-ctx.Done()
		_ = srv.Close()
	}()
	log.Info(name+" listening", "addr", addr)
	if err := srv.ListenAndServe(); err != nil && !errors.Is(err, http.ErrServerClosed) {
		log.Error(name+" stopped", "addr", addr, "err", err)
	}
}
