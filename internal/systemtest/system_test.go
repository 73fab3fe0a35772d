package systemtest

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"
)

// scenario sizes one run.
type scenario struct {
	load    time.Duration // how long the mixed load runs
	cycle   time.Duration // one round of every fault; repeated while the load runs
	readers int           // concurrent readers through HAProxy
	writers int           // concurrent officers patching a parcel each (plus one creating parcels)
	sample  time.Duration // how often RSS is read
}

// TestSystem is the short form, run by CI: one round of every fault under
// about 40 seconds of load.
func TestSystem(t *testing.T) {
	runSystem(t, scenario{load: 40 * time.Second, cycle: 40 * time.Second, readers: 4, writers: 2, sample: 2 * time.Second})
}

// TestSoak is the long form: LANDCAT_SOAK=10m go test -run TestSoak -v
// -timeout 30m ./internal/systemtest (make soak). A round of faults every
// minute.
func TestSoak(t *testing.T) {
	v := os.Getenv("LANDCAT_SOAK")
	if v == "" {
		t.Skip("LANDCAT_SOAK is not set: set it to a duration (e.g. LANDCAT_SOAK=10m, or make soak) to run the soak")
	}
	d, err := time.ParseDuration(v)
	if err != nil || d < time.Minute {
		t.Fatalf("LANDCAT_SOAK must be a duration of at least 1m, got %q", v)
	}
	runSystem(t, scenario{load: d, cycle: time.Minute, readers: 4, writers: 2, sample: 10 * time.Second})
}

// Phases of the run, for reads counted per phase.
const (
	phaseNormal = iota
	phaseKilled
	phasePaused
	phaseDBDown
	phaseDBRestart
	phaseListeners
	nPhases
)

var phaseNames = [nPhases]string{"normal", "replica killed -9 / restarting", "replica SIGSTOP", "PostgreSQL stopped", "PostgreSQL restart", "listeners terminated"}

type run struct {
	t        *testing.T
	sc       scenario
	lb       string
	key      string
	replicas []*replica
	pg       *cluster
	client   *http.Client
	start    time.Time
	phase    atomic.Int32

	mu         sync.Mutex
	kinds      map[string]*kindStats
	byPhase    [nPhases][2]int // reads: ok, total
	violations []string
	events     []string
	rss        []rssSample
}

type kindStats struct {
	outcomes map[string]int
	lat      []time.Duration
}

type rssSample struct {
	at  time.Duration
	kib []int
	pid []int
}

func (r *run) violate(format string, args ...any) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if len(r.violations) < 50 {
		r.violations = append(r.violations, fmt.Sprintf("%6.1fs ", time.Since(r.start).Seconds())+fmt.Sprintf(format, args...))
	}
}

func (r *run) event(format string, args ...any) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.events = append(r.events, fmt.Sprintf("%6.1fs ", time.Since(r.start).Seconds())+fmt.Sprintf(format, args...))
}

func (r *run) record(kind, outcome string, d time.Duration, read bool, ok bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	k := r.kinds[kind]
	if k == nil {
		k = &kindStats{outcomes: map[string]int{}}
		r.kinds[kind] = k
	}
	k.outcomes[outcome]++
	if outcome == "500" && len(r.violations) < 50 {
		r.violations = append(r.violations, fmt.Sprintf("%6.1fs %s answered 500", time.Since(r.start).Seconds(), kind))
	}
	if ok {
		k.lat = append(k.lat, d)
	}
	if read {
		p := r.phase.Load()
		r.byPhase[p][1]++
		if ok {
			r.byPhase[p][0]++
		}
	}
}

func outcomeOf(resp *http.Response, err error) string {
	if err != nil {
		switch {
		case errors.Is(err, context.DeadlineExceeded), strings.Contains(err.Error(), "Client.Timeout"):
			return "client timeout"
		case errors.Is(err, syscall.ECONNREFUSED):
			return "connection refused"
		case errors.Is(err, syscall.ECONNRESET), errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
			return "connection reset"
		}
		return "transport error"
	}
	return strconv.Itoa(resp.StatusCode)
}

