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
	"errors"
	"fmt"
	"hash/crc32"
	"io/fs"
	"net"
	"net/url"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/jackc/pgx/v5/pgconn"

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

// DefaultConnectTimeout bounds each connection attempt to PostgreSQL when
// the URL sets no connect_timeout (in seconds, as libpq spells it): a
// server that accepts TCP but never answers must not hang a process.
const DefaultConnectTimeout = 10 * time.Second

// Open connects to the database named by rawURL: "postgres://…" (or
// "postgresql://…") for PostgreSQL/PostGIS, "sqlite:PATH" for an SQLite file.
// It gives up when ctx ends or, on PostgreSQL, after the URL's
// connect_timeout (DefaultConnectTimeout without one); a failure to connect
// is an *OpenError saying why in one line.
func Open(ctx context.Context, rawURL string) (*Store, error) {
	// GORM's own ping at open takes no context; ours below does.
	cfg := &gorm.Config{Logger: logger.Discard, NowFunc: func() time.Time { return time.Now().UTC() }, DisableAutomaticPing: true}
	var (
		dial gorm.Dialector
		d    dialect
		dsn  = rawURL
	)
	switch {
	case strings.HasPrefix(rawURL, "postgres://"), strings.HasPrefix(rawURL, "postgresql://"):
		var err error
		if dsn, err = withConnectTimeout(rawURL); err != nil {
			return nil, err
		}
		dial, d = postgres.Open(dsn), postgresDialect
	case strings.HasPrefix(rawURL, "sqlite:"):
		path := strings.TrimPrefix(rawURL, "sqlite:")
		if strings.TrimSpace(path) == "" {
			return nil, fmt.Errorf("database URL %q names no file: want sqlite:PATH, e.g. sqlite:landcat.db", rawURL)
		}
		dial, d = gormlite.Open(sqliteDSN(path)), sqliteDialect
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
		_ = sqlDB.Close()
		if d.name == "sqlite" {
			return nil, fmt.Errorf("open %s: %w", rawURL, err)
		}
		return nil, openError(ctx, dsn, err)
	}
	return &Store{db: db, dialect: d, url: dsn}, nil
}

// withConnectTimeout adds connect_timeout to a PostgreSQL URL without one.
func withConnectTimeout(rawURL string) (string, error) {
	u, err := url.Parse(rawURL)
	if err != nil {
		return "", fmt.Errorf("database URL %q: %v", redact(rawURL), err)
	}
	q := u.Query()
	if q.Get("connect_timeout") != "" {
		return rawURL, nil
	}
	q.Set("connect_timeout", strconv.Itoa(int(DefaultConnectTimeout/time.Second)))
	u.RawQuery = q.Encode()
	return u.String(), nil
}

// OpenError says why Open could not reach PostgreSQL, once, in words:
// "cannot connect to PostgreSQL at 127.0.0.1:5432: connection refused".
type OpenError struct {
	Addr   string // host:port as the URL names it
	Reason string // what went wrong, without the driver's repetitions
	Err    error  // the driver's error
}

func (e *OpenError) Error() string {
	return "cannot connect to PostgreSQL at " + e.Addr + ": " + e.Reason
}

func (e *OpenError) Unwrap() error { return e.Err }

// Refused reports whether nothing listens at Addr.
func (e *OpenError) Refused() bool { return errors.Is(e.Err, syscall.ECONNREFUSED) }

func openError(ctx context.Context, dsn string, err error) error {
	oe := &OpenError{Addr: "?", Reason: "", Err: err}
	timeout := DefaultConnectTimeout
	if u, perr := url.Parse(dsn); perr == nil {
		host, port := u.Hostname(), u.Port()
		if host == "" {
			host = "localhost"
		}
		if port == "" {
			port = "5432"
		}
		oe.Addr = net.JoinHostPort(host, port)
		if n, aerr := strconv.Atoi(u.Query().Get("connect_timeout")); aerr == nil && n > 0 {
			timeout = time.Duration(n) * time.Second
		}
	}
	var pg *pgconn.PgError
	var dns *net.DNSError
	switch {
	case ctx.Err() != nil:
		oe.Reason = "interrupted while connecting"
		oe.Err = errors.Join(ctx.Err(), err)
	case errors.Is(err, syscall.ECONNREFUSED):
		oe.Reason = "connection refused"
	case errors.As(err, &pg):
		oe.Reason = pg.Message + " (SQLSTATE " + pg.Code + ")"
	case errors.As(err, &dns):
		oe.Reason = "cannot resolve host " + dns.Name
	case pgconn.Timeout(err) || errors.Is(err, context.DeadlineExceeded):
		oe.Reason = fmt.Sprintf("no answer within %v (connect_timeout)", timeout)
	default:
		oe.Reason = lastLine(err)
	}
	return oe
}

// lastLine keeps the innermost cause of a driver error, once: pgx lists
// one line per address tried, usually the same.
func lastLine(err error) string {
	for {
		u := errors.Unwrap(err)
		if u == nil {
			break
		}
		err = u
	}
	lines := strings.Split(strings.TrimSpace(err.Error()), "\n")
	return strings.TrimSpace(lines[len(lines)-1])
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
