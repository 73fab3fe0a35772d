package cql2

import (
	"errors"
	"fmt"
	"strconv"
	"unicode/utf8"
)

// ErrNotSupported is matched (errors.Is) by the errors of valid CQL2 that
// this package does not evaluate, such as user-defined functions.
var ErrNotSupported = errors.New("cql2: not supported")

// Error is the error type of ParseText, ParseJSON and Compile. Its message
// says where the problem is: a byte offset and an excerpt for cql2-text, a
// JSON path for cql2-json, e.g.
//
//	cql2: at 14 ("AND"): expected a value after '='
//	cql2: at $.args[1]: expected an array of 2 values for "interval"
type Error struct {
	// Pos is the byte offset in cql2-text input, or -1 when unknown.
	Pos int
	// Near is the text at Pos ("" at the end of the input).
	Near string
	// Path is the JSON path in cql2-json input, or "".
	Path string
	// Msg says what is wrong.
	Msg string
	// NotSupported is set when the input is valid CQL2 that this package
	// does not evaluate.
	NotSupported bool
}

// Error returns the message with its location.
func (e *Error) Error() string {
	switch {
	case e.Path != "":
		return fmt.Sprintf("cql2: at %s: %s", e.Path, e.Msg)
	case e.Pos < 0:
		return "cql2: " + e.Msg
	case e.Near == "":
		return fmt.Sprintf("cql2: at %d (end of input): %s", e.Pos, e.Msg)
	default:
		return fmt.Sprintf("cql2: at %d (%s): %s", e.Pos, strconv.Quote(e.Near), e.Msg)
	}
}

// Is reports whether target is ErrNotSupported and e is such an error.
func (e *Error) Is(target error) bool { return target == ErrNotSupported && e.NotSupported }

// errAt returns an Error at byte offset pos of src.
func errAt(src string, pos int, format string, args ...any) *Error {
	return &Error{Pos: pos, Near: excerpt(src, pos), Msg: fmt.Sprintf(format, args...)}
}

// unsupported returns a NotSupported error for what (an operator or
// function), at pos (where the text near is) in cql2-text, or without a
// position when pos < 0.
func unsupported(pos int, near, what string) *Error {
	return &Error{Pos: pos, Near: near, Msg: what + " is not supported", NotSupported: true}
}

// excerpt returns up to 24 bytes of src from pos, cut on a rune boundary.
func excerpt(src string, pos int) string {
	if pos < 0 || pos >= len(src) {
		return ""
	}
	s := src[pos:]
	if len(s) > 24 {
		n := 24
		for n > 0 && !utf8.RuneStart(s[n]) {
			n--
		}
		s = s[:n]
	}
	return s
}
