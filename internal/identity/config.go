// Package identity verifies officers' OpenID Connect tokens for landcat:
// a JWT from the configured issuer, checked against the issuer's JWKS
// (keys fetched again when a token names a new one, so the provider may
// rotate them), with its audience, expiry and algorithm checked and clock
// skew bounded, becomes a catalog.Actor whose role and scope come from
// configurable claims. It also runs the browser sign-in (authorization
// code with PKCE) and seals the session cookie. It knows nothing of HTTP
// routing; the HTTP layer calls it.
package identity

import (
	"errors"
	"fmt"
	"net"
	"net/url"
	"strings"
	"time"

	"github.com/landcat/landcat/internal/catalog"
)

// Config is the OpenID Connect settings (LANDCAT_OIDC_*). The zero value
// switches OpenID Connect off.
type Config struct {
	Issuer   string // the provider's issuer URL, e.g. https://id.city.gov.vn/realms/officers
	Audience string // the aud that API tokens must hold (default: ClientID)
	// RoleClaim names the claim holding the officer's groups or roles; a
	// dotted path reaches into objects (Keycloak's realm_access.roles).
	RoleClaim string
	// Roles maps claim values (group names) to landcat roles; the highest
	// wins. Empty: the values viewer, editor, publisher and admin map to
	// themselves.
	Roles map[string]catalog.Role
	// ZonesClaim and SectorsClaim name the claims limiting the role to
	// zones and sectors (absent or empty: no limit).
	ZonesClaim, SectorsClaim string
	// ClockSkew is how far the provider's clock may be ahead or behind.
	ClockSkew time.Duration

	// Browser sign-in (all four, or none).
	ClientID, ClientSecret string
	RedirectURL            string // https://landcat.example/auth/callback
	CookieSecret           string // seals the session cookie; 32 characters or more
	// Session is how long a browser session lasts.
	Session time.Duration
}

// Defaults of the optional settings.
const (
	DefaultRoleClaim    = "groups"
	DefaultZonesClaim   = "landcat_zones"
	DefaultSectorsClaim = "landcat_sectors"
	DefaultClockSkew    = time.Minute
	MaxClockSkew        = 5 * time.Minute
	DefaultSession      = 8 * time.Hour
)

// Enabled reports whether an issuer is configured.
func (c Config) Enabled() bool { return c.Issuer != "" }

// Browser reports whether browser sign-in is configured.
func (c Config) Browser() bool { return c.ClientID != "" }

// WithDefaults fills in the optional settings left empty.
func (c Config) WithDefaults() Config {
	if c.RoleClaim == "" {
		c.RoleClaim = DefaultRoleClaim
	}
	if c.ZonesClaim == "" {
		c.ZonesClaim = DefaultZonesClaim
	}
	if c.SectorsClaim == "" {
		c.SectorsClaim = DefaultSectorsClaim
	}
	if c.ClockSkew == 0 {
		c.ClockSkew = DefaultClockSkew
	}
	if c.Session == 0 {
		c.Session = DefaultSession
	}
	if c.Audience == "" {
		c.Audience = c.ClientID
	}
	return c
}

// Validate checks the settings without contacting the provider. Names in
// messages are the environment variables.
func (c Config) Validate() error {
	if !c.Enabled() {
		if c.Browser() || c.Audience != "" {
			return errors.New("LANDCAT_OIDC_ISSUER is required with the other LANDCAT_OIDC_* settings")
		}
		return nil
	}
	var errs []error
	if err := checkURL("LANDCAT_OIDC_ISSUER", c.Issuer); err != nil {
		errs = append(errs, err)
	}
	if c.Audience == "" && c.ClientID == "" {
		errs = append(errs, errors.New("LANDCAT_OIDC_AUDIENCE is required: the aud claim landcat's tokens carry (often the client id)"))
	}
	if c.ClockSkew < 0 || c.ClockSkew > MaxClockSkew {
		errs = append(errs, fmt.Errorf("LANDCAT_OIDC_CLOCK_SKEW must be between 0s and %s, got %s", MaxClockSkew, c.ClockSkew))
	}
	if c.Session < 0 || c.Session > 7*24*time.Hour {
		errs = append(errs, fmt.Errorf("LANDCAT_OIDC_SESSION must be at most 168h, got %s", c.Session))
	}
	if c.Browser() || c.RedirectURL != "" || c.CookieSecret != "" || c.ClientSecret != "" {
		errs = append(errs, c.validateBrowser()...)
	}
	return errors.Join(errs...)
}

func (c Config) validateBrowser() []error {
	var errs []error
	if c.ClientID == "" {
		errs = append(errs, errors.New("LANDCAT_OIDC_CLIENT_ID is required for browser sign-in"))
	}
	if err := checkURL("LANDCAT_OIDC_REDIRECT_URL", c.RedirectURL); err != nil {
		errs = append(errs, err)
	} else if u, _ := url.Parse(c.RedirectURL); u.Path != "/auth/callback" && !strings.HasSuffix(u.Path, "/auth/callback") {
		errs = append(errs, fmt.Errorf("LANDCAT_OIDC_REDIRECT_URL must end in /auth/callback, got %q", c.RedirectURL))
	}
	if len(c.CookieSecret) < 32 {
		errs = append(errs, errors.New("LANDCAT_OIDC_COOKIE_SECRET must be 32 characters or more (e.g. openssl rand -base64 32); it seals the session cookie"))
	}
	return errs
}

// checkURL accepts an absolute https URL, or http on a loopback address
// (development and tests).
func checkURL(name, raw string) error {
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" || (u.Scheme != "https" && u.Scheme != "http") {
		return fmt.Errorf("%s must be an absolute https URL, got %q", name, raw)
	}
	if u.Scheme == "http" && !Loopback(u) {
		return fmt.Errorf("%s must use https (http only on a loopback address), got %q", name, raw)
	}
	return nil
}

// Loopback reports whether u names this machine (localhost, 127.0.0.0/8,
// ::1): there plain http is allowed and cookies go without Secure.
func Loopback(u *url.URL) bool {
	h := u.Hostname()
	if h == "localhost" {
		return true
	}
	ip := net.ParseIP(h)
	return ip != nil && ip.IsLoopback()
}

// ParseRoles reads LANDCAT_OIDC_ROLES: "group=role,…", e.g.
// "landcat-editors=editor,/parks/dinh-vu/publishers=publisher".
func ParseRoles(s string) (map[string]catalog.Role, error) {
	out := map[string]catalog.Role{}
	for _, item := range strings.Split(s, ",") {
		item = strings.TrimSpace(item)
		if item == "" {
			continue
		}
		i := strings.LastIndex(item, "=")
		if i <= 0 {
			return nil, fmt.Errorf("LANDCAT_OIDC_ROLES: %q is not GROUP=ROLE", item)
		}
		role, ok := catalog.ParseRole(strings.TrimSpace(item[i+1:]))
		if !ok {
			return nil, fmt.Errorf("LANDCAT_OIDC_ROLES: %q: the role must be viewer, editor, publisher or admin", item)
		}
		out[strings.TrimSpace(item[:i])] = role
	}
	if len(out) == 0 {
		return nil, nil
	}
	return out, nil
}
