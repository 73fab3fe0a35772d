// Command loadtest measures a running landcat over HTTP on this machine:
// requests per second and latency percentiles for the read paths of the
// README's Performance section, and how long a write takes to become
// visible. It refuses targets outside the loopback range.
//
//	go run ./cmd/loadtest -url http://127.0.0.1:8080 -duration 10s -concurrency 8
package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"math"
	"net"
	"net/http"
	"net/url"
	"os"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

func main() {
	if err := run(os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "loadtest:", err)
		os.Exit(1)
	}
}

type options struct {
	base        string
	duration    time.Duration
	concurrency int
	scenarios   string
	key         string
	gzip        bool
	ceiling     bool
	writeRate   float64
	pid         int
	serve, bin  string
}

func run(args []string, out io.Writer) error {
	var o options
	fs := flag.NewFlagSet("loadtest", flag.ContinueOnError)
	fs.StringVar(&o.base, "url", "http://127.0.0.1:8080", "landcat base URL (loopback only)")
	fs.DurationVar(&o.duration, "duration", 10*time.Second, "how long each scenario runs")
	fs.IntVar(&o.concurrency, "concurrency", 8, "concurrent clients")
	fs.StringVar(&o.scenarios, "scenarios", "feature,bbox1000,cql2,tile,match,write",
		"comma-separated: feature, bbox1000, bboxcql2, items100, items1000, offset90k, landuse, cql2, tile, match, assembly, write, match-writes, mixed, or a path starting with /")
	fs.StringVar(&o.key, "key", os.Getenv("LANDCAT_KEY"), "editor API key, for the write scenario")
	fs.BoolVar(&o.gzip, "gzip", false, "ask for gzip (Accept-Encoding: gzip), as browsers do")
	fs.BoolVar(&o.ceiling, "ceiling", false, "also serve each GET scenario's exact bytes from a bare net/http handler on loopback and measure that: the ceiling for the same bytes")
	fs.Float64Var(&o.writeRate, "write-rate", 18, "officer writes per second during match-writes and mixed (needs -key)")
	fs.IntVar(&o.pid, "pid", 0, "the server's process id, to sample its RSS during mixed")
	fs.StringVar(&o.serve, "serve", "", "start a landcat on this database URL (e.g. sqlite:/tmp/100k.db) on a free loopback port, with rate limits off and an editor's key, measure it, stop it; reports its cold load and RSS")
	fs.StringVar(&o.bin, "bin", "bin/landcat", "the landcat binary -serve runs (make build)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if o.serve != "" {
		s, err := startServer(o.bin, o.serve, out)
		if err != nil {
			return err
		}
		defer func() { fmt.Fprintf(out, "server: RSS %d MB at the end\n", rssMB(s.cmd.Process.Pid)); s.stop() }()
		o.base, o.pid = s.base, s.cmd.Process.Pid
		if o.key == "" {
			o.key = s.key
		}
	}
	if err := loopbackOnly(o.base); err != nil {
		return err
	}
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: o.concurrency * 2, DisableCompression: !o.gzip}, Timeout: 30 * time.Second}
	fmt.Fprintf(out, "%-12s %10s %10s %10s %10s %10s %8s\n", "scenario", "requests", "req/s", "p50 ms", "p90 ms", "p99 ms", "errors")
	for _, sc := range strings.Split(o.scenarios, ",") {
		var err error
		switch sc {
		case "write":
			err = writeVisibility(client, o, out)
		case "match-writes":
			err = matchUnderWrites(client, o, out)
		case "mixed":
			err = mixed(client, o, out)
		default:
			err = scenario(client, o, sc, out)
		}
		if err != nil {
			return fmt.Errorf("%s: %w", sc, err)
		}
	}
	return nil
}

