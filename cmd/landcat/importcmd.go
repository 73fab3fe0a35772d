package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/landcat/landcat/internal/catalog"
	"github.com/landcat/landcat/internal/demo"
)

type importOpts struct {
	cfg                  config
	opt                  catalog.ImportOptions
	coll, crs, actorName string
	asJSON               bool
}

func importFlags(getenv func(string) string, o *importOpts) *flag.FlagSet {
	fs := newFlagSet("import")
	fs.StringVar(&o.coll, "collection", "", "zones, parcels or infrastructure; default: each feature's \"collection\" property or geometry")
	fs.BoolVar(&o.opt.Publish, "publish", false, "publish what is imported")
	fs.BoolVar(&o.opt.DryRun, "dry-run", false, "validate and report, write nothing")
	fs.StringVar(&o.crs, "crs", "", "CRS of the coordinates, e.g. EPSG:9210 (VN-2000 / TM-3 105-45); default CRS84")
	fs.StringVar(&o.actorName, "as", envOr(getenv, "USER", "cli"), "name recorded in the audit log")
	fs.BoolVar(&o.asJSON, "json", false, "print the report as JSON")
	databaseFlags(fs, getenv, &o.cfg)
	return fs
}

func cmdImport(ctx context.Context, args []string, getenv func(string) string, stdin io.Reader, stdout, stderr io.Writer) error {
	var o importOpts
	fs := importFlags(getenv, &o)
	file, flagArgs := splitFile(args)
	if err := parse(fs, flagArgs, stdout); err != nil {
		return err
	}
	if file == "" && fs.NArg() > 0 {
		file = fs.Arg(0)
	}
	if file == "" {
		return errors.New("usage: " + commandHelp["import"][0] + " (landcat import --help lists the options)")
	}
	if o.coll != "" {
		c, ok := catalog.ParseCollection(o.coll)
		if !ok {
			return fmt.Errorf("--collection must be zones, parcels or infrastructure, got %q", o.coll)
		}
		o.opt.Collection = c
	}
	if o.crs != "" {
		n, err := strconv.Atoi(strings.TrimPrefix(strings.ToUpper(o.crs), "EPSG:"))
		if err != nil {
			return fmt.Errorf("--crs must look like EPSG:9210, got %q", o.crs)
		}
		o.opt.CRS = n
	}
	if err := checkCommon(&o.cfg); err != nil {
		return err
	}
	in := stdin
	if file != "-" {
		f, err := os.Open(file)
		if err != nil {
			return err
		}
		defer f.Close()
		in = f
	}
	log := newLogger(o.cfg.logLevel, stderr)
	st, err := openStore(ctx, &o.cfg, log, true)
	if err != nil {
		return err
	}
	defer st.Close()
	start := time.Now()
	o.opt.Progress = func(n int) { fmt.Fprintf(stderr, "\rread %d features…", n) }
	rep, err := newService(st, nil, log).Import(ctx, catalog.Actor{Name: o.actorName, Role: catalog.RoleAdmin}, in, o.opt)
	if rep != nil && rep.Read >= 5000 {
		fmt.Fprintln(stderr)
	}
	if rep != nil {
		printReport(stdout, rep, o.asJSON, time.Since(start))
	}
	return err
}

// splitFile takes the first non-flag argument out so that flags may follow
// the file name (landcat import FILE --publish).
func splitFile(args []string) (string, []string) {
	for i, a := range args {
		if !strings.HasPrefix(a, "-") || a == "-" {
			if i > 0 && !strings.Contains(args[i-1], "=") && takesValue(args[i-1]) {
				continue
			}
			return a, slices.Delete(slices.Clone(args), i, i+1)
		}
	}
	return "", args
}

func takesValue(flag string) bool {
	name := strings.TrimLeft(flag, "-")
	return slices.Contains([]string{"collection", "crs", "database-url", "as", "log-level"}, name)
}

func printReport(w io.Writer, rep *catalog.ImportReport, asJSON bool, took time.Duration) {
	if asJSON {
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		_ = enc.Encode(rep)
		return
	}
	for _, r := range rep.Rejected {
		fmt.Fprintf(w, "rejected feature %d", r.Index)
		if r.ID != "" {
			fmt.Fprintf(w, " (id %s)", r.ID)
		}
		fmt.Fprintln(w, ":")
		for _, p := range r.Problems {
			fmt.Fprintf(w, "  %s: %s\n", p.Pointer, p.Message)
		}
	}
	verb := "imported"
	if rep.DryRun {
		verb = "would import (dry run)"
	}
	if len(rep.Rejected) > 0 {
		verb = "imported nothing; valid"
	}
	fmt.Fprintf(w, "%s: read %d, valid %d, rejected %d", verb, rep.Read, rep.Valid, len(rep.Rejected))
	for _, c := range catalog.Collections {
		if rep.Created[c]+rep.Updated[c] > 0 {
			fmt.Fprintf(w, "; %s %d new, %d updated", c, rep.Created[c], rep.Updated[c])
		}
	}
	if rep.Revision > 0 {
		fmt.Fprintf(w, "; revision %d", rep.Revision)
	}
	fmt.Fprintf(w, " (%.1fs)\n", took.Seconds())
}

type genOpts struct{ opt demo.GenOptions }

func genFlags(o *genOpts) *flag.FlagSet {
	fs := newFlagSet("gen")
	fs.IntVar(&o.opt.Parcels, "parcels", 1000, "number of parcels, at least 1")
	fs.Int64Var(&o.opt.Seed, "seed", 1, "random seed; the same seed gives the same catalogue")
	return fs
}

func cmdGen(args []string, stdout io.Writer) error {
	var o genOpts
	fs := genFlags(&o)
	if err := parse(fs, args, stdout); err != nil {
		return err
	}
	if err := noArgs(fs); err != nil {
		return err
	}
	if o.opt.Parcels < 1 {
		return errors.New("--parcels must be at least 1")
	}
	return demo.Generate(stdout, o.opt)
}
