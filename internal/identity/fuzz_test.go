package identity

import (
	"strings"
	"testing"
	"time"
)

// FuzzOpenCookie feeds arbitrary cookie values to Open: none may panic,
// and only what this secret sealed may open (the seed, sealed once per
// process, is the only such value here).
func FuzzOpenCookie(f *testing.F) {
	o, err := New(Config{Issuer: "https://id.example", ClientID: "c", RedirectURL: "https://l.example/auth/callback", CookieSecret: strings.Repeat("f", 32)})
	if err != nil {
		f.Fatal(err)
	}
	good, _ := o.Seal("session", map[string]string{"sub": "x"}, time.Now().Add(time.Hour))
	f.Add(good)
	f.Add("")
	f.Add("AAAA")
	f.Add(good[:len(good)/2])
	f.Fuzz(func(t *testing.T, v string) {
		var got map[string]string
		if err := o.Open("session", v, &got); err == nil && got["sub"] != "x" {
			t.Errorf("a value this server did not seal opened: %q → %v", v, got)
		}
	})
}
