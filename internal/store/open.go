// Package store is landcat's system of record: PostgreSQL + PostGIS in
// production, an SQLite file as the embedded default, both through GORM. It
// is the only package that imports GORM, and with internal/dataio (which
// reads and writes GeoPackage files with the same SQLite driver) the only
// one that opens a database; it turns driver errors into catalog error
// kinds at its boundary.
package store

import (
	"context"
	"database/sql"

	"fmt"
	"hash/crc32"
	"io/fs"
	"net/url"
	"strings"
	"time"

	"github.com/landcat/landcat/migrations"
	"github.com/ncruces/go-sqlite3/gormlite"
	"github.com/pressly/goose/v3"
	"github.com/pressly/goose/v3/lock"
	"gorm.io/driver/postgres"
	"gorm.io/gorm"
	"gorm.io/gorm/logger"
)

// Store is the GORM-backed catalog.Store.
type Store struct {
	db      *gorm.DB
	dialect dialect
	url     string
}

// Open connects to the database named by rawURL: "postgres://…" (or
// "postgresql://…") for PostgreSQL/PostGIS, "sqlite:PATH" for an SQLite file.
func Open(ctx context.Context, rawURL string) (*Store, error) {
	cfg := &gorm.Config{Logger: logger.Discard, NowFunc: func() time.Time { return time.Now().UTC() }}
	var (
		dial gorm.Dialector
		d    dialect
	)
	switch {
	case strings.HasPrefix(rawURL, "postgres://"), strings.HasPrefix(rawURL, "postgresql://"):
		dial, d = postgres.Open(rawURL), postgresDialect
	case strings.HasPrefix(rawURL, "sqlite:"):
		dial, d = gormlite.Open(sqliteDSN(strings.TrimPrefix(rawURL, "sqlite:"))), sqliteDialect
	default:
		return nil, fmt.Errorf("database URL %q: want postgres://… or sqlite:PATH", redact(rawURL))
	}
	db, err := gorm.Open(dial, cfg)
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", redact(rawURL), err)
	}
	sqlDB, err := db.DB()
	if err != nil {
		return nil, err
	}
	if d.name == "sqlite" {
		// One writer at a time is SQLite's model; a single connection also
		// keeps the WAL and pragmas simple and avoids SQLITE_BUSY.
		sqlDB.SetMaxOpenConns(1)
	} else {
		sqlDB.SetMaxOpenConns(16)
		sqlDB.SetConnMaxIdleTime(5 * time.Minute)
	}
	if err := sqlDB.PingContext(ctx); err != nil {
		return nil, unavailable(fmt.Errorf("connect to %s: %w", redact(rawURL), err))
	}
	return &Store{db: db, dialect: d, url: rawURL}, nil
}

// sqliteDSN turns a path into a DSN with the pragmas landcat relies on: WAL
// for concurrent readers, synchronous=FULL so that an acknowledged write
// survives a power cut, foreign keys on.
func sqliteDSN(path string) string {
	q := url.Values{}
	for _, p := range []string{"journal_mode(wal)", "synchronous(full)", "foreign_keys(on)", "busy_timeout(10000)"} {
		q.Add("_pragma", p)
	}
	return "file:" + path + "?" + q.Encode()
}

// Dialect reports "postgres" or "sqlite".
func (s *Store) Dialect() string { return s.dialect.name }

// Close closes the connection pool.
func (s *Store) Close() error {
	sqlDB, err := s.db.DB()
	if err != nil {
		return err
	}
	return sqlDB.Close()
}

// Ping checks that the database answers.
func (s *Store) Ping(ctx context.Context) error {
	sqlDB, err := s.db.DB()
	if err != nil {
		return err
	}
	if err := sqlDB.PingContext(ctx); err != nil {
		return unavailable(err)
	}
	return nil
}

// Migrate applies the embedded migrations of the store's dialect.
func (s *Store) Migrate(ctx context.Context) ([]string, error) {
	sqlDB, err := s.db.DB()
	if err != nil {
		return nil, err
	}
	sub, err := fs.Sub(migrations.FS, s.dialect.name)
	if err != nil {
		return nil, err
	}
	var opts []goose.ProviderOption
	if s.dialect.name == "postgres" {
		// Every replica may migrate as it starts (an init container or
		// serve --migrate): one at a time per schema, the others wait and
		// then find nothing to do.
		locker, err := migrationLock(ctx, sqlDB)
		if err != nil {
			return nil, err
		}
		opts = append(opts, goose.WithSessionLocker(locker))
	}
	p, err := goose.NewProvider(s.dialect.goose, sqlDB, sub, opts...)
	if err != nil {
		return nil, fmt.Errorf("migrations: %w", err)
	}
	res, err := p.Up(ctx)
	if err != nil {
		return nil, fmt.Errorf("apply migrations: %w", err)
	}
	var applied []string
	for _, r := range res {
		applied = append(applied, r.Source.Path)
	}
	return applied, nil
}

// migrationLock is a PostgreSQL advisory lock named after the schema that
// migrations apply to, so that databases holding several landcat schemas
// (the tests do) migrate them independently. A waiting process polls every
// second for up to 10 minutes.
func migrationLock(ctx context.Context, db *sql.DB) (lock.SessionLocker, error) {
	var schema string
	if err := db.QueryRowContext(ctx, "SELECT coalesce(current_schema(), '')").Scan(&schema); err != nil {
		return nil, unavailable(fmt.Errorf("migrations: %w", err))
	}
	id := int64(crc32.ChecksumIEEE([]byte("landcat-migrate:" + schema)))
	return lock.NewPostgresSessionLocker(lock.WithLockID(id), lock.WithLockTimeout(1, 600))
}

// SQLDB exposes the underlying pool for tests and tools.
func (s *Store) SQLDB() (*sql.DB, error) { return s.db.DB() }

func redact(raw string) string {
	u, err := url.Parse(raw)
	if err != nil || u.User == nil {
		return raw
	}
	if _, ok := u.User.Password(); ok {
		u.User = url.UserPassword(u.User.Username(), "xxxxx")
	}
	return u.String()
}
