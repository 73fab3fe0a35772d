package main

import (
	"flag"
	"fmt"
	"time"

	"github.com/landcat/landcat/internal/identity"
)

// oidcSettings are serve's OpenID Connect flags, each defaulting to its
// LANDCAT_OIDC_* environment variable.
type oidcSettings struct {
	issuer, audience, roleClaim, roles, zonesClaim, sectorsClaim, clockSkew string
	clientID, clientSecret, redirectURL, cookieSecret, session              string
}

// oidcFlags adds the OpenID Connect settings to serve's flags.
func oidcFlags(fs *flag.FlagSet, getenv func(string) string, o *oidcSettings) {
	str := func(p *string, name, env, usage string) { fs.StringVar(p, name, getenv(env), usage) }
	str(&o.issuer, "oidc-issuer", "LANDCAT_OIDC_ISSUER", "OpenID Connect issuer URL whose JWTs officers may use; empty: API keys only")
	str(&o.audience, "oidc-audience", "LANDCAT_OIDC_AUDIENCE", "the aud claim tokens must hold (default: the client id)")
	str(&o.roleClaim, "oidc-role-claim", "LANDCAT_OIDC_ROLE_CLAIM", "claim with the officer's groups or roles, dotted for nested ones (default groups)")
	str(&o.roles, "oidc-roles", "LANDCAT_OIDC_ROLES", "group=role pairs, e.g. landcat-editors=editor,landcat-admins=admin (default: groups named viewer, editor, publisher, admin)")
	str(&o.zonesClaim, "oidc-zones-claim", "LANDCAT_OIDC_ZONES_CLAIM", "claim limiting the role to zone ids (default landcat_zones)")
	str(&o.sectorsClaim, "oidc-sectors-claim", "LANDCAT_OIDC_SECTORS_CLAIM", "claim limiting the role to parcels of sectors (default landcat_sectors)")
	str(&o.clockSkew, "oidc-clock-skew", "LANDCAT_OIDC_CLOCK_SKEW", "how far the provider's clock may differ, at most 5m (default 1m)")
	str(&o.clientID, "oidc-client-id", "LANDCAT_OIDC_CLIENT_ID", "client id for browser sign-in at /auth/login; empty: no browser sign-in")
	str(&o.clientSecret, "oidc-client-secret", "LANDCAT_OIDC_CLIENT_SECRET", "client secret for browser sign-in (prefer the variable to the flag)")
	str(&o.redirectURL, "oidc-redirect-url", "LANDCAT_OIDC_REDIRECT_URL", "this server's https://…/auth/callback, as registered at the provider")
	str(&o.cookieSecret, "oidc-cookie-secret", "LANDCAT_OIDC_COOKIE_SECRET", "32+ characters sealing the session cookie, the same on every replica (prefer the variable)")
	str(&o.session, "oidc-session", "LANDCAT_OIDC_SESSION", "how long a browser session lasts (default 8h)")
}

// verifier checks the settings, before anything is opened, and returns the
// verifier (nil when no issuer is set).
func (o *oidcSettings) verifier() (*identity.OIDC, error) {
	cfg := identity.Config{Issuer: o.issuer, Audience: o.audience, RoleClaim: o.roleClaim, ZonesClaim: o.zonesClaim,
		SectorsClaim: o.sectorsClaim, ClientID: o.clientID, ClientSecret: o.clientSecret, RedirectURL: o.redirectURL, CookieSecret: o.cookieSecret}
	var err error
	if cfg.Roles, err = identity.ParseRoles(o.roles); err != nil {
		return nil, err
	}
	if cfg.ClockSkew, err = duration("LANDCAT_OIDC_CLOCK_SKEW", o.clockSkew); err != nil {
		return nil, err
	}
	if cfg.Session, err = duration("LANDCAT_OIDC_SESSION", o.session); err != nil {
		return nil, err
	}
	if !cfg.Enabled() {
		return nil, cfg.Validate()
	}
	return identity.New(cfg)
}

func duration(name, raw string) (time.Duration, error) {
	if raw == "" {
		return 0, nil
	}
	d, err := time.ParseDuration(raw)
	if err != nil || d <= 0 {
		return 0, fmt.Errorf("%s must be a positive duration such as 90s or 8h, got %q", name, raw)
	}
	return d, nil
}
