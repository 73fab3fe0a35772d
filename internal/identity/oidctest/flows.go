package oidctest

import (
	"context"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"strings"
	"testing"

	"golang.org/x/oauth2"
)

// Browser returns an HTTP client with a cookie jar that follows redirects
// like a browser, except to URLs for which stop is true (nil: none).
func Browser(stop func(*url.URL) bool) *http.Client {
	jar, _ := cookiejar.New(nil)
	return &http.Client{Jar: jar, CheckRedirect: func(req *http.Request, via []*http.Request) error {
		if stop != nil && stop(req.URL) {
			return http.ErrUseLastResponse
		}
		if len(via) > 20 {
			return http.ErrUseLastResponse
		}
		return nil
	}}
}

// Login signs a user in from start, a URL that leads to the provider's
// authorization endpoint: it follows the redirects to the login page,
// posts the credentials there and returns the response at the end of the
// redirects that follow.
func (p *Provider) Login(t testing.TB, c *http.Client, start, username, password string) *http.Response {
	t.Helper()
	res, err := c.Get(start)
	if err != nil {
		t.Fatalf("GET %s: %v", start, err)
	}
	res.Body.Close()
	id := res.Request.URL.Query().Get("authRequestID")
	if !strings.HasPrefix(res.Request.URL.String(), p.Issuer+"/login/username") || id == "" {
		t.Fatalf("expected the provider's login page, got %d at %s", res.StatusCode, res.Request.URL)
	}
	res, err = c.PostForm(p.Issuer+"/login/username", url.Values{"id": {id}, "username": {username}, "password": {password}})
	if err != nil {
		t.Fatalf("post the login form: %v", err)
	}
	return res
}

// Tokens signs a user in as the OAuth client c would (authorization code
// with PKCE) and returns the ID token and the access token, both JWTs.
func (p *Provider) Tokens(t testing.TB, c Client, username, password string) (idToken, accessToken string) {
	t.Helper()
	redirect := c.RedirectURIs[0]
	cfg := &oauth2.Config{ClientID: c.ID, ClientSecret: c.Secret, RedirectURL: redirect, Scopes: []string{"openid", "profile", "email"},
		Endpoint: oauth2.Endpoint{AuthURL: p.Issuer + "/auth", TokenURL: p.Issuer + "/oauth/token"}}
	verifier := oauth2.GenerateVerifier()
	start := cfg.AuthCodeURL("state-1", oauth2.S256ChallengeOption(verifier), oauth2.SetAuthURLParam("nonce", "nonce-1"))
	browser := Browser(func(u *url.URL) bool { return strings.HasPrefix(u.String(), redirect) })
	res := p.Login(t, browser, start, username, password)
	res.Body.Close()
	loc, _ := url.Parse(res.Header.Get("Location"))
	code := loc.Query().Get("code")
	if code == "" || loc.Query().Get("state") != "state-1" {
		t.Fatalf("no code after sign-in: %d %s", res.StatusCode, res.Header.Get("Location"))
	}
	tok, err := cfg.Exchange(context.Background(), code, oauth2.VerifierOption(verifier))
	if err != nil {
		t.Fatalf("exchange the code: %v", err)
	}
	idToken, _ = tok.Extra("id_token").(string)
	return idToken, tok.AccessToken
}

// Rotate makes the provider sign with a new key from now on; the old key
// stays in its JWKS.
func (p *Provider) Rotate(t testing.TB) {
	t.Helper()
	res, err := http.Post(p.Issuer+"/testop/rotate", "", nil)
	if err != nil || res.StatusCode != http.StatusNoContent {
		t.Fatalf("rotate: %v %v", res, err)
	}
	res.Body.Close()
}
