// Package httpapi is landcat's HTTP interface on Echo v4: OGC API -
// Features reads served from the read model, officers' writes through the
// catalog service, problem+json errors. Echo types stay inside this package.
package httpapi

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/netip"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/labstack/echo/v4"
	"github.com/labstack/echo/v4/middleware"
	"github.com/landcat/landcat/internal/catalog"
	"github.com/landcat/landcat/internal/identity"
	"github.com/landcat/landcat/internal/match"
	"github.com/landcat/landcat/internal/pipeline"
	"github.com/landcat/landcat/internal/ratelimit"
	"github.com/landcat/landcat/internal/readmodel"
	"github.com/landcat/landcat/internal/tiles"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// Deps are everything the HTTP layer needs.
type Deps struct {
	Model   *readmodel.Model
	Service *catalog.Service
	Auth    Authenticator
	// Ready reports whether the database answers (for /readyz, which
	// reports it; only /readyz?strict=true requires it).
	Ready func(ctx context.Context) error
	Log   *slog.Logger
	// MaxBody limits request bodies, e.g. "4M".
	MaxBody string
	// MaxImportBody limits uploads to POST /imports (default 256M).
	MaxImportBody string
	// TileCacheBytes bounds the vector tile cache (0: 256 MB).
	TileCacheBytes int64
	// Origins may call the API with credentials from a browser (officers'
	// tools); public reads are open to every origin.
	Origins []string
	// Demand records match requests for GET /match/demand (optional).
	Demand DemandLog
	// Limits are the rate limits of the public endpoints (the zero value
	// switches them off; DefaultLimits suit a public deployment).
	Limits Limits
	// TrustedProxies are the proxies whose X-Forwarded-For is believed
	// when telling clients apart (none: the TCP peer is the client).
	TrustedProxies []netip.Prefix
	// MetricsElsewhere leaves /metrics off the API's router: Server.Metrics
	// is then served on a listener of its own.
	MetricsElsewhere bool
	// OIDC accepts tokens of the city's identity provider and runs the
	// browser sign-in (nil: API keys only).
	OIDC *identity.OIDC
	// Shortlists keeps investors' shortlists (optional: without it the
	// shortlist routes answer 503).
	Shortlists ShortlistStore
	// Pipeline is the investment pipeline (nil: its routes answer 503).
	Pipeline *pipeline.Service
}

// Server is landcat's HTTP API, one http.Handler for every route.
type Server struct{ s *server }

// ServeHTTP implements http.Handler.
func (h *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) { h.s.echo.ServeHTTP(w, r) }

// Metrics returns the Prometheus handler of this server's metrics, for a
// listener of its own (Deps.MetricsElsewhere).
func (h *Server) Metrics() http.Handler {
	return promhttp.HandlerFor(h.s.metrics.reg, promhttp.HandlerOpts{})
}

// Routes lists the method and path pattern of every route (Echo's ":name"
// parameters), for checks that the API description covers them.
func (h *Server) Routes() [][2]string {
	var out [][2]string
	for _, r := range h.s.echo.Routes() {
		if !strings.HasPrefix(r.Method, "echo_") {
			out = append(out, [2]string{r.Method, r.Path})
		}
	}
	return out
}

type server struct {
	model   *readmodel.Model
	service *catalog.Service
	// maxImportBody limits uploads to POST /imports.
	maxImportBody string
	auth          Authenticator
	oidc          *identity.OIDC
	dbCheck       *dbCheck
	log           *slog.Logger
	pages         pages
	apiDoc        *apiDoc
	tiles         *tiles.Cache
	origins       []string // origins allowed to send credentials (CORS)
	echo          *echo.Echo
	methods       map[string][]string
	matcher       *match.Cache
	// warmed has the newest snapshot whose matcher index and adjacency
	// are built: the matcher and the land-bank review read it, so that
	// they never wait for a build under a burst of writes.
	warmed   *readmodel.Warmed
	pipeline *pipeline.Service
	demand   DemandLog
	metrics  *metrics

	shortlists ShortlistStore

	matchLimit, writeLimit *limiter
	authFailures           *ratelimit.Limiter
	metricsElsewhere       bool
}

