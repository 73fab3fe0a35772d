package store

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"slices"
	"strconv"
	"strings"

	"github.com/jackc/pgx/v5/pgconn"
	"github.com/landcat/landcat/migrations"
)

// Pending returns the embedded migrations that the database has not
// applied, in order (all of them on an empty database). It only reads:
// unlike goose's own status, it creates no version table.
func (s *Store) Pending(ctx context.Context) ([]string, error) {
	entries, err := fs.ReadDir(migrations.FS, s.dialect.name)
	if err != nil {
		return nil, err
	}
	var applied []int64
	err = s.db.WithContext(ctx).Raw("SELECT version_id FROM goose_db_version WHERE is_applied").Scan(&applied).Error
	if err != nil && !undefinedTable(err) {
		return nil, mapErr(err)
	}
	var pending []string
	for _, e := range entries {
		v, err := strconv.ParseInt(strings.SplitN(e.Name(), "_", 2)[0], 10, 64)
		if err != nil || !strings.HasSuffix(e.Name(), ".sql") {
			continue
		}
		if !slices.Contains(applied, v) {
			pending = append(pending, e.Name())
		}
	}
	return pending, nil
}

// undefinedTable reports a query on a table that does not exist.
func undefinedTable(err error) bool {
	var pg *pgconn.PgError
	if errors.As(err, &pg) {
		return pg.Code == "42P01"
	}
	return strings.Contains(err.Error(), "no such table")
}

// ErrBackupPostgres is Backup's answer on PostgreSQL, whose own tools do it
// better.
var ErrBackupPostgres = errors.New("backup copies an SQLite database; for PostgreSQL use pg_dump -Fc (and pg_restore to restore)")

// Backup writes a consistent copy of the SQLite database to path while the
// database stays in use (VACUUM INTO: one read transaction, so concurrent
// writers neither block nor tear the copy; the copy is also compacted). An
// existing file is never overwritten.
func (s *Store) Backup(ctx context.Context, path string) error {
	if s.dialect.name != "sqlite" {
		return ErrBackupPostgres
	}
	if _, err := os.Stat(path); err == nil {
		return fmt.Errorf("%s already exists; a backup never overwrites a file", path)
	} else if !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	if err := s.db.WithContext(ctx).Exec("VACUUM INTO ?", path).Error; err != nil {
		return fmt.Errorf("backup to %s: %w", path, err)
	}
	return nil
}
