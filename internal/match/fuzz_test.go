package match_test

import (
	"encoding/json"
	"errors"
	"testing"
	"time"

	"github.com/landcat/landcat/internal/catalog"
	"github.com/landcat/landcat/internal/match"
)

// FuzzMatchRequest parses arbitrary bodies and matches what parses on the
// demo snapshot (86 parcels): nothing panics, a refused body is a bad
// request with a bounded list of problems, and an accepted one gives a
// result that encodes with encoding/json, with every score in [0,1], the
// excluded list within its limit, a GeoJSON answer that is valid JSON and
// a demand record under its cap. The seed corpus is in
// testdata/fuzz/FuzzMatchRequest; run with
// go test -run=^$ -fuzz=FuzzMatchRequest -fuzztime=60s ./internal/match/.
func FuzzMatchRequest(f *testing.F) {
	s := demoSnapshot(f)
	ix := match.NewIndex(s)
	zones := match.PublishedZones(s)
	f.Add([]byte(dataCentreInvestor))
	f.Fuzz(func(t *testing.T, body []byte) {
		r, err := match.ParseRequest(body, zones)
		if err != nil {
			checkRefusal(t, err)
			return
		}
		res := ix.Match(r)
		b, err := json.Marshal(res)
		if err != nil {
			t.Fatalf("encode: %v", err)
		}
		checkBounded(t, r, res, len(b))
		if fc := res.AppendFeatureCollection(nil, s, r.Lang); !json.Valid(fc) {
			t.Fatalf("GeoJSON answer is not JSON: %.200s", fc)
		}
		rec, err := json.Marshal(match.NewDemandRecord(r, res, time.Unix(0, 0)))
		if err != nil || len(rec) > match.MaxDemandRecordBytes {
			t.Fatalf("demand record: %d bytes, %v", len(rec), err)
		}
	})
}

func checkRefusal(t *testing.T, err error) {
	var e *catalog.Error
	if !errors.As(err, &e) || e.Kind != catalog.KindBadRequest {
		t.Fatalf("refused with %v", err)
	}
	size := 0
	for _, p := range e.Problems {
		size += len(p.Pointer) + len(p.Message)
	}
	if len(e.Problems) > 51 || size > 100_000 {
		t.Fatalf("%d problems, %d bytes", len(e.Problems), size)
	}
}

// checkBounded checks scores, counts and the size of an encoded result:
// with 86 parcels, the default excluded limit and at most 1,000 ranked,
// a result is a few hundred kilobytes at most whatever was asked (the
// within polygon echoed back is bounded by its vertex cap).
func checkBounded(t *testing.T, r match.Request, res match.Result, size int) {
	for _, x := range res.Results {
		if !(x.Score >= 0 && x.Score <= 1) {
			t.Fatalf("%s scores %v", x.ID, x.Score)
		}
		for _, c := range x.Criteria {
			if !(c.Score >= 0 && c.Score <= 1) {
				t.Fatalf("%s scores %v on %s", x.ID, c.Score, c.Criterion)
			}
		}
	}
	if res.Considered != res.Matched+res.ExcludedTotal || len(res.Excluded) > r.ExcludedLimit {
		t.Fatalf("considered %d, matched %d, excluded %d (%d listed, limit %d)",
			res.Considered, res.Matched, res.ExcludedTotal, len(res.Excluded), r.ExcludedLimit)
	}
	if size > 2_000_000 {
		t.Fatalf("result of %d bytes", size)
	}
}
