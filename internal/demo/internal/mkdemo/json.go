package main

import (
	"bytes"
	"encoding/json"
	"os"
)

// prop is one property; props keep their insertion order in JSON so the
// files read code, names, facts, provenance in that order.
type prop struct {
	k string
	v any
}

type props []prop

// add appends a property; nil values are dropped (unknown = absent).
func (p props) add(k string, v any) props {
	if v == nil {
		return p
	}
	return append(p, prop{k, v})
}

// MarshalJSON writes the properties as an object in insertion order.
func (p props) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	b.WriteByte('{')
	for i, kv := range p {
		if i > 0 {
			b.WriteByte(',')
		}
		if err := encode(&b, kv.k); err != nil {
			return nil, err
		}
		b.WriteByte(':')
		if err := encode(&b, kv.v); err != nil {
			return nil, err
		}
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

func encode(b *bytes.Buffer, v any) error {
	enc := json.NewEncoder(b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return err
	}
	b.Truncate(b.Len() - 1) // Encode appends a newline
	return nil
}

type geometry struct {
	Type        string `json:"type"`
	Coordinates any    `json:"coordinates"`
}

type feature struct {
	Type       string   `json:"type"`
	ID         string   `json:"id"`
	Geometry   geometry `json:"geometry"`
	Properties props    `json:"properties"`
}

// writeCollection writes one FeatureCollection, one feature per line.
func writeCollection(path, desc string, feats []feature) error {
	var b bytes.Buffer
	b.WriteString(`{"type":"FeatureCollection","description":`)
	if err := encode(&b, desc); err != nil {
		return err
	}
	b.WriteString(",\"features\":[\n")
	for i, f := range feats {
		if err := encode(&b, f); err != nil {
			return err
		}
		if i < len(feats)-1 {
			b.WriteByte(',')
		}
		b.WriteByte('\n')
	}
	b.WriteString("]}\n")
	return os.WriteFile(path, b.Bytes(), 0o644)
}
