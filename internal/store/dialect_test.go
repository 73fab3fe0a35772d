package store

import (
	"context"
	"testing"
	"time"
)

// TestSortableTime compares times as SQLite stores them (RFC 3339 text,
// the fraction's trailing zeros cut) at the finest steps landcat writes:
// microseconds apart within one millisecond, and whole seconds against
// fractions, where julianday and plain text comparison both go wrong.
func TestSortableTime(t *testing.T) {
	st, err := Open(context.Background(), "sqlite:"+t.TempDir()+"/t.db")
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	base := time.Date(2026, 12, 4, 18, 10, 32, 0, time.UTC)
	times := []time.Time{base.Add(-time.Microsecond), base, base.Add(time.Microsecond), base.Add(400 * time.Microsecond),
		base.Add(time.Millisecond), base.Add(500 * time.Millisecond), base.Add(time.Second)}
	for i, a := range times {
		for j, b := range times {
			for _, op := range []string{"<", "<=", ">=", ">"} {
				var got bool
				// The column side is a stored value: bound as time.Time it
				// is the driver's RFC 3339 text, as in a table. (The
				// comparison's placeholder comes first in the text.)
				sql := "SELECT " + sqliteDialect.timeCmp("x", op) + " FROM (SELECT ? AS x)"
				if err := st.db.Raw(sql, sqliteDialect.timeArg(b), a).Row().Scan(&got); err != nil {
					t.Fatal(err)
				}
				want := map[string]bool{"<": i < j, "<=": i <= j, ">=": i >= j, ">": i > j}[op]
				if got != want {
					t.Errorf("%s %s %s: %v", a.Format(time.RFC3339Nano), op, b.Format(time.RFC3339Nano), got)
				}
			}
		}
	}
}
