package httpapi

import (
	"context"
	"crypto/sha256"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/labstack/echo/v4"
	"github.com/landcat/landcat/internal/catalog"
)

// Authenticator resolves a bearer credential to an officer.
type Authenticator interface {
	Authenticate(ctx context.Context, key string) (catalog.Actor, error)
}

const actorKey = "landcat.actor"

// authenticate resolves the caller: "Authorization: Bearer" with an API
// key (lck_…) or a JWT from the identity provider (told apart by shape),
// else the browser session cookie. A request without credentials
// proceeds as anonymous; a bad bearer credential is a 401 (better than
// silently treating a typo as anonymous). A client that failed too often
// is refused with 429 before its credential is even looked up.
func (s *server) authenticate(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		h := c.Request().Header.Get(echo.HeaderAuthorization)
		if h == "" {
			s.fromSession(c)
			return next(c)
		}
		ip := clientKey(c)
		if blocked, retry := s.authFailures.Blocked(ip); blocked {
			return s.tooMany(c, "auth_failure", retry)
		}
		scheme, key, ok := strings.Cut(h, " ")
		key = strings.TrimSpace(key)
		if !ok || !strings.EqualFold(scheme, "Bearer") || key == "" {
			s.authFailures.Allow(ip)
			return catalog.Errorf(catalog.KindUnauthenticated, "use \"Authorization: Bearer KEY\" with a key from `landcat apikey create` or a token from the identity provider")
		}
		a, err := s.bearer(c.Request().Context(), key)
		if err != nil {
			if catalog.KindOf(err) == catalog.KindUnauthenticated {
				s.authFailures.Allow(ip)
			}
			return err
		}
		c.Set(actorKey, a)
		return next(c)
	}
}

// bearer checks a bearer credential: an API key by its prefix, a JWT by
// its three dot-separated parts.
func (s *server) bearer(ctx context.Context, cred string) (catalog.Actor, error) {
	switch {
	case strings.HasPrefix(cred, catalog.APIKeyPrefix):
		return s.auth.Authenticate(ctx, cred)
	case strings.Count(cred, ".") == 2:
		if s.oidc == nil {
			return catalog.Actor{}, catalog.Errorf(catalog.KindUnauthenticated, "this server accepts no identity provider tokens (LANDCAT_OIDC_ISSUER is not set); use an API key")
		}
		return s.oidc.Authenticate(ctx, cred)
	}
	return catalog.Actor{}, catalog.Errorf(catalog.KindUnauthenticated, "the bearer credential is neither an API key (lck_…) nor a JWT")
}

// actor returns the caller (Role == RoleNone when anonymous).
func actor(c echo.Context) catalog.Actor {
	a, _ := c.Get(actorKey).(catalog.Actor)
	return a
}

// require returns a middleware refusing callers below role: 401 when
// anonymous, 403 when the role is too low.
func require(role catalog.Role) echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			if noCSRF, _ := c.Get(noCSRFKey).(bool); noCSRF && actor(c).Role == catalog.RoleNone {
				return errNoCSRF()
			}
			if err := checkRole(actor(c), role); err != nil {
				return err
			}
			return next(c)
		}
	}
}

func checkRole(a catalog.Actor, role catalog.Role) error {
	if a.Role == catalog.RoleNone {
		return catalog.Errorf(catalog.KindUnauthenticated, "this needs an officer's API key with the %s role (Authorization: Bearer KEY)", role)
	}
	if a.Role < role {
		return catalog.Errorf(catalog.KindForbidden, "this needs the %s role; %s has %s", role, a.Name, a.Role)
	}
	return nil
}

// keyCacheTTL is how long a successful credential check is reused: a
// flood of requests with one key costs one database query per TTL, and a
// revoked key stops working within it on every replica.
const keyCacheTTL = 15 * time.Second

// keyCacheSize bounds the cache (officers hold a few hundred keys at most).
const keyCacheSize = 10_000

// cachedAuth remembers successful checks for keyCacheTTL, by a hash of the
// key (the key itself is not kept). Failures are never cached: they are
// rate-limited per client instead, so random keys cannot fill the cache.
type cachedAuth struct {
	next Authenticator
	now  func() time.Time

	mu      sync.Mutex
	entries map[[32]byte]cachedActor
}

type cachedActor struct {
	actor   catalog.Actor
	expires time.Time
}

func newCachedAuth(next Authenticator) *cachedAuth {
	return &cachedAuth{next: next, now: time.Now, entries: map[[32]byte]cachedActor{}}
}

// Authenticate implements Authenticator.
func (a *cachedAuth) Authenticate(ctx context.Context, key string) (catalog.Actor, error) {
	h := sha256.Sum256([]byte(key))
	now := a.now()
	a.mu.Lock()
	e, ok := a.entries[h]
	a.mu.Unlock()
	if ok && now.Before(e.expires) {
		return e.actor, nil
	}
	actor, err := a.next.Authenticate(ctx, key)
	if err != nil {
		return actor, err
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	if len(a.entries) >= keyCacheSize {
		for k, old := range a.entries {
			if !now.Before(old.expires) || len(a.entries) >= keyCacheSize {
				delete(a.entries, k)
			}
		}
	}
	exp := now.Add(keyCacheTTL)
	if !actor.Expires.IsZero() && actor.Expires.Before(exp) {
		exp = actor.Expires // an expiring key is not served from the cache past its end
	}
	a.entries[h] = cachedActor{actor: actor, expires: exp}
	return actor, nil
}

// meBody is GET /me.
type meBody struct {
	Subject string        `json:"subject"`
	Name    string        `json:"name"`
	Role    string        `json:"role"`
	Scope   catalog.Scope `json:"scope"`
	Auth    string        `json:"auth"`
}

// me is GET /me: who the credential says the caller is (401 when
// anonymous), for officers' tools to show and to check a scope.
func (s *server) me(c echo.Context) error {
	a := actor(c)
	if a.Role == catalog.RoleNone {
		return catalog.Errorf(catalog.KindUnauthenticated, "GET /me needs credentials: an API key or a token from the identity provider (Authorization: Bearer …), or a sign-in at /auth/login")
	}
	scope := catalog.Scope{Zones: append([]string{}, a.Scope.Zones...), Sectors: append([]string{}, a.Scope.Sectors...)}
	return sendJSON(c, http.StatusOK, mimeJSON, meBody{Subject: a.Subject, Name: a.Name, Role: a.Role.String(), Scope: scope, Auth: a.Method})
}
