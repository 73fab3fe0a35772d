package catalog_test

import (
	"bytes"
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	"github.com/landcat/landcat/internal/catalog"
	"github.com/landcat/landcat/internal/demo"
)

// storedPropsReference is what StoredProps did with encoding/json before it
// read the common values itself: one Unmarshal into map[string]any, then a
// type check per value. StoredProps must agree with it on every input.
func storedPropsReference(c catalog.Collection, data []byte) (map[string]any, bool) {
	var raw map[string]any
	if err := json.Unmarshal(data, &raw); err != nil {
		return nil, false
	}
	s := catalog.SchemaOf(c)
	for k, v := range raw {
		fl, ok := s.Field(k)
		if !ok || fl.Computed || v == nil {
			delete(raw, k)
			continue
		}
		switch fl.Type {
		case catalog.StringList:
			l, ok := v.([]any)
			if !ok {
				return nil, false
			}
			out := make([]string, len(l))
			for i, e := range l {
				if out[i], ok = e.(string); !ok {
					return nil, false
				}
			}
			raw[k] = out
			continue
		case catalog.Number, catalog.Integer:
			_, ok = v.(float64)
		case catalog.Bool:
			_, ok = v.(bool)
		case catalog.String, catalog.Date, catalog.Timestamp:
			_, ok = v.(string)
		default:
			ok = false
		}
		if !ok {
			return nil, false
		}
	}
	return raw, true
}

func TestStoredPropsRoundTrip(t *testing.T) {
	n := 0
	for _, file := range demo.Files() {
		c := catalog.Collection(file.Collection)
		feats, err := catalog.DecodeCollection(bytes.NewReader(file.Data), c)
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range feats {
			data := f.PropsJSON()
			got, err := catalog.StoredProps(c, data)
			if err != nil {
				t.Fatalf("%s: %v", f.ID, err)
			}
			want, ok := storedPropsReference(c, data)
			if !ok || !reflect.DeepEqual(got, want) || !reflect.DeepEqual(got, f.Props) {
				t.Fatalf("%s: StoredProps\n got %#v\nwant %#v\n(as written %#v)", f.ID, got, want, f.Props)
			}
			n++
		}
	}
	if n < 100 {
		t.Fatalf("only %d demo features", n)
	}
}

// TestStoredPropsEdges: escaped strings, nulls, unknown and computed
// properties, lists, odd spacing and wrong types, against the reference.
func TestStoredPropsEdges(t *testing.T) {
	for _, data := range []string{
		`{}`,
		`{"name_en":"Dinh \"Vu\" \u00e9","code":"A-1"}`,
		` { "power_capacity_mva" : 12.5 , "status" : "available" , "power_dual_feed" : true , "ready_built" : false } `,
		`{"area_ha":1e2,"power_capacity_mva":-0,"status":null,"no_such_property":[1,2]}`,
		`{"power_capacity_mva":1.5e-3,"available_from":"2027-01-31","verified_at":null,"updated_at":"x"}`,
		`{"sectors":["logistics","data_centre"],"name_vi":"Khu c\u00f4ng nghi\u1ec7p"}`,
		`{"sectors":[]}`,
		`{"power_capacity_mva":12}`,
		`{"status":"available","status":"leased"}`,
		`{"status":"available","status":null}`,
		`{"st\u0061tus":"leased","name_\u0065n":"x"}`,
		// wrong types: the reference refuses, so must StoredProps
		`{"power_capacity_mva":"12"}`,
		`{"status":3}`,
		`{"power_dual_feed":"yes"}`,
		`{"available_from":20270131}`,
		`{"power_capacity_mva":true}`,
		`{"sectors":"logistics"}`,
		`{"sectors":[1]}`,
		`{"power_capacity_mva":{"a":1}}`,
		`[]`,
		`"x"`,
		`{"area_ha":1`,
	} {
		got, err := catalog.StoredProps(catalog.Parcels, []byte(data))
		want, ok := storedPropsReference(catalog.Parcels, []byte(data))
		if ok != (err == nil) {
			t.Errorf("%s: StoredProps error %v, reference ok %v", data, err, ok)
			continue
		}
		if ok && !reflect.DeepEqual(got, want) {
			t.Errorf("%s:\n got %#v\nwant %#v", data, got, want)
		}
		if err != nil && strings.Contains(err.Error(), "catalog.") {
			t.Errorf("%s: error names a Go type: %v", data, err)
		}
	}
}
