package dataio

import (
	"encoding/json"
	"fmt"
	"math"
	"time"

	"github.com/landcat/landcat/internal/catalog"
	"github.com/paulmach/orb"
)

// tabularFeature collects one table row (GeoPackage, Shapefile) as a
// GeoJSON Feature for catalog.ImportFrom: the row's geometry, an "id"
// column as the id, every other column as a property (NULL left out).
// Values keep their table types; the catalog reads them as the schema's.
type tabularFeature struct {
	collection catalog.Collection // from the table's name, if it names one
	id         any
	geometry   orb.Geometry
	geomErr    string
	props      map[string]any
}

func (t *tabularFeature) setGeometry(v any) {
	b, ok := v.([]byte)
	if !ok {
		if v != nil {
			t.geomErr = "is not a GeoPackage geometry"
		}
		return
	}
	g, err := decodeGeometryBlob(b)
	if err != nil {
		t.geomErr = err.Error()
		return
	}
	t.geometry = g
}

func (t *tabularFeature) set(name string, v any) {
	switch x := v.(type) {
	case nil:
		return
	case []byte:
		v = string(x)
	case int64:
		v = float64(x)
	case float64:
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return
		}
	case time.Time: // the driver reads DATE and DATETIME columns as times
		if x.Equal(x.Truncate(24 * time.Hour)) {
			v = x.Format(time.DateOnly)
		} else {
			v = x.Format(time.RFC3339Nano)
		}
	}
	if name == "id" {
		t.id = v
		return
	}
	if t.props == nil {
		t.props = map[string]any{}
	}
	t.props[name] = v
}

// json encodes the row as a GeoJSON Feature, with the problem of a
// geometry that could not be read.
func (t *tabularFeature) json() (json.RawMessage, []catalog.Problem) {
	var probs []catalog.Problem
	if t.geomErr != "" {
		probs = append(probs, catalog.Problem{Pointer: "/geometry", Message: t.geomErr})
	}
	if f, ok := t.id.(float64); ok {
		t.id = fmt.Sprint(int64(f))
	}
	b := make([]byte, 0, 1024)
	b = append(b, `{"type":"Feature","id":`...)
	b = catalog.AppendJSONValue(b, t.id)
	b = append(b, `,"geometry":`...)
	b = catalog.AppendGeometryJSON(b, t.geometry)
	b = append(b, `,"properties":{`...)
	first := true
	member := func(k string, v any) {
		if !first {
			b = append(b, ',')
		}
		first = false
		b = catalog.AppendJSONValue(b, k)
		b = append(b, ':')
		b = catalog.AppendJSONValue(b, v)
	}
	for k, v := range t.props {
		member(k, v)
	}
	if _, named := t.props[catalog.CollectionKey]; !named && t.collection != "" {
		member(catalog.CollectionKey, string(t.collection))
	}
	return append(b, "}}"...), probs
}
