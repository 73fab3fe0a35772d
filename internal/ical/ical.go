// Package ical writes iCalendar feeds (RFC 5545) of all-day events, as
// Outlook, Google Calendar and Apple Calendar subscribe to them: CRLF line
// endings, content lines folded at 75 octets without splitting a UTF-8
// character, TEXT values escaped, a UID and DTSTAMP on every event.
package ical

import (
	"bytes"
	"strings"
	"time"
	"unicode/utf8"
)

// Event is one all-day event.
type Event struct {
	UID         string // globally unique and stable, e.g. "task-12@landcat"
	Day         time.Time
	Summary     string
	Description string
	URL         string
	Categories  string
}

// Calendar is a feed.
type Calendar struct {
	ProdID string // e.g. "-//landcat//pipeline//EN"
	Name   string // X-WR-CALNAME: what calendar apps show
	Stamp  time.Time
	Events []Event
}

// Encode returns the feed as RFC 5545 text.
func (c Calendar) Encode() []byte {
	var b bytes.Buffer
	w := func(name, value string) { writeLine(&b, name+":"+value) }
	w("BEGIN", "VCALENDAR")
	w("VERSION", "2.0")
	w("PRODID", c.ProdID)
	w("CALSCALE", "GREGORIAN")
	w("METHOD", "PUBLISH")
	if c.Name != "" {
		w("X-WR-CALNAME", Escape(c.Name))
	}
	stamp := c.Stamp.UTC().Format("20060102T150405Z")
	for _, e := range c.Events {
		w("BEGIN", "VEVENT")
		w("UID", Escape(e.UID))
		w("DTSTAMP", stamp)
		writeLine(&b, "DTSTART;VALUE=DATE:"+e.Day.Format("20060102"))
		writeLine(&b, "DTEND;VALUE=DATE:"+e.Day.AddDate(0, 0, 1).Format("20060102"))
		w("SUMMARY", Escape(e.Summary))
		if e.Description != "" {
			w("DESCRIPTION", Escape(e.Description))
		}
		if e.URL != "" {
			w("URL", e.URL)
		}
		if e.Categories != "" {
			w("CATEGORIES", Escape(e.Categories))
		}
		w("TRANSP", "TRANSPARENT")
		w("END", "VEVENT")
	}
	w("END", "VCALENDAR")
	return b.Bytes()
}

// Escape escapes a TEXT value (RFC 5545 §3.3.11): backslash, semicolon,
// comma and newlines; other control characters are dropped.
func Escape(s string) string {
	var b strings.Builder
	for _, r := range strings.ReplaceAll(s, "\r\n", "\n") {
		switch {
		case r == '\\' || r == ';' || r == ',':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r == '\n':
			b.WriteString(`\n`)
		case r < 0x20 || r == 0x7f:
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// writeLine writes one content line folded at 75 octets (RFC 5545 §3.1):
// each continuation starts with a space, and no UTF-8 sequence is cut.
func writeLine(b *bytes.Buffer, line string) {
	limit := 75
	for len(line) > limit {
		cut := limit
		for cut > 0 && !utf8.RuneStart(line[cut]) {
			cut--
		}
		b.WriteString(line[:cut])
		b.WriteString("\r\n ")
		line = line[cut:]
		limit = 74 // the leading space counts
	}
	b.WriteString(line)
	b.WriteString("\r\n")
}