// New returns the HTTP API with every route of routes.go.
func New(d Deps) (*Server, error) {
	doc, err := newAPIDoc()
	if err != nil {
		return nil, err
	}
	s := &server{model: d.Model, service: d.Service, auth: newCachedAuth(d.Auth), oidc: d.OIDC, log: d.Log, pages: parsePages(), apiDoc: doc,
		tiles: tiles.NewCache(d.TileCacheBytes), origins: d.Origins, matcher: &match.Cache{}, demand: d.Demand, metrics: newMetrics(d.Model, d.Ready),
		metricsElsewhere: d.MetricsElsewhere, shortlists: d.Shortlists}
	if s.log == nil {
		s.log = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	s.dbCheck = &dbCheck{ping: d.Ready, log: s.log}
	if l := d.Limits; !l.Off {
		s.matchLimit = newLimiter("match", l.Match, l.KeyFactor)
		s.writeLimit = newLimiter("public_write", l.PublicWrite, l.KeyFactor)
		s.authFailures = ratelimit.New(l.AuthFailure, 0, nil)
	}
	e := echo.New()
	e.HideBanner, e.HidePort = true, true
	e.HTTPErrorHandler = s.errorHandler
	e.IPExtractor = ipExtractor(d.TrustedProxies)
	maxBody := d.MaxBody
	if maxBody == "" {
		maxBody = "8M"
	}
	s.maxImportBody = d.MaxImportBody
	if s.maxImportBody == "" {
		s.maxImportBody = maxImportBody
	}
	// Uploads to /imports have their own, larger limit (see routes).
	bodyLimit := middleware.BodyLimitWithConfig(middleware.BodyLimitConfig{Limit: maxBody,
		Skipper: func(c echo.Context) bool { return c.Path() == "/imports" }})
	e.Use(middleware.RequestID(), s.recover(), s.requestLog(), s.metrics.observe, securityHeaders, s.cors, strictQuery,
		bodyLimit, s.authenticate, s.httpCache)
	s.withPipeline(d.Pipeline)
	s.routes(e)
	s.echo, s.methods = e, methodTable(e)
	// Build the matcher's index and adjacency of the newest snapshot
	// before the first investor asks; under a burst of writes only the
	// newest is built.
	s.warmed = d.Model.Warm(context.Background(), match.Warm)
	return &Server{s}, nil
}

func (s *server) recover() echo.MiddlewareFunc {
	return middleware.RecoverWithConfig(middleware.RecoverConfig{DisablePrintStack: true, LogErrorFunc: func(c echo.Context, err error, stack []byte) error {
		s.log.Error("panic", "id", c.Response().Header().Get(echo.HeaderXRequestID), "err", err, "stack", string(stack))
		return err
	}})
}

func (s *server) requestLog() echo.MiddlewareFunc {
	return middleware.RequestLoggerWithConfig(middleware.RequestLoggerConfig{
		LogStatus: true, LogURI: true, LogMethod: true, LogLatency: true, LogRequestID: true, LogError: true,
		HandleError: true,
		LogValuesFunc: func(c echo.Context, v middleware.RequestLoggerValues) error {
			level := slog.LevelDebug
			if v.Status >= 500 {
				level = slog.LevelError
			} else if c.Request().Method != http.MethodGet && c.Request().Method != http.MethodHead {
				level = slog.LevelInfo
			}
			if !s.log.Enabled(c.Request().Context(), level) {
				return nil // no arguments built for a line nobody reads
			}
			s.log.Log(c.Request().Context(), level, "request", "method", v.Method, "uri", logURI(c.Request()), "status", v.Status,
				"ms", float64(v.Latency.Microseconds())/1000, "id", v.RequestID, "actor", actor(c).Name)
			return nil
		},
	})
}

func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

// sendJSON writes v with the given status and content type. The body is
// encoded into a buffer of its own (httpCache keeps the slice it is given).
func sendJSON(c echo.Context, status int, contentType string, v any) error {
	var b bytes.Buffer
	if err := writeJSON(&b, v); err != nil {
		return err
	}
	return c.Blob(status, contentType, b.Bytes())
}

func (s *server) snapshotHeaders(c echo.Context, snap *readmodel.Snapshot) {
	h := c.Response().Header()
	h.Set("X-Landcat-Revision", itoa(snap.Revision))
	h.Add("Vary", "Accept-Language")
}

func (s *server) healthz(c echo.Context) error {
	return sendJSON(c, http.StatusOK, echo.MIMEApplicationJSON, map[string]string{"status": "ok"})
}

// readyz is readiness: can this replica serve? Reads come from its
// snapshot, so a replica whose database is away is still ready — every
// replica loses the database at once, and a balancer that dropped them all
// would turn a write outage into a total one. The body says what is
// degraded: "database": "unavailable" and "writes": "degraded" (writes
// answer 503 with Retry-After meanwhile). ?strict=true also requires the
// database, and answers 503 with Retry-After without it.
func (s *server) readyz(c echo.Context) error {
	if err := checkParams(c.QueryParams(), oneOf("strict")); err != nil {
		return err
	}
	strict := false
	if v := c.QueryParam("strict"); v != "" {
		b, err := strconv.ParseBool(v)
		if err != nil {
			return badRequest("strict", "must be true or false")
		}
		strict = b
	}
	snap := s.model.Snapshot()
	body := map[string]any{"revision": snap.Revision, "snapshot_built": snap.Built.Format(time.RFC3339),
		"status": "ok", "database": "ok", "writes": "ok"}
	if err := s.dbCheck.check(c.Request().Context()); err != nil {
		body["status"], body["database"], body["writes"] = "degraded", "unavailable", "degraded"
		if strict {
			c.Response().Header().Set("Retry-After", "5")
			return sendJSON(c, http.StatusServiceUnavailable, echo.MIMEApplicationJSON, body)
		}
	}
	return sendJSON(c, http.StatusOK, echo.MIMEApplicationJSON, body)
}

// dbCheck pings the database for /readyz at most once a second, however
// many balancers ask, each ping bounded by a second; a change of state is
// logged once (with the error), not on every probe.
type dbCheck struct {
	ping func(ctx context.Context) error
	log  *slog.Logger

	mu   sync.Mutex
	at   time.Time
	last error
	seen bool
}

func (d *dbCheck) check(ctx context.Context) error {
	if d == nil || d.ping == nil {
		return nil
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.seen && time.Since(d.at) < time.Second {
		return d.last
	}
	pctx, cancel := context.WithTimeout(ctx, time.Second)
	err := d.ping(pctx)
	cancel()
	if ctx.Err() != nil {
		return err // the prober gave up; keep the last state
	}
	switch {
	case err != nil && (d.last == nil || !d.seen):
		d.log.Warn("database unavailable: serving reads from the snapshot, writes answer 503", "err", err)
	case err == nil && d.last != nil:
		d.log.Info("database available again")
	}
	d.at, d.last, d.seen = time.Now(), err, true
	return err
}

func jsonUnmarshal(b []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	return dec.Decode(v)
}
