package catalog

import (
	"encoding/json"
	"maps"
	"testing"
)

// TestSplitObject: splitObject agrees with json.Unmarshal into a map of
// raw members on valid objects, and gives up on anything else.
func TestSplitObject(t *testing.T) {
	for _, doc := range []string{
		`{}`, ` { } `, `{"a":1}`, `{"a" : [1, {"b": "]}"}], "c\"d": "x\\\"}", "e": null, "f": true}`,
		`{"type":"Feature","id":7,"geometry":{"type":"Point","coordinates":[1.5e3,-2]},"properties":{"k\u00e9y":"v","a":1,"a":2}}`,
		"{\n\t\"a\": {\"b\": [[], {}]}\n}",
	} {
		got, ok := splitObject([]byte(doc))
		var want map[string]json.RawMessage
		if err := json.Unmarshal([]byte(doc), &want); err != nil || !ok {
			t.Fatalf("%s: ok %v, %v", doc, ok, err)
		}
		if !maps.EqualFunc(got, want, func(a, b json.RawMessage) bool { return string(a) == string(b) }) {
			t.Errorf("%s:\n got %q\nwant %q", doc, got, want)
		}
	}
	for _, doc := range []string{``, `[]`, `"x"`, `{"a"}`, `{"a":1`, `{"a":1 "b":2}`, `{1:2}`} {
		if _, ok := splitObject([]byte(doc)); ok {
			t.Errorf("%q: split", doc)
		}
	}
}
