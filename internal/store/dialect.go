package store

import (
	"encoding/hex"

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
	// timeCmp compares a timestamp column with a parameter ("col >= ?"
	// for op ">="). SQLite keeps timestamps as RFC 3339 text whose
	// fraction has no fixed width, so it compares Julian days instead.
	timeCmp func(col, op string) string
}

var postgresDialect = dialect{
	name:  "postgres",
	goose: goose.DialectPostgres,
	// Hex, because GORM expands a []byte inside an expression into one
	// argument per byte.
	geomIn: func(wkb []byte) clause.Expr {
		return clause.Expr{SQL: "ST_GeomFromWKB(decode(?, 'hex'), 4326)", Vars: []any{hex.EncodeToString(wkb)}}
	},
	geomOut: "ST_AsBinary(geom) AS geom",
	timeCmp: func(col, op string) string { return col + " " + op + " ?" },
}

var sqliteDialect = dialect{
	name:    "sqlite",
	goose:   goose.DialectSQLite3,
	geomIn:  func(wkb []byte) clause.Expr { return clause.Expr{SQL: "?", Vars: []any{wkb}} },
	geomOut: "geom",
	timeCmp: func(col, op string) string { return "julianday(" + col + ") " + op + " julianday(?)" },
}
