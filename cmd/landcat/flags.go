package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"strings"
	"time"

	"github.com/landcat/landcat/internal/store"
)

// errHelpShown ends a command whose --help was printed: run returns nil.
var errHelpShown = errors.New("help shown")

// envOf names the environment variable behind each flag that has one.
var envOf = map[string]string{
	"database-url":    "LANDCAT_DATABASE_URL",
	"log-level":       "LANDCAT_LOG_LEVEL",
	"addr":            "LANDCAT_ADDR",
	"demo":            "LANDCAT_DEMO",
	"cors-origins":    "LANDCAT_CORS_ORIGINS",
	"catch-up":        "LANDCAT_CATCH_UP",
	"rate-limit":      "LANDCAT_RATE_LIMIT",
	"trusted-proxies": "LANDCAT_TRUSTED_PROXIES",
	"metrics-addr":    "LANDCAT_METRICS_ADDR",

	"smtp-host":          "LANDCAT_SMTP_HOST",
	"smtp-port":          "LANDCAT_SMTP_PORT",
	"smtp-username":      "LANDCAT_SMTP_USERNAME",
	"smtp-password":      "LANDCAT_SMTP_PASSWORD",
	"smtp-from":          "LANDCAT_SMTP_FROM",
	"smtp-tls":           "LANDCAT_SMTP_TLS",
	"digest-hour":        "LANDCAT_DIGEST_HOUR",
	"public-url":         "LANDCAT_PUBLIC_URL",
	"pii-retention-days": "LANDCAT_PII_RETENTION_DAYS",
	"pipeline-every":     "LANDCAT_PIPELINE_EVERY",

	"oidc-issuer":        "LANDCAT_OIDC_ISSUER",
	"oidc-audience":      "LANDCAT_OIDC_AUDIENCE",
	"oidc-role-claim":    "LANDCAT_OIDC_ROLE_CLAIM",
	"oidc-roles":         "LANDCAT_OIDC_ROLES",
	"oidc-zones-claim":   "LANDCAT_OIDC_ZONES_CLAIM",
	"oidc-sectors-claim": "LANDCAT_OIDC_SECTORS_CLAIM",
	"oidc-clock-skew":    "LANDCAT_OIDC_CLOCK_SKEW",
	"oidc-client-id":     "LANDCAT_OIDC_CLIENT_ID",
	"oidc-client-secret": "LANDCAT_OIDC_CLIENT_SECRET",
	"oidc-redirect-url":  "LANDCAT_OIDC_REDIRECT_URL",
	"oidc-cookie-secret": "LANDCAT_OIDC_COOKIE_SECRET",
	"oidc-session":       "LANDCAT_OIDC_SESSION",
}

// envOnly are settings with no flag.
var envOnly = [][2]string{
	{"LANDCAT_PPROF_ADDR", "serve Go's profiler (/debug/pprof/) on this separate address, e.g. 127.0.0.1:6060; unset: off"},
}

// setting names a flag and its environment variable for messages:
// "--catch-up (LANDCAT_CATCH_UP)".
func setting(name string) string {
	if env := envOf[name]; env != "" {
		return "--" + name + " (" + env + ")"
	}
	return "--" + name
}

