package httpapi

import (
	"fmt"
	"math"
	"net"
	"net/netip"
	"strconv"
	"strings"
	"time"

	"github.com/labstack/echo/v4"
	"github.com/landcat/landcat/internal/catalog"
	"github.com/landcat/landcat/internal/ratelimit"
)

// Limits are the rate limits of the public endpoints, per client: by IP
// address (an IPv6 client by its /64, which one subscriber usually holds
// whole), or by API key for officers, who get KeyFactor times the budget.
type Limits struct {
	// Off switches every limit off (benchmarks and load tests).
	Off bool
	// Match limits POST /match, the most expensive public request.
	Match ratelimit.Rate
	// PublicWrite limits anonymous writes (inquiries, shortlists).
	PublicWrite ratelimit.Rate
	// AuthFailure limits failed credential checks per IP: once spent, a
	// bearer credential from that address is refused without a look-up.
	AuthFailure ratelimit.Rate
	// KeyFactor multiplies the budget of authenticated callers.
	KeyFactor int
}

// DefaultLimits suit a public deployment: an investor refining a search
// on the map sends a few matches a minute; 20 at once absorbs a burst.
var DefaultLimits = Limits{
	Match:       ratelimit.Rate{Every: time.Second, Burst: 20},     // 60/min:20
	PublicWrite: ratelimit.Rate{Every: 6 * time.Second, Burst: 5},  // 10/min:5
	AuthFailure: ratelimit.Rate{Every: 6 * time.Second, Burst: 10}, // 10/min:10
	KeyFactor:   10,
}

// ParseLimits reads LANDCAT_RATE_LIMIT: "" (the defaults), "off", or a
// comma-separated list overriding some of them, e.g.
// "match=120/min:30,public_write=5/min:3,auth_failure=20/h:5,keys=5".
func ParseLimits(s string) (Limits, error) {
	l := DefaultLimits
	s = strings.TrimSpace(s)
	if s == "" {
		return l, nil
	}
	if s == "off" {
		return Limits{Off: true}, nil
	}
	for _, item := range strings.Split(s, ",") {
		name, value, ok := strings.Cut(strings.TrimSpace(item), "=")
		if !ok {
			return l, fmt.Errorf("rate limit %q: write NAME=RATE (match, public_write, auth_failure) or keys=N", item)
		}
		var dst *ratelimit.Rate
		switch name {
		case "match":
			dst = &l.Match
		case "public_write":
			dst = &l.PublicWrite
		case "auth_failure":
			dst = &l.AuthFailure
		case "keys":
			n, err := strconv.Atoi(value)
			if err != nil || n < 1 || n > 1000 {
				return l, fmt.Errorf("rate limit keys=%q: a whole number from 1 to 1000 (how many times the anonymous budget an API key gets)", value)
			}
			l.KeyFactor = n
			continue
		default:
			return l, fmt.Errorf("rate limit %q: unknown name %q; use match, public_write, auth_failure or keys", item, name)
		}
		r, err := ratelimit.ParseRate(value)
		if err != nil {
			return l, fmt.Errorf("rate limit %s: %w", name, err)
		}
		*dst = r
	}
	return l, nil
}

// ParseProxies reads LANDCAT_TRUSTED_PROXIES: comma-separated CIDRs (or
// single addresses) of the proxies whose X-Forwarded-For is believed.
func ParseProxies(s string) ([]netip.Prefix, error) {
	var out []netip.Prefix
	for _, item := range strings.Split(s, ",") {
		item = strings.TrimSpace(item)
		if item == "" {
			continue
		}
		p, err := netip.ParsePrefix(item)
		if err != nil {
			a, aerr := netip.ParseAddr(item)
			if aerr != nil {
				return nil, fmt.Errorf("trusted proxy %q is not an IP address or CIDR (e.g. 10.0.0.0/8)", item)
			}
			p = netip.PrefixFrom(a, a.BitLen())
		}
		out = append(out, p.Masked())
	}
	return out, nil
}