// scenario measures one GET (or the match POST), and its ceiling.
func scenario(client *http.Client, o options, sc string, out io.Writer) error {
	path, err := scenarioPath(client, o.base, sc)
	if err != nil {
		return err
	}
	body := bodyOf(sc)
	r := hammer(client, o.base+path, body, o.duration, o.concurrency)
	report(out, sc, r, o.duration)
	if !o.ceiling || body != nil {
		return nil
	}
	c, err := ceiling(client, o, path)
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "%-12s %10d %10.0f %10.2f %10.2f %10.2f %8d   landcat reaches %.2f of the ceiling for %s\n", "  ceiling", c.n,
		float64(c.n)/o.duration.Seconds(), ms(c.pct(50)), ms(c.pct(90)), ms(c.pct(99)), c.errors, float64(r.n)/float64(max(1, c.n)), sizeOf(c.size))
	return nil
}

func report(out io.Writer, name string, r result, d time.Duration) {
	fmt.Fprintf(out, "%-12s %10d %10.0f %10.2f %10.2f %10.2f %8d\n", name, r.n, float64(r.n)/d.Seconds(),
		ms(r.pct(50)), ms(r.pct(90)), ms(r.pct(99)), r.errors)
}

func loopbackOnly(base string) error {
	u, err := url.Parse(base)
	if err != nil {
		return err
	}
	ips, err := net.LookupIP(u.Hostname())
	if err != nil {
		return err
	}
	for _, ip := range ips {
		if !ip.IsLoopback() {
			return fmt.Errorf("%s resolves to %s: load tests target this machine's loopback only", u.Hostname(), ip)
		}
	}
	return nil
}

// scenarioPath picks concrete requests from the catalogue being served.
func scenarioPath(c *http.Client, base, sc string) (string, error) {
	if strings.HasPrefix(sc, "/") {
		return sc, nil
	}
	var fc struct {
		Features []struct {
			ID       string
			Geometry struct{ Coordinates [][][][2]float64 }
		}
		NumberMatched int
	}
	if err := getJSON(c, base+"/collections/parcels/items?limit=1&offset=50000", &fc); err != nil {
		return "", err
	}
	if len(fc.Features) == 0 {
		if err := getJSON(c, base+"/collections/parcels/items?limit=1", &fc); err != nil || len(fc.Features) == 0 {
			return "", errors.New("no parcels served")
		}
	}
	f := fc.Features[0]
	switch sc {
	case "feature":
		return "/collections/parcels/items/" + url.PathEscape(f.ID), nil
	case "match", "assembly":
		return "/match?excluded_limit=0", nil
	case "tile":
		p := f.Geometry.Coordinates[0][0][0]
		z, x, y := tileOf(p[0], p[1], 14)
		return fmt.Sprintf("/tiles/WebMercatorQuad/%d/%d/%d", z, y, x), nil
	case "cql2":
		return "/collections/parcels/items?limit=100&filter=" + url.QueryEscape(cql2Filter), nil
	case "bbox1000":
		p := f.Geometry.Coordinates[0][0][0]
		return bboxFor(c, base, p[0], p[1], 1000)
	case "bboxcql2":
		p := f.Geometry.Coordinates[0][0][0]
		path, err := bboxFor(c, base, p[0], p[1], 1000)
		return path + "&filter=" + url.QueryEscape(cql2Filter), err
	case "items100":
		return "/collections/parcels/items?limit=100", nil
	case "items1000":
		return "/collections/parcels/items?limit=1000", nil
	case "offset90k":
		return "/collections/parcels/items?limit=100&offset=90000", nil
	case "landuse":
		return "/collections/parcels/items?limit=100&land_use=industrial", nil
	}
	return "", fmt.Errorf("unknown scenario %q", sc)
}

