package catalog

import (
	"encoding/json"
)

// splitObject splits a JSON object that is known to be valid (an import's
// features come out of a json.Decoder, or were encoded by a reader) into
// its members without validating it again, as json.Unmarshal into a
// map[string]json.RawMessage would: on a 100,000-feature import that
// second validation was a fifth of the decoding. A later member wins over
// an earlier one of the same name. ok is false when b is not an object
// (the caller falls back to json.Unmarshal, which explains).
func splitObject(b []byte) (map[string]json.RawMessage, bool) {
	out := make(map[string]json.RawMessage, 16)
	ok := eachMember(b, func(q, v []byte) bool {
		key, ok := unquoteKey(q)
		out[key] = v
		return ok
	})
	if !ok {
		return nil, false
	}
	return out, true
}

// eachMember calls fn with each member of the object b in order: q is the
// member's name as written (quoted, escapes and all), v its value. It
// stops when fn returns false, and answers false then or when b is not an
// object. Like splitObject it trusts b to be valid JSON.
func eachMember(b []byte, fn func(q, v []byte) bool) bool {
	i := skipSpace(b, 0)
	if i >= len(b) || b[i] != '{' {
		return false
	}
	i = skipSpace(b, i+1)
	if i < len(b) && b[i] == '}' {
		return true
	}
	for i < len(b) {
		if b[i] != '"' {
			return false
		}
		end := skipString(b, i)
		if end < 0 {
			return false
		}
		q := b[i:end]
		i = skipSpace(b, end)
		if i >= len(b) || b[i] != ':' {
			return false
		}
		i = skipSpace(b, i+1)
		vend := skipValue(b, i)
		if vend < 0 {
			return false
		}
		if !fn(q, b[i:vend:vend]) {
			return false
		}
		i = skipSpace(b, vend)
		if i < len(b) && b[i] == '}' {
			return true
		}
		if i >= len(b) || b[i] != ',' {
			return false
		}
		i = skipSpace(b, i+1)
	}
	return false
}

func skipSpace(b []byte, i int) int {
	for i < len(b) && (b[i] == ' ' || b[i] == '\t' || b[i] == '\n' || b[i] == '\r') {
		i++
	}
	return i
}

// skipString returns the index after the string starting at b[i] ('"'),
// or -1.
func skipString(b []byte, i int) int {
	for i++; i < len(b); i++ {
		switch b[i] {
		case '\\':
			i++
		case '"':
			return i + 1
		}
	}
	return -1
}

// skipValue returns the index after the value starting at b[i], or -1.
func skipValue(b []byte, i int) int {
	if i >= len(b) {
		return -1
	}
	switch b[i] {
	case '"':
		return skipString(b, i)
	case '{', '[':
		depth := 0
		for ; i < len(b); i++ {
			switch b[i] {
			case '"':
				if i = skipString(b, i); i < 0 {
					return -1
				}
				i--
			case '{', '[':
				depth++
			case '}', ']':
				if depth--; depth == 0 {
					return i + 1
				}
			}
		}
		return -1
	}
	for ; i < len(b); i++ { // number, true, false, null
		switch b[i] {
		case ',', '}', ']', ' ', '\t', '\n', '\r':
			return i
		}
	}
	return i
}

// unquoteKey returns a member name; names with escapes go through
// encoding/json.
func unquoteKey(q []byte) (string, bool) {
	for _, c := range q[1 : len(q)-1] {
		if c == '\\' {
			var s string
			return s, json.Unmarshal(q, &s) == nil
		}
	}
	return string(q[1 : len(q)-1]), true
}