// commandHelp is each command's usage line and what it does.
var commandHelp = map[string][2]string{
	"serve":         {"landcat serve [options]", "Serve the API, the vector tiles and the investor map (/map)."},
	"migrate":       {"landcat migrate [options]", "Apply the database migrations, then exit."},
	"import":        {"landcat import FILE [options]", "Import zones, parcels or infrastructure from GeoJSON, GeoPackage or a zipped Shapefile, or update parcels from a CSV or XLSX sheet (FILE may be - for GeoJSON on stdin): all or nothing, upsert by id (sheets: by parcel code)."},
	"apikey create": {"landcat apikey create --name NAME --role viewer|editor|publisher|admin [options]", "Create an officer's API key and print it once (only its hash is stored)."},
	"apikey list":   {"landcat apikey list [options]", "List the API keys: id, holder, role, scope, expiry, last use, status."},
	"apikey revoke": {"landcat apikey revoke ID [options]", "Revoke an API key (servers stop accepting it within 15 s)."},
	"apikey rotate": {"landcat apikey rotate ID [options]", "Issue a new key with the same name, role, scope and expiry, and revoke the old one (at once or after --grace)."},
	"backup":        {"landcat backup FILE [options]", "Copy an SQLite database to FILE while it stays in use (PostgreSQL: use pg_dump -Fc)."},
	"gen":           {"landcat gen [options] > catalogue.geojson", "Write a deterministic synthetic catalogue, for benchmarks and load tests."},
	"healthcheck":   {"landcat healthcheck [options]", "GET a running landcat's /healthz (or --url) and exit 0 on a 2xx answer: a container health check without a shell or curl."},
}

