package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"os"
	"runtime/debug"
	"strconv"
	"strings"
	"time"

	"github.com/landcat/landcat/internal/catalog"
	"github.com/landcat/landcat/internal/readmodel"
	"github.com/landcat/landcat/internal/store"
	"github.com/landcat/landcat/migrations"
)

// config is the settings shared by the subcommands.
type config struct {
	addr        string
	databaseURL string
	demo        string // "", "true" or "false": empty means true with sqlite, false with postgres
	migrate     bool
	catchUp     time.Duration
	catchUpRaw  string
	origins     string
	logLevel    string
	oidc        oidcSettings     // serve's OpenID Connect settings
	pipeline    pipelineSettings // serve's investment pipeline settings

	rateLimit, trustedProxies, metricsAddr string
}

// run is the whole program; main only supplies the process's environment.
func run(ctx context.Context, args []string, getenv func(string) string, stdin io.Reader, stdout, stderr io.Writer) error {
	err := dispatch(ctx, args, getenv, stdin, stdout, stderr)
	if errors.Is(err, errHelpShown) {
		return nil
	}
	return err
}

func dispatch(ctx context.Context, args []string, getenv func(string) string, stdin io.Reader, stdout, stderr io.Writer) error {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		fmt.Fprint(stdout, helpText())
		return nil
	}
	cmd, rest := args[0], args[1:]
	switch cmd {
	case "serve":
		return cmdServe(ctx, rest, getenv, stdout, stderr)
	case "migrate":
		return cmdMigrate(ctx, rest, getenv, stdout, stderr)
	case "import":
		return cmdImport(ctx, rest, getenv, stdin, stdout, stderr)
	case "apikey":
		return cmdAPIKey(ctx, rest, getenv, stdout, stderr)
	case "backup":
		return cmdBackup(ctx, rest, getenv, stdout, stderr)
	case "gen":
		return cmdGen(rest, stdout)
	case "healthcheck":
		return cmdHealthcheck(ctx, rest, getenv, stdout, stderr)
	case "version":
		fmt.Fprintln(stdout, versionString())
		return nil
	}
	return fmt.Errorf("unknown command %q (landcat help lists the commands)", cmd)
}

// databaseFlags adds the settings every database command shares, with
// defaults from the environment.
func databaseFlags(fs *flag.FlagSet, getenv func(string) string, cfg *config) {
	fs.StringVar(&cfg.databaseURL, "database-url", envOr(getenv, "LANDCAT_DATABASE_URL", "sqlite:landcat.db"), "postgres://USER@HOST:PORT/DB?sslmode=… for PostgreSQL + PostGIS, or sqlite:PATH for the embedded file")
	fs.StringVar(&cfg.logLevel, "log-level", envOr(getenv, "LANDCAT_LOG_LEVEL", "info"), "debug (every request), info, warn or error")
}

// newFlags returns a command's flag set with the database settings.
func newFlags(name string, getenv func(string) string, _ io.Writer, cfg *config) *flag.FlagSet {
	fs := newFlagSet(name)
	databaseFlags(fs, getenv, cfg)
	return fs
}

// checkCommon validates the shared settings before anything is opened.
func checkCommon(cfg *config) error {
	if err := checkDatabaseURL(cfg.databaseURL); err != nil {
		return err
	}
	return checkLogLevel(cfg.logLevel)
}

func newLogger(level string, w io.Writer) *slog.Logger {
	var l slog.Level
	if err := l.UnmarshalText([]byte(level)); err != nil {
		l = slog.LevelInfo
	}
	return slog.New(slog.NewTextHandler(w, &slog.HandlerOptions{Level: l}))
}

