package match

import (
	"bytes"
	"strconv"

	"github.com/landcat/landcat/internal/catalog"
	"github.com/landcat/landcat/internal/readmodel"
)

// AppendFeatureCollection appends the ranked parcels to dst as a GeoJSON
// FeatureCollection (RFC 7946, for Accept: application/geo+json), in rank
// order. Each Feature is the one the items endpoint serves (names in
// lang) with two more properties, match_rank and match_score;
// numberMatched is r.Matched and numberReturned the number of features.
// s should be the snapshot r was matched on; parcels it no longer holds
// are left out.
func (r Result) AppendFeatureCollection(dst []byte, s *readmodel.Snapshot, lang string) []byte {
	dst = append(dst, `{"type":"FeatureCollection","features":[`...)
	n := 0
	for _, x := range r.Results {
		f, ok := s.Get(catalog.Parcels, x.ID)
		if !ok {
			continue
		}
		if n > 0 {
			dst = append(dst, ',')
		}
		dst = appendRanked(dst, f, lang, x)
		n++
	}
	dst = append(dst, `],"numberMatched":`...)
	dst = strconv.AppendInt(dst, int64(r.Matched), 10)
	dst = append(dst, `,"numberReturned":`...)
	dst = strconv.AppendInt(dst, int64(n), 10)
	return append(dst, '}')
}

// appendRanked appends f's GeoJSON with match_rank and match_score spliced
// into its properties. match_score is written as a real, as every Number
// property is (1.0, not 1), so that clients typing fields from the first
// features (QGIS) make it Real. readmodel.Feature.AppendGeoJSON (without extra
// members) ends with the properties object's brace and the feature's:
// the splice reopens the properties there.
func appendRanked(dst []byte, f *readmodel.Feature, lang string, x Ranked) []byte {
	start := len(dst)
	dst = f.AppendGeoJSON(dst, lang, nil)
	if !bytes.HasSuffix(dst[start:], []byte("}}")) {
		panic("match: unexpected GeoJSON layout from readmodel.Feature.AppendGeoJSON")
	}
	dst = append(dst[:len(dst)-2], `,"match_rank":`...)
	dst = strconv.AppendInt(dst, int64(x.Rank), 10)
	dst = append(dst, `,"match_score":`...)
	dst = readmodel.AppendReal(dst, x.Score)
	return append(dst, "}}"...)
}
