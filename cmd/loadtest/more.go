package main

import (
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// ceiling serves the exact bytes of path (as landcat sent them, identity)
// from a bare net/http handler on loopback and measures it with the same
// client and concurrency: what any Go server could do for those bytes.
func ceiling(c *http.Client, o options, path string) (result, error) {
	resp, err := c.Get(o.base + path)
	if err != nil {
		return result{}, err
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	ct := resp.Header.Get("Content-Type")
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return result{}, err
	}
	srv := &http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", ct)
		w.Header().Set("Content-Length", strconv.Itoa(len(body)))
		_, _ = w.Write(body)
	})}
	go srv.Serve(ln)
	defer srv.Close()
	r := hammer(c, "http://"+ln.Addr().String()+"/", nil, o.duration, o.concurrency)
	r.size = len(body)
	return r, nil
}

func sizeOf(n int) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d B", n)
}

// matchUnderWrites measures POST /match while an officer writes at
// -write-rate: first alone, then with the writes; the writes rotate over
// many parcels, each GET for its ETag and PATCHed with If-Match.
func matchUnderWrites(c *http.Client, o options, out io.Writer) error {
	if o.key == "" {
		fmt.Fprintln(out, "match-writes skipped: give -key (an editor's API key) or LANDCAT_KEY")
		return nil
	}
	path, _ := scenarioPath(c, o.base, "match")
	alone := hammer(c, o.base+path, []byte(matchBody), o.duration, o.concurrency)
	report(out, "match", alone, o.duration)
	ctx, cancel := context.WithTimeout(context.Background(), o.duration)
	defer cancel()
	w := startWriter(ctx, c, o)
	busy := hammer(c, o.base+path, []byte(matchBody), o.duration, o.concurrency)
	cancel()
	writes, failed := w.wait()
	report(out, "  +writes", busy, o.duration)
	fmt.Fprintf(out, "%-12s %10d %10.1f %32s %8d   (PATCH with If-Match while matching; p99 %.2fx alone)\n", "  writes", writes,
		float64(writes)/o.duration.Seconds(), "", failed, ms(busy.pct(99))/max(0.001, ms(alone.pct(99))))
	return nil
}

// writer PATCHes parcels at a steady rate until its context ends.
type writer struct {
	wg         sync.WaitGroup
	ok, failed atomic.Int64
}

func startWriter(ctx context.Context, c *http.Client, o options) *writer {
	w := &writer{}
	var ids []string
	var fc struct{ Features []struct{ ID string } }
	if err := getJSON(c, o.base+"/collections/parcels/items?limit=200&offset=1000", &fc); err == nil {
		for _, f := range fc.Features {
			ids = append(ids, f.ID)
		}
	}
	if len(ids) == 0 || o.writeRate <= 0 {
		return w
	}
	every := time.Duration(float64(time.Second) / o.writeRate)
	w.wg.Add(1)
	go func() {
		defer w.wg.Done()
		t := time.NewTicker(every)
		defer t.Stop()
		for i := 0; ; i++ {
			select {
			case <-ctx.Done():
				return
			case <-t.C:
			}
			w.wg.Add(1)
			go func() {
				defer w.wg.Done()
				if patch(c, o, ids[i%len(ids)], i) {
					w.ok.Add(1)
				} else {
					w.failed.Add(1)
				}
			}()
		}
	}()
	return w
}

func (w *writer) wait() (int64, int64) {
	w.wg.Wait()
	return w.ok.Load(), w.failed.Load()
}

// patch changes one parcel's management fee; a 412 (someone else wrote
// first) is retried once with the fresh ETag.
func patch(c *http.Client, o options, id string, i int) bool {
	u := o.base + "/collections/parcels/items/" + id
	for range 2 {
		etag, err := currentETag(c, u, o.key)
		if err != nil {
			return false
		}
		req, _ := http.NewRequest("PATCH", u, strings.NewReader(fmt.Sprintf(`{"properties":{"management_fee_usd_m2_year":%g}}`, 0.5+float64(i%100)/100)))
		req.Header.Set("Authorization", "Bearer "+o.key)
		req.Header.Set("Content-Type", "application/merge-patch+json")
		req.Header.Set("If-Match", etag)
		resp, err := c.Do(req)
		if err != nil {
			return false
		}
		_, _ = io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		if resp.StatusCode == 200 {
			return true
		}
		if resp.StatusCode != http.StatusPreconditionFailed {
			return false
		}
	}
	return false
}

