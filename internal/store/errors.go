package store

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"net"
	"strings"

	"github.com/jackc/pgx/v5/pgconn"
	"github.com/landcat/landcat/internal/catalog"
)

// mapErr converts driver errors into catalog kinds: lost connections become
// KindUnavailable (503, retry), constraint violations KindConflict or
// KindInvalid. Anything else stays internal.
func mapErr(err error) error {
	if err == nil || catalog.KindOf(err) != catalog.KindInternal {
		return err
	}
	var pg *pgconn.PgError
	if errors.As(err, &pg) {
		switch pg.Code {
		case "23505":
			return uniqueViolation(pg.ConstraintName, err)
		case "23503", "23514", "22023", "XX000":
			return &catalog.Error{Kind: catalog.KindInvalid, Message: "the database rejected the feature: " + pg.Message, Err: err}
		}
		if strings.HasPrefix(pg.Code, "08") || strings.HasPrefix(pg.Code, "57P") {
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
	var ce *pgconn.ConnectError
	if errors.As(err, &ne) || errors.As(err, &ce) || errors.Is(err, driver.ErrBadConn) ||
		pgconn.Timeout(err) || errors.Is(err, context.DeadlineExceeded) || errors.Is(err, sql.ErrConnDone) ||
		strings.Contains(msg, "database is closed") || strings.Contains(msg, "database is locked") {
		return unavailable(err)
	}
	return err
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
