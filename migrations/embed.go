// Package migrations holds the SQL schema of landcat, one folder per
// database dialect, embedded in the binary and applied in order by goose.
package migrations

import "embed"

// FS holds postgres/*.sql and sqlite/*.sql.
//
//go:embed postgres/*.sql sqlite/*.sql
var FS embed.FS
