package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
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

func serveFlags(getenv func(string) string, cfg *config) *flag.FlagSet {
	fs := newFlagSet("serve")
	fs.StringVar(&cfg.addr, "addr", envOr(getenv, "LANDCAT_ADDR", ":8080"), "listen address")
	databaseFlags(fs, getenv, cfg)
	fs.StringVar(&cfg.demo, "demo", getenv("LANDCAT_DEMO"), "load the Hai Phong demo catalogue into an empty database: true or false; empty: true with sqlite, false with postgres")
	fs.BoolVar(&cfg.migrate, "migrate", true, "apply migrations at start (false: refuse to start if any is pending; landcat migrate applies them)")
	fs.StringVar(&cfg.origins, "cors-origins", getenv("LANDCAT_CORS_ORIGINS"), "comma-separated browser origins allowed to call the API with credentials, e.g. https://officers.example; public reads are open to every origin")
	fs.StringVar(&cfg.catchUpRaw, "catch-up", envOr(getenv, "LANDCAT_CATCH_UP", "5s"),
		"how often to read changes this process has not seen, above zero; on PostgreSQL the change feed usually brings them at once")
	fs.StringVar(&cfg.rateLimit, "rate-limit", getenv("LANDCAT_RATE_LIMIT"), "rate limits of the public endpoints: off, or e.g. match=60/min:20,public_write=10/min:5,auth_failure=10/min:10,keys=10; empty: those defaults")
	fs.StringVar(&cfg.trustedProxies, "trusted-proxies", getenv("LANDCAT_TRUSTED_PROXIES"), "comma-separated CIDRs of proxies whose X-Forwarded-For is believed, e.g. 10.0.0.0/8")
	fs.StringVar(&cfg.metricsAddr, "metrics-addr", getenv("LANDCAT_METRICS_ADDR"), "serve /metrics on this address instead of the API's, e.g. 127.0.0.1:9090")
	oidcFlags(fs, getenv, &cfg.oidc)
	pipelineFlags(fs, getenv, &cfg.pipeline)
	return fs
}

func cmdServe(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	var cfg config
	fs := serveFlags(getenv, &cfg)
	if err := parse(fs, args, stdout); err != nil {
		return err
	}
	if err := noArgs(fs); err != nil {
		return err
	}
	// Every setting is checked before anything is opened or written.
	if err := checkCommon(&cfg); err != nil {
		return err
	}
	if err := checkAddr("addr", cfg.addr); err != nil {
		return err
	}
	if err := checkAddr("metrics-addr", cfg.metricsAddr); err != nil {
		return err
	}
	if err := checkAddr("pprof", getenv("LANDCAT_PPROF_ADDR")); err != nil {
		return fmt.Errorf("LANDCAT_PPROF_ADDR must be HOST:PORT such as 127.0.0.1:6060, got %q", getenv("LANDCAT_PPROF_ADDR"))
	}
	var err error
	if cfg.catchUp, err = positiveDuration("catch-up", cfg.catchUpRaw); err != nil {
		return err
	}
	if cfg.demo != "" {
		if _, err := parseBool("demo", cfg.demo); err != nil {
			return err
		}
	}
	if err := cfg.pipeline.check(); err != nil {
		return err
	}
	oidcVerifier, err := cfg.oidc.verifier()
	if err != nil {
		return err
	}
	limits, err := httpapi.ParseLimits(cfg.rateLimit)
	if err != nil {
		return fmt.Errorf("%s: %w", setting("rate-limit"), err)
	}
	proxies, err := httpapi.ParseProxies(cfg.trustedProxies)
	if err != nil {
		return fmt.Errorf("%s: %w", setting("trusted-proxies"), err)
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
	settle := gcForLoad(getenv)
	model, err := readmodel.LoadStream(ctx, st.LoadEach, st.Load, time.Now)
	if err != nil {
		return err
	}
	settle()
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
		Demand: demand, Origins: splitList(cfg.origins), Limits: limits, TrustedProxies: proxies, MetricsElsewhere: cfg.metricsAddr != "",
		OIDC: oidcVerifier, Shortlists: st, Pipeline: startPipeline(ctx, st, svc, cfg.pipeline, log)})
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
		if want, err = parseBool("demo", cfg.demo); err != nil {
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
