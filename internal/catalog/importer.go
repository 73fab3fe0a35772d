package catalog

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/landcat/landcat/internal/geo"
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"
)

// ImportOptions controls Service.Import.
type ImportOptions struct {
	Collection Collection // "" = decided per feature
	Publish    bool       // publish what is imported; otherwise new features are drafts and existing ones keep their state
	DryRun     bool       // validate only
	CRS        int        // EPSG code of the input coordinates; 0 = CRS84
	Progress   func(read int)
}

// Rejection is one feature the import refused, with every reason.
type Rejection struct {
	Index    int       `json:"index"` // position in the "features" array
	ID       string    `json:"id,omitempty"`
	Problems []Problem `json:"problems"`
}

// ImportReport summarises an import.
type ImportReport struct {
	Read     int                `json:"read"`
	Valid    int                `json:"valid"`
	Created  map[Collection]int `json:"created"`
	Updated  map[Collection]int `json:"updated"`
	Rejected []Rejection        `json:"rejected"`
	Revision int64              `json:"revision,omitempty"`
	DryRun   bool               `json:"dry_run"`
}

// Import loads a GeoJSON FeatureCollection through the same validation as
// the API, all or nothing: if any feature is rejected nothing is written,
// and the report lists every rejected feature with its reasons. Features
// are upserted by id. The file is read as a stream.
func (s *Service) Import(ctx context.Context, a Actor, r io.Reader, opt ImportOptions) (*ImportReport, error) {
	if err := authorizeImport(a); err != nil {
		return nil, err
	}
	rep := &ImportReport{Created: map[Collection]int{}, Updated: map[Collection]int{}, DryRun: opt.DryRun}
	var tf func(orb.Point) (orb.Point, error)
	if opt.CRS != 0 {
		var err error
		if tf, err = geo.Transformer(opt.CRS); err != nil {
			return nil, Errorf(KindBadRequest, "--crs: %v", err)
		}
	}
	var feats []*Feature
	var at []int
	seen := map[string]int{}
	err := eachFeature(r, func(i int, raw rawFeature) {
		rep.Read++
		if opt.Progress != nil && rep.Read%5000 == 0 {
			opt.Progress(rep.Read)
		}
		f, probs := decodeImported(raw, opt.Collection, tf)
		if f != nil {
			key := string(f.Collection) + "/" + f.ID
			if j, dup := seen[key]; dup {
				probs = append(probs, Problem{Pointer: "/id", Message: fmt.Sprintf("repeats the id of feature %d", j)})
			} else if f.ID != "" {
				seen[key] = i
			}
		}
		if len(probs) > 0 {
			rep.Rejected = append(rep.Rejected, Rejection{Index: i, ID: rawID(raw), Problems: probs})
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
	rep.Valid = len(feats)
	if err := s.importRefs(ctx, feats, at, rep); err != nil {
		return rep, err
	}
	if len(rep.Rejected) > 0 {
		return rep, Errorf(KindInvalid, "%d of %d features rejected; nothing was imported", len(rep.Rejected), rep.Read)
	}
	return rep, s.importWrite(ctx, a, feats, rep, opt.DryRun)
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

func (s *Service) importWrite(ctx context.Context, a Actor, feats []*Feature, rep *ImportReport, dry bool) error {
	byColl := map[Collection][]string{}
	for _, f := range feats {
		if f.ID == "" {
			f.ID = NewID(f.Collection)
		}
		byColl[f.Collection] = append(byColl[f.Collection], f.ID)
	}
	for c, ids := range byColl {
		missing, err := s.Store.Missing(ctx, c, ids)
		if err != nil {
			return err
		}
		rep.Created[c] += len(missing)
		rep.Updated[c] += len(ids) - len(missing)
	}
	if len(feats) == 0 {
		return nil
	}
	changes := make([]Change, len(feats))
	for i, f := range feats {
		changes[i] = Change{Feature: f, Expect: ExpectAny}
	}
	// A dry run writes too, and rolls back: it meets every check a real
	// import meets (unique codes, the database's own constraints).
	commit, err := s.Store.Write(ctx, Write{Actor: a, Action: "import", Changes: changes, DryRun: dry})
	if err != nil || dry {
		return err
	}
	rep.Revision = commit.Revision
	s.apply(ctx, commit)
	return nil
}

// decodeImported decides the feature's collection and decodes it.
func decodeImported(raw rawFeature, c Collection, tf func(orb.Point) (orb.Point, error)) (*Feature, []Problem) {
	if c == "" {
		var err error
		if c, err = guessCollection(raw); err != nil {
			return nil, []Problem{{Pointer: "/properties/collection", Message: err.Error()}}
		}
	}
	if tf != nil {
		g, err := transformRaw(raw.Geometry, tf)
		if err != nil {
			return nil, []Problem{{Pointer: "/geometry", Message: err.Error()}}
		}
		raw.Geometry = g
	}
	f, err := decodeRaw(c, raw)
	if err != nil {
		var e *Error
		if errors.As(err, &e) {
			return nil, e.Problems
		}
		return nil, []Problem{{Pointer: "", Message: err.Error()}}
	}
	return f, nil
}

func guessCollection(raw rawFeature) (Collection, error) {
	var props map[string]json.RawMessage
	_ = json.Unmarshal(raw.Properties, &props)
	if v, ok := props[CollectionKey]; ok {
		var name string
		_ = json.Unmarshal(v, &name)
		if c, ok := ParseCollection(name); ok {
			return c, nil
		}
		return "", fmt.Errorf("%q is not zones, parcels or infrastructure", name)
	}
	var g struct{ Type string }
	_ = json.Unmarshal(raw.Geometry, &g)
	switch g.Type {
	case "Point", "LineString":
		return Infrastructure, nil
	case "Polygon", "MultiPolygon":
		if _, ok := props["zone_id"]; ok {
			return Parcels, nil
		}
		return Zones, nil
	}
	return "", errors.New("cannot tell the collection: give --collection or a \"collection\" property")
}

func transformRaw(raw json.RawMessage, tf func(orb.Point) (orb.Point, error)) (json.RawMessage, error) {
	g, err := geojson.UnmarshalGeometry(raw)
	if err != nil || g.Geometry() == nil {
		return raw, nil // decodeRaw reports it
	}
	out, err := geo.Transform(g.Geometry(), tf)
	if err != nil {
		return nil, err
	}
	return json.Marshal(geojson.NewGeometry(out))
}

func rawID(raw rawFeature) string {
	return strings.Trim(string(raw.ID), `"`)
}

// eachFeature streams the "features" array of a FeatureCollection.
func eachFeature(r io.Reader, fn func(int, rawFeature)) error {
	dec := json.NewDecoder(r)
	bad := func(msg string, args ...any) error {
		return &Error{Kind: KindBadRequest, Message: fmt.Sprintf("not a GeoJSON FeatureCollection: "+msg, args...)}
	}
	if t, err := dec.Token(); err != nil || t != json.Delim('{') {
		return bad("expected a JSON object")
	}
	found := false
	for dec.More() {
		t, err := dec.Token()
		if err != nil {
			return bad("%v", err)
		}
		if key, _ := t.(string); key != "features" {
			var skip json.RawMessage
			if err := dec.Decode(&skip); err != nil {
				return bad("%v", err)
			}
			continue
		}
		found = true
		if t, err := dec.Token(); err != nil || t != json.Delim('[') {
			return bad("\"features\" must be an array")
		}
		for i := 0; dec.More(); i++ {
			var raw rawFeature
			if err := dec.Decode(&raw); err != nil {
				return bad("feature %d: %v", i, err)
			}
			fn(i, raw)
		}
		if _, err := dec.Token(); err != nil {
			return bad("%v", err)
		}
	}
	if !found {
		return bad("no \"features\" array")
	}
	return nil
}

// DecodeCollection decodes every feature of a GeoJSON FeatureCollection
// with the import's rules (collection c, or each feature's own), without
// storing anything: for tools, tests and benchmarks that build a catalogue
// in memory. The first invalid feature stops it.
func DecodeCollection(r io.Reader, c Collection) ([]*Feature, error) {
	var out []*Feature
	var first error
	err := eachFeature(r, func(i int, raw rawFeature) {
		if first != nil {
			return
		}
		f, probs := decodeImported(raw, c, nil)
		if len(probs) > 0 {
			first = Invalid(fmt.Sprintf("feature %d is not valid", i), probs)
			return
		}
		out = append(out, f)
	})
	if err != nil {
		return nil, err
	}
	return out, first
}
