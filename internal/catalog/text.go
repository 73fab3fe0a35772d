package catalog

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"
)

// CheckText finds the strings of a JSON document that landcat will not store
// and returns one problem for each, located by a JSON pointer: the NUL
// character (PostgreSQL refuses it in text, SQLite would store it, so the
// same request would fail on one and succeed on the other), bytes that are
// not UTF-8, and \ud800-style escapes of half a UTF-16 surrogate pair
// (encoding/json silently turns both into U+FFFD). Member names count as
// well as values. A problem whose pointer is "" concerns bytes outside any
// string the walk could reach (the body itself is not valid UTF-8); its
// message gives the byte offset, and callers answer it with a 400 rather
// than a 422. Syntax errors are left to the JSON decoder: the walk stops at
// the first one. The document is read once; clean input costs one scan.
func CheckText(body []byte) []Problem {
	if bytes.IndexByte(body, 0) < 0 && !bytes.Contains(body, []byte(`\u`)) && utf8.Valid(body) {
		return nil
	}
	w := &textWalker{b: body}
	w.value()
	if w.dropped > 0 {
		w.probs = append(w.probs, Problem{Pointer: w.firstDropped, Message: fmt.Sprintf("and %d more strings that landcat cannot store are not listed", w.dropped)})
	}
	if len(w.probs) == 0 && !utf8.Valid(body) {
		off := invalidUTF8At(body)
		w.probs = append(w.probs, Problem{Pointer: "", Message: fmt.Sprintf("the body is not valid UTF-8 (byte 0x%02x at offset %d)", body[off], off)})
	}
	return w.probs
}

// invalidUTF8At returns the offset of the first byte of b that does not
// start a valid UTF-8 sequence.
func invalidUTF8At(b []byte) int {
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n <= 1 {
			return i
		}
		i += n
	}
	return len(b)
}

// textWalker walks a JSON document keeping the path to the current value;
// the pointer string is built only for a problem.
type textWalker struct {
	b            []byte
	i            int
	path         []pathStep
	probs        []Problem
	dropped      int    // problems past MaxProblems
	firstDropped string // the pointer of the first of them
	stop         bool   // a syntax error: the decoder will report it
}

// problem records msg at the current pointer.
func (w *textWalker) problem(msg string) {
	if len(w.probs) < MaxProblems {
		w.probs = append(w.probs, Problem{Pointer: w.pointer(), Message: msg})
		return
	}
	if w.dropped++; w.dropped == 1 {
		w.firstDropped = w.pointer()
	}
}

// pathStep is one step of a JSON pointer: a member name or an array index.
type pathStep struct {
	name  string
	index int // -1 for a member name
}

func (w *textWalker) pointer() string {
	var sb strings.Builder
	for _, s := range w.path {
		sb.WriteByte('/')
		if s.index >= 0 {
			sb.WriteString(strconv.Itoa(s.index))
			continue
		}
		sb.WriteString(escapePointer(s.name))
	}
	return sb.String()
}

// escapePointer escapes a member name for a JSON pointer (RFC 6901).
func escapePointer(name string) string {
	if !strings.ContainsAny(name, "~/") {
		return name
	}
	return strings.NewReplacer("~", "~0", "/", "~1").Replace(name)
}

func (w *textWalker) ws() byte {
	for w.i < len(w.b) {
		switch c := w.b[w.i]; c {
		case ' ', '\t', '\r', '\n':
			w.i++
		default:
			return c
		}
	}
	return 0
}

// value walks one JSON value.
func (w *textWalker) value() {
	switch w.ws() {
	case '{':
		w.object()
	case '[':
		w.array()
	case '"':
		msg := w.str()
		if msg != "" && len(w.path) == 0 {
			msg = "the body " + msg
		}
		if msg != "" {
			w.problem(msg)
		}
	case 0:
		w.stop = true
	default:
		for w.i < len(w.b) && strings.IndexByte(",]}: \t\r\n", w.b[w.i]) < 0 {
			w.i++
		}
	}
}

