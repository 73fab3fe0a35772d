package catalog

import (
	"context"
	"fmt"
	"log/slog"
	"slices"
	"strings"
)

// Store is the system of record. Implementations run each Write in one
// transaction that also writes one audit row per change and bumps the
// catalogue revision exactly once.
type Store interface {
	// Get returns the stored feature in any publication state, or a
	// KindNotFound error.
	Get(ctx context.Context, c Collection, id string) (*Feature, error)
	// Missing returns those of ids that no feature of collection c has.
	Missing(ctx context.Context, c Collection, ids []string) ([]string, error)
	// FindByCode returns the features of collection c, archived ones
	// aside, whose code is one of codes.
	FindByCode(ctx context.Context, c Collection, codes []string) ([]*Feature, error)
	// Write applies changes atomically. Each change's Expect is checked
	// against the stored version inside the transaction.
	Write(ctx context.Context, w Write) (Commit, error)
}

// Change is one feature's next state.
type Change struct {
	Feature *Feature
	// Expect is the version the stored feature must have: ExpectAbsent for
	// a create, ExpectAny for an import upsert, else an exact version.
	Expect int64
}

// Special values of Change.Expect.
const (
	ExpectAbsent int64 = 0
	ExpectAny    int64 = -1
)

// Write is a set of changes made together by one actor.
type Write struct {
	Actor   Actor
	Action  string // create, replace, patch, publication, archive, import
	Changes []Change
	// DryRun runs the whole write, every check of the store included, and
	// rolls it back: nothing is stored and the revision does not move.
	DryRun bool
	// KeepBefore asks for the stored state of each feature before the
	// write in Commit.Before (to show what an import changes).
	KeepBefore bool
	// Progress, when set, is told after each batch how many of the
	// changes are written.
	Progress func(done, total int)
}

// Commit is what a successful Write produced: the new revision and the
// features as stored, with Version, Revision and timestamps set.
type Commit struct {
	Revision int64
	Features []*Feature
	// Before holds, with Write.KeepBefore, the stored state of each of
	// Features before the write (nil for a feature it created).
	Before []*Feature
}

// Precondition is a parsed If-Match header.
type Precondition struct {
	Present bool  // a header was sent
	Any     bool  // "If-Match: *"
	Version int64 // the version named by the ETag
}

// Service applies officers' edits: it validates, checks preconditions and
// roles, writes through the Store and hands each commit to Applied (the read
// model), so a writer reads its own writes as soon as the call returns.
type Service struct {
	Store Store
	// Applied brings the read model up to the commit. An error there does
	// not undo the write (it is durable); it is logged, and the periodic
	// catch-up repairs the read model.
	Applied func(context.Context, Commit) error
	Log     *slog.Logger
	// Trail reads the audit log the Store writes (History, Audit,
	// Restore).
	Trail AuditTrail
}

// Create stores a new draft feature; an empty id gets a generated one.
func (s *Service) Create(ctx context.Context, a Actor, f *Feature) (*Feature, error) {
	if f.ID == "" {
		f.ID = NewID(f.Collection)
	}
	f.Publication = Draft
	return s.write(ctx, a, "create", nil, f, ExpectAbsent)
}

// Replace stores f in place of the feature with the same id. With
// createOK (PUT with If-None-Match: *) a missing feature is created.
func (s *Service) Replace(ctx context.Context, a Actor, f *Feature, pre Precondition, createOK bool) (*Feature, error) {
	cur, err := s.Store.Get(ctx, f.Collection, f.ID)
	if KindOf(err) == KindNotFound && createOK {
		f.Publication = Draft
		return s.write(ctx, a, "create", nil, f, ExpectAbsent)
	}
	if err != nil {
		return nil, err
	}
	if err := authorize(a, cur, cur); err != nil {
		return nil, err
	}
	if createOK {
		return nil, Errorf(KindPreconditionFailed, "%s/%s already exists (If-None-Match: *)", f.Collection, f.ID)
	}
	if err := checkEditable(cur, pre); err != nil {
		return nil, err
	}
	f.Publication = cur.Publication
	return s.write(ctx, a, "replace", cur, f, cur.Version)
}

// Patch applies a JSON Merge Patch to the stored feature.
func (s *Service) Patch(ctx context.Context, a Actor, c Collection, id string, patch []byte, pre Precondition) (*Feature, error) {
	cur, err := s.editable(ctx, a, c, id, pre)
	if err != nil {
		return nil, err
	}
	next, err := MergePatchContext(ctx, cur, patch)
	if err != nil {
		return nil, err
	}
	next.Publication = cur.Publication
	return s.write(ctx, a, "patch", cur, next, cur.Version)
}

// SetPublication moves a feature through the workflow. pre is optional
// here: when present it must match.
func (s *Service) SetPublication(ctx context.Context, a Actor, c Collection, id string, to Publication, pre Precondition) (*Feature, error) {
	cur, err := s.Store.Get(ctx, c, id)
	if err != nil {
		return nil, err
	}
	if err := authorize(a, cur, cur); err != nil {
		return nil, err
	}
	if pre.Present {
		if err := checkVersion(cur, pre); err != nil {
			return nil, err
		}
	}
	if need := TransitionRole(cur.Publication, to); a.Role < need {
		return nil, Errorf(KindForbidden, "moving %s/%s from %s to %s needs the %s role; you are %s", c, id, cur.Publication, to, need, a.Role)
	}
	if cur.Publication == to {
		return cur, nil
	}
	next := cur.Clone()
	next.Publication = to
	action := "publication"
	if to == Archived {
		action = "archive"
	}
	return s.write(ctx, a, action, cur, next, cur.Version)
}

