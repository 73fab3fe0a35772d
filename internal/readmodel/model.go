package readmodel

import (
	"context"
	"fmt"
	"runtime/debug"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"github.com/landcat/landcat/internal/catalog"
)

// Loader reads the stored features changed after a revision, and the
// revision they add up to (store.Store.Load).
type Loader func(ctx context.Context, since int64) ([]*catalog.Feature, int64, error)

// Model holds the current snapshot and builds the next ones. Readers call
// Snapshot and never block. Writers hand their commits to Apply, and one
// builder at a time turns everything handed in so far into one new
// snapshot: a burst of writes coalesces into a few builds, each from the
// latest state, instead of queueing one build per write.
type Model struct {
	cur  atomic.Pointer[Snapshot]
	now  func() time.Time
	load Loader

	mu        sync.Mutex
	pending   []catalog.Commit // handed in, not yet in a snapshot
	catchUp   bool             // a read of the store was asked for
	building  bool             // a builder goroutine is running
	next      *pass            // the pass that will take what is handed in now
	warmers   []*warmer
	submitted int // commits and catch-ups handed in, ever (for tests)
}

// pass is one build: done closes when its snapshot is in place (or the
// build failed with err).
type pass struct {
	done chan struct{}
	err  error
}

func newPass() *pass { return &pass{done: make(chan struct{})} }

// buildTimeout bounds a catch-up read from the store.
const buildTimeout = time.Minute

// Load builds the first snapshot from the store.
func Load(ctx context.Context, load Loader, now func() time.Time) (*Model, error) {
	feats, rev, err := load(ctx, 0)
	if err != nil {
		return nil, err
	}
	m := &Model{now: now, load: load, next: newPass()}
	m.cur.Store(Build(feats, rev, now()))
	return m, nil
}

// Snapshot returns the current snapshot.
func (m *Model) Snapshot() *Snapshot { return m.cur.Load() }

// Apply brings the model up to a commit and returns once the current
// snapshot includes it (read-your-writes). A commit that follows the
// current revision is applied directly; when revisions are missing in
// between (another writer, in this process or another), the builder reads
// them from the store instead, so nothing is ever skipped. If ctx ends
// first, the commit is still applied; Apply just stops waiting.
func (m *Model) Apply(ctx context.Context, c catalog.Commit) error {
	return m.submit(ctx, &c)
}

// CatchUp reads every change stored after the current revision and
// returns once the snapshot includes them.
func (m *Model) CatchUp(ctx context.Context) error {
	return m.submit(ctx, nil)
}

func (m *Model) submit(ctx context.Context, c *catalog.Commit) error {
	m.mu.Lock()
	m.submitted++
	if c != nil {
		if c.Revision <= m.cur.Load().Revision {
			m.mu.Unlock()
			return nil
		}
		m.pending = append(m.pending, *c)
	} else {
		m.catchUp = true
	}
	r := m.next
	if !m.building {
		m.building = true
		go m.build()
	}
	m.mu.Unlock()
	select {
	case <-r.done:
		return r.err
	case <-ctx.Done():
		return ctx.Err()
	}
}

// build runs passes until nothing is left to do. Everything handed in
// while a pass runs waits for the next one, which takes all of it.
func (m *Model) build() {
	for {
		m.mu.Lock()
		if len(m.pending) == 0 && !m.catchUp {
			m.building = false
			m.mu.Unlock()
			return
		}
		batch, catchUp, r := m.pending, m.catchUp, m.next
		m.pending, m.catchUp, m.next = nil, false, newPass()
		m.mu.Unlock()
		r.err = m.buildPass(batch, catchUp)
		close(r.done)
	}
}

// buildPass makes and swaps in the snapshot that includes batch: directly
// when the commits follow the current revision without a gap, else (or
// when a catch-up was asked for) from the store.
func (m *Model) buildPass(batch []catalog.Commit, catchUp bool) error {
	cur := m.cur.Load()
	slices.SortFunc(batch, func(a, b catalog.Commit) int { return int(a.Revision - b.Revision) })
	var changed []*catalog.Feature
	rev, newest := cur.Revision, cur.Revision
	if len(batch) > 0 {
		newest = max(newest, batch[len(batch)-1].Revision)
	}
	for _, c := range batch {
		switch {
		case c.Revision <= rev:
			continue // already in (a duplicate, or caught up)
		case c.Revision != rev+1:
			catchUp = true // a gap: someone else's commit is in between
		}
		changed = append(changed, c.Features...)
		rev = c.Revision
	}
	if !catchUp {
		if rev > cur.Revision {
			m.swap(cur.Apply(changed, rev, m.now()))
		}
		return nil
	}
	ctx, cancel := context.WithTimeout(context.Background(), buildTimeout)
	defer cancel()
	feats, stored, err := m.load(ctx, cur.Revision)
	if err != nil {
		return fmt.Errorf("catch up from revision %d: %w", cur.Revision, err)
	}
	switch {
	case stored > cur.Revision:
		m.swap(cur.Apply(feats, stored, m.now()))
	case !sameDay(cur.Built, m.now()):
		m.swap(cur.Apply(nil, cur.Revision, m.now())) // computed terms roll over at midnight
	}
	if stored < newest {
		return fmt.Errorf("the store is at revision %d, behind commit %d; a later catch-up will bring it", stored, newest)
	}
	return nil
}