// openStore connects (bounded by the URL's connect_timeout and by ctx, so
// SIGTERM ends a start that waits on the database) and applies the
// migrations when asked to; without them it checks that none is pending.
// Failures say what to do next.
func openStore(ctx context.Context, cfg *config, log *slog.Logger, migrate bool) (*store.Store, error) {
	if path, ok := strings.CutPrefix(cfg.databaseURL, "sqlite:"); ok && !migrate {
		if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("there is no database at %s: run `landcat migrate` with the same %s first, or leave out --migrate=false", path, setting("database-url"))
		}
	}
	st, err := store.Open(ctx, cfg.databaseURL)
	if err != nil {
		return nil, explainOpen(err)
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
		return st, nil
	}
	pending, err := st.Pending(ctx)
	if err != nil {
		st.Close()
		return nil, err
	}
	if len(pending) > 0 {
		st.Close()
		what := fmt.Sprintf("%d migrations are not applied (%s)", len(pending), strings.Join(pending, ", "))
		if all, _ := fs.ReadDir(migrations.FS, st.Dialect()); len(pending) == len(all) {
			what = "the database has no landcat tables yet"
		}
		return nil, fmt.Errorf("%s: run `landcat migrate` with the same %s first, or leave out --migrate=false", what, setting("database-url"))
	}
	return st, nil
}

// explainOpen adds what to check to a failed connect.
func explainOpen(err error) error {
	var oe *store.OpenError
	if !errors.As(err, &oe) {
		return err
	}
	var hint string
	switch {
	case oe.Refused():
		hint = "is PostgreSQL running on " + oe.Addr + "? check " + setting("database-url")
	case strings.HasPrefix(oe.Reason, "interrupted"):
		return err
	case strings.HasPrefix(oe.Reason, "no answer"):
		hint = "is it PostgreSQL that listens on " + oe.Addr + ", and is it up? check " + setting("database-url") + "; ?connect_timeout=N in the URL sets the wait"
	case strings.Contains(oe.Reason, "SQLSTATE 3D000"):
		hint = "create the database (createdb), or check the database name in " + setting("database-url")
	case strings.Contains(oe.Reason, "SQLSTATE 28"):
		hint = "check the user and password in " + setting("database-url")
	default:
		hint = "check " + setting("database-url")
	}
	return fmt.Errorf("%w\n  %s", err, hint)
}

// newService wires the catalogue service to a store and a read model.
func newService(st *store.Store, model *readmodel.Model, log *slog.Logger) *catalog.Service {
	svc := &catalog.Service{Store: st, Log: log, Trail: st}
	if model != nil {
		svc.Applied = model.Apply
	}
	return svc
}

func migrateFlags(getenv func(string) string, cfg *config) *flag.FlagSet {
	fs := newFlagSet("migrate")
	databaseFlags(fs, getenv, cfg)
	return fs
}

func cmdMigrate(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	var cfg config
	fs := migrateFlags(getenv, &cfg)
	if err := parse(fs, args, stdout); err != nil {
		return err
	}
	if err := noArgs(fs); err != nil {
		return err
	}
	if err := checkCommon(&cfg); err != nil {
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

func backupFlags(getenv func(string) string, cfg *config) *flag.FlagSet {
	fs := newFlagSet("backup")
	databaseFlags(fs, getenv, cfg)
	return fs
}

// cmdBackup copies an SQLite database while it stays in use. It opens the
// database without migrating: a backup copies what is there.
func cmdBackup(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	var cfg config
	fs := backupFlags(getenv, &cfg)
	file, flagArgs := splitFile(args)
	if err := parse(fs, flagArgs, stdout); err != nil {
		return err
	}
	if file == "" && fs.NArg() > 0 {
		file = fs.Arg(0)
	}
	if file == "" || file == "-" {
		return errors.New("usage: " + commandHelp["backup"][0])
	}
	if err := checkCommon(&cfg); err != nil {
		return err
	}
	if !strings.HasPrefix(cfg.databaseURL, "sqlite:") {
		return fmt.Errorf("%s; see README, Operations", store.ErrBackupPostgres)
	}
	st, err := store.Open(ctx, cfg.databaseURL)
	if err != nil {
		return explainOpen(err)
	}
	defer st.Close()
	start := time.Now()
	if err := st.Backup(ctx, file); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "backed up %s to %s (%.1fs)\n", strings.TrimPrefix(cfg.databaseURL, "sqlite:"), file, time.Since(start).Seconds())
	return nil
}

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

// parseBool parses the value of the flag called name.
func parseBool(name, v string) (bool, error) {
	b, err := strconv.ParseBool(strings.TrimSpace(v))
	if err != nil {
		return false, fmt.Errorf("%s must be true or false, got %q", setting(name), v)
	}
	return b, nil
}
