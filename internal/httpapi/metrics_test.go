package httpapi_test

import (
	"strings"
	"testing"

	"github.com/landcat/landcat/internal/testdb"
)

// TestDatabaseUpMetric: landcat_database_up follows the database, asked at
// scrape time, so that an alert can tell a database outage from a replica's.
func TestDatabaseUpMetric(t *testing.T) {
	e := newEnv(t, testdb.SQLite(t))
	if m := e.req(t, "GET", "/metrics", 0, "").Body.String(); !strings.Contains(m, "\nlandcat_database_up 1\n") {
		t.Errorf("database up: /metrics lacks landcat_database_up 1")
	}
	if err := e.st.Close(); err != nil {
		t.Fatal(err)
	}
	w := e.req(t, "GET", "/metrics", 0, "")
	if w.Code != 200 || !strings.Contains(w.Body.String(), "\nlandcat_database_up 0\n") {
		t.Errorf("database closed: /metrics %d lacks landcat_database_up 0", w.Code)
	}
}
