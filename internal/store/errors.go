package store

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"io"
	"net"
	"strings"

	"github.com/jackc/pgx/v5/pgconn"
	"github.com/landcat/landcat/internal/catalog"
)

// mapErr converts driver errors into catalog kinds: a database that cannot
// be reached or refuses work for now becomes KindUnavailable (503, retry),
// constraint violations KindConflict or KindInvalid. Anything else stays
// internal.
func mapErr(err error) error {
	if err == nil || catalog.KindOf(err) != catalog.KindInternal {
		return err
	}
	// A failed connection attempt comes first: pgx wraps the server's
	// refusal (a PgError such as 55000 "database is not currently accepting
	// connections", 3D000 "database does not exist", 57P03 "the database
	// system is shutting down", 53300 "too many connections") in a
	// ConnectError, and none of those is the request's fault.
	var ce *pgconn.ConnectError
	if errors.As(err, &ce) {
		return unavailable(err)
	}
	var pg *pgconn.PgError
	if errors.As(err, &pg) {
		switch pg.Code {
		case "23505":
			return uniqueViolation(pg.ConstraintName, err)
		case "23503", "23514", "22023", "XX000":
			return &catalog.Error{Kind: catalog.KindInvalid, Message: "the database rejected the feature: " + pg.Message, Err: err}
		}
		if transientCode(pg.Code) {
			return unavailable(err)
		}
		return err
	}
	msg := err.Error()
	switch {
	case strings.Contains(msg, "UNIQUE constraint failed"):
		constraint := ""
		if strings.Contains(msg, "parcels.zone_id, parcels.code") {
			constraint = "parcels_zone_code_idx"
		}
		return uniqueViolation(constraint, err)
	case strings.Contains(msg, "FOREIGN KEY constraint failed"), strings.Contains(msg, "CHECK constraint failed"):
		return &catalog.Error{Kind: catalog.KindInvalid, Message: "the database rejected the feature", Err: err}
	}
	var ne net.Error
	if errors.As(err, &ne) || errors.Is(err, driver.ErrBadConn) || errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) ||
		pgconn.Timeout(err) || pgconn.SafeToRetry(err) || errors.Is(err, context.DeadlineExceeded) || errors.Is(err, sql.ErrConnDone) ||
		strings.Contains(msg, "conn closed") || strings.Contains(msg, "database is closed") || strings.Contains(msg, "database is locked") {
		return unavailable(err)
	}
	return err
}

// transientCode reports SQLSTATEs that say "not now" rather than "not
// this": the request did nothing, and the same request may succeed later.
//
//	08xxx  connection exceptions
//	53xxx  insufficient resources (53300 too many connections, disk full, out of memory)
//	57xxx  operator intervention (57P01 admin shutdown — pg_terminate_backend or a
//	       fast shutdown —, 57P02 crash shutdown, 57P03 cannot connect now: starting
//	       up or shutting down, 57P04 database dropped, 57014 statement cancelled)
//	40001  serialization failure, 40P01 deadlock: the transaction was rolled back
//	25006  read-only transaction: connected to a standby (during a failover)
//	55P03  lock not available (lock_timeout)
//	3D000  the database does not exist (dropped, or being restored)
//
// 55000 "database is not currently accepting connections" (ALTER DATABASE …
// ALLOW_CONNECTIONS false) only ever comes from a connection attempt, as a
// ConnectError; on a query it names a bug, so it stays internal.
func transientCode(code string) bool {
	switch {
	case strings.HasPrefix(code, "08"), strings.HasPrefix(code, "53"), strings.HasPrefix(code, "57"):
		return true
	}
	switch code {
	case "40001", "40P01", "25006", "55P03", "3D000":
		return true
	}
	return false
}

// uniqueViolation names what a unique constraint protects. Writes check
// parcel codes first (with a better message); this is the backstop.
func uniqueViolation(constraint string, err error) error {
	if constraint == "parcels_zone_code_idx" {
		return &catalog.Error{Kind: catalog.KindConflict, Message: "another parcel of this zone has this code; codes are unique within a zone",
			Problems: []catalog.Problem{{Pointer: "/properties/code", Message: "is already used in this zone"}}, Err: err}
	}
	return &catalog.Error{Kind: catalog.KindConflict, Message: "a feature with this id already exists", Err: err}
}

func unavailable(err error) error {
	return &catalog.Error{Kind: catalog.KindUnavailable, Message: "the database is unavailable; try again shortly", Err: err}
}
