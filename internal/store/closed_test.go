package store_test

import (
	"context"
	"strings"
	"testing"

	"github.com/landcat/landcat/internal/catalog"
	"github.com/landcat/landcat/internal/testdb"
)

// TestDatabaseClosed closes a whole database to connections and terminates
// its backends, as an operator does before a restore: reads and writes
// through the store are KindUnavailable (503, retry) — never internal —
// and work again once the database reopens. Then the database is dropped:
// still unavailable, not internal.
func TestDatabaseClosed(t *testing.T) {
	url, admin := testdb.PostGISDatabase(t)
	st := open(t, url)
	ctx := context.Background()
	svc := &catalog.Service{Store: st}
	if _, err := svc.Create(ctx, editor, decode(t, catalog.Zones, zoneJSON("z-closed"))); err != nil {
		t.Fatal(err)
	}
	name := url[strings.LastIndex(url, "/")+1:]
	if i := strings.IndexByte(name, '?'); i >= 0 {
		name = name[:i]
	}
	exec := func(q string) {
		t.Helper()
		if _, err := admin.Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	exec("ALTER DATABASE " + name + " WITH ALLOW_CONNECTIONS false")
	exec("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + name + "'")
	check := func(what string) {
		t.Helper()
		_, err := st.Get(ctx, catalog.Zones, "z-closed")
		if k := catalog.KindOf(err); k != catalog.KindUnavailable {
			t.Errorf("%s: Get: kind %v (%v), want unavailable", what, k, err)
		}
		_, err = svc.Create(ctx, editor, decode(t, catalog.Zones, zoneJSON("z-closed-2")))
		if k := catalog.KindOf(err); k != catalog.KindUnavailable {
			t.Errorf("%s: Create: kind %v (%v), want unavailable", what, k, err)
		}
		if _, _, err := st.Load(ctx, 0); catalog.KindOf(err) != catalog.KindUnavailable {
			t.Errorf("%s: Load: %v, want unavailable", what, err)
		}
		if _, err := st.Authenticate(ctx, "lck_x"); catalog.KindOf(err) != catalog.KindUnavailable {
			t.Errorf("%s: Authenticate: %v, want unavailable", what, err)
		}
		if err := st.Ping(ctx); catalog.KindOf(err) != catalog.KindUnavailable {
			t.Errorf("%s: Ping: %v, want unavailable", what, err)
		}
	}
	check("closed to connections")
	exec("ALTER DATABASE " + name + " WITH ALLOW_CONNECTIONS true")
	if _, err := svc.Create(ctx, editor, decode(t, catalog.Zones, zoneJSON("z-closed-3"))); err != nil {
		t.Fatalf("after reopening: %v", err)
	}
	exec("DROP DATABASE " + name + " WITH (FORCE)")
	check("dropped")
}
