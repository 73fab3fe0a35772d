package httpapi

import (
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"mime"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/labstack/echo/v4"
	"github.com/landcat/landcat/internal/catalog"
	"github.com/landcat/landcat/openapi"
	"go.yaml.in/yaml/v4"
)

const (
	mimeOpenAPIJSON = "application/vnd.oai.openapi+json;version=3.0"
	mimeOpenAPIYAML = "application/vnd.oai.openapi;version=3.0"
)

// apiDoc is the served OpenAPI document in both encodings.
type apiDoc struct {
	doc        *openapi3.T
	json, yaml []byte
}

// Spec returns the OpenAPI document the server serves at /api: openapi.yaml
// plus, per collection, an items path whose query parameters are the
// collection's properties and whose features are typed by them, and a
// sortables path that lists exactly the sortable properties.
func Spec() (*openapi3.T, error) {
	loader := openapi3.NewLoader()
	doc, err := loader.LoadFromData(openapi.YAML)
	if err != nil {
		return nil, fmt.Errorf("openapi.yaml: %w", err)
	}
	generic := doc.Paths.Value("/collections/{collectionId}/items")
	for _, cid := range []catalog.Collection{catalog.Zones, catalog.Parcels, catalog.Infrastructure} {
		addCollectionPath(doc, generic, cid)
		addSortablesPath(doc, cid)
	}
	addCommonResponses(doc)
	if err := doc.Validate(context.Background()); err != nil {
		return nil, fmt.Errorf("openapi document: %w", err)
	}
	return doc, nil
}

// addCommonResponses documents, on every operation, the answers any
// request can get whatever it asks: 400 for a malformed query string (a
// raw ";", a repeated parameter), 401 for a bad credential (a request
// without one is anonymous) and 429 once that address has failed
// authentication too often.
func addCommonResponses(doc *openapi3.T) {
	common := map[int]string{http.StatusBadRequest: "BadRequest", http.StatusUnauthorized: "Unauthorized", http.StatusTooManyRequests: "TooManyRequests"}
	for _, item := range doc.Paths.Map() {
		for _, op := range item.Operations() {
			for status, name := range common {
				if op.Responses.Status(status) == nil {
					op.Responses.Set(strconv.Itoa(status), &openapi3.ResponseRef{Ref: "#/components/responses/" + name,
						Value: doc.Components.Responses[name].Value})
				}
			}
		}
	}
}

