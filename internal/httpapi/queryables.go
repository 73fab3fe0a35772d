package httpapi

import (
	"encoding/json"
	"net/http"

	"github.com/labstack/echo/v4"
	"github.com/landcat/landcat/internal/catalog"
)

const mimeSchema = "application/schema+json"

// queryables describes every property of a collection as JSON Schema
// (OGC API - Features Part 3): what filters, sortby and equality parameters
// accept, and what GDAL reads to type its fields.
func (s *server) queryables(c echo.Context) error {
	cid, err := collectionParam(c)
	if err != nil {
		return err
	}
	if err := checkParams(c.QueryParams(), oneOf("f")); err != nil {
		return err
	}
	return sendJSON(c, http.StatusOK, mimeSchema, queryablesSchema(baseURL(c), cid))
}

// schema describes a whole feature of the collection as JSON Schema — a
// GeoJSON Feature whose "properties" are typed. GDAL's OAPIF driver types
// its fields from this document (linked as describedby): a number is Real
// even when the first page happens to hold only whole numbers.
func (s *server) schema(c echo.Context) error {
	cid, err := collectionParam(c)
	if err != nil {
		return err
	}
	if err := checkParams(c.QueryParams(), oneOf("f")); err != nil {
		return err
	}
	var props orderedObject
	for _, fl := range catalog.SchemaOf(cid).Fields {
		props = append(props, member{fl.Name, fieldSchema(fl)})
	}
	return sendJSON(c, http.StatusOK, mimeSchema, map[string]any{
		"$schema":  "https://json-schema.org/draft/2019-09/schema",
		"$id":      baseURL(c) + "/collections/" + string(cid) + "/schema",
		"title":    collectionTitles[cid][0] + " (GeoJSON feature)",
		"type":     "object",
		"required": []string{"type", "geometry", "properties"},
		"properties": map[string]any{
			"type":       map[string]any{"type": "string", "enum": []string{"Feature"}},
			"id":         map[string]any{"type": "string"},
			"geometry":   geometrySchema(cid),
			"properties": map[string]any{"type": "object", "properties": props},
		},
	})
}

// sortables lists the properties sortby accepts, as JSON Schema (OGC API -
// Features Part 5, read by @camptocamp/ogc-client): every property that is
// not a list, and the feature id. No other name is accepted
// (additionalProperties false: sortby refuses it with a 400).
func (s *server) sortables(c echo.Context) error {
	cid, err := collectionParam(c)
	if err != nil {
		return err
	}
	if err := checkParams(c.QueryParams(), oneOf("f")); err != nil {
		return err
	}
	props := orderedObject{{"id", map[string]any{"title": "Feature id", "type": "string"}}}
	for _, fl := range catalog.SchemaOf(cid).Fields {
		if sortable(fl) {
			props = append(props, member{fl.Name, fieldSchema(fl)})
		}
	}
	return sendJSON(c, http.StatusOK, mimeSchema, map[string]any{
		"$schema":              "https://json-schema.org/draft/2020-12/schema",
		"$id":                  baseURL(c) + "/collections/" + string(cid) + "/sortables",
		"type":                 "object",
		"title":                collectionTitles[cid][0] + " (sortable properties)",
		"properties":           props,
		"additionalProperties": false,
	})
}

// sortable tells whether sortby accepts a property: lists have no order.
func sortable(fl catalog.Field) bool { return fl.Type != catalog.StringList }

func queryablesSchema(base string, cid catalog.Collection) map[string]any {
	props := map[string]any{"geometry": geometrySchema(cid)}
	for _, fl := range catalog.SchemaOf(cid).Fields {
		props[fl.Name] = fieldSchema(fl)
	}
	return map[string]any{
		"$schema":              "https://json-schema.org/draft/2019-09/schema",
		"$id":                  base + "/collections/" + string(cid) + "/queryables",
		"type":                 "object",
		"title":                collectionTitles[cid][0],
		"properties":           props,
		"additionalProperties": false,
	}
}

func geometrySchema(cid catalog.Collection) map[string]any {
	if cid == catalog.Infrastructure {
		return map[string]any{"title": "Geometry", "oneOf": []any{
			map[string]any{"format": "geometry-point"}, map[string]any{"format": "geometry-linestring"}}}
	}
	return map[string]any{"title": "Geometry", "format": "geometry-multipolygon"}
}

func fieldSchema(fl catalog.Field) map[string]any {
	m := map[string]any{"title": fl.Title}
	switch fl.Type {
	case catalog.Number:
		m["type"] = "number"
	case catalog.Integer:
		m["type"] = "integer"
	case catalog.Bool:
		m["type"] = "boolean"
	case catalog.Date:
		m["type"], m["format"] = "string", "date"
	case catalog.Timestamp:
		m["type"], m["format"] = "string", "date-time"
	case catalog.StringList:
		items := map[string]any{"type": "string"}
		if fl.Enum != nil {
			items["enum"] = fl.Enum
		}
		m["type"], m["items"] = "array", items
	default:
		m["type"] = "string"
		if fl.Enum != nil {
			m["enum"] = fl.Enum
		}
	}
	if fl.Min != nil {
		m["minimum"] = *fl.Min
	}
	if fl.Max != nil {
		m["maximum"] = *fl.Max
	}
	if fl.Computed {
		m["readOnly"] = true
	}
	return m
}

// orderedObject is a JSON object that keeps its members in order, so that
// clients that build columns from a schema (GDAL) list them as the
// catalogue does.
type orderedObject []member

type member struct {
	name  string
	value any
}

// MarshalJSON writes the members in order.
func (o orderedObject) MarshalJSON() ([]byte, error) {
	b := []byte{'{'}
	for i, m := range o {
		if i > 0 {
			b = append(b, ',')
		}
		k, err := json.Marshal(m.name)
		if err != nil {
			return nil, err
		}
		v, err := json.Marshal(m.value)
		if err != nil {
			return nil, err
		}
		b = append(append(append(b, k...), ':'), v...)
	}
	return append(b, '}'), nil
}
