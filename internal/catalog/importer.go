package catalog

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"slices"

	"github.com/landcat/landcat/internal/geo"
	"github.com/paulmach/orb"
)

// ImportOptions controls Service.Import.
type ImportOptions struct {
	Collection Collection // "" = decided per feature
	Publish    bool       // publish what is imported; otherwise new features are drafts and existing ones keep their state
	DryRun     bool       // validate only
	CRS        int        // EPSG code of the input coordinates; 0 = what the file declares, else CRS84
	// Progress, when set, is told how far each phase is: PhaseRead and
	// PhaseValidate as features are read and decoded (total 0 when the
	// file does not say), PhaseReferences once, PhaseWrite after each
	// batch the store writes. It runs on the importing goroutine.
	Progress func(phase string, done, total int)
}

// The phases of an import, as ImportOptions.Progress names them.
const (
	PhaseRead       = "read"
	PhaseValidate   = "validate"
	PhaseReferences = "references"
	PhaseWrite      = "write"
)

// progressEvery is how many features pass between reports of a phase.
const progressEvery = 5000

func (o ImportOptions) progress(phase string, done, total int) {
	if o.Progress != nil {
		o.Progress(phase, done, total)
	}
}

// Rejection is one feature (or sheet row) the import refused, with every
// reason.
type Rejection struct {
	Index    int       `json:"index"` // position in the file: feature, or sheet row as the spreadsheet numbers it
	ID       string    `json:"id,omitempty"`
	Problems []Problem `json:"problems"`
}

// ImportReport summarises an import.
type ImportReport struct {
	Format    string             `json:"format"` // geojson, gpkg, shapefile, csv, xlsx
	Read      int                `json:"read"`
	Valid     int                `json:"valid"`
	Created   map[Collection]int `json:"created"`
	Updated   map[Collection]int `json:"updated"`
	Unchanged map[Collection]int `json:"unchanged,omitempty"` // known for dry runs and sheets
	Rejected  []Rejection        `json:"rejected"`
	Revision  int64              `json:"revision,omitempty"`
	DryRun    bool               `json:"dry_run"`
	// Changes lists what the import does to each feature: in dry runs,
	// and always for sheet updates.
	Changes []FeatureChange `json:"changes,omitempty"`
}

// Import loads a GeoJSON FeatureCollection (ImportFrom a GeoJSONSource).
func (s *Service) Import(ctx context.Context, a Actor, r io.Reader, opt ImportOptions) (*ImportReport, error) {
	return s.ImportFrom(ctx, a, GeoJSONSource(r), opt)
}

