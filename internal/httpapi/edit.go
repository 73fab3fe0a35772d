package httpapi

import (
	"fmt"
	"hash/crc32"
	"io"
	"mime"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/labstack/echo/v4"
	"github.com/landcat/landcat/internal/catalog"
	"github.com/landcat/landcat/internal/i18n"
)

// featureETag is strong: it names the stored version (what If-Match
// checks) and a CRC of the representation, which also changes with computed
// values and the language.
func featureETag(version int64, body []byte) string {
	return fmt.Sprintf(`"v%d-%08x"`, version, crc32.Checksum(body, castagnoli))
}

var etagVersion = regexp.MustCompile(`^(?:W/)?"v(\d+)(?:-[0-9a-z-]*)?"$`)

// precondition parses If-Match. Only the version part of an ETag matters,
// so an ETag from any language or encoding of the feature works.
func precondition(c echo.Context) (catalog.Precondition, error) {
	h := strings.TrimSpace(c.Request().Header.Get("If-Match"))
	if h == "" {
		return catalog.Precondition{}, nil
	}
	if h == "*" {
		return catalog.Precondition{Present: true, Any: true}, nil
	}
	first, _, _ := strings.Cut(h, ",")
	m := etagVersion.FindStringSubmatch(strings.TrimSpace(first))
	if m == nil {
		return catalog.Precondition{}, &catalog.Error{Kind: catalog.KindBadRequest,
			Message: "If-Match must be an ETag returned by this server, e.g. \"v3-1a2b…\"", Problems: []catalog.Problem{{Pointer: "If-Match", Message: "not an ETag of this server"}}}
	}
	v, _ := strconv.ParseInt(m[1], 10, 64)
	return catalog.Precondition{Present: true, Version: v}, nil
}

// readBody reads the request body after checking its media type.
func readBody(c echo.Context, types ...string) ([]byte, error) {
	ct := c.Request().Header.Get(echo.HeaderContentType)
	mt, _, _ := mime.ParseMediaType(ct)
	ok := false
	for _, t := range types {
		ok = ok || mt == t
	}
	if !ok {
		return nil, echo.NewHTTPError(http.StatusUnsupportedMediaType, fmt.Sprintf("Content-Type must be one of %v, got %q", types, ct))
	}
	b, err := io.ReadAll(c.Request().Body)
	if err != nil {
		return nil, err // the body limit middleware answers 413 itself
	}
	return b, nil
}

// editInput reads what every conditional edit needs: the collection, the
// If-Match precondition and the body (of one of the media types).
func editInput(c echo.Context, types ...string) (catalog.Collection, catalog.Precondition, []byte, error) {
	cid, err := collectionParam(c)
	if err != nil {
		return "", catalog.Precondition{}, nil, err
	}
	pre, err := precondition(c)
	if err != nil {
		return "", catalog.Precondition{}, nil, err
	}
	body, err := readBody(c, types...)
	return cid, pre, body, err
}

// written answers a successful write with the feature as readers now see
// it (the read model has applied the commit: read-your-writes).
func (s *server) written(c echo.Context, f *catalog.Feature, status int) error {
	snap := s.model.Snapshot()
	rf, ok := snap.Get(f.Collection, f.ID)
	if !ok || rf.Version != f.Version {
		// The commit is durable but the read model could not take it in
		// (it had to read someone else's commits in between and the
		// database went away meanwhile; the catch-up brings it later).
		// Answer with what was committed, computed against the current
		// snapshot, never with an error (a retry would find the write
		// done) nor with the previous version and its stale ETag.
		snap = snap.Apply([]*catalog.Feature{f}, max(snap.Revision, f.Revision), time.Now())
		if rf, ok = snap.Get(f.Collection, f.ID); !ok {
			return fmt.Errorf("feature %s/%s missing from snapshot %d after commit %d", f.Collection, f.ID, snap.Revision, f.Revision)
		}
	}
	lang, err := negotiateLang(c)
	if err != nil {
		lang = i18n.Languages[0]
	}
	if status == http.StatusCreated {
		c.Response().Header().Set("Location", baseURL(c)+"/collections/"+string(f.Collection)+"/items/"+url.PathEscape(f.ID))
	}
	return s.sendFeature(c, snap, rf, lang, status)
}