// limiter is one class of limit with its metric label.
type limiter struct {
	class string
	anon  *ratelimit.Limiter
	keyed *ratelimit.Limiter
}

func newLimiter(class string, r ratelimit.Rate, keyFactor int) *limiter {
	return &limiter{class: class, anon: ratelimit.New(r, 0, nil), keyed: ratelimit.New(r.Scale(keyFactor), 100_000, nil)}
}

// limit returns a middleware that takes one request from the caller's
// budget of l, or answers 429 with Retry-After.
func (s *server) limit(l *limiter) echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			if l == nil {
				return next(c)
			}
			lim, key := l.anon, clientKey(c)
			if a := actor(c); a.Role > catalog.RoleNone {
				lim, key = l.keyed, "key:"+a.Name
				if a.Subject != "" { // two officers may share a display name
					key = "key:" + a.Subject
				}
			}
			if ok, retry := lim.Allow(key); !ok {
				return s.tooMany(c, l.class, retry)
			}
			return next(c)
		}
	}
}

// tooMany is the 429 answer, counted in /metrics by class.
func (s *server) tooMany(c echo.Context, class string, retry time.Duration) error {
	s.metrics.limited.WithLabelValues(class).Inc()
	secs := int(math.Ceil(retry.Seconds()))
	c.Response().Header().Set("Retry-After", strconv.Itoa(max(1, secs)))
	return &catalog.Error{Kind: catalog.KindTooMany,
		Message: fmt.Sprintf("too many requests (%s); try again in %d s", strings.ReplaceAll(class, "_", " "), max(1, secs))}
}

// clientKey names the caller for rate limits: its IP address (Echo's
// RealIP, which believes X-Forwarded-For only from trusted proxies), an
// IPv6 address by its /64.
func clientKey(c echo.Context) string {
	a, err := netip.ParseAddr(c.RealIP())
	if err != nil {
		return c.RealIP()
	}
	a = a.Unmap()
	if a.Is6() {
		p, _ := a.Prefix(64)
		return p.String()
	}
	return a.String()
}

// ipExtractor believes X-Forwarded-For only when the direct peer is one of
// the trusted proxies; without any, the peer's address is the client.
func ipExtractor(trusted []netip.Prefix) echo.IPExtractor {
	if len(trusted) == 0 {
		return echo.ExtractIPDirect()
	}
	opts := []echo.TrustOption{echo.TrustLoopback(false), echo.TrustLinkLocal(false), echo.TrustPrivateNet(false)}
	for _, p := range trusted {
		_, n, _ := net.ParseCIDR(p.String())
		opts = append(opts, echo.TrustIPRange(n))
	}
	return echo.ExtractIPFromXFFHeader(opts...)
}

// pagesCSP is the Content-Security-Policy of landcat's own HTML pages
// (landing, collections, items): no scripts at all, inline styles only, no
// framing. The map page sends its own, stricter about origins.
const pagesCSP = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"

// securityHeaders adds, just before each response's header is written:
// nosniff on every response (JSON included), and on HTML pages a
// Content-Security-Policy with frame-ancestors (unless the handler set its
// own), a Referrer-Policy and X-Frame-Options for older browsers.
func securityHeaders(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		res := c.Response()
		res.Before(func() {
			h := res.Header()
			h.Set("X-Content-Type-Options", "nosniff")
			if !strings.HasPrefix(h.Get(echo.HeaderContentType), "text/html") {
				return
			}
			if h.Get("Content-Security-Policy") == "" {
				h.Set("Content-Security-Policy", pagesCSP)
				h.Set("X-Frame-Options", "DENY")
			} else {
				h.Set("X-Frame-Options", "SAMEORIGIN")
			}
			h.Set("Referrer-Policy", "strict-origin-when-cross-origin")
		})
		return next(c)
	}
}
