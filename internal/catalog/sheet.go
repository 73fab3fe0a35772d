package catalog

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
)

// Sheet is a spreadsheet of parcel specifications, as park developers send
// prices and availability: a header row naming properties, then one row
// per parcel, found by its code (and zone_id, when a code is used in more
// than one zone).
type Sheet struct {
	Format string   // csv or xlsx
	Header []string // the first row
	// Each calls fn with each row after the header: its number as the
	// spreadsheet shows it (the header is row 1) and its cells.
	Each func(fn func(row int, cells []string) error) error
}

// ClearCell is the cell text that removes a property (makes it unknown);
// an empty cell leaves the property as it is.
const ClearCell = "null"

// sheetRow is one row of a sheet, its cells by column.
type sheetRow struct {
	row       int
	code      string
	zone      string
	id        string   // the id column of a download, checked against the parcel found
	inherited []string // the inherited column of a download: cells taken as empty
	cells     []string
}

// UpdateFromSheet applies a sheet to the parcels it names, each row a JSON
// Merge Patch of the parcel's properties through the same validation as
// PATCH, all or nothing: when any row is refused nothing is written, and
// the report names every refused row with its reasons. Rows that change
// nothing are not written; the others are one audited write (action
// "import") that keeps each parcel's publication state. Scoped editors may
// update the parcels in their scope.
func (s *Service) UpdateFromSheet(ctx context.Context, a Actor, sh Sheet, opt ImportOptions) (*ImportReport, error) {
	if a.Role < RoleEditor {
		return nil, Errorf(KindForbidden, "importing needs the editor role; %s has %s", a.Name, a.Role)
	}
	cols, err := sheetColumns(sh.Header)
	if err != nil {
		return nil, err
	}
	rep := &ImportReport{Format: sh.Format, Created: map[Collection]int{}, Updated: map[Collection]int{},
		Unchanged: map[Collection]int{}, DryRun: opt.DryRun, Changes: []FeatureChange{}}
	var rows []sheetRow
	err = sh.Each(func(row int, cells []string) error {
		if err := ctx.Err(); err != nil {
			return ctxError(err)
		}
		cells = slices.Clone(cells)
		for len(cells) < len(cols) {
			cells = append(cells, "")
		}
		if len(cells) > len(cols) && strings.TrimSpace(strings.Join(cells[len(cols):], "")) != "" {
			rep.Read++
			rep.Rejected = append(rep.Rejected, Rejection{Index: row, Problems: []Problem{{Pointer: "", Message: fmt.Sprintf("has %d cells; the header has %d columns", len(cells), len(cols))}}})
			return nil
		}
		cells = cells[:len(cols)]
		if strings.TrimSpace(strings.Join(cells, "")) == "" {
			return nil // a blank line
		}
		rep.Read++
		r := sheetRow{row: row, cells: cells}
		for i, name := range cols {
			switch name {
			case "code":
				r.code = strings.TrimSpace(cells[i])
			case "zone_id":
				r.zone = strings.TrimSpace(cells[i])
			case "id":
				r.id = strings.TrimSpace(cells[i])
			case "inherited":
				fl, _ := SchemaOf(Parcels).Field("inherited")
				l, _ := tabularValue(fl, cells[i])
				r.inherited, _ = l.([]string)
			}
		}
		rows = append(rows, r)
		if rep.Read%progressEvery == 0 {
			opt.progress(PhaseValidate, rep.Read, 0)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	changes, err := s.sheetChanges(ctx, a, cols, rows, rep)
	if err != nil {
		return rep, err
	}
	opt.progress(PhaseValidate, rep.Read, rep.Read)
	slices.SortFunc(rep.Rejected, func(a, b Rejection) int { return a.Index - b.Index })
	if len(rep.Rejected) > 0 {
		return rep, Errorf(KindInvalid, "%d of %d rows rejected; nothing was updated", len(rep.Rejected), rep.Read)
	}
	if len(changes) == 0 {
		return rep, nil
	}
	w := Write{Actor: a, Action: "import", Changes: changes, DryRun: opt.DryRun}
	if opt.Progress != nil {
		w.Progress = func(done, total int) { opt.Progress(PhaseWrite, done, total) }
	}
	commit, err := s.Store.Write(ctx, w)
	if err != nil || opt.DryRun {
		return rep, err
	}
	rep.Revision = commit.Revision
	s.apply(ctx, commit)
	return rep, nil
}

// sheetColumns checks a header: a code column, and otherwise only
// properties of parcels, each once; the columns of a landcat download that
// an officer does not set (id, geometry, computed properties such as
// area_ha) are allowed and read-only. Every wrong column is named.
func sheetColumns(header []string) ([]string, error) {
	schema := SchemaOf(Parcels)
	cols := make([]string, len(header))
	var probs []Problem
	seen := map[string]bool{}
	for i, h := range header {
		name := strings.TrimSpace(strings.TrimPrefix(h, "\uFEFF"))
		cols[i] = name
		_, ok := schema.Field(name)
		switch {
		case name == "":
			probs = append(probs, Problem{Pointer: columnName(i), Message: "has no name"})
		case seen[name]:
			probs = append(probs, Problem{Pointer: name, Message: "is a repeated column"})
		case !ok && name != "id" && name != "geometry":
			probs = append(probs, Problem{Pointer: name, Message: "is not a property of parcels; see /collections/parcels/queryables"})
		}
		seen[name] = true
	}
	if !seen["code"] {
		probs = append(probs, Problem{Pointer: "code", Message: "is required: rows are matched to parcels by code (and zone_id)"})
	}
	if len(probs) > 0 {
		var parts []string
		for _, p := range probs {
			parts = append(parts, p.Pointer+" "+p.Message)
		}
		return nil, &Error{Kind: KindBadRequest, Message: "the sheet's header is not valid: " + strings.Join(parts, "; "), Problems: probs}
	}
	return cols, nil
}

// columnName is a spreadsheet's name of column i (0: A, 26: AA).
func columnName(i int) string {
	name := ""
	for i++; i > 0; i = (i - 1) / 26 {
		name = string(rune('A'+(i-1)%26)) + name
	}
	return "column " + name
}

// sheetChanges finds each row's parcel and applies its patch, recording
// the change or the rejection in rep.
func (s *Service) sheetChanges(ctx context.Context, a Actor, cols []string, rows []sheetRow, rep *ImportReport) ([]Change, error) {
	codes := make([]string, 0, len(rows))
	for _, r := range rows {
		codes = append(codes, r.code)
	}
	slices.Sort(codes)
	stored, err := s.Store.FindByCode(ctx, Parcels, slices.Compact(codes))
	if err != nil {
		return nil, err
	}
	byCode := map[string][]*Feature{}
	for _, f := range stored {
		byCode[f.String("code")] = append(byCode[f.String("code")], f)
	}
	type key struct{ zone, code string }
	seen := map[key]int{}
	var changes []Change
	for _, r := range rows {
		reject := func(probs ...Problem) {
			rep.Rejected = append(rep.Rejected, Rejection{Index: r.row, ID: r.code, Problems: probs})
		}
		cur, probs := matchRow(r, byCode[r.code])
		if len(probs) > 0 {
			reject(probs...)
			continue
		}
		if r.id != "" && r.id != cur.ID {
			reject(Problem{Pointer: "/id", Message: fmt.Sprintf("is %s, but the parcel with code %s is %s", r.id, r.code, cur.ID)})
			continue
		}
		k := key{cur.String("zone_id"), r.code}
		if other, dup := seen[k]; dup {
			reject(Problem{Pointer: "/properties/code", Message: fmt.Sprintf("parcel %s is updated by row %d already", r.code, other)})
			continue
		}
		seen[k] = r.row
		if err := authorize(a, cur, cur); err != nil {
			reject(Problem{Pointer: "", Message: err.Error()})
			continue
		}
		if cur.Publication == Archived {
			reject(Problem{Pointer: "", Message: fmt.Sprintf("parcel %s is archived; move it back to draft before editing", cur.ID)})
			continue
		}
		next, probs, err := patchRow(ctx, cur, cols, r)
		if err != nil {
			return nil, err
		}
		if len(probs) > 0 {
			reject(probs...)
			continue
		}
		rep.Valid++
		ch := DiffFeature(cur, next)
		ch.Index = r.row
		rep.Changes = append(rep.Changes, ch)
		if ch.Action == ActionUnchanged {
			rep.Unchanged[Parcels]++
			continue
		}
		rep.Updated[Parcels]++
		changes = append(changes, Change{Feature: next, Expect: cur.Version})
	}
	return changes, nil
}

// matchRow picks the parcel a row names among those with its code.
func matchRow(r sheetRow, candidates []*Feature) (*Feature, []Problem) {
	if r.code == "" {
		return nil, []Problem{{Pointer: "/properties/code", Message: "is empty: each row names a parcel by its code"}}
	}
	var zones []string
	var match []*Feature
	for _, f := range candidates {
		zones = append(zones, f.String("zone_id"))
		if r.zone == "" || f.String("zone_id") == r.zone {
			match = append(match, f)
		}
	}
	switch {
	case len(match) == 1:
		return match[0], nil
	case len(match) > 1:
		return nil, []Problem{{Pointer: "/properties/zone_id", Message: fmt.Sprintf("code %s is used in zones %s: add a zone_id column", r.code, strings.Join(zones, ", "))}}
	case r.zone != "" && len(candidates) > 0:
		return nil, []Problem{{Pointer: "/properties/zone_id", Message: fmt.Sprintf("zone %s has no parcel %s (zones with one: %s)", r.zone, r.code, strings.Join(zones, ", "))}}
	}
	return nil, []Problem{{Pointer: "/properties/code", Message: fmt.Sprintf("no parcel has the code %s", r.code)}}
}

// patchRow applies a row to its parcel as a merge patch: empty cells leave
// a property alone, ClearCell removes it, anything else sets it (read as
// the property's type). The key columns, read-only columns and the
// properties the row lists as inherited are not written.
func patchRow(ctx context.Context, cur *Feature, cols []string, r sheetRow) (*Feature, []Problem, error) {
	props := map[string]json.RawMessage{}
	for i, name := range cols {
		cell := strings.TrimSpace(r.cells[i])
		fl, known := SchemaOf(Parcels).Field(name)
		switch {
		case name == "code" || name == "zone_id" || !known || fl.Computed || cell == "" || slices.Contains(r.inherited, name):
		case strings.EqualFold(cell, ClearCell):
			props[name] = json.RawMessage("null")
		default:
			b, _ := json.Marshal(cell)
			props[name] = coerceTabular(fl, b)
		}
	}
	patch, err := json.Marshal(map[string]any{"properties": props})
	if err != nil {
		return nil, nil, err
	}
	next, err := MergePatchContext(ctx, cur, patch)
	var e *Error
	switch {
	case err == nil:
		next.Publication = cur.Publication
		return next, nil, nil
	case errors.As(err, &e) && (e.Kind == KindInvalid || e.Kind == KindBadRequest):
		if len(e.Problems) == 0 {
			return nil, []Problem{{Pointer: "", Message: e.Message}}, nil
		}
		return nil, e.Problems, nil
	}
	return nil, nil, err
}