func addCollectionPath(doc *openapi3.T, items *openapi3.PathItem, cid catalog.Collection) {
	generic := items.Get
	name := "Feature_" + string(cid)
	props := openapi3.Schemas{}
	for _, fl := range catalog.SchemaOf(cid).Fields {
		props[fl.Name] = &openapi3.SchemaRef{Value: propertySchema(fl)}
	}
	feature := openapi3.NewObjectSchema().WithRequired([]string{"type", "id", "geometry", "properties"})
	feature.Properties = openapi3.Schemas{
		"type":       {Value: openapi3.NewStringSchema().WithEnum("Feature")},
		"id":         {Value: openapi3.NewStringSchema()},
		"geometry":   {Value: nullableGeometry(doc)},
		"properties": {Value: &openapi3.Schema{Type: &openapi3.Types{"object"}, Properties: props}},
		"links":      {Value: openapi3.NewArraySchema().WithItems(&openapi3.Schema{}).NewRef().Value},
	}
	doc.Components.Schemas[name] = feature.NewRef()
	fc := openapi3.NewObjectSchema().WithRequired([]string{"type", "features", "numberReturned", "links"})
	fc.Properties = openapi3.Schemas{
		"type":           {Value: openapi3.NewStringSchema().WithEnum("FeatureCollection")},
		"features":       {Value: openapi3.NewArraySchema().WithItems(&openapi3.Schema{}).NewRef().Value},
		"numberMatched":  {Value: openapi3.NewIntegerSchema().WithMin(0)},
		"numberReturned": {Value: openapi3.NewIntegerSchema().WithMin(0)},
		"timeStamp":      {Value: openapi3.NewDateTimeSchema()},
		"links":          {Value: openapi3.NewArraySchema().WithItems(&openapi3.Schema{}).NewRef().Value},
	}
	fc.Properties["features"].Value.Items = &openapi3.SchemaRef{Ref: "#/components/schemas/" + name, Value: feature}
	op := *generic
	op.OperationID = "getFeatures_" + string(cid)
	op.Summary = collectionTitles[cid][0]
	op.Description = collectionTitles[cid][1] + " Every property is also an equality filter."
	op.Parameters = nil
	for _, p := range generic.Parameters {
		if p.Ref != "#/components/parameters/collectionId" {
			op.Parameters = append(op.Parameters, p)
		}
	}
	for _, fl := range catalog.SchemaOf(cid).Fields {
		if itemsParams(fl.Name) {
			continue // "publication" is already the officers' parameter
		}
		op.Parameters = append(op.Parameters, &openapi3.ParameterRef{Value: &openapi3.Parameter{
			Name: fl.Name, In: "query", Description: fl.Title + " (equality filter)",
			Schema: &openapi3.SchemaRef{Value: filterSchema(fl)},
		}})
	}
	resp := openapi3.NewResponse().WithDescription(collectionTitles[cid][0] + " (GeoJSON, HTML, or a CSV, XLSX or GeoPackage download).")
	resp.Content = openapi3.Content{
		mimeGeoJSON: openapi3.NewMediaType().WithSchemaRef(fc.NewRef()),
		mimeHTML:    openapi3.NewMediaType().WithSchema(openapi3.NewStringSchema()),
	}
	for _, d := range downloadFormats {
		mt, _, _ := mime.ParseMediaType(d.media)
		resp.Content[mt] = openapi3.NewMediaType().WithSchema(openapi3.NewStringSchema().WithFormat("binary"))
	}
	op.Responses = openapi3.NewResponses()
	for code, r := range generic.Responses.Map() {
		op.Responses.Set(code, r)
	}
	op.Responses.Set("200", &openapi3.ResponseRef{Value: resp})
	post := *items.Post
	post.OperationID = "createFeature_" + string(cid)
	post.Parameters = nil
	doc.Paths.Set("/collections/"+string(cid)+"/items", &openapi3.PathItem{Get: &op, Post: &post})
}

// nullableGeometry is a GeoJSON geometry or null (skipGeometry=true).
func nullableGeometry(doc *openapi3.T) *openapi3.Schema {
	g := &openapi3.SchemaRef{Ref: "#/components/schemas/Geometry", Value: doc.Components.Schemas["Geometry"].Value}
	return &openapi3.Schema{Nullable: true, AllOf: openapi3.SchemaRefs{g}}
}

// addSortablesPath documents /collections/{cid}/sortables with the exact
// sortable properties of the collection.
func addSortablesPath(doc *openapi3.T, cid catalog.Collection) {
	generic := doc.Paths.Value("/collections/{collectionId}/sortables").Get
	names := openapi3.Schemas{"id": {Value: openapi3.NewObjectSchema()}}
	for _, fl := range catalog.SchemaOf(cid).Fields {
		if sortable(fl) {
			names[fl.Name] = &openapi3.SchemaRef{Value: openapi3.NewObjectSchema()}
		}
	}
	props := openapi3.NewObjectSchema().WithoutAdditionalProperties()
	props.Properties = names
	props.Required = slices.Sorted(maps.Keys(names))
	body := openapi3.NewObjectSchema().WithRequired([]string{"type", "properties", "additionalProperties"})
	body.Properties = openapi3.Schemas{
		"$schema":              {Value: openapi3.NewStringSchema()},
		"$id":                  {Value: openapi3.NewStringSchema()},
		"title":                {Value: openapi3.NewStringSchema()},
		"type":                 {Value: openapi3.NewStringSchema().WithEnum("object")},
		"properties":           {Value: props},
		"additionalProperties": {Value: openapi3.NewBoolSchema().WithEnum(false)},
	}
	resp := openapi3.NewResponse().WithDescription(collectionTitles[cid][0] + ": the properties sortby accepts.")
	resp.Content = openapi3.Content{mimeSchema: openapi3.NewMediaType().WithSchema(body)}
	op := *generic
	op.OperationID = "getSortables_" + string(cid)
	op.Parameters = nil
	for _, p := range generic.Parameters {
		if p.Ref != "#/components/parameters/collectionId" {
			op.Parameters = append(op.Parameters, p)
		}
	}
	op.Responses = openapi3.NewResponses()
	for code, r := range generic.Responses.Map() {
		op.Responses.Set(code, r)
	}
	op.Responses.Set("200", &openapi3.ResponseRef{Value: resp})
	doc.Paths.Set("/collections/"+string(cid)+"/sortables", &openapi3.PathItem{Get: &op})
}

