package main

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// TestDataUpToDate fails when the embedded files differ from what the
// tables produce: edit the tables, then run `go generate ./internal/demo`.
func TestDataUpToDate(t *testing.T) {
	dir := t.TempDir()
	if err := run(dir); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"zones.geojson", "infrastructure.geojson", "parcels.geojson"} {
		want, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		got, err := os.ReadFile(filepath.Join("..", "..", "data", name))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("data/%s is stale: run go generate ./internal/demo", name)
		}
	}
}