func (s *server) create(c echo.Context) error {
	cid, err := collectionParam(c)
	if err != nil {
		return err
	}
	body, err := readBody(c, mimeGeoJSON, mimeJSON)
	if err != nil {
		return err
	}
	f, err := catalog.DecodeFeatureContext(c.Request().Context(), cid, body)
	if err != nil {
		return err
	}
	stored, err := s.service.Create(c.Request().Context(), actor(c), f)
	if err != nil {
		return err
	}
	return s.written(c, stored, http.StatusCreated)
}

// replace is PUT: with If-Match it replaces; with "If-None-Match: *" it
// creates the feature under the id in the URL (ids chosen by the client).
func (s *server) replace(c echo.Context) error {
	cid, pre, body, err := editInput(c, mimeGeoJSON, mimeJSON)
	if err != nil {
		return err
	}
	createOK := strings.TrimSpace(c.Request().Header.Get("If-None-Match")) == "*"
	f, err := catalog.DecodeFeatureContext(c.Request().Context(), cid, body)
	if err != nil {
		return err
	}
	if f.ID != "" && f.ID != c.Param("featureId") {
		return catalog.Invalid("the id in the body differs from the URL", []catalog.Problem{{Pointer: "/id", Message: fmt.Sprintf("must be %q or absent", c.Param("featureId"))}})
	}
	f.ID = c.Param("featureId")
	if !catalog.ValidID(f.ID) {
		return catalog.Errorf(catalog.KindBadRequest, "%q is not a valid feature id", f.ID)
	}
	stored, err := s.service.Replace(c.Request().Context(), actor(c), f, pre, createOK)
	if err != nil {
		return err
	}
	status := http.StatusOK
	if stored.Version == 1 {
		status = http.StatusCreated
	}
	return s.written(c, stored, status)
}

func (s *server) patch(c echo.Context) error {
	cid, pre, body, err := editInput(c, "application/merge-patch+json", mimeJSON)
	if err != nil {
		return err
	}
	stored, err := s.service.Patch(c.Request().Context(), actor(c), cid, c.Param("featureId"), body, pre)
	if err != nil {
		return err
	}
	return s.written(c, stored, http.StatusOK)
}

// archive is DELETE: the feature is archived, never erased, so its history
// stays in the audit log and it can be restored.
func (s *server) archive(c echo.Context) error {
	cid, err := collectionParam(c)
	if err != nil {
		return err
	}
	pre, err := precondition(c)
	if err != nil {
		return err
	}
	if !pre.Present {
		return catalog.Errorf(catalog.KindPreconditionRequired, "send If-Match with the ETag of %s/%s (from a GET)", cid, c.Param("featureId"))
	}
	if _, err := s.service.SetPublication(c.Request().Context(), actor(c), cid, c.Param("featureId"), catalog.Archived, pre); err != nil {
		return err
	}
	return c.NoContent(http.StatusNoContent)
}

func (s *server) publication(c echo.Context) error {
	cid, pre, body, err := editInput(c, mimeJSON)
	if err != nil {
		return err
	}
	var req struct {
		State string `json:"state"`
	}
	if err := jsonUnmarshal(body, &req); err != nil {
		return catalog.Errorf(catalog.KindBadRequest, "the body must be {\"state\": \"draft|in_review|published|archived\"}")
	}
	to, ok := catalog.ParsePublication(req.State)
	if !ok {
		return catalog.Invalid("unknown publication state", []catalog.Problem{{Pointer: "/state", Message: fmt.Sprintf("%q is not one of %v", req.State, catalog.PublicationList)}})
	}
	stored, err := s.service.SetPublication(c.Request().Context(), actor(c), cid, c.Param("featureId"), to, pre)
	if err != nil {
		return err
	}
	return s.written(c, stored, http.StatusOK)
}
