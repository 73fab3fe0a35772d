package identity

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"sync"
	"time"

	"github.com/coreos/go-oidc/v3/oidc"
	"github.com/landcat/landcat/internal/catalog"
	"golang.org/x/oauth2"
)

// discoveryRetry is how long after a failed discovery the provider is
// asked again: an identity provider that is down at start-up does not
// stop landcat from serving (API keys still work), and a flood of tokens
// does not become a flood of discovery requests.
const discoveryRetry = 10 * time.Second

// OIDC verifies tokens of one issuer and runs its browser sign-in.
type OIDC struct {
	cfg    Config
	client *http.Client
	now    func() time.Time
	seal   *sealer

	mu       sync.Mutex
	provider *oidc.Provider
	failedAt time.Time
	failure  error
	api      *oidc.IDTokenVerifier // aud = Audience (bearer tokens)
	browser  *oidc.IDTokenVerifier // aud = ClientID (ID tokens of the sign-in)
}

// New returns the verifier of cfg (validated, defaults filled in). It
// contacts nobody: the provider's discovery document is read at the first
// token.
func New(cfg Config) (*OIDC, error) {
	cfg = cfg.WithDefaults()
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	o := &OIDC{cfg: cfg, client: &http.Client{Timeout: 10 * time.Second}, now: time.Now}
	if cfg.Browser() {
		o.seal = newSealer(cfg.CookieSecret)
	}
	return o, nil
}

// Config returns the settings in force (with defaults).
func (o *OIDC) Config() Config { return o.cfg }

// setup runs discovery once (again after discoveryRetry when it failed).
func (o *OIDC) setup(ctx context.Context) (*oidc.Provider, error) {
	o.mu.Lock()
	defer o.mu.Unlock()
	if o.provider != nil {
		return o.provider, nil
	}
	if o.failure != nil && o.now().Sub(o.failedAt) < discoveryRetry {
		return nil, o.failure
	}
	// The key set keeps this context for its later fetches of the JWKS.
	bg := oidc.ClientContext(context.Background(), o.client)
	dctx, cancel := context.WithTimeout(oidc.ClientContext(ctx, o.client), 10*time.Second)
	defer cancel()
	p, err := oidc.NewProvider(dctx, o.cfg.Issuer)
	if err != nil {
		o.failedAt = o.now()
		o.failure = &catalog.Error{Kind: catalog.KindUnavailable, Message: "the identity provider cannot be reached; try again shortly, or use an API key", Err: err}
		return nil, o.failure
	}
	keys := oidc.NewRemoteKeySet(bg, jwksURL(p))
	skewed := func() time.Time { return o.now().Add(-o.cfg.ClockSkew) }
	algs := signingAlgs(p)
	o.api = oidc.NewVerifier(o.cfg.Issuer, keys, &oidc.Config{ClientID: o.cfg.Audience, Now: skewed, SupportedSigningAlgs: algs})
	o.browser = oidc.NewVerifier(o.cfg.Issuer, keys, &oidc.Config{ClientID: o.cfg.ClientID, SkipClientIDCheck: o.cfg.ClientID == "", Now: skewed, SupportedSigningAlgs: algs})
	o.provider, o.failure = p, nil
	return p, nil
}

func jwksURL(p *oidc.Provider) string {
	var d struct {
		JWKS string `json:"jwks_uri"`
	}
	_ = p.Claims(&d)
	return d.JWKS
}

// signingAlgs are the algorithms the provider announces, never "none"
// (go-oidc refuses it anyway); RS256 when it announces none.
func signingAlgs(p *oidc.Provider) []string {
	var d struct {
		Algs []string `json:"id_token_signing_alg_values_supported"`
	}
	_ = p.Claims(&d)
	var out []string
	for _, a := range d.Algs {
		if a != "none" && a != "" {
			out = append(out, a)
		}
	}
	if len(out) == 0 {
		out = []string{oidc.RS256}
	}
	return out
}

// Authenticate verifies a bearer JWT and returns its officer: 401 when the
// token is not valid here (signature, issuer, audience, expiry), 403 when
// it is valid but grants no landcat role, 503 when the provider's keys
// cannot be read.
func (o *OIDC) Authenticate(ctx context.Context, raw string) (catalog.Actor, error) {
	if _, err := o.setup(ctx); err != nil {
		return catalog.Actor{}, err
	}
	return o.verify(ctx, o.api, raw, "")
}

