// Package openapi holds landcat's OpenAPI 3.0 document. The HTTP layer
// serves it at /api after adding the per-collection paths generated from
// the catalogue's property schema.
package openapi

import _ "embed"

// YAML is openapi.yaml.
//
//go:embed openapi.yaml
var YAML []byte
