package httpapi

import (
	"context"
	"strconv"
	"sync"
	"time"

	"github.com/labstack/echo/v4"
	"github.com/landcat/landcat/internal/catalog"
	"github.com/landcat/landcat/internal/readmodel"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// metrics are the Prometheus series of one server (its own registry: no
// global state, so tests can build many servers).
type metrics struct {
	reg      *prometheus.Registry
	requests *prometheus.CounterVec
	duration *prometheus.HistogramVec
	limited  *prometheus.CounterVec
	series   sync.Map // seriesKey → *series: the counters of a route, looked up once
}

type seriesKey struct {
	route, method string
	status        int
}

type series struct {
	count    prometheus.Counter
	duration prometheus.Observer
}

func newMetrics(model *readmodel.Model, ready func(context.Context) error) *metrics {
	m := &metrics{
		reg: prometheus.NewRegistry(),
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "landcat_http_requests_total", Help: "HTTP requests by route, method and status.",
		}, []string{"route", "method", "status"}),
		duration: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name: "landcat_http_request_duration_seconds", Help: "HTTP request latency by route.",
			Buckets: []float64{.0005, .001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5},
		}, []string{"route", "method"}),
		limited: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "landcat_rate_limited_total", Help: "Requests refused with 429 by rate-limit class (match, public_write, auth_failure).",
		}, []string{"class"}),
	}
	for _, class := range []string{"match", "public_write", "auth_failure"} {
		m.limited.WithLabelValues(class) // every class is exported from the start, at 0
	}
	revision := prometheus.NewGaugeFunc(prometheus.GaugeOpts{
		Name: "landcat_catalogue_revision", Help: "Catalogue revision this process serves.",
	}, func() float64 { return float64(model.Snapshot().Revision) })
	age := prometheus.NewGaugeFunc(prometheus.GaugeOpts{
		Name: "landcat_snapshot_age_seconds", Help: "Seconds since the served snapshot was built.",
	}, func() float64 { return time.Since(model.Snapshot().Built).Seconds() })
	features := prometheus.NewGaugeVec(prometheus.GaugeOpts{
		Name: "landcat_features", Help: "Features in the read model by collection (every publication state).",
	}, []string{"collection"})
	m.reg.MustRegister(m.requests, m.duration, m.limited, revision, age, featuresCollector{features, model},
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	if ready != nil {
		// Asked at scrape time, as /readyz does, with a timeout shorter
		// than any scrape's: an unreachable database reads 0, never a
		// failed scrape.
		m.reg.MustRegister(prometheus.NewGaugeFunc(prometheus.GaugeOpts{
			Name: "landcat_database_up", Help: "1 if the database answered a ping at scrape time, else 0.",
		}, func() float64 {
			ctx, cancel := context.WithTimeout(context.Background(), time.Second)
			defer cancel()
			if ready(ctx) != nil {
				return 0
			}
			return 1
		}))
	}
	return m
}

// featuresCollector reads the counts from the current snapshot at scrape time.
type featuresCollector struct {
	g     *prometheus.GaugeVec
	model *readmodel.Model
}

func (f featuresCollector) Describe(ch chan<- *prometheus.Desc) { f.g.Describe(ch) }

func (f featuresCollector) Collect(ch chan<- prometheus.Metric) {
	snap := f.model.Snapshot()
	for _, c := range catalog.Collections {
		f.g.WithLabelValues(string(c)).Set(float64(len(snap.Collection(c))))
	}
	f.g.Collect(ch)
}

// observe records every request by its route pattern (never the raw path:
// ids would explode the series).
func (m *metrics) observe(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		start := time.Now()
		err := next(c)
		route := c.Path()
		if route == "" {
			route = "unmatched"
		}
		status := c.Response().Status
		if err != nil {
			if he, ok := err.(*echo.HTTPError); ok {
				status = he.Code
			} else if k := catalog.KindOf(err); k != catalog.KindInternal {
				status = kindStatus[k]
			} else {
				status = 500
			}
		}
		m.seriesOf(route, c.Request().Method, status).observe(time.Since(start))
		return err
	}
}

// seriesOf returns the counters of a route, method and status, creating
// them on first use (label hashing costs more than counting).
func (m *metrics) seriesOf(route, method string, status int) *series {
	k := seriesKey{route, method, status}
	if s, ok := m.series.Load(k); ok {
		return s.(*series)
	}
	s := &series{count: m.requests.WithLabelValues(route, method, strconv.Itoa(status)),
		duration: m.duration.WithLabelValues(route, method)}
	actual, _ := m.series.LoadOrStore(k, s)
	return actual.(*series)
}

func (s *series) observe(d time.Duration) {
	s.count.Inc()
	s.duration.Observe(d.Seconds())
}

func (m *metrics) handler() echo.HandlerFunc {
	return echo.WrapHandler(promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{}))
}
