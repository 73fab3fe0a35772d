package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/landcat/landcat/internal/catalog"
	"github.com/landcat/landcat/internal/store"
)

const apikeyUsage = `usage:
  landcat apikey create --name NAME --role viewer|editor|publisher|admin [--zones a,b] [--sectors s,t] [--expires 2027-12-31]
  landcat apikey list
  landcat apikey revoke ID
  landcat apikey rotate ID [--grace 24h]`

// cmdAPIKey manages officers' API keys: each subcommand checks its
// arguments before the database is opened.
func cmdAPIKey(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		return errors.New(apikeyUsage)
	}
	if args[0] == "-h" || args[0] == "-help" || args[0] == "--help" {
		fmt.Fprintf(stdout, "Usage: landcat apikey create|list|revoke|rotate …\n\n%s\n\nlandcat apikey SUBCOMMAND --help lists a subcommand's options.\n", apikeyUsage)
		return nil
	}
	var cfg config
	fs := newFlags("apikey "+args[0], getenv, stderr, &cfg)
	var run func(*store.Store) error
	var err error
	switch args[0] {
	case "create":
		run, err = apikeyCreate(fs, args[1:], stdout)
	case "list":
		run, err = apikeyList(fs, args[1:], stdout)
	case "revoke":
		run, err = apikeyRevoke(fs, args[1:], stdout)
	case "rotate":
		run, err = apikeyRotate(fs, args[1:], stdout)
	default:
		return fmt.Errorf("unknown apikey command %q\n%s", args[0], apikeyUsage)
	}
	if errors.Is(err, flag.ErrHelp) {
		fs.SetOutput(stdout)
		fs.Usage()
		return errHelpShown
	}
	if err != nil {
		return err
	}
	if err := checkCommon(&cfg); err != nil {
		return err
	}
	st, err := openStore(ctx, &cfg, newLogger(cfg.logLevel, stderr), true)
	if err != nil {
		return err
	}
	defer st.Close()
	return run(st)
}

func apikeyCreate(fs *flag.FlagSet, args []string, stdout io.Writer) (func(*store.Store) error, error) {
	var name, roleName, zones, sectors, expires string
	fs.StringVar(&name, "name", "", "who holds the key (required)")
	fs.StringVar(&roleName, "role", "", "viewer, editor, publisher or admin (required)")
	fs.StringVar(&zones, "zones", "", "limit the key to these zone ids, comma-separated")
	fs.StringVar(&sectors, "sectors", "", "limit the key to parcels of these sectors, comma-separated")
	fs.StringVar(&expires, "expires", "", "the last day the key works (YYYY-MM-DD, UTC); default: never expires")
	if err := parseAll(fs, args, 0); err != nil {
		return nil, err
	}
	if strings.TrimSpace(name) == "" {
		return nil, errors.New("--name is required: who holds the key")
	}
	role, ok := catalog.ParseRole(roleName)
	if !ok {
		return nil, fmt.Errorf("--role must be viewer, editor, publisher or admin, got %q", roleName)
	}
	scope, err := catalog.NewScope(splitList(zones), splitList(sectors))
	if err != nil {
		return nil, fmt.Errorf("--zones/--sectors: %w", err)
	}
	spec := store.KeySpec{Name: name, Role: role, Scope: scope}
	if expires != "" {
		day, err := time.Parse(time.DateOnly, expires)
		if err != nil {
			return nil, fmt.Errorf("--expires must be a date YYYY-MM-DD, got %q", expires)
		}
		spec.Expires = day.Add(24 * time.Hour) // valid through that whole day (UTC)
		if !spec.Expires.After(time.Now()) {
			return nil, fmt.Errorf("--expires %s is in the past", expires)
		}
	}
	return func(st *store.Store) error {
		key, _, err := st.IssueAPIKey(context.Background(), spec)
		if err != nil {
			return err
		}
		fmt.Fprintln(stdout, key)
		return nil
	}, nil
}

