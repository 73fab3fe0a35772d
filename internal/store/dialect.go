package store

import (
	"github.com/pressly/goose/v3"
	"gorm.io/gorm/clause"
)

// dialect is the one place where PostgreSQL and SQLite differ: how a
// geometry goes in and comes out.
type dialect struct {
	name  string
	goose goose.Dialect
	// geomIn wraps WKB for an INSERT/UPDATE value.
	geomIn func(wkb []byte) clause.Expr
	// geomOut is the SELECT expression that yields WKB.
	geomOut string
}

var postgresDialect = dialect{
	name:    "postgres",
	goose:   goose.DialectPostgres,
	geomIn:  func(wkb []byte) clause.Expr { return clause.Expr{SQL: "ST_SetSRID(ST_GeomFromWKB(?), 4326)", Vars: []any{wkb}} },
	geomOut: "ST_AsBinary(geom) AS geom",
}

var sqliteDialect = dialect{
	name:    "sqlite",
	goose:   goose.DialectSQLite3,
	geomIn:  func(wkb []byte) clause.Expr { return clause.Expr{SQL: "?", Vars: []any{wkb}} },
	geomOut: "geom",
}