// newFlagSet returns a flag set for a command; parse prints its help.
func newFlagSet(name string) *flag.FlagSet {
	fs := flag.NewFlagSet("landcat "+name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Usage = func() {
		h := commandHelp[name]
		fmt.Fprintf(fs.Output(), "Usage: %s\n\n%s\n\nOptions:\n", h[0], h[1])
		printFlags(fs.Output(), fs)
	}
	return fs
}

// parse parses args; --help prints the command's options on stdout and
// ends the command with success. Other mistakes name the flag and say
// where the options are listed.
func parse(fs *flag.FlagSet, args []string, stdout io.Writer) error {
	err := fs.Parse(args)
	if errors.Is(err, flag.ErrHelp) {
		fs.SetOutput(stdout)
		fs.Usage()
		return errHelpShown
	}
	if err != nil {
		return fmt.Errorf("%s: %w (%s --help lists the options)", strings.TrimPrefix(fs.Name(), "landcat "), err, fs.Name())
	}
	return nil
}

// noArgs refuses arguments a command does not take.
func noArgs(fs *flag.FlagSet) error {
	if fs.NArg() > 0 {
		return fmt.Errorf("%s: unexpected argument %q (%s --help lists the options)", strings.TrimPrefix(fs.Name(), "landcat "), fs.Arg(0), fs.Name())
	}
	return nil
}

// printFlags lists a flag set's options: name, value type, meaning,
// environment variable and default.
func printFlags(w io.Writer, fs *flag.FlagSet) {
	fs.VisitAll(func(f *flag.Flag) {
		typ, usage := flag.UnquoteUsage(f)
		line := "  --" + f.Name
		if typ != "" {
			line += " " + typ
		}
		fmt.Fprintln(w, line)
		fmt.Fprintf(w, "      %s", usage)
		if env := envOf[f.Name]; env != "" {
			fmt.Fprintf(w, " [env %s]", env)
		}
		// A secret set in the environment is never echoed as a default.
		secret := strings.Contains(f.Name, "secret") || strings.Contains(f.Name, "password")
		if f.DefValue != "" && !secret && !(typ == "" && f.DefValue == "false") {
			fmt.Fprintf(w, " (default %s)", f.DefValue)
		}
		fmt.Fprintln(w)
	})
}

// helpText is `landcat help`: every command with every option, built from
// the flag sets themselves so that it cannot fall behind them.
func helpText() string {
	var b strings.Builder
	b.WriteString("landcat — a city's investment land bank as OGC API - Features\n\nUsage:\n")
	sets := allFlagSets()
	for _, fs := range sets {
		h := commandHelp[strings.TrimPrefix(fs.Name(), "landcat ")]
		fmt.Fprintf(&b, "  %s\n      %s\n", h[0], h[1])
	}
	b.WriteString("  landcat version\n      Print the version.\n")
	b.WriteString("  landcat help, landcat COMMAND --help\n      This text; one command's options.\n")
	b.WriteString("\nEvery option with an [env …] can also be set as that environment variable; the flag wins.\n")
	for _, fs := range sets {
		fmt.Fprintf(&b, "\nOptions of %s:\n", fs.Name())
		printFlags(&b, fs)
	}
	b.WriteString("\nEnvironment only:\n")
	for _, e := range envOnly {
		fmt.Fprintf(&b, "  %s\n      %s\n", e[0], e[1])
	}
	b.WriteString("\nA PostgreSQL URL may set connect_timeout (seconds, default 10): how long to wait for the\nserver before giving up, e.g. postgres://landcat@db:5432/landcat?connect_timeout=5\n")
	return b.String()
}

// allFlagSets builds every command's flag set, with built-in defaults, in
// the order help lists them.
func allFlagSets() []*flag.FlagSet {
	none := func(string) string { return "" }
	sets := []*flag.FlagSet{serveFlags(none, &config{}), migrateFlags(none, &config{}), importFlags(none, &importOpts{})}
	// The apikey subcommands define their flags as they parse: asking for
	// --help defines them and stops there.
	for _, sub := range []struct {
		name   string
		define func(*flag.FlagSet, []string, io.Writer) (func(*store.Store) error, error)
	}{{"create", apikeyCreate}, {"list", apikeyList}, {"revoke", apikeyRevoke}, {"rotate", apikeyRotate}} {
		fs := newFlags("apikey "+sub.name, none, nil, &config{})
		_, _ = sub.define(fs, []string{"--help"}, io.Discard)
		sets = append(sets, fs)
	}
	return append(sets, backupFlags(none, &config{}), genFlags(&genOpts{}), healthcheckFlags(none, &healthcheckOpts{}))
}

// checkDatabaseURL refuses a URL that names no database, before anything
// is opened.
func checkDatabaseURL(raw string) error {
	switch {
	case strings.HasPrefix(raw, "postgres://"), strings.HasPrefix(raw, "postgresql://"):
		return nil
	case strings.HasPrefix(raw, "sqlite:"):
		if strings.TrimSpace(strings.TrimPrefix(raw, "sqlite:")) == "" {
			return fmt.Errorf("%s is %q, which names no file: want sqlite:PATH, e.g. sqlite:landcat.db", setting("database-url"), raw)
		}
		return nil
	}
	return fmt.Errorf("%s must be postgres://USER@HOST:PORT/DB or sqlite:PATH, got %q", setting("database-url"), redactURL(raw))
}

// redactURL hides a password in a URL shown in a message.
func redactURL(raw string) string {
	if i := strings.Index(raw, "://"); i >= 0 {
		rest := raw[i+3:]
		if at := strings.LastIndex(rest, "@"); at >= 0 {
			if c := strings.Index(rest[:at], ":"); c >= 0 {
				return raw[:i+3] + rest[:c] + ":xxxxx" + rest[at:]
			}
		}
	}
	return raw
}

// checkLogLevel accepts slog's level names.
func checkLogLevel(level string) error {
	switch strings.ToLower(level) {
	case "debug", "info", "warn", "error":
		return nil
	}
	return fmt.Errorf("%s must be debug, info, warn or error, got %q", setting("log-level"), level)
}

// checkAddr accepts host:port (host may be empty, port may be 0).
func checkAddr(name, addr string) error {
	if addr == "" {
		return nil
	}
	if _, _, err := net.SplitHostPort(addr); err != nil {
		return fmt.Errorf("%s must be HOST:PORT such as :8080 or 127.0.0.1:8080, got %q", setting(name), addr)
	}
	return nil
}

// positiveDuration parses a duration that must be above zero.
func positiveDuration(name, v string) (time.Duration, error) {
	d, err := time.ParseDuration(strings.TrimSpace(v))
	if err != nil || d <= 0 {
		return 0, fmt.Errorf("%s must be a positive duration such as 5s or 500ms, got %q", setting(name), v)
	}
	return d, nil
}