func apikeyList(fs *flag.FlagSet, args []string, stdout io.Writer) (func(*store.Store) error, error) {
	if err := parseAll(fs, args, 0); err != nil {
		return nil, err
	}
	return func(st *store.Store) error {
		keys, err := st.ListAPIKeys(context.Background())
		if err != nil {
			return err
		}
		w := tabwriter.NewWriter(stdout, 0, 0, 2, ' ', 0)
		fmt.Fprintln(w, "ID\tNAME\tROLE\tSCOPE\tCREATED\tEXPIRES (UTC)\tLAST USED (UTC)\tSTATUS")
		now := time.Now()
		for _, k := range keys {
			fmt.Fprintf(w, "%d\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", k.ID, k.Name, k.Role, k.Scope, day(&k.CreatedAt),
				stamp(k.ExpiresAt), stamp(k.LastUsedAt), keyStatus(k, now))
		}
		return w.Flush()
	}, nil
}

func keyStatus(k store.APIKey, now time.Time) string {
	s := "active"
	switch {
	case k.RevokedAt != nil:
		s = "revoked " + stamp(k.RevokedAt)
	case k.ExpiresAt != nil && !now.Before(*k.ExpiresAt):
		s = "expired"
	}
	if k.ReplacedBy != nil {
		s += fmt.Sprintf(" (rotated to %d)", *k.ReplacedBy)
	}
	return s
}

func apikeyRevoke(fs *flag.FlagSet, args []string, stdout io.Writer) (func(*store.Store) error, error) {
	id, err := keyID(fs, args)
	if err != nil {
		return nil, err
	}
	return func(st *store.Store) error {
		if err := st.RevokeAPIKey(context.Background(), id); err != nil {
			return err
		}
		fmt.Fprintf(stdout, "API key %d is revoked (servers stop accepting it within 15 s)\n", id)
		return nil
	}, nil
}

func apikeyRotate(fs *flag.FlagSet, args []string, stdout io.Writer) (func(*store.Store) error, error) {
	var grace time.Duration
	fs.DurationVar(&grace, "grace", 0, "how long the old key keeps working, e.g. 24h; default 0: revoked at once")
	id, err := keyID(fs, args)
	if err != nil {
		return nil, err
	}
	if grace < 0 {
		return nil, fmt.Errorf("--grace must not be negative, got %s", grace)
	}
	return func(st *store.Store) error {
		key, _, err := st.RotateAPIKey(context.Background(), id, grace)
		if err != nil {
			return err
		}
		fmt.Fprintln(stdout, key)
		return nil
	}, nil
}

// keyID parses the flags and the one ID argument of revoke and rotate
// (flags may come before or after it).
func keyID(fs *flag.FlagSet, args []string) (int64, error) {
	if err := parseAll(fs, args, 1); err != nil {
		return 0, err
	}
	id, err := strconv.ParseInt(fs.Arg(0), 10, 64)
	if err != nil || id <= 0 {
		return 0, fmt.Errorf("%q is not an API key id (landcat apikey list shows them)", fs.Arg(0))
	}
	return id, nil
}

// parseAll parses flags placed before or after the positional arguments
// and requires exactly n of those.
func parseAll(fs *flag.FlagSet, args []string, n int) error {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			return err
		}
		if fs.NArg() == 0 {
			break
		}
		pos, args = append(pos, fs.Arg(0)), fs.Args()[1:]
	}
	if len(pos) != n {
		return fmt.Errorf("%s takes %d argument(s), got %d: %q\n%s", fs.Name(), n, len(pos), pos, apikeyUsage)
	}
	return fs.Parse(pos)
}

func day(t *time.Time) string {
	if t == nil {
		return "-"
	}
	return t.Format(time.DateOnly)
}

func stamp(t *time.Time) string {
	if t == nil {
		return "-"
	}
	return t.Format("2006-01-02 15:04")
}
