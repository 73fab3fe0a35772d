package store

import "github.com/pressly/goose/v3"

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
	// for op ">="). SQLite keeps timestamps as RFC 3339 text whose
	// fraction has no fixed width, so it compares Julian days instead.
	timeCmp func(col, op string) string
}

var postgresDialect = dialect{
	name:      "postgres",
	goose:     goose.DialectPostgres,
	geomOut:   "ST_AsBinary(geom) AS geom",
	geomParam: "ST_GeomFromWKB(?, 4326)",
	timeCmp:   func(col, op string) string { return col + " " + op + " ?" },
}

var sqliteDialect = dialect{
	name:      "sqlite",
	goose:     goose.DialectSQLite3,
	geomOut:   "geom",
	geomParam: "?",
	timeCmp:   func(col, op string) string { return "julianday(" + col + ") " + op + " julianday(?)" },
}
