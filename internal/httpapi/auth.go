package httpapi

import (
	"context"
	"strings"

	"github.com/labstack/echo/v4"
	"github.com/landcat/landcat/internal/catalog"
)

// Authenticator resolves a bearer credential to an officer.
type Authenticator interface {
	Authenticate(ctx context.Context, key string) (catalog.Actor, error)
}

const actorKey = "landcat.actor"

// authenticate resolves "Authorization: Bearer KEY" when present. A request
// without credentials proceeds as anonymous; a bad credential is a 401
// (better than silently treating a typo as anonymous).
func (s *server) authenticate(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		h := c.Request().Header.Get(echo.HeaderAuthorization)
		if h == "" {
			return next(c)
		}
		scheme, key, ok := strings.Cut(h, " ")
		if !ok || !strings.EqualFold(scheme, "Bearer") || strings.TrimSpace(key) == "" {
			return catalog.Errorf(catalog.KindUnauthenticated, "use \"Authorization: Bearer KEY\" with a key from `landcat apikey create`")
		}
		a, err := s.auth.Authenticate(c.Request().Context(), strings.TrimSpace(key))
		if err != nil {
			return err
		}
		c.Set(actorKey, a)
		return next(c)
	}
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