// bboxFor grows a box around a point until it holds about n parcels.
func bboxFor(c *http.Client, base string, lon, lat float64, n int) (string, error) {
	for d := 0.002; d < 2; d *= 1.1 {
		box := fmt.Sprintf("bbox=%.5f,%.5f,%.5f,%.5f", lon-d, lat-d, lon+d, lat+d)
		var fc struct{ NumberMatched int }
		if err := getJSON(c, base+"/collections/parcels/items?limit=1&"+box, &fc); err != nil {
			return "", err
		}
		if fc.NumberMatched >= n {
			return fmt.Sprintf("/collections/parcels/items?limit=%d&%s", n, box), nil
		}
	}
	return "", errors.New("the catalogue has fewer parcels than the box needs")
}

func getJSON(c *http.Client, u string, v any) error {
	resp, err := c.Get(u)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode != 200 {
		b, _ := io.ReadAll(resp.Body)
		return fmt.Errorf("GET %s: %s %s", u, resp.Status, b)
	}
	return json.NewDecoder(resp.Body).Decode(v)
}

type result struct {
	n, errors int64
	lat       []time.Duration
	size      int // body bytes, for the ceiling
}

func (r result) pct(p float64) time.Duration {
	if len(r.lat) == 0 {
		return 0
	}
	return r.lat[min(len(r.lat)-1, int(float64(len(r.lat))*p/100))]
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

// cql2Filter is the three-term filter of the cql2 scenarios.
const cql2Filter = "status IN ('available','in_preparation') AND power_capacity_mva >= 60 AND lease_price_usd_m2 < 150"

// matchBody is a data-centre request with 8 requirements and 6 weighted
// criteria (the figure issue 4 names).
const matchBody = `{"sector":"data_center","requirements":{"min_area_ha":2,"min_power_capacity_mva":30,"power_dual_feed":true,
 "min_power_voltage_kv":110,"flood_risk_at_most":"low","min_fibre_carriers":2,"max_lease_price_usd_m2":160,
 "max_distance_km":{"substation":15}},
 "weights":{"power_capacity_mva":4,"fibre_carriers":2,"distance_hazard_km":2,"elevation_m":1,"lease_price_usd_m2":1,"distance_airport_km":1},"limit":20}`

// tileOf returns the WebMercatorQuad tile holding lon, lat at zoom z.
func tileOf(lon, lat float64, z uint) (uint, uint, uint) {
	n := float64(uint(1) << z)
	x := (lon + 180) / 360 * n
	r := lat * math.Pi / 180
	y := (1 - math.Log(math.Tan(r)+1/math.Cos(r))/math.Pi) / 2 * n
	return z, uint(x), uint(y)
}

// hammer sends requests (GET, or POST with body) from concurrency clients
// for d and records every latency.
func hammer(c *http.Client, u string, body []byte, d time.Duration, concurrency int) result {
	ctx, cancel := context.WithTimeout(context.Background(), d)
	defer cancel()
	var mu sync.Mutex
	var res result
	var errs atomic.Int64
	var limited atomic.Bool
	var wg sync.WaitGroup
	for range concurrency {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var local []time.Duration
			for ctx.Err() == nil {
				start := time.Now()
				var resp *http.Response
				var err error
				if body != nil {
					resp, err = c.Post(u, "application/json", bytes.NewReader(body))
				} else {
					resp, err = c.Get(u)
				}
				if err != nil {
					errs.Add(1)
					continue
				}
				_, _ = io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
				if resp.StatusCode == http.StatusTooManyRequests {
					limited.Store(true)
				}
				if resp.StatusCode != 200 && resp.StatusCode != 204 {
					errs.Add(1)
				}
				local = append(local, time.Since(start))
			}
			mu.Lock()
			res.lat = append(res.lat, local...)
			mu.Unlock()
		}()
	}
	wg.Wait()
	if limited.Load() {
		fmt.Fprintln(os.Stderr, "loadtest: the server answered 429: start it with LANDCAT_RATE_LIMIT=off to measure it, not its rate limits")
	}
	slices.Sort(res.lat)
	res.n, res.errors = int64(len(res.lat)), errs.Load()
	return res
}
