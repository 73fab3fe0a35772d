package ical

import (
	"bytes"
	"strings"
	"testing"
	"time"
)

func validate(t *testing.T, feed []byte) []string {
	t.Helper()
	lines, err := Validate(feed)
	if err != nil {
		t.Fatal(err)
	}
	return lines
}

func TestEncode(t *testing.T) {
	long := strings.Repeat("Giải phóng mặt bằng lô HP-DC2-01; ", 8)
	c := Calendar{ProdID: "-//landcat//pipeline//EN", Name: "Nguyễn Văn A, hạn công việc", Stamp: time.Date(2026, 7, 1, 8, 30, 0, 0, time.FixedZone("ICT", 7*3600)),
		Events: []Event{{UID: "task-1@landcat", Day: time.Date(2026, 7, 15, 0, 0, 0, 0, time.UTC), Summary: long, Description: "a\\b, c;\nd\r\ne\x07"}}}
	lines := validate(t, c.Encode())
	want := map[string]bool{
		"DTSTAMP:20260701T013000Z":                  true,
		"DTSTART;VALUE=DATE:20260715":               true,
		"DTEND;VALUE=DATE:20260716":                 true,
		`DESCRIPTION:a\\b\, c\;\nd\ne`:              true,
		"SUMMARY:" + Escape(long):                   true,
		`X-WR-CALNAME:Nguyễn Văn A\, hạn công việc`: true,
	}
	for _, l := range lines {
		delete(want, l)
	}
	if len(want) != 0 {
		t.Errorf("missing lines after unfolding: %v", want)
	}
}

func TestFoldingNeverCutsACharacter(t *testing.T) {
	for n := range 200 {
		var b bytes.Buffer
		writeLine(&b, "SUMMARY:"+strings.Repeat("a", n%7)+strings.Repeat("ữ", n))
		validate(t, append([]byte("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\n"), append(b.Bytes(), "END:VCALENDAR\r\n"...)...))
	}
}

func TestValidateRefuses(t *testing.T) {
	good := "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\n"
	for name, feed := range map[string]string{
		"LF endings": "BEGIN:VCALENDAR\nVERSION:2.0\nPRODID:x\nEND:VCALENDAR\n",
		"long line":  good + "X-A:" + strings.Repeat("a", 80) + "\r\nEND:VCALENDAR\r\n",
		"cut UTF-8":  good + "X-A:" + strings.Repeat("a", 70) + "\xe1\xbb\r\n \xaf\r\nEND:VCALENDAR\r\n",
		"no UID":     good + "BEGIN:VEVENT\r\nDTSTAMP:20260101T000000Z\r\nDTSTART;VALUE=DATE:20260101\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
		"unbalanced": good,
		"no colon":   good + "NOCOLON\r\nEND:VCALENDAR\r\n",
	} {
		if _, err := Validate([]byte(feed)); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
}
