package ical

import (
	"bytes"
	"fmt"
	"strings"
	"unicode/utf8"
)

// Validate checks a feed against the rules of RFC 5545 that calendar apps
// rely on: CRLF line endings only, no physical line over 75 octets, valid
// UTF-8 on every physical line (folding never cuts a character), balanced
// BEGIN/END, VERSION and PRODID once in the calendar, and every VEVENT
// with exactly one UID, DTSTAMP and DTSTART. It returns the unfolded
// content lines.
func Validate(feed []byte) ([]string, error) {
	if !bytes.HasSuffix(feed, []byte("\r\n")) {
		return nil, fmt.Errorf("the feed does not end with CRLF")
	}
	var lines []string
	for i, l := range strings.Split(strings.TrimSuffix(string(feed), "\r\n"), "\r\n") {
		switch {
		case strings.ContainsAny(l, "\r\n"):
			return nil, fmt.Errorf("line %d holds a bare CR or LF: %q", i+1, l)
		case len(l) > 75:
			return nil, fmt.Errorf("line %d is %d octets, more than 75", i+1, len(l))
		case !utf8.ValidString(l):
			return nil, fmt.Errorf("line %d is not valid UTF-8 (a character cut by folding?): %q", i+1, l)
		case strings.HasPrefix(l, " ") || strings.HasPrefix(l, "\t"):
			if len(lines) == 0 {
				return nil, fmt.Errorf("line %d continues nothing", i+1)
			}
			lines[len(lines)-1] += l[1:]
		default:
			lines = append(lines, l)
		}
	}
	return lines, checkStructure(lines)
}

func checkStructure(lines []string) error {
	var stack []string
	var event map[string]int
	top := map[string]int{}
	for _, l := range lines {
		name, value, ok := strings.Cut(l, ":")
		if !ok {
			return fmt.Errorf("content line without a colon: %q", l)
		}
		name, _, _ = strings.Cut(name, ";")
		switch name {
		case "BEGIN":
			stack = append(stack, value)
			if value == "VEVENT" {
				event = map[string]int{}
			}
		case "END":
			if len(stack) == 0 || stack[len(stack)-1] != value {
				return fmt.Errorf("END:%s does not close %v", value, stack)
			}
			stack = stack[:len(stack)-1]
			if value == "VEVENT" && (event["UID"] != 1 || event["DTSTAMP"] != 1 || event["DTSTART"] != 1) {
				return fmt.Errorf("a VEVENT needs one UID, DTSTAMP and DTSTART: %v", event)
			}
		default:
			if len(stack) == 1 {
				top[name]++
			} else if event != nil {
				event[name]++
			}
		}
	}
	if len(stack) != 0 || top["VERSION"] != 1 || top["PRODID"] != 1 {
		return fmt.Errorf("unbalanced (%v), or VERSION and PRODID not once each: %v", stack, top)
	}
	return nil
}
