package match

import (
	"bytes"
	"strconv"

	"github.com/landcat/landcat/internal/catalog"
	"github.com/landcat/landcat/internal/readmodel"
)

// AppendFeatureCollection appends the ranked results to dst as a GeoJSON
// FeatureCollection (RFC 7946, for Accept: application/geo+json), in rank
// order. A parcel is the Feature the items endpoint serves (names in
// lang) with four more properties: match_kind ("parcel"), match_parcels
// (its id), match_rank and match_score. An assembly is a Feature whose
// geometry is the union of its members' (see appendAssembly).
// numberMatched is r.Matched plus the assemblies listed, numberReturned
// the number of features. s should be the snapshot r was matched on;
// results whose parcels it no longer holds are left out.
func (r Result) AppendFeatureCollection(dst []byte, s *readmodel.Snapshot, lang string) []byte {
	dst = append(dst, `{"type":"FeatureCollection","features":[`...)
	n := 0
	for _, x := range r.Results {
		mark := len(dst)
		if n > 0 {
			dst = append(dst, ',')
		}
		var ok bool
		if x.Kind == KindAssembly {
			dst, ok = appendAssembly(dst, s, lang, x)
		} else if f, found := s.Get(catalog.Parcels, x.ID); found {
			dst, ok = appendRanked(dst, f, lang, x), true
		}
		if !ok {
			dst = dst[:mark]
			continue
		}
		n++
	}
	matched := r.Matched
	if r.Assembly != nil {
		matched += r.Assembly.Listed
	}
	dst = append(dst, `],"numberMatched":`...)
	dst = strconv.AppendInt(dst, int64(matched), 10)
	dst = append(dst, `,"numberReturned":`...)
	dst = strconv.AppendInt(dst, int64(n), 10)
	return append(dst, '}')
}

// appendRanked appends f's GeoJSON with match_kind, match_parcels,
// match_rank and match_score spliced into its properties. match_score is written as a real, as every Number
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
	dst = append(dst[:len(dst)-2], `,"match_kind":"parcel","match_parcels":`...)
	dst = appendStrings(dst, []string{f.ID})
	return appendRankScore(dst, x)
}

// appendRankScore appends match_rank and match_score and closes the
// properties and the feature.
func appendRankScore(dst []byte, x Ranked) []byte {
	dst = append(dst, `,"match_rank":`...)
	dst = strconv.AppendInt(dst, int64(x.Rank), 10)
	dst = append(dst, `,"match_score":`...)
	dst = readmodel.AppendReal(dst, x.Score)
	return append(dst, "}}"...)
}
