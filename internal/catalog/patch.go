package catalog

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/paulmach/orb/geojson"
)

// Document returns f as the GeoJSON Feature a client would send to create
// it: stored properties only, nothing computed, and no id member when f has
// none yet (an empty id is not a valid one).
func (f *Feature) Document() map[string]any {
	props := make(map[string]any, len(f.Props))
	for k, v := range f.Props {
		props[k] = v
	}
	doc := map[string]any{
		"type":       "Feature",
		"geometry":   geojson.NewGeometry(f.Geometry),
		"properties": props,
	}
	if f.ID != "" {
		doc["id"] = f.ID
	}
	return doc
}

// MergePatch is MergePatchContext for work that cannot be abandoned.
func MergePatch(cur *Feature, patch []byte) (*Feature, error) {
	return MergePatchContext(context.Background(), cur, patch)
}

// MergePatchContext applies an RFC 7396 JSON Merge Patch to cur and decodes
// the result with the same rules as a new feature (DecodeFeatureContext):
// the patch's text is checked first, and problems point into the patch,
// which mirrors the feature. null removes a property (makes it unknown); the
// id cannot change.
func MergePatchContext(ctx context.Context, cur *Feature, patch []byte) (*Feature, error) {
	if err := textError(CheckText(patch), "the merge patch"); err != nil {
		return nil, err
	}
	var p any
	if err := json.Unmarshal(patch, &p); err != nil {
		return nil, &Error{Kind: KindBadRequest, Message: jsonMessage("the merge patch", "", err)}
	}
	if _, ok := p.(map[string]any); !ok {
		return nil, Invalid("a merge patch for a feature must be a JSON object", []Problem{{Pointer: "", Message: "must be a JSON object"}})
	}
	b, err := json.Marshal(cur.Document())
	if err != nil {
		return nil, fmt.Errorf("encode %s/%s: %w", cur.Collection, cur.ID, err)
	}
	var doc any
	if err := json.Unmarshal(b, &doc); err != nil {
		return nil, fmt.Errorf("decode %s/%s: %w", cur.Collection, cur.ID, err)
	}
	merged, err := json.Marshal(mergeValue(doc, p))
	if err != nil {
		return nil, fmt.Errorf("encode merged %s/%s: %w", cur.Collection, cur.ID, err)
	}
	next, err := DecodeFeatureContext(ctx, cur.Collection, merged)
	if err != nil {
		return nil, err
	}
	if next.ID != cur.ID {
		return nil, Invalid("the id of a feature cannot change", []Problem{{Pointer: "/id", Message: fmt.Sprintf("must stay %q", cur.ID)}})
	}
	return next, nil
}

// mergeValue is RFC 7396 section 2's MergePatch.
func mergeValue(target, patch any) any {
	pm, ok := patch.(map[string]any)
	if !ok {
		return patch
	}
	tm, ok := target.(map[string]any)
	if !ok {
		tm = map[string]any{}
	}
	for k, v := range pm {
		if v == nil {
			delete(tm, k)
		} else {
			tm[k] = mergeValue(tm[k], v)
		}
	}
	return tm
}