func checkEditable(cur *Feature, pre Precondition) error {
	if !pre.Present {
		return Errorf(KindPreconditionRequired, "send If-Match with the ETag of %s/%s (from a GET) so that concurrent edits are detected", cur.Collection, cur.ID)
	}
	if err := checkVersion(cur, pre); err != nil {
		return err
	}
	if cur.Publication == Archived {
		return Errorf(KindConflict, "%s/%s is archived; move it back to draft before editing", cur.Collection, cur.ID)
	}
	return nil
}

func checkVersion(cur *Feature, pre Precondition) error {
	if pre.Any || pre.Version == cur.Version {
		return nil
	}
	return Errorf(KindPreconditionFailed, "%s/%s has changed: your copy is version %d, the current one is %d; GET it again and reapply your change", cur.Collection, cur.ID, pre.Version, cur.Version)
}

// editable reads the stored feature an edit starts from and checks that a
// may edit it with the precondition it sent.
func (s *Service) editable(ctx context.Context, a Actor, c Collection, id string, pre Precondition) (*Feature, error) {
	cur, err := s.Store.Get(ctx, c, id)
	if err != nil {
		return nil, err
	}
	if err := authorize(a, cur, cur); err != nil {
		return nil, err
	}
	if err := checkEditable(cur, pre); err != nil {
		return nil, err
	}
	return cur, nil
}

// ctxError reports that the request's context ended (the client went away
// or a deadline passed) before the work was done; nothing was written.
func ctxError(err error) error {
	return &Error{Kind: KindUnavailable, Message: "the request ended before landcat finished it; nothing was written", Err: err}
}

// write stores one feature's next state. It is the path of every edit:
// authorize runs here, before references are looked up, so that nothing
// outside the actor's scope is read or written.
func (s *Service) write(ctx context.Context, a Actor, action string, before, f *Feature, expect int64) (*Feature, error) {
	if err := ctx.Err(); err != nil {
		return nil, ctxError(err)
	}
	if err := authorize(a, before, f); err != nil {
		return nil, err
	}
	if err := s.CheckRefs(ctx, []*Feature{f}); err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, ctxError(err)
	}
	commit, err := s.Store.Write(ctx, Write{Actor: a, Action: action, Changes: []Change{{Feature: f, Expect: expect}}})
	if err != nil {
		return nil, err
	}
	s.apply(ctx, commit)
	return commit.Features[0], nil
}

func (s *Service) apply(ctx context.Context, c Commit) {
	if s.Applied == nil {
		return
	}
	if err := s.Applied(ctx, c); err != nil && s.Log != nil {
		s.Log.Error("read model not updated after commit; the periodic catch-up will retry", "revision", c.Revision, "err", err)
	}
}

// CheckRefs verifies that every reference (a parcel's zone_id, a zone's
// economic_zone_id) names a feature that exists in the store or among feats.
func (s *Service) CheckRefs(ctx context.Context, feats []*Feature) error {
	missing, err := s.missingRefs(ctx, feats)
	if err != nil || len(missing) == 0 {
		return err
	}
	var probs []Problem
	for i := range feats {
		probs = append(probs, missing[i]...)
	}
	slices.SortStableFunc(probs, func(a, b Problem) int { return strings.Compare(a.Pointer, b.Pointer) })
	return Invalid("a reference names a feature that does not exist", probs)
}

// missingRefs returns, by index into feats, the problems of references
// that name neither a stored feature nor one in feats.
func (s *Service) missingRefs(ctx context.Context, feats []*Feature) (map[int][]Problem, error) {
	type ref struct {
		c  Collection
		id string
	}
	batch := map[ref]bool{}
	for _, f := range feats {
		batch[ref{f.Collection, f.ID}] = true
	}
	wanted := map[Collection][]string{}
	users := map[ref][]int{}
	for i, f := range feats {
		for _, fl := range SchemaOf(f.Collection).Fields {
			id := f.String(fl.Name)
			if fl.Ref == "" || fl.Computed || id == "" || batch[ref{fl.Ref, id}] {
				continue
			}
			r := ref{fl.Ref, id}
			if users[r] == nil {
				wanted[fl.Ref] = append(wanted[fl.Ref], id)
			}
			users[r] = append(users[r], i)
		}
	}
	out := map[int][]Problem{}
	for c, ids := range wanted {
		slices.Sort(ids)
		missing, err := s.Store.Missing(ctx, c, ids)
		if err != nil {
			return nil, fmt.Errorf("check references to %s: %w", c, err)
		}
		for _, id := range missing {
			for _, i := range users[ref{c, id}] {
				out[i] = append(out[i], refProblems(feats[i], c, id)...)
			}
		}
	}
	return out, nil
}

func refProblems(f *Feature, c Collection, id string) []Problem {
	var out []Problem
	for _, fl := range SchemaOf(f.Collection).Fields {
		if fl.Ref == c && !fl.Computed && f.String(fl.Name) == id {
			out = append(out, Problem{Pointer: "/properties/" + fl.Name, Message: fmt.Sprintf("%s has no feature %q", c, id)})
		}
	}
	return out
}