// mixed runs every read scenario at once (one client each, round robin
// over the concurrency), with writes at -write-rate, for -duration, and
// samples the server's RSS (-pid) every tenth of the run: the soak behind
// the README's memory figures.
func mixed(c *http.Client, o options, out io.Writer) error {
	names := []string{"feature", "bbox1000", "items100", "offset90k", "landuse", "cql2", "tile", "match"}
	type target struct {
		url  string
		body []byte
	}
	var targets []target
	for _, sc := range names {
		path, err := scenarioPath(c, o.base, sc)
		if err != nil {
			return err
		}
		t := target{url: o.base + path, body: bodyOf(sc)}
		targets = append(targets, t)
	}
	ctx, cancel := context.WithTimeout(context.Background(), o.duration)
	defer cancel()
	var w *writer
	if o.key != "" {
		w = startWriter(ctx, c, o)
	}
	rss := make(chan string, 1)
	go func() { rss <- sampleRSS(ctx, o.pid, o.duration/10) }()
	var n, errs atomic.Int64
	var wg sync.WaitGroup
	for k := range o.concurrency {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := k; ctx.Err() == nil; i++ {
				t := targets[i%len(targets)]
				if !send(c, t.url, t.body) {
					errs.Add(1)
				}
				n.Add(1)
			}
		}()
	}
	wg.Wait()
	fmt.Fprintf(out, "%-12s %10d %10.0f %32s %8d\n", "mixed", n.Load(), float64(n.Load())/o.duration.Seconds(), "", errs.Load())
	if w != nil {
		ok, failed := w.wait()
		fmt.Fprintf(out, "%-12s %10d %10.1f %32s %8d\n", "  writes", ok, float64(ok)/o.duration.Seconds(), "", failed)
	}
	fmt.Fprintf(out, "RSS (MB) every %s: %s\n", o.duration/10, <-rss)
	return nil
}

func send(c *http.Client, u string, body []byte) bool {
	var resp *http.Response
	var err error
	if body != nil {
		resp, err = c.Post(u, "application/json", strings.NewReader(string(body)))
	} else {
		resp, err = c.Get(u)
	}
	if err != nil {
		return false
	}
	_, _ = io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	return resp.StatusCode == 200 || resp.StatusCode == 204
}

// sampleRSS reads VmRSS of pid every interval until ctx ends.
func sampleRSS(ctx context.Context, pid int, every time.Duration) string {
	if pid <= 0 {
		return "(give -pid)"
	}
	var out []string
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
		if err == nil {
			for _, line := range strings.Split(string(b), "\n") {
				if f := strings.Fields(line); len(f) >= 2 && f[0] == "VmRSS:" {
					kb, _ := strconv.Atoi(f[1])
					out = append(out, strconv.Itoa(kb/1024))
				}
			}
		}
		select {
		case <-ctx.Done():
			return strings.Join(out, " ")
		case <-t.C:
		}
	}
}

// assemblyBody is a large-project request with site assembly: 15 ha with
// 40 MVA, flood risk at most medium, handed over within a year, at most
// 140 USD/m², from up to 6 plots across roads of up to 60 m (the
// internal/match benchmark BenchmarkMatchAssembly100k asks the same).
const assemblyBody = `{"requirements":{"min_area_ha":15,"min_power_capacity_mva":40,"flood_risk_at_most":"medium",
 "available_within_months":12,"max_lease_price_usd_m2":140},
 "weights":{"power_capacity_mva":2,"area_ha":1,"lease_price_usd_m2":1},
 "assembly":{"max_parcels":6,"max_gap_m":60},"limit":20}`

// bodyOf returns the POST body of a scenario (nil for a GET).
func bodyOf(sc string) []byte {
	switch sc {
	case "match":
		return []byte(matchBody)
	case "assembly":
		return []byte(assemblyBody)
	}
	return nil
}
