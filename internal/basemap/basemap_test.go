package basemap_test

import (
	"testing"

	"github.com/landcat/landcat/internal/basemap"
)

// maxEmbedded is the README's size budget for the embedded basemap.
const maxEmbedded = 2 << 20

// TestEmbedded loads the embedded basemap: every layer holds features, it
// covers the catalogue's region (105.9–107.2 E, 20.4–21.3 N) and stays
// within its size budget.
func TestEmbedded(t *testing.T) {
	d, err := basemap.Load()
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range basemap.Layers {
		if d.Count(l) == 0 {
			t.Errorf("layer %s is empty", l)
		}
	}
	b := d.Bounds()
	if b.Min[0] > 105.9 || b.Min[1] > 20.4 || b.Max[0] < 107.2 || b.Max[1] < 21.3 {
		t.Errorf("bounds %v do not cover the catalogue's region", b)
	}
	if n := basemap.EmbeddedSize(); n > maxEmbedded {
		t.Errorf("embedded basemap is %d bytes, over the %d-byte budget", n, maxEmbedded)
	}
	if basemap.Attribution == "" || len(basemap.Sources) == 0 {
		t.Error("no attribution")
	}
}
