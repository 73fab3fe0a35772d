package store

import (
	"time"

	"github.com/pressly/goose/v3"
)

// dialect is the one place where PostgreSQL and SQLite differ: how a
// geometry goes in and comes out.
type dialect struct {
	name  string
	goose goose.Dialect
	// geomOut is the SELECT expression that yields WKB.
	geomOut string
	// geomParam turns a bind parameter (the "?") holding WKB into a
	// geometry, for plain SQL.
	geomParam string
	// timeCmp compares a timestamp column with a parameter ("col >= ?"
	// for op ">="), whose value timeArg gives. SQLite keeps timestamps
	// as RFC 3339 text whose fraction has no fixed width, so it compares
	// sortableTime keys.
	timeCmp func(col, op string) string
	timeArg func(t time.Time) any
}

var postgresDialect = dialect{
	name:      "postgres",
	goose:     goose.DialectPostgres,
	geomOut:   "ST_AsBinary(geom) AS geom",
	geomParam: "ST_GeomFromWKB(?, 4326)",
	timeCmp:   func(col, op string) string { return col + " " + op + " ?" },
	timeArg:   func(t time.Time) any { return t.UTC() },
}

var sqliteDialect = dialect{
	name:      "sqlite",
	goose:     goose.DialectSQLite3,
	geomOut:   "geom",
	geomParam: "?",
	timeCmp:   func(col, op string) string { return sortableTime(col) + " " + op + " ?" },
	timeArg:   func(t time.Time) any { return t.UTC().Format(sortableLayout) },
}

// sortableLayout is sortableTime's form, for parameters.
const sortableLayout = "2006-01-02T15:04:05.000000000"

// sortableTime is an SQLite expression turning the RFC 3339 text of a
// time into fixed-width text that sorts as the time does:
// 2026-12-04T18:10:32.357565000. landcat writes UTC times ("…Z", with the
// fraction's trailing zeros cut); those keep their nanoseconds. Any other
// form goes through strftime, which keeps milliseconds only: julianday and
// strftime both round to the millisecond, which is why they are not used
// for landcat's own times (an entry written 0.4 ms before a "from" bound
// would be counted after it).
func sortableTime(x string) string {
	return "(CASE WHEN " + x + " GLOB '????-??-??T??:??:??*Z' THEN substr(" + x + ", 1, 19) || '.' || " +
		"substr(ltrim(rtrim(substr(" + x + ", 20), 'Z'), '.') || '000000000', 1, 9) " +
		"ELSE strftime('%Y-%m-%dT%H:%M:%f', " + x + ") || '000000' END)"
}
