package store

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgconn"
	"github.com/landcat/landcat/internal/catalog"
)

// TestMapErr: every way PostgreSQL says "not now" is a 503 (KindUnavailable),
// constraint violations are the caller's, and anything else stays internal.
func TestMapErr(t *testing.T) {
	refused := func() error {
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		addr := ln.Addr().String()
		ln.Close()
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		_, err = pgconn.Connect(ctx, "postgres://u@"+addr+"/d?sslmode=disable")
		var ce *pgconn.ConnectError
		if !errors.As(err, &ce) {
			t.Fatalf("connecting to a closed port: %T %v", err, err)
		}
		return err
	}()
	for _, tc := range []struct {
		name string
		err  error
		want catalog.Kind
	}{
		{"connection refused", refused, catalog.KindUnavailable},
		{"wrapped connection refused", fmt.Errorf("load catalogue since revision 3: %w", refused), catalog.KindUnavailable},
		{"57P01 admin shutdown", &pgconn.PgError{Code: "57P01", Message: "terminating connection due to administrator command"}, catalog.KindUnavailable},
		{"57P03 shutting down", &pgconn.PgError{Code: "57P03", Message: "the database system is shutting down"}, catalog.KindUnavailable},
		{"57P04 database dropped", &pgconn.PgError{Code: "57P04"}, catalog.KindUnavailable},
		{"57014 cancelled", &pgconn.PgError{Code: "57014"}, catalog.KindUnavailable},
		{"53300 too many connections", &pgconn.PgError{Code: "53300"}, catalog.KindUnavailable},
		{"08006 connection failure", &pgconn.PgError{Code: "08006"}, catalog.KindUnavailable},
		{"40001 serialization", &pgconn.PgError{Code: "40001"}, catalog.KindUnavailable},
		{"40P01 deadlock", &pgconn.PgError{Code: "40P01"}, catalog.KindUnavailable},
		{"25006 standby", &pgconn.PgError{Code: "25006"}, catalog.KindUnavailable},
		{"3D000 no database", &pgconn.PgError{Code: "3D000"}, catalog.KindUnavailable},
		{"unexpected EOF", fmt.Errorf("read: %w", io.ErrUnexpectedEOF), catalog.KindUnavailable},
		{"deadline", context.DeadlineExceeded, catalog.KindUnavailable},
		{"23505 unique", &pgconn.PgError{Code: "23505"}, catalog.KindConflict},
		{"23514 check", &pgconn.PgError{Code: "23514"}, catalog.KindInvalid},
		{"42P01 undefined table", &pgconn.PgError{Code: "42P01"}, catalog.KindInternal},
		{"55000 on a query", &pgconn.PgError{Code: "55000"}, catalog.KindInternal},
		{"plain", errors.New("boom"), catalog.KindInternal},
	} {
		if got := catalog.KindOf(mapErr(tc.err)); got != tc.want {
			t.Errorf("%s: kind %v, want %v", tc.name, got, tc.want)
		}
	}
}
