package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/landcat/landcat/internal/catalog"
	"github.com/landcat/landcat/internal/dataio"
	"github.com/landcat/landcat/internal/demo"
)

type importOpts struct {
	cfg                  config
	opt                  catalog.ImportOptions
	coll, crs, actorName string
	format               string
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
	fs.StringVar(&o.format, "format", "", "geojson, gpkg, shapefile (a .zip), csv or xlsx; default: from the file's extension (- is GeoJSON)")
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
	name := file
	if file == "-" && o.format == "" {
		name = "stdin.geojson"
	}
	format, err := dataio.Detect(name, o.format)
	if err != nil {
		return err
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
	tuneGC(getenv)
	log := newLogger(o.cfg.logLevel, stderr)
	st, err := openStore(ctx, &o.cfg, log, true)
	if err != nil {
		return err
	}
	defer st.Close()
	start := time.Now()
	prog := &progress{w: stderr, start: start}
	o.opt.Progress = prog.report
	rep, err := dataio.Import(ctx, newService(st, nil, log), catalog.Actor{Name: o.actorName, Role: catalog.RoleAdmin}, in, format, o.opt)
	prog.end()
	if rep != nil {
		printReport(stdout, rep, o.asJSON, time.Since(start))
	}
	return err
}

// progress prints an import's phases on stderr, one line each, rewritten
// in place as the counts grow: "write      40000/100750 (8123/s)".
type progress struct {
	w          io.Writer
	start      time.Time
	phase      string
	phaseStart time.Time
	read       int // features read from the file so far
}

func (p *progress) report(phase string, done, total int) {
	now := time.Now()
	if phase == catalog.PhaseRead { // shown on the validate line: they run together
		p.read = done
		return
	}
	if phase != p.phase {
		if p.phase != "" {
			fmt.Fprintln(p.w)
		}
		p.phase, p.phaseStart = phase, now
		if phase == catalog.PhaseValidate {
			p.phaseStart = p.start // it starts with the file
		}
	}
	if phase == catalog.PhaseValidate {
		fmt.Fprintf(p.w, "\rread %d, validated %d", max(p.read, done), done)
	} else {
		fmt.Fprintf(p.w, "\r%-10s %d", phase, done)
	}
	if total > 0 {
		fmt.Fprintf(p.w, "/%d", total)
	}
	if secs := now.Sub(p.phaseStart).Seconds(); secs > 0.05 {
		fmt.Fprintf(p.w, " (%.0f/s, %.1fs)", float64(done)/secs, now.Sub(p.start).Seconds())
	}
}

func (p *progress) end() {
	if p.phase != "" {
		fmt.Fprintln(p.w)
	}
}

// tuneGC lets a bulk import collect garbage less often than a server
// does (GOGC 300 instead of 100: an import's heap is mostly the decoded
// features it keeps until the write), under a soft limit of 900 MiB so
// that 100,000 parcels stay within 1 GiB. GOGC or GOMEMLIMIT in the
// environment win.
func tuneGC(getenv func(string) string) {
	if getenv("GOGC") == "" {
		debug.SetGCPercent(300)
	}
	if getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(900 << 20)
	}
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
	return slices.Contains([]string{"collection", "crs", "database-url", "as", "log-level", "format"}, name)
}

func printReport(w io.Writer, rep *catalog.ImportReport, asJSON bool, took time.Duration) {
	if asJSON {
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		_ = enc.Encode(rep)
		return
	}
	item := "feature"
	if rep.Format == dataio.FormatCSV || rep.Format == dataio.FormatXLSX {
		item = "row"
	}
	for _, r := range rep.Rejected {
		fmt.Fprintf(w, "rejected %s %d", item, r.Index)
		if r.ID != "" {
			fmt.Fprintf(w, " (%s)", r.ID)
		}
		fmt.Fprintln(w, ":")
		for _, p := range r.Problems {
			fmt.Fprintf(w, "  %s: %s\n", p.Pointer, p.Message)
		}
	}
	if len(rep.Rejected) == 0 {
		printChanges(w, rep, item)
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
		if rep.Created[c]+rep.Updated[c]+rep.Unchanged[c] > 0 {
			fmt.Fprintf(w, "; %s %d new, %d updated", c, rep.Created[c], rep.Updated[c])
			if rep.Unchanged != nil {
				fmt.Fprintf(w, ", %d unchanged", rep.Unchanged[c])
			}
		}
	}
	if rep.Revision > 0 {
		fmt.Fprintf(w, "; revision %d", rep.Revision)
	}
	fmt.Fprintf(w, " (%.1fs)\n", took.Seconds())
}

// printChanges lists what the import does to each feature or row: one
// line each, then one line per changed property ("  status: available ->
// leased"). Unchanged features are counted, not listed.
func printChanges(w io.Writer, rep *catalog.ImportReport, item string) {
	for _, ch := range rep.Changes {
		if ch.Action == catalog.ActionUnchanged {
			continue
		}
		fmt.Fprintf(w, "%s %d: %s %s/%s", item, ch.Index, ch.Action, ch.Collection, ch.ID)
		if ch.Code != "" {
			fmt.Fprintf(w, " (code %s)", ch.Code)
		}
		if ch.Geometry && ch.Action != catalog.ActionCreated {
			fmt.Fprint(w, ", geometry changed")
		}
		if ch.Publication != "" {
			fmt.Fprintf(w, ", now %s", ch.Publication)
		}
		fmt.Fprintln(w)
		if ch.Action == catalog.ActionCreated {
			continue
		}
		for _, p := range ch.Properties {
			fmt.Fprintf(w, "  %s: %s -> %s\n", p.Name, showValue(p.From), showValue(p.To))
		}
	}
}

// showValue writes a property value as an officer reads it: text as it
// is, lists with commas, unknown as (none).
func showValue(v any) string {
	switch v := v.(type) {
	case nil:
		return "(none)"
	case string:
		return v
	case []string:
		return "[" + strings.Join(v, ", ") + "]"
	case float64:
		return strconv.FormatFloat(v, 'f', -1, 64)
	}
	return fmt.Sprint(v)
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