func runSystem(t *testing.T, sc scenario) {
	root, err := os.MkdirTemp("", "landcat-system-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(root) })
	if err := os.Chmod(root, 0o755); err != nil { // the postgres OS user enters it
		t.Fatal(err)
	}
	need(t, "haproxy")
	setup := time.Now()
	pg := startCluster(t, root)
	bin := buildLandcat(t, root)
	env := []string{"LANDCAT_DATABASE_URL=" + pg.URL(), "LANDCAT_RATE_LIMIT=off", "LANDCAT_LOG_LEVEL=warn"}
	if out, err := exec.Command(bin, append([]string{"migrate"}, "--database-url", pg.URL())...).CombinedOutput(); err != nil {
		t.Fatalf("landcat migrate: %v\n%s", err, out)
	}
	var replicas []*replica
	for i := range 3 {
		rep := &replica{name: fmt.Sprintf("r%d", i), addr: fmt.Sprintf("127.0.0.1:%d", freePort(t)), bin: bin,
			log: filepath.Join(root, fmt.Sprintf("r%d.log", i)), env: append(slices.Clone(env), "LANDCAT_DEMO="+strconv.FormatBool(i == 0))}
		if err := rep.start(); err != nil { // the first loads the demo catalogue; then the others start
			t.Fatal(err)
		}
		replicas = append(replicas, rep)
	}
	t.Cleanup(func() {
		for _, rep := range replicas {
			rep.stop()
		}
		if t.Failed() {
			for _, rep := range replicas {
				b, _ := os.ReadFile(rep.log)
				t.Logf("%s log (last 2000 bytes):\n%s", rep.name, tail(b, 2000))
			}
		}
	})
	out, err := exec.Command(bin, "apikey", "create", "--name", "system-test", "--role", "publisher", "--database-url", pg.URL()).Output()
	if err != nil {
		t.Fatalf("apikey: %v", err)
	}
	lb := startHAProxy(t, root, replicas)
	r := &run{t: t, sc: sc, lb: lb.addr, key: strings.TrimSpace(string(out)), replicas: replicas, pg: pg, kinds: map[string]*kindStats{},
		client: &http.Client{Timeout: 20 * time.Second, Transport: &http.Transport{MaxIdleConnsPerHost: 32, MaxConnsPerHost: 64}}}
	t.Logf("set up in %v: PostgreSQL on 127.0.0.1:%d, replicas %s %s %s, HAProxy on %s", time.Since(setup).Round(time.Millisecond),
		pg.port, replicas[0].addr, replicas[1].addr, replicas[2].addr, lb.addr)

	ids := r.publishedParcels()
	owned := []string{"hp-dc1-03", "hp-dc2-02", "hp-ndv-02", "hp-ndv-03", "hp-dc1-04", "hp-dc2-03"}[:sc.writers]
	r.start = time.Now()
	ctx, cancel := context.WithTimeout(context.Background(), sc.load)
	defer cancel()
	var wg sync.WaitGroup
	for i := range sc.readers {
		wg.Add(1)
		go func() { defer wg.Done(); r.reader(ctx, i, ids) }()
	}
	writers := make([]*writer, len(owned))
	for i, id := range owned {
		writers[i] = &writer{id: id, base: (i + 1) * 1_000_000}
		wg.Add(1)
		go func() { defer wg.Done(); r.patcher(ctx, writers[i]) }()
	}
	cr := &creator{prefix: fmt.Sprintf("sys-%d", time.Now().UnixNano()%1_000_000)}
	wg.Add(1)
	go func() { defer wg.Done(); r.creator(ctx, cr) }()
	wg.Add(2)
	go func() { defer wg.Done(); r.sampleRSS(ctx) }()
	go func() { defer wg.Done(); r.faults(ctx) }()
	wg.Wait()
	loadTook := time.Since(r.start)

	converged := r.converge()
	r.verifyWrites(writers, cr)
	r.report(loadTook, converged, writers, cr)
	for _, v := range r.violations {
		t.Error(v)
	}
}

func (r *run) publishedParcels() []string {
	resp, err := r.client.Get("http://" + r.lb + "/collections/parcels/items?limit=1000")
	if err != nil {
		r.t.Fatal(err)
	}
	defer resp.Body.Close()
	var fc struct{ Features []struct{ ID string } }
	if err := json.NewDecoder(resp.Body).Decode(&fc); err != nil || len(fc.Features) < 50 {
		r.t.Fatalf("published parcels through HAProxy: %d %v", len(fc.Features), err)
	}
	var ids []string
	for _, f := range fc.Features {
		ids = append(ids, f.ID)
	}
	return ids
}

var tilePaths = []string{"/tiles/WebMercatorQuad/14/7223/13052", "/tiles/WebMercatorQuad/13/3611/6526", "/tiles/WebMercatorQuad/12/1805/3263",
	"/tiles/WebMercatorQuad/10/451/815", "/collections/parcels/tiles/WebMercatorQuad/14/7223/13052"}

// reader sends a mix of public reads through HAProxy: items with a bbox,
// single features, tiles, matches.
func (r *run) reader(ctx context.Context, seed int, ids []string) {
	rng := rand.New(rand.NewPCG(uint64(seed), 42))
	for n := 0; n < 2_000_000 && ctx.Err() == nil; n++ {
		var kind string
		var req *http.Request
		switch x := rng.IntN(100); {
		case x < 25:
			kind = "items"
			req, _ = http.NewRequest("GET", "http://"+r.lb+"/collections/parcels/items?limit=20&bbox=106.55,20.70,106.95,20.95", nil)
		case x < 60:
			kind = "feature"
			req, _ = http.NewRequest("GET", "http://"+r.lb+"/collections/parcels/items/"+ids[rng.IntN(len(ids))], nil)
		case x < 90:
			kind = "tile"
			req, _ = http.NewRequest("GET", "http://"+r.lb+tilePaths[rng.IntN(len(tilePaths))], nil)
		default:
			kind = "match"
			req, _ = http.NewRequest("POST", "http://"+r.lb+"/match", strings.NewReader(`{"sector":"data_center","limit":3}`))
			req.Header.Set("Content-Type", "application/json")
		}
		t0 := time.Now()
		resp, err := r.client.Do(req)
		if err == nil {
			_, err = io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
		}
		d := time.Since(t0)
		ok := err == nil && (resp.StatusCode == 200 || resp.StatusCode == 204)
		r.record(kind, outcomeOf(resp, err), d, true, ok)
		time.Sleep(5 * time.Millisecond)
	}
}

// writer is an officer patching one parcel: each attempt writes a value of
// its own, so the final state says which attempt won.
type writer struct {
	id       string
	base     int
	attempts []int
	unknown  map[int]bool // no answer, or a 5xx other than 503: may or may not have been applied
	acked    []int
	afterDB  int // acknowledged writes after the last PostgreSQL outage
}

func (r *run) officer(method, path, body string, hdr ...string) (*http.Response, []byte, time.Duration, error) {
	req, _ := http.NewRequest(method, "http://"+r.lb+path, strings.NewReader(body))
	req.Header.Set("Authorization", "Bearer "+r.key)
	for i := 0; i+1 < len(hdr); i += 2 {
		req.Header.Set(hdr[i], hdr[i+1])
	}
	t0 := time.Now()
	resp, err := r.client.Do(req)
	if err != nil {
		return nil, nil, time.Since(t0), err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	return resp, b, time.Since(t0), err
}

// patcher: read the ETag, PATCH with If-Match; on 412 read again, on 503
// (which must carry Retry-After) wait and retry.
func (r *run) patcher(ctx context.Context, w *writer) {
	w.unknown = map[int]bool{}
	for n := 0; n < 200_000 && ctx.Err() == nil; n++ {
		resp, _, _, err := r.officer("GET", "/collections/parcels/items/"+w.id, "")
		if err != nil || resp.StatusCode != 200 {
			time.Sleep(100 * time.Millisecond)
			continue
		}
		v := w.base + n
		w.attempts = append(w.attempts, v)
		resp, _, d, err := r.officer("PATCH", "/collections/parcels/items/"+w.id, fmt.Sprintf(`{"properties":{"water_m3_day":%d}}`, v),
			"If-Match", resp.Header.Get("ETag"), "Content-Type", "application/merge-patch+json")
		outcome := outcomeOf(resp, err)
		r.record("write (PATCH)", outcome, d, false, err == nil && resp.StatusCode == 200)
		switch {
		case err == nil && resp.StatusCode == 200:
			w.acked = append(w.acked, v)
			if r.phase.Load() != phaseDBDown {
				w.afterDB++
			}
		case err == nil && resp.StatusCode == 412:
		case err == nil && resp.StatusCode == 503:
			if resp.Header.Get("Retry-After") == "" {
				r.violate("PATCH answered 503 without Retry-After")
			}
			time.Sleep(250 * time.Millisecond)
		case err == nil && resp.StatusCode < 500:
			r.violate("PATCH %s: %s", w.id, resp.Status)
		default:
			w.unknown[v] = true
			time.Sleep(100 * time.Millisecond)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// maxCreates bounds the parcels the creator adds, so that the catalogue
// (and with it each replica's memory) stops growing after the first
// minute: what the soak's RSS then shows is the process, not the data.
const maxCreates = 300

// creator creates draft parcels with PUT If-None-Match: *, retrying the
// same id until it has an answer.
type creator struct {
	prefix  string
	created []string
}

func (r *run) creator(ctx context.Context, c *creator) {
	for k := 0; k < maxCreates && ctx.Err() == nil; k++ {
		id := fmt.Sprintf("%s-%d", c.prefix, k)
		body := fmt.Sprintf(`{"type":"Feature","geometry":{"type":"Polygon","coordinates":[[[106.60,20.93],[106.601,20.93],[106.601,20.931],[106.60,20.931],[106.60,20.93]]]},
		 "properties":{"code":"%s","name_vi":"Lô","name_en":"Plot","zone_id":"z-nck","status":"available"}}`, strings.ToUpper(id))
		uncertain := false
		for try := 0; try < 100; try++ {
			resp, _, d, err := r.officer("PUT", "/collections/parcels/items/"+id, body, "If-None-Match", "*", "Content-Type", "application/geo+json")
			r.record("write (PUT create)", outcomeOf(resp, err), d, false, err == nil && resp.StatusCode == 201)
			if err == nil && resp.StatusCode == 201 {
				c.created = append(c.created, id)
				break
			}
			if err == nil && resp.StatusCode == 412 {
				if !uncertain {
					r.violate("PUT %s with If-None-Match: * answered 412 for a new id", id)
				}
				c.created = append(c.created, id) // an earlier attempt went through
				break
			}
			if err == nil && resp.StatusCode == 503 {
				if resp.Header.Get("Retry-After") == "" {
					r.violate("PUT answered 503 without Retry-After")
				}
				time.Sleep(250 * time.Millisecond)
				continue
			}
			if err == nil && resp.StatusCode < 500 {
				r.violate("PUT %s: %s", id, resp.Status)
				break
			}
			uncertain = true
			if ctx.Err() != nil {
				return
			}
			time.Sleep(100 * time.Millisecond)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

func (r *run) sampleRSS(ctx context.Context) {
	tick := time.NewTicker(r.sc.sample)
	defer tick.Stop()
	for {
		s := rssSample{at: time.Since(r.start)}
		for _, rep := range r.replicas {
			s.kib = append(s.kib, rep.rss())
			s.pid = append(s.pid, rep.pid())
		}
		r.mu.Lock()
		r.rss = append(r.rss, s)
		r.mu.Unlock()
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		}
	}
}

// faults runs rounds of faults while the load runs: a replica killed with
// SIGKILL and restarted, another paused with SIGSTOP, PostgreSQL stopped
// (writes must answer 503 with Retry-After, replicas stay ready) and
// started, PostgreSQL restarted, the change-feed connections terminated.
func (r *run) faults(ctx context.Context) {
	for round := 0; ctx.Err() == nil; round++ {
		t0 := time.Now()
		c := r.sc.cycle
		at := func(frac float64) bool {
			select {
			case <-ctx.Done():
				return false
			case <-time.After(time.Until(t0.Add(time.Duration(frac * float64(c))))):
				return true
			}
		}
		victim := r.replicas[1+round%2]
		if !at(0.10) {
			return
		}
		r.phase.Store(phaseKilled)
		victim.kill9()
		r.event("kill -9 %s", victim.name)
		time.Sleep(2 * time.Second)
		if err := victim.start(); err != nil {
			r.violate("restart %s: %v", victim.name, err)
		}
		r.event("%s restarted (pid %d)", victim.name, victim.pid())
		r.phase.Store(phaseNormal)

		paused := r.replicas[2-round%2]
		if !at(0.30) {
			return
		}
		r.phase.Store(phasePaused)
		paused.signal(syscall.SIGSTOP)
		r.event("SIGSTOP %s", paused.name)
		time.Sleep(5 * time.Second)
		paused.signal(syscall.SIGCONT)
		r.event("SIGCONT %s", paused.name)
		r.phase.Store(phaseNormal)

		if !at(0.50) {
			return
		}
		r.dbOutage()

		if !at(0.70) {
			return
		}
		r.phase.Store(phaseDBRestart)
		t1 := time.Now()
		r.pg.pgctl("restart")
		r.event("pg_ctl restart -m fast (%v)", time.Since(t1).Round(time.Millisecond))
		r.phase.Store(phaseNormal)

		if !at(0.85) {
			return
		}
		r.phase.Store(phaseListeners)
		n, err := r.pg.killListeners()
		r.event("terminated %d landcat-listen connections (%v)", n, err)
		time.Sleep(2 * time.Second)
		r.phase.Store(phaseNormal)
		at(1)
	}
}

// dbOutage stops PostgreSQL for a few seconds: every replica stays ready
// (200, database unavailable, writes degraded), the strict check and
// writes answer 503 with Retry-After; after the start, writes succeed.
func (r *run) dbOutage() {
	r.phase.Store(phaseDBDown)
	r.pg.pgctl("stop")
	stopped := time.Now()
	r.event("pg_ctl stop -m fast")
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	for _, rep := range r.replicas {
		for {
			code, body, err := readyz(ctx, r.client, rep.addr)
			if err == nil && code == 200 && body["database"] == "unavailable" && body["writes"] == "degraded" {
				break
			}
			if ctx.Err() != nil {
				r.violate("%s /readyz with PostgreSQL stopped: %d %v %v (want 200, database unavailable)", rep.name, code, body, err)
				break
			}
			time.Sleep(100 * time.Millisecond)
		}
		req, _ := http.NewRequest("GET", "http://"+rep.addr+"/readyz?strict=true", nil)
		if resp, err := r.client.Do(req); err != nil || resp.StatusCode != 503 || resp.Header.Get("Retry-After") == "" {
			r.violate("%s /readyz?strict=true with PostgreSQL stopped: %v %v", rep.name, outcomeOf(resp, err), err)
		} else {
			resp.Body.Close()
		}
	}
	cancel()
	resp, _, _, err := r.officer("PATCH", "/collections/parcels/items/hp-dc1-01", `{"properties":{"water_m3_day":1}}`,
		"If-Match", "*", "Content-Type", "application/merge-patch+json")
	if err != nil || resp.StatusCode != 503 || resp.Header.Get("Retry-After") == "" {
		r.violate("PATCH through HAProxy with PostgreSQL stopped: %s (want 503 with Retry-After)", outcomeOf(resp, err))
	} else {
		r.event("write with PostgreSQL stopped: 503, Retry-After %s", resp.Header.Get("Retry-After"))
	}
	time.Sleep(time.Until(stopped.Add(4 * time.Second)))
	r.pg.pgctl("start")
	r.event("pg_ctl start after %v", time.Since(stopped).Round(time.Millisecond))
	r.phase.Store(phaseNormal)
	deadline := time.Now().Add(30 * time.Second)
	for {
		resp, _, _, err := r.officer("GET", "/collections/parcels/items/hp-dc1-01", "")
		if err == nil && resp.StatusCode == 200 {
			resp, _, _, err = r.officer("PATCH", "/collections/parcels/items/hp-dc1-01", `{"properties":{"water_m3_day":2}}`,
				"If-Match", resp.Header.Get("ETag"), "Content-Type", "application/merge-patch+json")
			if err == nil && resp.StatusCode == 200 {
				r.event("first write after the start: %v after it", time.Since(stopped.Add(4*time.Second)).Round(time.Millisecond))
				return
			}
		}
		if time.Now().After(deadline) {
			r.violate("no write succeeded within 30s of PostgreSQL's start: %s", outcomeOf(resp, err))
			return
		}
		time.Sleep(200 * time.Millisecond)
	}
}

// converge waits until every replica serves the database's revision.
func (r *run) converge() time.Duration {
	db := r.pg.db("landcat")
	defer db.Close()
	var want int64
	if err := db.QueryRow("SELECT revision FROM catalog_state WHERE id = 1").Scan(&want); err != nil {
		r.t.Fatal(err)
	}
	t0 := time.Now()
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	for {
		var revs []int64
		for _, rep := range r.replicas {
			_, body, err := readyz(ctx, r.client, rep.addr)
			rev, _ := body["revision"].(float64)
			if err != nil {
				rev = -1
			}
			revs = append(revs, int64(rev))
		}
		if !slices.ContainsFunc(revs, func(v int64) bool { return v != want }) {
			r.event("all replicas at revision %d (the database's) %v after the load", want, time.Since(t0).Round(time.Millisecond))
			return time.Since(t0)
		}
		if ctx.Err() != nil {
			r.violate("replicas did not converge on revision %d within 60s: %v", want, revs)
			return time.Since(t0)
		}
		time.Sleep(200 * time.Millisecond)
	}
}

// verifyWrites reads every replica directly: each parcel's final value is
// its writer's last acknowledged write (or a later attempt whose answer
// was lost), and every acknowledged create is there.
func (r *run) verifyWrites(writers []*writer, c *creator) {
	get := func(rep *replica, id string) (int, map[string]any) {
		req, _ := http.NewRequest("GET", "http://"+rep.addr+"/collections/parcels/items/"+id, nil)
		req.Header.Set("Authorization", "Bearer "+r.key)
		resp, err := r.client.Do(req)
		if err != nil {
			return 0, nil
		}
		defer resp.Body.Close()
		var f struct{ Properties map[string]any }
		_ = json.NewDecoder(resp.Body).Decode(&f)
		return resp.StatusCode, f.Properties
	}
	for _, w := range writers {
		if len(w.acked) == 0 {
			r.violate("writer of %s had no acknowledged write", w.id)
			continue
		}
		last := w.acked[len(w.acked)-1]
		allowed := map[int]bool{last: true}
		for _, v := range w.attempts {
			if v > last && w.unknown[v] {
				allowed[v] = true
			}
		}
		for _, rep := range r.replicas {
			code, props := get(rep, w.id)
			got, _ := props["water_m3_day"].(float64)
			if code != 200 || !allowed[int(got)] {
				r.violate("%s on %s: %d water_m3_day=%v, want the last acknowledged write %d (or a later unanswered attempt)", w.id, rep.name, code, got, last)
			}
		}
	}
	for _, rep := range r.replicas {
		missing := 0
		for _, id := range c.created {
			if code, _ := get(rep, id); code != 200 {
				missing++
			}
		}
		if missing > 0 {
			r.violate("%s lacks %d of the %d acknowledged creates", rep.name, missing, len(c.created))
		}
	}
}

func percentile(d []time.Duration, p float64) time.Duration {
	if len(d) == 0 {
		return 0
	}
	sort.Slice(d, func(i, j int) bool { return d[i] < d[j] })
	return d[min(len(d)-1, int(p*float64(len(d))))]
}

func (r *run) report(took, converged time.Duration, writers []*writer, c *creator) {
	var b bytes.Buffer
	fmt.Fprintf(&b, "load %v through HAProxy (%d readers, %d patchers, 1 creator), 3 replicas\n", took.Round(time.Second), r.sc.readers, len(writers))
	kinds := make([]string, 0, len(r.kinds))
	for k := range r.kinds {
		kinds = append(kinds, k)
	}
	sort.Strings(kinds)
	total, readOK, readN := 0, 0, 0
	var readLat []time.Duration
	fmt.Fprintf(&b, "%-18s %8s %8s %9s %9s %9s  outcomes\n", "kind", "requests", "ok %", "p50", "p99", "max")
	for _, k := range kinds {
		s := r.kinds[k]
		n := 0
		for _, c := range s.outcomes {
			n += c
		}
		total += n
		if !strings.HasPrefix(k, "write") {
			readN += n
			readOK += len(s.lat)
			readLat = append(readLat, s.lat...)
		}
		var oc []string
		for o, c := range s.outcomes {
			oc = append(oc, fmt.Sprintf("%s×%d", o, c))
		}
		sort.Strings(oc)
		fmt.Fprintf(&b, "%-18s %8d %8.3f %9v %9v %9v  %s\n", k, n, 100*float64(len(s.lat))/float64(max(n, 1)),
			percentile(s.lat, 0.50).Round(10*time.Microsecond), percentile(s.lat, 0.99).Round(10*time.Microsecond),
			percentile(s.lat, 1).Round(time.Millisecond), strings.Join(oc, " "))
	}
	avail := 100 * float64(readOK) / float64(max(readN, 1))
	fmt.Fprintf(&b, "requests %d (%.0f/s); reads %d, %.3f%% answered 2xx, p50 %v p99 %v\n", total, float64(total)/took.Seconds(), readN, avail,
		percentile(readLat, 0.5).Round(10*time.Microsecond), percentile(readLat, 0.99).Round(10*time.Microsecond))
	for p := range nPhases {
		if n := r.byPhase[p][1]; n > 0 {
			fmt.Fprintf(&b, "  reads while %-32s %7d, %.3f%% 2xx\n", phaseNames[p]+":", n, 100*float64(r.byPhase[p][0])/float64(n))
		}
	}
	for _, w := range writers {
		fmt.Fprintf(&b, "writer %s: %d attempts, %d acknowledged, %d without an answer\n", w.id, len(w.attempts), len(w.acked), len(w.unknown))
	}
	fmt.Fprintf(&b, "creator: %d parcels created and found on every replica\n", len(c.created))
	fmt.Fprintf(&b, "converged %v after the load\n", converged.Round(time.Millisecond))
	b.WriteString("faults and checks:\n")
	for _, e := range r.events {
		fmt.Fprintf(&b, "  %s\n", e)
	}
	b.WriteString("RSS (MiB) of each replica over time (a restarted replica starts again):\n")
	step := max(1, len(r.rss)/20)
	for i, s := range r.rss {
		if i%step != 0 && i != len(r.rss)-1 {
			continue
		}
		fmt.Fprintf(&b, "  %7.0fs", s.at.Seconds())
		for j, kib := range s.kib {
			fmt.Fprintf(&b, "  %s=%5.1f (pid %d)", r.replicas[j].name, float64(kib)/1024, s.pid[j])
		}
		b.WriteString("\n")
	}
	if len(r.rss) > 2 {
		// r0 is never killed: its RSS from the end of the first tenth of the run to the end.
		first, last := r.rss[len(r.rss)/10], r.rss[len(r.rss)-1]
		fmt.Fprintf(&b, "r0 (never restarted) RSS: %.1f MiB at %.0fs, %.1f MiB at %.0fs\n",
			float64(first.kib[0])/1024, first.at.Seconds(), float64(last.kib[0])/1024, last.at.Seconds())
	}
	// 503s while the database is away are expected (and logged at error
	// level with their cause); anything else logged at error level is shown.
	unexpected, expected := 0, 0
	var shown []string
	for _, rep := range r.replicas {
		data, _ := os.ReadFile(rep.log)
		for _, line := range strings.Split(string(data), "\n") {
			if !strings.Contains(line, "level=ERROR") {
				continue
			}
			if strings.Contains(line, "status=503") || strings.Contains(line, "the database is unavailable") || strings.Contains(line, "demand records lost") {
				expected++
				continue
			}
			unexpected++
			if len(shown) < 10 {
				shown = append(shown, "  "+rep.name+": "+line+"\n")
			}
		}
	}
	fmt.Fprintf(&b, "replica log lines at error level: %d for the database outages (503s, demand records lost), %d others\n", expected, unexpected)
	b.WriteString(strings.Join(shown, ""))
	r.t.Log("\n" + b.String())
	if path := os.Getenv("LANDCAT_SYSTEM_REPORT"); path != "" {
		_ = os.WriteFile(path, b.Bytes(), 0o644)
	}
	// The error budget: reads through HAProxy stay available through every
	// fault, the PostgreSQL outage and restart included.
	if avail < 99 {
		r.violate("reads through HAProxy: %.3f%% answered 2xx, below the 99%% budget", avail)
	}
	for _, w := range writers {
		if w.afterDB == 0 {
			r.violate("writer of %s had no acknowledged write outside the outage", w.id)
		}
	}
}
