package main

import (
	"fmt"
	"io"
	"net/http"
	"slices"
	"strings"
	"time"
)

// writeVisibility PATCHes one parcel repeatedly and measures how long until
// a reader sees the new value: the write's own round trip (the writer
// applies its commit before answering) and the first GET that shows it.
func writeVisibility(c *http.Client, o options, out io.Writer) error {
	if o.key == "" {
		fmt.Fprintln(out, "write        skipped: give -key (an editor's API key) or LANDCAT_KEY")
		return nil
	}
	path, err := scenarioPath(c, o.base, "feature")
	if err != nil {
		return err
	}
	var lat []time.Duration
	deadline := time.Now().Add(o.duration)
	for i := 0; time.Now().Before(deadline) && i < 500; i++ {
		etag, err := currentETag(c, o.base+path, o.key)
		if err != nil {
			return err
		}
		price := 100 + float64(i%50) + 0.25
		start := time.Now()
		req, _ := http.NewRequest("PATCH", o.base+path, strings.NewReader(fmt.Sprintf(`{"properties":{"management_fee_usd_m2_year":%g}}`, price/100)))
		req.Header.Set("Authorization", "Bearer "+o.key)
		req.Header.Set("Content-Type", "application/merge-patch+json")
		req.Header.Set("If-Match", etag)
		resp, err := c.Do(req)
		if err != nil {
			return err
		}
		_, _ = io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		if resp.StatusCode != 200 {
			return fmt.Errorf("PATCH %s: %s", path, resp.Status)
		}
		if err := waitFor(c, o.base+path, fmt.Sprintf(`"management_fee_usd_m2_year":%g`, price/100)); err != nil {
			return err
		}
		lat = append(lat, time.Since(start))
	}
	slices.Sort(lat)
	r := result{n: int64(len(lat)), lat: lat}
	fmt.Fprintf(out, "%-12s %10d %10s %10.2f %10.2f %10.2f %8d   (PATCH until a public GET shows it)\n", "write", r.n, "-", ms(r.pct(50)), ms(r.pct(90)), ms(r.pct(99)), 0)
	return nil
}

func currentETag(c *http.Client, u, key string) (string, error) {
	req, _ := http.NewRequest("GET", u, nil)
	req.Header.Set("Authorization", "Bearer "+key)
	resp, err := c.Do(req)
	if err != nil {
		return "", err
	}
	_, _ = io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	return resp.Header.Get("ETag"), nil
}

func waitFor(c *http.Client, u, want string) error {
	for start := time.Now(); time.Since(start) < 10*time.Second; {
		resp, err := c.Get(u)
		if err != nil {
			return err
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if strings.Contains(string(b), want) {
			return nil
		}
	}
	return fmt.Errorf("the write never became visible at %s", u)
}
