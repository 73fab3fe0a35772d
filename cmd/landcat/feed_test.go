package main_test

import (
	"database/sql"
	"net/http"
	"strings"
	"testing"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib"
	"github.com/landcat/landcat/internal/store"
	"github.com/landcat/landcat/internal/testdb"
)

func putParcel(t *testing.T, base, key, id string) {
	t.Helper()
	body := `{"type":"Feature","geometry":{"type":"Polygon","coordinates":[[[106.60,20.93],[106.601,20.93],[106.601,20.931],[106.60,20.931],[106.60,20.93]]]},
	 "properties":{"code":"` + id + `","name_vi":"Lô","name_en":"Plot","zone_id":"z-nck","status":"available"}}`
	req, _ := http.NewRequest("PUT", base+"/collections/parcels/items/"+id, strings.NewReader(body))
	req.Header.Set("Authorization", "Bearer "+key)
	req.Header.Set("Content-Type", "application/geo+json")
	req.Header.Set("If-None-Match", "*")
	resp, err := http.DefaultClient.Do(req)
	if err != nil || resp.StatusCode != 201 {
		t.Fatalf("PUT %s: %v %v", id, err, resp.Status)
	}
	resp.Body.Close()
}

// seen waits until base serves the draft id to an officer, and returns how long it took.
func seen(t *testing.T, base, key, id string, within time.Duration) time.Duration {
	t.Helper()
	start := time.Now()
	for time.Since(start) < within {
		req, _ := http.NewRequest("GET", base+"/collections/parcels/items/"+id, nil)
		req.Header.Set("Authorization", "Bearer "+key)
		if r, err := http.DefaultClient.Do(req); err == nil {
			r.Body.Close()
			if r.StatusCode == 200 {
				return time.Since(start)
			}
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatalf("%s never saw %s within %v", base, id, within)
	return 0
}

// TestChangeFeed runs two processes on one PostGIS database: a write
// through one shows in the other through LISTEN/NOTIFY (the periodic
// catch-up is set to an hour, so only the feed can explain it), and when
// the listener connections are killed mid-stream, the writes made while
// they were down still arrive after the reconnect.
func TestChangeFeed(t *testing.T) {
	bin := binary(t)
	url := testdb.Postgres(t)
	env := []string{"LANDCAT_DATABASE_URL=" + url, "LANDCAT_DEMO=true", "LANDCAT_LOG_LEVEL=warn", "LANDCAT_CATCH_UP=1h"}
	a := serve(t, bin, env)
	b := serve(t, bin, env)
	key, _, err := landcat(t, bin, env, "", "apikey", "create", "--name", "feed", "--role", "editor")
	if err != nil {
		t.Fatal(err)
	}
	key = strings.TrimSpace(key)
	putParcel(t, a, key, "feed-1")
	t.Logf("replica B saw the write after %v", seen(t, b, key, "feed-1", 5*time.Second))

	db, err := sql.Open("pgx", url)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var killed int
	if err := db.QueryRow(`SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE application_name = $1`, store.ListenerName).Scan(&killed); err != nil || killed < 2 {
		t.Fatalf("terminated %d listener connections: %v", killed, err)
	}
	putParcel(t, a, key, "feed-2")
	putParcel(t, a, key, "feed-3")
	seen(t, b, key, "feed-2", 15*time.Second)
	seen(t, b, key, "feed-3", 15*time.Second)
}
