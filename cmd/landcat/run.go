package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"runtime/debug"
	"strconv"
	"strings"
	"time"

	"github.com/landcat/landcat/internal/catalog"
	"github.com/landcat/landcat/internal/readmodel"
	"github.com/landcat/landcat/internal/store"
)

const usage = `landcat — a city's investment land bank as OGC API - Features

Usage:
  landcat serve   [--addr :8080] [--database-url URL] [--demo=true|false] [--migrate=true|false]
  landcat migrate [--database-url URL]
  landcat import  FILE [--format geojson|gpkg|shapefile|csv|xlsx] [--collection zones|parcels|infrastructure]
                  [--publish] [--dry-run] [--crs EPSG:N] [--json]
  landcat apikey create --name NAME --role viewer|editor|publisher|admin
                        [--zones a,b] [--sectors s,t] [--expires 2027-12-31]
  landcat apikey list
  landcat apikey revoke ID
  landcat apikey rotate ID [--grace 24h]
  landcat gen     --parcels N [--seed S]
  landcat healthcheck [--url http://127.0.0.1:8080/healthz] [--timeout 3s]
  landcat version

Every flag can also be set as an environment variable: --database-url is
LANDCAT_DATABASE_URL, --addr is LANDCAT_ADDR, and so on.

Officers sign in with the city's OpenID Connect provider (serve):
  --oidc-issuer URL          LANDCAT_OIDC_ISSUER          accept JWTs of this issuer (empty: API keys only)
  --oidc-audience AUD        LANDCAT_OIDC_AUDIENCE        the aud tokens must hold (default: the client id)
  --oidc-role-claim CLAIM    LANDCAT_OIDC_ROLE_CLAIM      groups or roles claim, dotted for nested (default groups)
  --oidc-roles G=R,…         LANDCAT_OIDC_ROLES           group→role map (default: groups named after roles)
  --oidc-zones-claim CLAIM   LANDCAT_OIDC_ZONES_CLAIM     zone ids the role is limited to (default landcat_zones)
  --oidc-sectors-claim CLAIM LANDCAT_OIDC_SECTORS_CLAIM   sectors the role is limited to (default landcat_sectors)
  --oidc-clock-skew D        LANDCAT_OIDC_CLOCK_SKEW      allowed clock difference, at most 5m (default 1m)
  --oidc-client-id ID        LANDCAT_OIDC_CLIENT_ID       browser sign-in at /auth/login (empty: none)
  --oidc-client-secret S     LANDCAT_OIDC_CLIENT_SECRET   its client secret
  --oidc-redirect-url URL    LANDCAT_OIDC_REDIRECT_URL    https://HOST/auth/callback as registered
  --oidc-cookie-secret S     LANDCAT_OIDC_COOKIE_SECRET   32+ characters sealing session cookies
  --oidc-session D           LANDCAT_OIDC_SESSION         browser session lifetime (default 8h)
`

// config is the settings shared by the subcommands.
type config struct {
	addr        string
	databaseURL string
	demo        string // "", "true" or "false": empty means true with sqlite, false with postgres
	migrate     bool
	catchUp     time.Duration
	origins     string
	logLevel    string

	rateLimit, trustedProxies, metricsAddr string
}

// run is the whole program; main only supplies the process's environment.
func run(ctx context.Context, args []string, getenv func(string) string, stdin io.Reader, stdout, stderr io.Writer) error {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		fmt.Fprint(stdout, usage)
		return nil
	}
	cmd, rest := args[0], args[1:]
	switch cmd {
	case "serve":
		return cmdServe(ctx, rest, getenv, stderr)
	case "migrate":
		return cmdMigrate(ctx, rest, getenv, stdout, stderr)
	case "import":
		return cmdImport(ctx, rest, getenv, stdin, stdout, stderr)
	case "apikey":
		return cmdAPIKey(ctx, rest, getenv, stdout, stderr)
	case "gen":
		return cmdGen(rest, stdout, stderr)
	case "healthcheck":
		return cmdHealthcheck(ctx, rest, getenv, stdout, stderr)
	case "version":
		fmt.Fprintln(stdout, versionString())
		return nil
	}
	return fmt.Errorf("unknown command %q\n\n%s", cmd, usage)
}

// newFlags returns a flag set whose defaults come from the environment.
func newFlags(name string, getenv func(string) string, stderr io.Writer, cfg *config) *flag.FlagSet {
	fs := flag.NewFlagSet("landcat "+name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	env := func(key, def string) string {
		if v := getenv(key); v != "" {
			return v
		}
		return def
	}
	fs.StringVar(&cfg.databaseURL, "database-url", env("LANDCAT_DATABASE_URL", "sqlite:landcat.db"), "postgres://… or sqlite:PATH (LANDCAT_DATABASE_URL)")
	fs.StringVar(&cfg.logLevel, "log-level", env("LANDCAT_LOG_LEVEL", "info"), "debug, info, warn or error (LANDCAT_LOG_LEVEL)")
	return fs
}

func newLogger(level string, w io.Writer) *slog.Logger {
	var l slog.Level
	if err := l.UnmarshalText([]byte(level)); err != nil {
		l = slog.LevelInfo
	}
	return slog.New(slog.NewTextHandler(w, &slog.HandlerOptions{Level: l}))
}

func openStore(ctx context.Context, cfg *config, log *slog.Logger, migrate bool) (*store.Store, error) {
	st, err := store.Open(ctx, cfg.databaseURL)
	if err != nil {
		return nil, err
	}
	if migrate {
		applied, err := st.Migrate(ctx)
		if err != nil {
			st.Close()
			return nil, err
		}
		for _, m := range applied {
			log.Info("migration applied", "file", m)
		}
	}
	return st, nil
}

// newService wires the catalogue service to a store and a read model.
func newService(st *store.Store, model *readmodel.Model, log *slog.Logger) *catalog.Service {
	svc := &catalog.Service{Store: st, Log: log, Trail: st}
	if model != nil {
		svc.Applied = model.Apply
	}
	return svc
}

func cmdMigrate(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	var cfg config
	fs := newFlags("migrate", getenv, stderr, &cfg)
	if err := fs.Parse(args); err != nil {
		return err
	}
	log := newLogger(cfg.logLevel, stderr)
	st, err := openStore(ctx, &cfg, log, true)
	if err != nil {
		return err
	}
	defer st.Close()
	fmt.Fprintln(stdout, "migrations are up to date")
	return nil
}

// version is set at link time by release builds (cmd/ociimage, the
// Dockerfile): -ldflags "-X main.version=v1.2.0".
var version string

func versionString() string {
	v, commit := "devel", ""
	if bi, ok := debug.ReadBuildInfo(); ok {
		if bi.Main.Version != "" {
			v = bi.Main.Version
		}
		for _, s := range bi.Settings {
			if s.Key == "vcs.revision" {
				commit = s.Value
			}
		}
	}
	if version != "" {
		v = version
	}
	out := "landcat " + v
	if commit != "" {
		out += " (" + commit + ")"
	}
	return out
}

func parseBool(name, v string) (bool, error) {
	b, err := strconv.ParseBool(strings.TrimSpace(v))
	if err != nil {
		return false, fmt.Errorf("%s must be true or false, got %q", name, v)
	}
	return b, nil
}
