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
}

var postgresDialect = dialect{
	name:      "postgres",
	goose:     goose.DialectPostgres,
	geomOut:   "ST_AsBinary(geom) AS geom",
	geomParam: "ST_GeomFromWKB(?, 4326)",
}

var sqliteDialect = dialect{
	name:      "sqlite",
	goose:     goose.DialectSQLite3,
	geomOut:   "geom",
	geomParam: "?",
}
