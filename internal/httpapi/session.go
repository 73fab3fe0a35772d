package httpapi

import (
	"crypto/hmac"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/labstack/echo/v4"
	"github.com/landcat/landcat/internal/catalog"
	"github.com/landcat/landcat/internal/identity"
)

// Browser sign-in: /auth/login sends the officer to the identity provider
// (authorization code with PKCE), /auth/callback turns the answer into a
// session cookie sealed with LANDCAT_OIDC_COOKIE_SECRET, /auth/logout ends
// it. A request with the session cookie is the officer's; one that
// changes anything must also send the CSRF token (the landcat_csrf
// cookie's value) in X-CSRF-Token, or as the form field csrf_token.

const (
	sessionCookie = "landcat_session"
	csrfCookie    = "landcat_csrf"
	signinCookie  = "landcat_signin"
	csrfHeader    = "X-CSRF-Token"
	signinTTL     = 10 * time.Minute
)

// session is what the session cookie holds (sealed).
type session struct {
	ID      string        `json:"sid"`
	Subject string        `json:"sub"`
	Name    string        `json:"name"`
	Role    string        `json:"role"`
	Scope   catalog.Scope `json:"scope"`
}

// signin is what the sign-in cookie holds between /auth/login and
// /auth/callback.
type signin struct {
	State, Nonce, Verifier, ReturnTo string
}

// fromSession reads the session cookie, if any, into the caller. A
// missing, expired or tampered cookie leaves the caller anonymous. So does
// a request that changes something without the session's CSRF token: a
// public POST (/match from the map page) still works, and an officer's
// write is refused by require with errNoCSRF.
func (s *server) fromSession(c echo.Context) {
	ck, err := c.Cookie(sessionCookie)
	if err != nil || s.oidc == nil || !s.oidc.Config().Browser() {
		return
	}
	var ses session
	if s.oidc.Open("session", ck.Value, &ses) != nil {
		return
	}
	if !safeMethod(c.Request().Method) && !hmac.Equal([]byte(csrfToken(c)), []byte(s.oidc.CSRFToken(ses.ID))) {
		c.Set(noCSRFKey, true)
		return
	}
	role, _ := catalog.ParseRole(ses.Role)
	c.Set(actorKey, catalog.Actor{Subject: ses.Subject, Name: ses.Name, Role: role, Scope: ses.Scope, Method: "oidc"})
}

// noCSRFKey marks a request that carried a valid session cookie but no
// valid CSRF token.
const noCSRFKey = "landcat.nocsrf"

// errNoCSRF is the answer to an officer's write with the session cookie
// and without the CSRF token.
func errNoCSRF() error {
	return catalog.Errorf(catalog.KindForbidden, "a write with the session cookie must send the landcat_csrf cookie's value in the %s header (or the form field csrf_token)", csrfHeader)
}

func safeMethod(m string) bool {
	return m == http.MethodGet || m == http.MethodHead || m == http.MethodOptions
}

// csrfToken is the request's CSRF token: the header, or for an HTML form
// the field csrf_token.
func csrfToken(c echo.Context) string {
	if t := c.Request().Header.Get(csrfHeader); t != "" {
		return t
	}
	if strings.HasPrefix(c.Request().Header.Get(echo.HeaderContentType), echo.MIMEApplicationForm) {
		return c.FormValue("csrf_token")
	}
	return ""
}

func (s *server) browserSignIn() error {
	if s.oidc == nil || !s.oidc.Config().Browser() {
		return catalog.Errorf(catalog.KindNotFound, "browser sign-in is not configured on this server (LANDCAT_OIDC_CLIENT_ID); use an API key or a token")
	}
	return nil
}

