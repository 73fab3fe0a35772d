package catalog

import (
	"errors"
	"fmt"
)

// Kind classifies an error so that one place (the HTTP layer) can map it to
// a status code. The zero value is KindInternal: an error nobody classified
// is a bug, never the caller's fault.
type Kind int

// The error kinds of the domain.
const (
	KindInternal             Kind = iota // unexpected; details are logged, not shown
	KindInvalid                          // the input breaks a rule (422 for bodies)
	KindBadRequest                       // malformed request (400)
	KindNotFound                         // no such collection or feature (404)
	KindConflict                         // the feature already exists, or state forbids it (409)
	KindPreconditionFailed               // If-Match names a stale version (412)
	KindPreconditionRequired             // If-Match is missing on a conditional write (428)
	KindUnauthenticated                  // no or unknown credentials (401)
	KindForbidden                        // authenticated, but the role is too low (403)
	KindUnavailable                      // the database cannot be reached (503)
	KindTooMany                          // the caller spent its rate limit (429)
)

// Problem is one failed rule, located by a JSON pointer into the request
// body (RFC 6901), e.g. "/properties/area_ha".
type Problem struct {
	Pointer string `json:"pointer"`
	Message string `json:"message"`
}

// Error is the domain's error: a kind, a message safe to show to callers and,
// for validation, every field that failed.
type Error struct {
	Kind     Kind
	Message  string
	Problems []Problem
	Err      error // the underlying cause, logged but never shown
}

func (e *Error) Error() string {
	msg := e.Message
	if len(e.Problems) > 0 {
		msg = fmt.Sprintf("%s (%s: %s", msg, e.Problems[0].Pointer, e.Problems[0].Message)
		if n := len(e.Problems) - 1; n > 0 {
			msg += fmt.Sprintf(", and %d more", n)
		}
		msg += ")"
	}
	if e.Err != nil {
		msg += ": " + e.Err.Error()
	}
	return msg
}

// Unwrap returns the underlying cause.
func (e *Error) Unwrap() error { return e.Err }

// Errorf returns an *Error of the given kind with a formatted message.
func Errorf(kind Kind, format string, args ...any) *Error {
	return &Error{Kind: kind, Message: fmt.Sprintf(format, args...)}
}

// Invalid returns a KindInvalid error listing the problems.
func Invalid(message string, problems []Problem) *Error {
	return &Error{Kind: KindInvalid, Message: message, Problems: problems}
}

// KindOf reports the kind of err, KindInternal when err carries none.
func KindOf(err error) Kind {
	var e *Error
	if errors.As(err, &e) {
		return e.Kind
	}
	return KindInternal
}

// ErrNotFound is returned when a feature does not exist.
func ErrNotFound(c Collection, id string) *Error {
	return Errorf(KindNotFound, "%s has no feature %q", c, id)
}
