package catalog

import (
	"encoding/json"
	"math"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// Tables (GeoPackage, Shapefile, CSV and XLSX) hold what GeoJSON writes as
// booleans, lists and dates in their own ways: 0/1 or T/F, text with
// commas, spreadsheet date serials. Before a tabular value is validated it
// is brought to its JSON type here, one place for every tabular format;
// what cannot be read as the field's type is left as it is for validation
// to refuse in the usual words.

var gdalList = regexp.MustCompile(`^\(\d+:(.*)\)$`)

// coerceTabular returns the JSON value a table cell means for field fl.
func coerceTabular(fl Field, raw json.RawMessage) json.RawMessage {
	if len(raw) == 0 || string(raw) == "null" {
		return raw
	}
	switch c := raw[0]; { // already of the field's type: as it is
	case (fl.Type == Number || fl.Type == Integer) && (c == '-' || c >= '0' && c <= '9'),
		fl.Type == Bool && (c == 't' || c == 'f'),
		fl.Type == String && c == '"',
		fl.Type == Date && c == '"' && len(raw) == 12 && raw[5] == '-' && raw[8] == '-':
		return raw
	}
	var v any
	if json.Unmarshal(raw, &v) != nil {
		return raw
	}
	if out, ok := tabularValue(fl, v); ok {
		if b, err := json.Marshal(out); err == nil {
			return b
		}
	}
	return raw
}

// tabularValue converts v (string, float64, bool or nil, as a cell reads)
// to fl's JSON type; ok is false when it cannot.
func tabularValue(fl Field, v any) (any, bool) {
	s, isText := v.(string)
	if isText {
		s = strings.TrimSpace(s)
		if s == "" && fl.Type != String {
			return nil, true // an empty cell of a typed column is unknown
		}
	}
	n, isNum := v.(float64)
	switch fl.Type {
	case Number, Integer:
		if isText {
			if f, err := strconv.ParseFloat(s, 64); err == nil {
				return f, true
			}
		}
	case Bool:
		switch {
		case isNum && (n == 0 || n == 1):
			return n == 1, true
		case isText:
			switch strings.ToLower(s) {
			case "true", "t", "yes", "y", "1":
				return true, true
			case "false", "f", "no", "n", "0":
				return false, true
			}
		}
	case Date:
		switch {
		case isText:
			return tabularDate(s), true
		case isNum:
			if d, ok := spreadsheetDate(n); ok {
				return d, true
			}
		}
	case StringList:
		if isText {
			if strings.HasPrefix(s, "[") {
				var l []string
				if json.Unmarshal([]byte(s), &l) == nil {
					return l, true
				}
			}
			if m := gdalList.FindStringSubmatch(s); m != nil { // GDAL's text for a list: (2:a,b)
				s = m[1]
			}
			out := []string{}
			for _, part := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ';' }) {
				if part = strings.TrimSpace(part); part != "" {
					out = append(out, part)
				}
			}
			return out, true
		}
	case String:
		if isText {
			return s, true
		}
		if isNum {
			return strconv.FormatFloat(n, 'f', -1, 64), true
		}
	}
	return v, false
}

// tabularDate accepts a date as YYYY-MM-DD, YYYY/MM/DD (GDAL's), YYYYMMDD
// (dBase's) or a spreadsheet serial number written as text.
func tabularDate(s string) any {
	for _, layout := range []string{"2006/01/02", "20060102"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t.Format(time.DateOnly)
		}
	}
	if n, err := strconv.ParseFloat(s, 64); err == nil {
		if d, ok := spreadsheetDate(n); ok {
			return d
		}
	}
	return s
}

// spreadsheetDate reads a spreadsheet's day number (1900 date system, as
// Excel and LibreOffice store dates: 1 is 1900-01-01, 45658 is
// 2025-01-01); a time of day is dropped.
func spreadsheetDate(n float64) (string, bool) {
	if n < 1 || n >= 2958466 || math.IsNaN(n) {
		return "", false
	}
	base := time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)
	return base.AddDate(0, 0, int(n)).Format(time.DateOnly), true
}

// inheritedList reads the "inherited" cell of a landcat download: the
// names of the properties whose values came from the zone.
func inheritedList(raw json.RawMessage) []string {
	if len(raw) == 0 {
		return nil
	}
	fl, _ := SchemaOf(Parcels).Field("inherited")
	var l []string
	_ = json.Unmarshal(coerceTabular(fl, raw), &l)
	return l
}
