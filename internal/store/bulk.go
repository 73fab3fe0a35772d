package store

import (
	"strconv"
	"strings"

	"github.com/landcat/landcat/internal/catalog"
	"gorm.io/gorm"
)

// Bulk writes go through the transaction's connection with plain SQL: one
// multi-row statement per batch, placeholders in the dialect's form. GORM
// is kept for reads and the schema; for writes of thousands of rows its
// per-row reflection (and its error formatting of map values) cost more
// than the database.

var auditInsertColumns = []string{"revision", "at", "actor", "role", "subject", "auth", "action", "collection", "feature_id", "version",
	"before", "after", "scope_zones", "scope_sectors"}

// upsert writes feature rows (columns(c) order), replacing existing ids.
func (s *Store) upsert(tx *gorm.DB, c catalog.Collection, rows [][]any) error {
	cols := columns(c)
	var set []string
	for _, col := range cols[1:] {
		set = append(set, col+" = excluded."+col)
	}
	return s.exec(tx, string(c), cols, rows, " ON CONFLICT (id) DO UPDATE SET "+strings.Join(set, ", "))
}

// insert appends rows to a table.
func (s *Store) insert(tx *gorm.DB, table string, cols []string, rows [][]any) error {
	return s.exec(tx, table, cols, rows, "")
}

// exec runs INSERT INTO table (cols) VALUES (…), (…)… suffix. The geom
// column takes WKB through the dialect's geometry constructor.
func (s *Store) exec(tx *gorm.DB, table string, cols []string, rows [][]any, suffix string) error {
	if len(rows) == 0 {
		return nil
	}
	var b strings.Builder
	b.WriteString("INSERT INTO " + table + " (" + strings.Join(cols, ", ") + ") VALUES ")
	args := make([]any, 0, len(rows)*len(cols))
	for i, row := range rows {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteByte('(')
		for j, v := range row {
			if j > 0 {
				b.WriteString(", ")
			}
			args = append(args, v)
			ph := s.placeholder(len(args))
			if cols[j] == "geom" {
				ph = strings.Replace(s.dialect.geomParam, "?", ph, 1)
			}
			b.WriteString(ph)
		}
		b.WriteByte(')')
	}
	b.WriteString(suffix)
	_, err := tx.Statement.ConnPool.ExecContext(tx.Statement.Context, b.String(), args...)
	return err
}

// placeholder is the n-th bind parameter.
func (s *Store) placeholder(n int) string {
	if s.dialect.name == "postgres" {
		return "$" + strconv.Itoa(n)
	}
	return "?"
}