// login is GET /auth/login?return_to=/path.
func (s *server) login(c echo.Context) error {
	if err := checkParams(c.QueryParams(), oneOf("return_to")); err != nil {
		return err
	}
	if err := s.browserSignIn(); err != nil {
		return err
	}
	back := c.QueryParam("return_to")
	if back == "" {
		back = "/"
	}
	if !strings.HasPrefix(back, "/") || strings.HasPrefix(back, "//") || strings.ContainsAny(back, "\\\r\n") {
		return badRequest("return_to", "must be a path on this server, such as /collections/parcels/items?f=html")
	}
	st := signin{State: identity.RandomToken(), Nonce: identity.RandomToken(), Verifier: identity.RandomToken(), ReturnTo: back}
	to, err := s.oidc.LoginURL(c.Request().Context(), st.State, st.Nonce, st.Verifier)
	if err != nil {
		return err
	}
	exp := time.Now().Add(signinTTL)
	v, err := s.oidc.Seal("signin", st, exp)
	if err != nil {
		return err
	}
	s.setCookie(c, signinCookie, v, "/auth/", exp, true, http.SameSiteLaxMode)
	return c.Redirect(http.StatusSeeOther, to)
}

// callback is GET /auth/callback: the provider's answer.
func (s *server) callback(c echo.Context) error {
	if err := s.browserSignIn(); err != nil {
		return err
	}
	var st signin
	ck, err := c.Cookie(signinCookie)
	if err != nil || s.oidc.Open("signin", ck.Value, &st) != nil {
		return catalog.Errorf(catalog.KindBadRequest, "this sign-in expired or began in another browser; start again at /auth/login")
	}
	s.setCookie(c, signinCookie, "", "/auth/", time.Time{}, true, http.SameSiteLaxMode)
	q := c.QueryParams()
	if e := q.Get("error"); e != "" {
		return catalog.Errorf(catalog.KindUnauthenticated, "the identity provider refused the sign-in: %s %s", shorten(e), shorten(q.Get("error_description")))
	}
	if q.Get("state") == "" || !hmac.Equal([]byte(q.Get("state")), []byte(st.State)) {
		return badRequest("state", "does not match this browser's sign-in; start again at /auth/login")
	}
	a, err := s.oidc.Exchange(c.Request().Context(), q.Get("code"), st.Verifier, st.Nonce)
	if err != nil {
		return err
	}
	ses := session{ID: identity.RandomToken(), Subject: a.Subject, Name: a.Name, Role: a.Role.String(), Scope: a.Scope}
	v, err := s.oidc.Seal("session", ses, a.Expires)
	if err != nil {
		return err
	}
	s.setCookie(c, sessionCookie, v, "/", a.Expires, true, http.SameSiteLaxMode)
	s.setCookie(c, csrfCookie, s.oidc.CSRFToken(ses.ID), "/", a.Expires, false, http.SameSiteStrictMode)
	return c.Redirect(http.StatusSeeOther, st.ReturnTo)
}

// logout is POST /auth/logout: the session cookies are cleared and the
// browser is sent to the provider's end-session page (or home).
func (s *server) logout(c echo.Context) error {
	if err := s.browserSignIn(); err != nil {
		return err
	}
	if noCSRF, _ := c.Get(noCSRFKey).(bool); noCSRF {
		return errNoCSRF() // another site may not sign the officer out
	}
	s.setCookie(c, sessionCookie, "", "/", time.Time{}, true, http.SameSiteLaxMode)
	s.setCookie(c, csrfCookie, "", "/", time.Time{}, false, http.SameSiteStrictMode)
	to := s.oidc.LogoutURL(c.Request().Context())
	if to == "" {
		to = "/"
	} else if u, err := url.Parse(to); err != nil || u.Host == "" {
		to = "/"
	}
	return c.Redirect(http.StatusSeeOther, to)
}

// setCookie sets (or, with a zero expiry, clears) a cookie: Secure unless
// landcat is reached over plain http on a loopback address.
func (s *server) setCookie(c echo.Context, name, value, path string, exp time.Time, httpOnly bool, same http.SameSite) {
	ck := &http.Cookie{Name: name, Value: value, Path: path, HttpOnly: httpOnly, SameSite: same, Secure: s.secureCookies()}
	if exp.IsZero() {
		ck.MaxAge = -1
	} else {
		ck.Expires = exp
	}
	c.SetCookie(ck)
}

func (s *server) secureCookies() bool {
	u, err := url.Parse(s.oidc.Config().RedirectURL)
	return err != nil || u.Scheme == "https" || !identity.Loopback(u)
}