// ImportFrom loads the features of src through the same validation as
// the API, all or nothing: if any feature is rejected nothing is written,
// and the report lists every rejected feature with its reasons. Features
// are upserted by id. The file is read as a stream; when ctx ends (the
// client went away) the work stops between features, or inside a large
// geometry, and nothing is written. Coordinates are in opt.CRS, else the
// CRS src declares, else CRS84.
func (s *Service) ImportFrom(ctx context.Context, a Actor, src Source, opt ImportOptions) (*ImportReport, error) {
	if err := authorizeImport(a); err != nil {
		return nil, err
	}
	rep := &ImportReport{Format: src.Format, Created: map[Collection]int{}, Updated: map[Collection]int{}, DryRun: opt.DryRun}
	var tf func(orb.Point) (orb.Point, error)
	crs := opt.CRS
	if crs == 0 {
		crs = src.CRS
	}
	if crs != 0 && crs != geo.EPSGWGS84 {
		var err error
		if tf, err = geo.Transformer(crs); err != nil {
			if opt.CRS == 0 {
				return nil, Errorf(KindBadRequest, "the file's coordinates are in EPSG:%d: %v (give --crs if the file is wrong about it)", crs, err)
			}
			return nil, Errorf(KindBadRequest, "--crs: %v", err)
		}
	}
	var feats []*Feature
	var at []int
	seen := map[string]int{}
	err := decodeAll(ctx, src, opt, tf, func(i int, b json.RawMessage, f *Feature, probs []Problem) {
		rep.Read++
		if rep.Read%progressEvery == 0 {
			opt.progress(PhaseValidate, rep.Read, src.Total)
		}
		if f != nil {
			key := string(f.Collection) + "/" + f.ID
			if j, dup := seen[key]; dup {
				probs = append(probs, Problem{Pointer: "/id", Message: fmt.Sprintf("repeats the id of feature %d", j)})
			} else if f.ID != "" {
				seen[key] = i
			}
		}
		if len(probs) > 0 {
			rep.Rejected = append(rep.Rejected, Rejection{Index: i, ID: importedID(b), Problems: probs})
			return
		}
		if opt.Publish {
			f.Publication = Published
		}
		feats = append(feats, f)
		at = append(at, i)
	})
	if err != nil {
		return nil, err
	}
	opt.progress(PhaseValidate, rep.Read, rep.Read)
	rep.Valid = len(feats)
	if err := s.importRefs(ctx, feats, at, rep); err != nil {
		return rep, err
	}
	opt.progress(PhaseReferences, len(feats), len(feats))
	if len(rep.Rejected) > 0 {
		return rep, Errorf(KindInvalid, "%d of %d features rejected; nothing was imported", len(rep.Rejected), rep.Read)
	}
	return rep, s.importWrite(ctx, a, feats, at, rep, opt)
}

// importRefs rejects features whose references are neither stored nor in
// the file. at maps a position in feats to its index in the file.
func (s *Service) importRefs(ctx context.Context, feats []*Feature, at []int, rep *ImportReport) error {
	missing, err := s.missingRefs(ctx, feats)
	if err != nil {
		return err
	}
	for i := range feats {
		if probs := missing[i]; len(probs) > 0 {
			rep.Rejected = append(rep.Rejected, Rejection{Index: at[i], ID: feats[i].ID, Problems: probs})
		}
	}
	slices.SortFunc(rep.Rejected, func(a, b Rejection) int { return a.Index - b.Index })
	return nil
}

func (s *Service) importWrite(ctx context.Context, a Actor, feats []*Feature, at []int, rep *ImportReport, opt ImportOptions) error {
	byColl := map[Collection][]string{}
	for _, f := range feats {
		if f.ID == "" {
			f.ID = NewID(f.Collection)
		}
		byColl[f.Collection] = append(byColl[f.Collection], f.ID)
	}
	if !opt.DryRun { // a dry run counts from the stored features it is given back
		for c, ids := range byColl {
			missing, err := s.Store.Missing(ctx, c, ids)
			if err != nil {
				return err
			}
			rep.Created[c] += len(missing)
			rep.Updated[c] += len(ids) - len(missing)
		}
	}
	if len(feats) == 0 {
		return nil
	}
	if err := ctx.Err(); err != nil {
		return ctxError(err)
	}
	changes := make([]Change, len(feats))
	for i, f := range feats {
		changes[i] = Change{Feature: f, Expect: ExpectAny}
	}
	// A dry run writes too, and rolls back: it meets every check a real
	// import meets (unique codes, the database's own constraints).
	w := Write{Actor: a, Action: "import", Changes: changes, DryRun: opt.DryRun, KeepBefore: opt.DryRun}
	if opt.Progress != nil {
		w.Progress = func(done, total int) { opt.Progress(PhaseWrite, done, total) }
	}
	commit, err := s.Store.Write(ctx, w)
	if err != nil {
		return err
	}
	if opt.DryRun {
		index := make(map[string]int, len(feats))
		for i, f := range feats {
			index[string(f.Collection)+"/"+f.ID] = at[i]
		}
		rep.Changes = importChanges(commit, index, rep)
		return nil
	}
	rep.Revision = commit.Revision
	s.apply(ctx, commit)
	return nil
}
