package catalog

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"runtime"
	"sync"
	"sync/atomic"

	"github.com/paulmach/orb"
)

// Source is an import file read as GeoJSON Features, whatever its format:
// every format goes through the same decoding and validation.
type Source struct {
	Format string // as ImportReport.Format names it
	// CRS is the EPSG code of the coordinates the file declares (a
	// GeoPackage's srs_id, a Shapefile's .prj); 0 when it declares none.
	CRS int
	// Total is the number of features when the file says it before they
	// are read (0: unknown), for progress.
	Total int
	// Tabular says the properties come from a table's columns (0/1 for
	// booleans, lists as text): they are read as the schema's types first.
	Tabular bool
	// Each calls fn with each feature in file order, and the problems
	// the reader found in it (a geometry it could not read); an error from
	// fn stops it.
	Each func(fn func(i int, b json.RawMessage, probs []Problem) error) error
}

// GeoJSONSource reads a GeoJSON FeatureCollection as a stream.
func GeoJSONSource(r io.Reader) Source {
	return Source{Format: "geojson", Each: func(fn func(int, json.RawMessage, []Problem) error) error {
		return eachFeature(r, func(i int, b json.RawMessage) error { return fn(i, b, nil) })
	}}
}

// decodeAll reads the features of a FeatureCollection and decodes them on
// every core (decoding and validating is most of an import), handing each
// to fn in file order with its problems: fn runs on the caller's
// goroutine, one feature at a time.
func decodeAll(ctx context.Context, src Source, opt ImportOptions, tf func(orb.Point) (orb.Point, error),
	fn func(i int, b json.RawMessage, f *Feature, probs []Problem)) error {
	type result struct {
		i     int
		b     json.RawMessage
		f     *Feature
		probs []Problem
		err   error
	}
	type job struct {
		i     int
		b     json.RawMessage
		probs []Problem
		r     chan result
	}
	parent := ctx
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	jobs, order := make(chan job, 256), make(chan chan result, 1024)
	var read atomic.Int64 // features the reader has taken from the file
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				f, probs, err := decodeImported(ctx, j.b, opt.Collection, tf, src.Tabular)
				if len(j.probs) > 0 {
					f, probs = nil, append(j.probs, probs...)
				}
				j.r <- result{j.i, j.b, f, probs, err}
			}
		}()
	}
	readErr := make(chan error, 1)
	go func() {
		defer close(order)
		defer close(jobs)
		readErr <- src.Each(func(i int, b json.RawMessage, probs []Problem) error {
			read.Store(int64(i + 1))
			res := make(chan result, 1)
			select {
			case order <- res:
			case <-ctx.Done():
				return ctx.Err()
			}
			select {
			case jobs <- job{i, b, probs, res}:
				return nil
			case <-ctx.Done():
				// res is already in order: answer it, or the loop
				// below would wait for it for ever.
				res <- result{i: i, err: ctx.Err()}
				return ctx.Err()
			}
		})
	}()
	var firstErr error
	for res := range order {
		x := <-res
		switch {
		case firstErr != nil:
		case x.err != nil:
			firstErr = x.err
			cancel()
		default:
			if opt.Progress != nil && (x.i+1)%progressEvery == 0 {
				opt.Progress(PhaseRead, int(read.Load()), src.Total)
			}
			fn(x.i, x.b, x.f, x.probs)
		}
	}
	wg.Wait()
	if err := <-readErr; err != nil && firstErr == nil {
		firstErr = err
	}
	if firstErr != nil && errors.Is(firstErr, parent.Err()) && parent.Err() != nil {
		if KindOf(firstErr) != KindUnavailable {
			firstErr = ctxError(parent.Err())
		}
	}
	return firstErr
}