// propertySchema types a property in responses; every one may be null.
func propertySchema(fl catalog.Field) *openapi3.Schema {
	var s *openapi3.Schema
	switch fl.Type {
	case catalog.Number:
		s = openapi3.NewFloat64Schema()
	case catalog.Integer:
		s = openapi3.NewIntegerSchema()
	case catalog.Bool:
		s = openapi3.NewBoolSchema()
	case catalog.Date:
		s = openapi3.NewStringSchema().WithFormat("date")
	case catalog.Timestamp:
		s = openapi3.NewDateTimeSchema()
	case catalog.StringList:
		items := openapi3.NewStringSchema()
		for _, e := range fl.Enum {
			items.Enum = append(items.Enum, e)
		}
		s = openapi3.NewArraySchema().WithItems(items)
	default:
		s = openapi3.NewStringSchema()
		for _, e := range fl.Enum {
			s.Enum = append(s.Enum, e)
		}
		if s.Enum != nil {
			s.Enum = append(s.Enum, nil)
		}
	}
	s.Title = fl.Title
	s.Nullable = true
	return s
}

// filterSchema types a property used as an equality query parameter.
func filterSchema(fl catalog.Field) *openapi3.Schema {
	switch fl.Type {
	case catalog.Number:
		return openapi3.NewFloat64Schema()
	case catalog.Integer:
		return openapi3.NewIntegerSchema()
	case catalog.Bool:
		return openapi3.NewBoolSchema()
	}
	return openapi3.NewStringSchema()
}

func newAPIDoc() (*apiDoc, error) {
	doc, err := Spec()
	if err != nil {
		return nil, err
	}
	j, err := json.Marshal(doc)
	if err != nil {
		return nil, err
	}
	var generic any
	if err := json.Unmarshal(j, &generic); err != nil {
		return nil, err
	}
	y, err := yaml.Marshal(generic)
	if err != nil {
		return nil, err
	}
	return &apiDoc{doc: doc, json: j, yaml: y}, nil
}

func (s *server) api(c echo.Context) error {
	if err := checkParams(c.QueryParams(), oneOf("f")); err != nil {
		return err
	}
	c.Response().Header().Add("Vary", "Accept")
	switch f := c.QueryParam("f"); {
	case f == "yaml", f == "" && acceptsYAML(c):
		return c.Blob(http.StatusOK, mimeOpenAPIYAML, s.apiDoc.yaml)
	case f == "" || f == "json":
		return c.Blob(http.StatusOK, mimeOpenAPIJSON, s.apiDoc.json)
	default:
		return echo.NewHTTPError(http.StatusNotAcceptable, "f must be json or yaml")
	}
}

func acceptsYAML(c echo.Context) bool {
	a := c.Request().Header.Get("Accept")
	for _, t := range []string{"application/vnd.oai.openapi;", "application/yaml", "application/x-yaml", "text/yaml"} {
		if strings.Contains(a, t) {
			return true
		}
	}
	return false
}
