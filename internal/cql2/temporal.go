package cql2

import (
	"time"
)

// parseDate parses YYYY-MM-DD as 00:00 UTC of that day.
func parseDate(s string) (time.Time, bool) {
	if len(s) != 10 {
		return time.Time{}, false
	}
	t, err := time.Parse("2006-01-02", s)
	return t, err == nil
}

// parseTimestamp parses YYYY-MM-DDThh:mm:ss[.fff]Z (UTC only, as the CQL2
// grammar requires).
func parseTimestamp(s string) (time.Time, bool) {
	if len(s) < 20 || s[10] != 'T' || s[len(s)-1] != 'Z' {
		return time.Time{}, false
	}
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil || len(s) > 20 && s[19] != '.' {
		return time.Time{}, false
	}
	return t.UTC(), true
}

// parseIntervalBound reads the quoted bound of an INTERVAL: '..', a date or
// a timestamp.
func parseIntervalBound(s string) (Expr, bool) {
	if s == ".." {
		return Unbounded{}, true
	}
	if d, ok := parseDate(s); ok {
		return DateLit{Value: d}, true
	}
	if t, ok := parseTimestamp(s); ok {
		return TimestampLit{Value: t}, true
	}
	return nil, false
}