// swap makes next current and wakes the warmers.
func (m *Model) swap(next *Snapshot) {
	m.cur.Store(next)
	m.mu.Lock()
	ws := m.warmers
	m.mu.Unlock()
	for _, w := range ws {
		w.kick()
	}
}

// Warm runs fn on the current snapshot after every swap, in a goroutine of
// its own, to build derived data (Snapshot.Derived) before the first reader
// asks for it. fn never runs twice at once, and a snapshot replaced while
// fn was busy is skipped: under a burst of writes fn runs on the newest
// snapshot only. It also runs once now. The goroutine ends with ctx.
//
// The returned Warmed tells readers which snapshot fn last finished, so
// that they do not wait for a long build: under a burst of writes they
// read the newest snapshot whose derived data is ready, one build behind
// the newest at most. Where a build is short (a small catalogue) they wait
// for it instead, and see a write as soon as it is acknowledged.
func (m *Model) Warm(ctx context.Context, fn func(*Snapshot)) *Warmed {
	w := &warmer{wake: make(chan struct{}, 1)}
	wd := &Warmed{model: m, next: make(chan struct{})}
	m.mu.Lock()
	m.warmers = append(m.warmers, w)
	m.mu.Unlock()
	w.kick()
	go func() {
		for {
			select {
			case <-ctx.Done():
				return
			case <-w.wake:
				snap := m.Snapshot()
				start := time.Now()
				fn(snap)
				took := time.Since(start)
				wd.finished(snap, took)
				// A long build rests as long as it took before the next:
				// under a sustained burst of writes, derived data takes
				// at most half of one core, and readers' requests the rest.
				if took > shortWarm {
					select {
					case <-ctx.Done():
						return
					case <-time.After(took):
					}
				}
			}
		}
	}()
	return wd
}

// shortWarm is the longest build readers wait for rather than read the
// previous warmed snapshot.
const shortWarm = 20 * time.Millisecond

// Warmed is the progress of one Warm.
type Warmed struct {
	model *Model
	done  atomic.Pointer[Snapshot]
	took  atomic.Int64 // the last build's duration, ns

	mu   sync.Mutex
	next chan struct{} // closed when a build finishes
}

func (w *Warmed) finished(s *Snapshot, took time.Duration) {
	w.took.Store(int64(took))
	w.done.Store(s)
	w.mu.Lock()
	close(w.next)
	w.next = make(chan struct{})
	w.mu.Unlock()
}

// Snapshot returns the snapshot to read derived data from: the current
// one when it is warmed or its build is short (waiting for it), else the
// newest warmed one. Before the first warm-up ends it is the current one
// (its reader then builds what it needs, once, like any reader of
// Snapshot.Derived).
func (w *Warmed) Snapshot() *Snapshot {
	cur := w.model.Snapshot()
	done := w.done.Load()
	if done == nil || done == cur || time.Duration(w.took.Load()) > shortWarm {
		if done == nil {
			return cur
		}
		return done
	}
	timeout := time.NewTimer(2 * shortWarm)
	defer timeout.Stop()
	for {
		w.mu.Lock()
		next := w.next
		w.mu.Unlock()
		if done = w.done.Load(); done.Revision >= cur.Revision {
			return done
		}
		select {
		case <-next:
		case <-timeout.C:
			return w.done.Load()
		}
	}
}

type warmer struct{ wake chan struct{} }

func (w *warmer) kick() {
	select {
	case w.wake <- struct{}{}:
	default: // already due: it will see the newest snapshot
	}
}

// Stream hands over the stored features changed after a revision in
// batches, collection by collection in catalog.Collections order and by id
// within each (store.Store.LoadEach), and returns the revision they add up
// to.
type Stream func(ctx context.Context, since int64, each func([]*catalog.Feature) error) (int64, error)

// LoadStream builds the first snapshot from a stream, batch by batch, so
// that a cold start holds one batch of stored features at a time beside
// the snapshot; load serves the later catch-ups. The memory the build
// freed is given back to the operating system.
func LoadStream(ctx context.Context, stream Stream, load Loader, now func() time.Time) (*Model, error) {
	b := newBuilder(now())
	rev, err := stream(ctx, 0, b.add)
	if err != nil {
		return nil, err
	}
	m := &Model{now: now, load: load, next: newPass()}
	m.cur.Store(b.finish(rev))
	debug.FreeOSMemory()
	return m, nil
}