// verify checks a token with v (and its nonce when one is expected) and
// maps its claims.
func (o *OIDC) verify(ctx context.Context, v *oidc.IDTokenVerifier, raw, nonce string) (catalog.Actor, error) {
	t, err := v.Verify(oidc.ClientContext(ctx, o.client), raw)
	if err != nil {
		var exp *oidc.TokenExpiredError
		if errors.As(err, &exp) {
			return catalog.Actor{}, catalog.Errorf(catalog.KindUnauthenticated, "the token expired at %s; get a new one", exp.Expiry.UTC().Format(time.RFC3339))
		}
		return catalog.Actor{}, &catalog.Error{Kind: catalog.KindUnauthenticated, Message: "the token is not valid here: " + err.Error(), Err: err}
	}
	if t.IssuedAt.After(o.now().Add(o.cfg.ClockSkew)) {
		return catalog.Actor{}, catalog.Errorf(catalog.KindUnauthenticated, "the token is issued in the future (%s); the clocks differ by more than %s", t.IssuedAt.UTC().Format(time.RFC3339), o.cfg.ClockSkew)
	}
	if nonce != "" && t.Nonce != nonce {
		return catalog.Actor{}, catalog.Errorf(catalog.KindUnauthenticated, "the ID token's nonce does not match this sign-in")
	}
	var claims map[string]any
	if err := t.Claims(&claims); err != nil {
		return catalog.Actor{}, fmt.Errorf("read token claims: %w", err)
	}
	a, err := o.cfg.actorOf(claims)
	if err != nil {
		return a, err
	}
	a.Expires = t.Expiry
	return a, nil
}

// LoginURL is where a browser signs in: the provider's authorization
// endpoint with state, nonce and the PKCE challenge of verifier.
func (o *OIDC) LoginURL(ctx context.Context, state, nonce, verifier string) (string, error) {
	p, err := o.setup(ctx)
	if err != nil {
		return "", err
	}
	return o.oauth(p).AuthCodeURL(state, oidc.Nonce(nonce), oauth2.S256ChallengeOption(verifier)), nil
}

// Exchange redeems the authorization code (with the PKCE verifier) and
// returns the officer of the ID token, which must carry nonce. The
// session ends after Config.Session, whatever the token's own expiry.
func (o *OIDC) Exchange(ctx context.Context, code, verifier, nonce string) (catalog.Actor, error) {
	p, err := o.setup(ctx)
	if err != nil {
		return catalog.Actor{}, err
	}
	tok, err := o.oauth(p).Exchange(oidc.ClientContext(ctx, o.client), code, oauth2.VerifierOption(verifier))
	if err != nil {
		return catalog.Actor{}, &catalog.Error{Kind: catalog.KindUnauthenticated, Message: "the identity provider did not accept the sign-in; start again", Err: err}
	}
	raw, _ := tok.Extra("id_token").(string)
	if raw == "" {
		return catalog.Actor{}, catalog.Errorf(catalog.KindUnauthenticated, "the identity provider sent no ID token (is the openid scope allowed for this client?)")
	}
	a, err := o.verify(ctx, o.browser, raw, nonce)
	if err != nil {
		return a, err
	}
	a.Expires = o.now().Add(o.cfg.Session)
	return a, nil
}

// LogoutURL is the provider's end-session endpoint for this client, or ""
// when it announces none.
func (o *OIDC) LogoutURL(ctx context.Context) string {
	p, err := o.setup(ctx)
	if err != nil {
		return ""
	}
	var d struct {
		EndSession string `json:"end_session_endpoint"`
	}
	if p.Claims(&d) != nil || d.EndSession == "" {
		return ""
	}
	return d.EndSession + "?client_id=" + url.QueryEscape(o.cfg.ClientID)
}

func (o *OIDC) oauth(p *oidc.Provider) *oauth2.Config {
	return &oauth2.Config{ClientID: o.cfg.ClientID, ClientSecret: o.cfg.ClientSecret, RedirectURL: o.cfg.RedirectURL,
		Endpoint: p.Endpoint(), Scopes: []string{oidc.ScopeOpenID, "profile", "email"}}
}
