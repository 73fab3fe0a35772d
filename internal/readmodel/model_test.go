package readmodel_test

import (
	"context"
	"errors"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/landcat/landcat/internal/catalog"
	"github.com/landcat/landcat/internal/readmodel"
)

// memStore is a loader over a slice of features the test appends to.
type memStore struct {
	mu    sync.Mutex
	feats []*catalog.Feature
	fail  error
	loads atomic.Int32
}

func (s *memStore) load(_ context.Context, since int64) ([]*catalog.Feature, int64, error) {
	s.loads.Add(1)
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.fail != nil {
		return nil, 0, s.fail
	}
	var out []*catalog.Feature
	rev := int64(0)
	for _, f := range s.feats {
		if f.Revision > since {
			out = append(out, f)
		}
		rev = max(rev, f.Revision)
	}
	return out, rev, nil
}

func (s *memStore) add(f ...*catalog.Feature) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.feats = append(s.feats, f...)
}

// TestBurstCoalesces: commits handed in while a build runs are applied
// together in one more build, each Apply returns once its commit is in
// the snapshot, and nothing is lost.
func TestBurstCoalesces(t *testing.T) {
	feats := generated(t, 200)
	st := &memStore{feats: feats[:10]}

	var builds atomic.Int32
	release := make(chan struct{})
	clock := func() time.Time {
		if builds.Add(1) == 2 { // the first build after Load waits for the burst
			<-release
		}
		return now
	}
	m, err := readmodel.Load(context.Background(), st.load, clock)
	if err != nil {
		t.Fatal(err)
	}
	st.add(feats[10:]...)
	n := len(feats)
	errs := make(chan error, n)
	var wg sync.WaitGroup
	for i := 10; i < n; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			c := catalog.Commit{Revision: int64(i + 1), Features: feats[i : i+1]}
			if err := m.Apply(context.Background(), c); err != nil {
				errs <- err
				return
			}
			if got := m.Snapshot().Revision; got < c.Revision {
				errs <- errors.New("Apply returned before its commit was in the snapshot")
			}
		}()
	}
	// A first pass is building; wait until every commit is handed in.
	deadline := time.Now().Add(10 * time.Second)
	for m.Submitted() < n-10 && time.Now().Before(deadline) {
		time.Sleep(time.Millisecond)
	}
	close(release)
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	s := m.Snapshot()
	if s.Revision != int64(n) {
		t.Fatalf("revision %d, want %d", s.Revision, n)
	}
	for _, f := range feats {
		if _, ok := s.Get(f.Collection, f.ID); !ok {
			t.Fatalf("%s lost", f.ID)
		}
	}
	// Load, the first pass, then all the others at once.
	if b := builds.Load(); b > 3 {
		t.Errorf("%d builds for %d commits, want at most 3 (load, the first pass, the rest)", b, n-10)
	}
	if encodeAll(s) != encodeAll(readmodel.Build(feats, int64(n), now)) {
		t.Error("the coalesced snapshot differs from a full build")
	}
}

func TestFollow(t *testing.T) {
	feats := generated(t, 40)
	st := &memStore{feats: feats[:20]}
	m, err := readmodel.Load(context.Background(), st.load, func() time.Time { return now })
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	notify := make(chan func(), 1)
	listen := func(ctx context.Context, changed func()) { notify <- changed; <-ctx.Done() }
	done := make(chan struct{})
	go func() { m.Follow(ctx, listen, time.Hour, nil); close(done) }()
	changed := <-notify
	waitRev := func(rev int64, why string) {
		t.Helper()
		deadline := time.Now().Add(10 * time.Second)
		for m.Snapshot().Revision < rev && time.Now().Before(deadline) {
			time.Sleep(time.Millisecond)
		}
		if got := m.Snapshot().Revision; got != rev {
			t.Fatalf("%s: revision %d, want %d", why, got, rev)
		}
	}
	// Another process writes 10 features and notifies.
	st.add(feats[20:30]...)
	changed()
	waitRev(30, "after a notification")
	// A failing store keeps the last snapshot; the next notification retries.
	st.mu.Lock()
	st.fail = errors.New("database is down")
	st.mu.Unlock()
	st.add(feats[30:40]...)
	changed()
	time.Sleep(20 * time.Millisecond)
	if m.Snapshot().Revision != 30 {
		t.Fatal("a failed catch-up changed the snapshot")
	}
	st.mu.Lock()
	st.fail = nil
	st.mu.Unlock()
	changed()
	waitRev(40, "after the store came back")
	cancel()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		t.Fatal("Follow did not return when its context ended")
	}
}

// TestFollowInterval: without notifications (SQLite, or a lost feed) the
// interval alone brings the changes.
func TestFollowInterval(t *testing.T) {
	feats := generated(t, 10)
	st := &memStore{feats: feats[:5]}
	m, err := readmodel.Load(context.Background(), st.load, func() time.Time { return now })
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go m.Follow(ctx, nil, 10*time.Millisecond, nil)
	st.add(feats[5:]...)
	deadline := time.Now().Add(10 * time.Second)
	for m.Snapshot().Revision < int64(len(feats)) && time.Now().Before(deadline) {
		time.Sleep(time.Millisecond)
	}
	if m.Snapshot().Revision != int64(len(feats)) {
		t.Fatalf("revision %d after the interval", m.Snapshot().Revision)
	}
}

