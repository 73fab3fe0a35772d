package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestServeOIDCSettings checks that serve refuses bad OpenID Connect
// settings before it opens the database.
func TestServeOIDCSettings(t *testing.T) {
	path := filepath.Join(t.TempDir(), "oidc.db")
	cases := []struct {
		env  map[string]string
		want string
	}{
		{map[string]string{"LANDCAT_OIDC_ISSUER": "http://id.example"}, "must use https"},
		{map[string]string{"LANDCAT_OIDC_ISSUER": "https://id.example"}, "LANDCAT_OIDC_AUDIENCE is required"},
		{map[string]string{"LANDCAT_OIDC_AUDIENCE": "landcat"}, "LANDCAT_OIDC_ISSUER is required"},
		{map[string]string{"LANDCAT_OIDC_ISSUER": "https://id.example", "LANDCAT_OIDC_AUDIENCE": "a", "LANDCAT_OIDC_ROLES": "g=chief"}, "LANDCAT_OIDC_ROLES"},
		{map[string]string{"LANDCAT_OIDC_ISSUER": "https://id.example", "LANDCAT_OIDC_AUDIENCE": "a", "LANDCAT_OIDC_CLOCK_SKEW": "1h"}, "LANDCAT_OIDC_CLOCK_SKEW"},
		{map[string]string{"LANDCAT_OIDC_ISSUER": "https://id.example", "LANDCAT_OIDC_CLIENT_ID": "c",
			"LANDCAT_OIDC_REDIRECT_URL": "https://landcat.example/auth/callback", "LANDCAT_OIDC_COOKIE_SECRET": "short"}, "LANDCAT_OIDC_COOKIE_SECRET"},
	}
	for _, tc := range cases {
		tc.env["LANDCAT_DATABASE_URL"] = "sqlite:" + path
		var out, errb bytes.Buffer
		err := run(context.Background(), []string{"serve", "--addr", "127.0.0.1:0"}, func(k string) string { return tc.env[k] }, nil, &out, &errb)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%v: %v, want %q", tc.env, err, tc.want)
		}
	}
	if _, err := os.Stat(path); !os.IsNotExist(err) {
		t.Errorf("refused settings touched the database: %v", err)
	}
}
