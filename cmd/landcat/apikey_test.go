package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestAPIKeyCommands runs create, list, rotate and revoke against an
// SQLite file, and checks that bad arguments are refused before the
// database is opened.
func TestAPIKeyCommands(t *testing.T) {
	path := filepath.Join(t.TempDir(), "keys.db")
	getenv := func(k string) string {
		return map[string]string{"LANDCAT_DATABASE_URL": "sqlite:" + path, "LANDCAT_LOG_LEVEL": "error"}[k]
	}
	cmd := func(args ...string) (string, error) {
		var out, errb bytes.Buffer
		err := run(context.Background(), append([]string{"apikey"}, args...), getenv, nil, &out, &errb)
		return out.String(), err
	}
	for _, bad := range [][]string{
		{"create", "--name", "a", "--role", "boss"},
		{"create", "--role", "editor"},
		{"create", "--name", "a", "--role", "editor", "--sectors", "mining"},
		{"create", "--name", "a", "--role", "editor", "--expires", "2020-01-01"},
		{"create", "--name", "a", "--role", "editor", "--expires", "31/12/2027"},
		{"revoke", "x"}, {"rotate"}, {"rotate", "1", "--grace", "-1h"}, {"list", "extra"}, {"nope"},
	} {
		if _, err := cmd(bad...); err == nil {
			t.Errorf("apikey %v: accepted", bad)
		}
	}
	if _, err := os.Stat(path); !os.IsNotExist(err) {
		t.Fatalf("refused commands created the database: %v", err)
	}
	key, err := cmd("create", "--name", "board-a", "--role", "editor", "--zones", "z-a", "--sectors", "logistics", "--expires", "2099-12-31")
	if err != nil || !strings.HasPrefix(key, "lck_") {
		t.Fatalf("create: %q %v", key, err)
	}
	if _, err := cmd("rotate", "--grace", "1h", "1"); err != nil {
		t.Fatal(err)
	}
	if _, err := cmd("revoke", "2"); err != nil {
		t.Fatal(err)
	}
	list, err := cmd("list")
	lines := strings.Split(strings.TrimSpace(list), "\n")
	if err != nil || len(lines) != 3 || !strings.Contains(lines[1], "zones z-a; sectors logistics") ||
		!strings.Contains(lines[1], "rotated to 2") || !strings.Contains(lines[2], "revoked") || !strings.Contains(lines[2], "2100-01-01 00:00") {
		t.Errorf("list:\n%s %v", list, err)
	}
	if _, err := cmd("revoke", "7"); err == nil || !strings.Contains(err.Error(), "no API key 7") {
		t.Errorf("revoke unknown: %v", err)
	}
}