func TestDerived(t *testing.T) {
	s := readmodel.Build(generated(t, 10), 10, now)
	var builds atomic.Int32
	var wg sync.WaitGroup
	vals := make([]any, 8)
	for i := range vals {
		wg.Add(1)
		go func() {
			defer wg.Done()
			vals[i] = s.Derived("count", func(*readmodel.Snapshot) any { builds.Add(1); return new(int) })
		}()
	}
	wg.Wait()
	for _, v := range vals {
		if v != vals[0] {
			t.Fatal("concurrent callers got different values")
		}
	}
	if builds.Load() != 1 {
		t.Errorf("built %d times", builds.Load())
	}
	next := s.Apply(nil, 11, now)
	if next.Derived("count", func(*readmodel.Snapshot) any { return new(int) }) == vals[0] {
		t.Error("a new snapshot shares the derived value of the old one")
	}
}

// TestWarm: the warmer runs on the newest snapshot, never concurrently.
func TestWarm(t *testing.T) {
	feats := generated(t, 30)
	st := &memStore{feats: feats[:10]}
	m, err := readmodel.Load(context.Background(), st.load, func() time.Time { return now })
	if err != nil {
		t.Fatal(err)
	}
	var running, overlap atomic.Int32
	var last atomic.Int64
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	m.Warm(ctx, func(s *readmodel.Snapshot) {
		if running.Add(1) > 1 {
			overlap.Add(1)
		}
		time.Sleep(2 * time.Millisecond)
		last.Store(s.Revision)
		running.Add(-1)
	})
	for i := 10; i < 30; i++ {
		if err := m.Apply(context.Background(), catalog.Commit{Revision: int64(i + 1), Features: feats[i : i+1]}); err != nil {
			t.Fatal(err)
		}
	}
	deadline := time.Now().Add(10 * time.Second)
	for last.Load() != 30 && time.Now().Before(deadline) {
		time.Sleep(time.Millisecond)
	}
	if last.Load() != 30 || overlap.Load() != 0 {
		t.Errorf("warmed revision %d, overlaps %d", last.Load(), overlap.Load())
	}
}

// TestWarmed: readers of derived data never wait for a long build (they
// get the newest warmed snapshot), and wait for a short one (they get the
// snapshot of the write just applied).
func TestWarmed(t *testing.T) {
	feats := generated(t, 12)
	for _, c := range []struct {
		name  string
		build time.Duration
		fresh bool
	}{{"long build", 300 * time.Millisecond, false}, {"short build", time.Millisecond, true}} {
		t.Run(c.name, func(t *testing.T) {
			st := &memStore{feats: feats[:10]}
			m, err := readmodel.Load(context.Background(), st.load, func() time.Time { return now })
			if err != nil {
				t.Fatal(err)
			}
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			w := m.Warm(ctx, func(*readmodel.Snapshot) { time.Sleep(c.build) })
			first := m.Snapshot()
			deadline := time.Now().Add(10 * time.Second)
			for w.Snapshot() != first && time.Now().Before(deadline) { // the first warm-up
				time.Sleep(time.Millisecond)
			}
			time.Sleep(2 * c.build)
			if err := m.Apply(context.Background(), catalog.Commit{Revision: 11, Features: feats[10:11]}); err != nil {
				t.Fatal(err)
			}
			start := time.Now()
			got := w.Snapshot()
			waited := time.Since(start)
			if c.fresh && got.Revision != 11 {
				t.Errorf("short build: revision %d, want the write's 11", got.Revision)
			}
			if !c.fresh && (got != first || waited > c.build/2) {
				t.Errorf("long build: revision %d after %v, want the warmed revision %d at once", got.Revision, waited, first.Revision)
			}
			for w.Snapshot().Revision != 11 && time.Now().Before(deadline) {
				time.Sleep(time.Millisecond)
			}
			if w.Snapshot().Revision != 11 {
				t.Errorf("never warmed the newest snapshot")
			}
		})
	}
}

// TestLoadStream: a snapshot built batch by batch, as a cold start reads
// the store, equals one built at once, whatever the batch size.
func TestLoadStream(t *testing.T) {
	feats := generated(t, 700)
	want := encodeAll(readmodel.Build(feats, int64(len(feats)), now))
	for _, size := range []int{1, 7, 256, 1000, 100000} {
		stream := batched(feats, size)
		m, err := readmodel.LoadStream(context.Background(), stream, nil, func() time.Time { return now })
		if err != nil {
			t.Fatal(err)
		}
		if s := m.Snapshot(); s.Revision != int64(len(feats)) || encodeAll(s) != want {
			t.Fatalf("batches of %d: the streamed snapshot differs from a full build", size)
		}
	}
}

// batched streams feats collection by collection in batches of size, as
// the store does on a cold start.
func batched(feats []*catalog.Feature, size int) readmodel.Stream {
	return func(_ context.Context, _ int64, each func([]*catalog.Feature) error) (int64, error) {
		for _, c := range catalog.Collections {
			var batch []*catalog.Feature
			for _, f := range feats {
				if f.Collection != c {
					continue
				}
				if batch = append(batch, f); len(batch) == size {
					if err := each(batch); err != nil {
						return 0, err
					}
					batch = nil
				}
			}
			if len(batch) > 0 {
				if err := each(batch); err != nil {
					return 0, err
				}
			}
		}
		return int64(len(feats)), nil
	}
}