func (w *textWalker) object() {
	w.i++
	for k := 0; !w.stop; k++ {
		c := w.ws()
		if c == '}' {
			w.i++
			return
		}
		if k > 0 {
			if c != ',' {
				w.stop = true
				return
			}
			w.i++
			c = w.ws()
		}
		if c != '"' {
			w.stop = true
			return
		}
		start := w.i
		msg := w.str()
		name := displayName(w.b[start:w.i])
		w.path = append(w.path, pathStep{name: name, index: -1})
		if msg != "" {
			w.problem("the member name " + msg)
		}
		if w.ws() != ':' {
			w.stop = true
			return
		}
		w.i++
		w.value()
		w.path = w.path[:len(w.path)-1]
	}
}

func (w *textWalker) array() {
	w.i++
	for k := 0; !w.stop; k++ {
		c := w.ws()
		if c == ']' {
			w.i++
			return
		}
		if k > 0 {
			if c != ',' {
				w.stop = true
				return
			}
			w.i++
		}
		w.path = append(w.path, pathStep{index: k})
		w.value()
		w.path = w.path[:len(w.path)-1]
	}
}

// str passes over the string at w.i and returns what is wrong with it, or
// "" (the first problem only).
func (w *textWalker) str() string {
	msg := ""
	note := func(m string) {
		if msg == "" {
			msg = m
		}
	}
	for w.i++; w.i < len(w.b); {
		switch c := w.b[w.i]; {
		case c == '"':
			w.i++
			return msg
		case c == '\\' && w.i+1 < len(w.b) && w.b[w.i+1] == 'u':
			note(w.escape())
		case c == '\\':
			w.i = min(w.i+2, len(w.b)) // a backslash may end a broken body
		case c == 0:
			note(nulMessage)
			w.i++
		case c < utf8.RuneSelf:
			w.i++
		default:
			r, n := utf8.DecodeRune(w.b[w.i:])
			if r == utf8.RuneError && n == 1 {
				note(fmt.Sprintf("is not valid UTF-8 (byte 0x%02x at offset %d)", c, w.i))
			}
			w.i += n
		}
	}
	w.stop = true
	return msg
}

const nulMessage = "must not contain the NUL character (\\u0000)"

// escape passes over the \uXXXX escape at w.i (and the low half of a
// surrogate pair after it) and returns what is wrong with it, or "".
func (w *textWalker) escape() string {
	r, ok := hex4(w.b, w.i+2)
	if !ok {
		w.stop = true
		w.i = len(w.b)
		return ""
	}
	w.i += 6
	switch {
	case r == 0:
		return nulMessage
	case r >= 0xd800 && r < 0xdc00:
		if lo, ok := hex4(w.b, w.i+2); ok && w.b[w.i] == '\\' && w.b[w.i+1] == 'u' && lo >= 0xdc00 && lo < 0xe000 {
			w.i += 6
			return ""
		}
		fallthrough
	case r >= 0xdc00 && r < 0xe000:
		return fmt.Sprintf("contains \\u%04x, half of a UTF-16 surrogate pair, which is not a character", r)
	}
	return ""
}

// hex4 decodes the 4 hexadecimal digits at b[i:].
func hex4(b []byte, i int) (rune, bool) {
	if i < 0 || i+4 > len(b) {
		return 0, false
	}
	n, err := strconv.ParseUint(string(b[i:i+4]), 16, 32)
	return rune(n), err == nil
}

// displayName decodes a quoted member name for a pointer, with U+FFFD for
// what cannot be shown.
func displayName(quoted []byte) string {
	var s string
	if json.Unmarshal(quoted, &s) != nil {
		s = string(bytes.Trim(quoted, `"`))
	}
	return strings.ToValidUTF8(strings.ReplaceAll(s, "\x00", "\uFFFD"), "\uFFFD")
}
