// Command testop is the OpenID Connect provider that landcat's tests sign
// in with: zitadel/oidc's OpenID Provider (discovery, JWKS, the
// authorization code flow with PKCE, the token endpoint) with the
// in-memory storage and login page of its example server, configured
// from a JSON file with landcat's users and their groups, zones and
// sectors, on a loopback address. It is test tooling, never shipped.
//
// It prints "issuer=URL" once it listens. POST /testop/rotate makes it
// sign with a new key (the old one stays in the JWKS, as providers do
// during a rotation); it stops on SIGTERM or when stdin closes.
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"strings"

	"github.com/zitadel/oidc/v3/example/server/exampleop"
	"github.com/zitadel/oidc/v3/example/server/storage"
	"golang.org/x/text/language"
)

// config is the JSON file: the clients landcat uses and the users.
type config struct {
	Clients []struct {
		ID           string   `json:"id"`
		Secret       string   `json:"secret"`
		RedirectURIs []string `json:"redirect_uris"`
	} `json:"clients"`
	Users []user `json:"users"`
}

// user is a test officer: a login, a display name and the claims that
// landcat maps to a role and a scope.
type user struct {
	ID       string   `json:"id"`
	Username string   `json:"username"`
	Password string   `json:"password"`
	Name     string   `json:"name"`
	Groups   []string `json:"groups"`
	Zones    []string `json:"zones"`
	Sectors  []string `json:"sectors"`
}

func main() {
	addr := flag.String("addr", "127.0.0.1:0", "listen address (loopback)")
	path := flag.String("config", "", "JSON file with clients and users")
	flag.Parse()
	if err := run(*addr, *path); err != nil {
		fmt.Fprintln(os.Stderr, "testop:", err)
		os.Exit(1)
	}
}

func run(addr, path string) error {
	b, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	var cfg config
	if err := json.Unmarshal(b, &cfg); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return err
	}
	issuer := "http://" + ln.Addr().String()
	clients := map[string]*storage.Client{}
	for _, c := range cfg.Clients {
		clients[c.ID] = storage.WebClient(c.ID, c.Secret, c.RedirectURIs...)
	}
	users := userStore{}
	for _, u := range cfg.Users {
		users[u.ID] = u
	}
	st := newStore(storage.NewStorageWithClients(users, clients), users)
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	router := exampleop.SetupServer(issuer, st, log, false)
	mux := http.NewServeMux()
	mux.HandleFunc("POST /testop/rotate", func(w http.ResponseWriter, r *http.Request) {
		st.keys.rotate()
		w.WriteHeader(http.StatusNoContent)
	})
	mux.Handle("/", router)
	srv := &http.Server{Handler: mux}
	go func() {
		_, _ = io.Copy(io.Discard, os.Stdin) // the test holds stdin open while it needs us
		_ = srv.Shutdown(context.Background())
	}()
	fmt.Println("issuer=" + issuer)
	if err := srv.Serve(ln); err != http.ErrServerClosed {
		return err
	}
	return nil
}

// userStore serves the configured users to the example storage.
type userStore map[string]user

// GetUserByID implements storage.UserStore.
func (u userStore) GetUserByID(id string) *storage.User {
	x, ok := u[id]
	if !ok {
		return nil
	}
	first, last, _ := strings.Cut(x.Name, " ")
	return &storage.User{ID: x.ID, Username: x.Username, Password: x.Password, FirstName: first, LastName: last,
		Email: x.Username + "@example.org", EmailVerified: true, PreferredLanguage: language.Vietnamese}
}

// GetUserByUsername implements storage.UserStore.
func (u userStore) GetUserByUsername(name string) *storage.User {
	for id, x := range u {
		if x.Username == name {
			return u.GetUserByID(id)
		}
	}
	return nil
}

// ExampleClientID implements storage.UserStore (the example's JWT profile
// service user; unused here).
func (u userStore) ExampleClientID() string { return "service" }
