package sites

import (
	"bytes"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"regexp"
	"slices"
	"time"
	"unicode/utf8"

	"github.com/landcat/landcat/internal/catalog"
)

// Shortlist limits and policy.
const (
	// MaxShortlistParcels caps the parcels of one shortlist.
	MaxShortlistParcels = 20
	// MaxNote caps the note, in characters.
	MaxNote = 1000
	// MaxMatchBytes caps the stored match request.
	MaxMatchBytes = 8 << 10
	// ShortlistTTL is how long a shortlist is kept after it is made; it
	// is then deleted and its link answers 404.
	ShortlistTTL = 180 * 24 * time.Hour
	// tokenBytes of randomness in a token: 144 bits.
	tokenBytes = 18
)

// Shortlist is a set of sites an investor keeps, with the search that found
// them and a note. It holds nothing about who made it.
type Shortlist struct {
	// ID numbers shortlists for officers; the token is never stored.
	ID int64 `json:"-"`
	// Token is the unguessable name of the shortlist, known only to whoever
	// holds the link; only its hash (TokenHash) is stored.
	Token     string          `json:"token,omitempty"`
	Parcels   []string        `json:"parcels"`
	Match     json.RawMessage `json:"match,omitempty"`
	Note      string          `json:"note,omitempty"`
	CreatedAt time.Time       `json:"created_at"`
	ExpiresAt time.Time       `json:"expires_at"`
	// Inquiries counts the inquiries sent with this shortlist attached.
	Inquiries int `json:"-"`
}

// ShortlistRequest is the body of POST /shortlists.
type ShortlistRequest struct {
	Parcels []string        `json:"parcels"`
	Match   json.RawMessage `json:"match"`
	Note    string          `json:"note"`
}

var tokenPattern = regexp.MustCompile(`^[A-Za-z0-9_-]{24}$`)

// NewToken returns a fresh token: 144 random bits, URL-safe base64.
func NewToken() (string, error) {
	b := make([]byte, tokenBytes)
	if _, err := rand.Read(b); err != nil {
		return "", err
	}
	return base64.RawURLEncoding.EncodeToString(b), nil
}

// ValidToken reports whether s has the form of a token.
func ValidToken(s string) bool { return tokenPattern.MatchString(s) }

// TokenHash is what the database stores in place of a token: its
// SHA-256, so that a copy of the database does not give the links away.
func TokenHash(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:])
}

// NewShortlist checks a request against the published parcels and the
// limits (1 to MaxShortlistParcels distinct published parcels, a note of at
// most MaxNote characters, a match request that checkMatch accepts, at
// most MaxMatchBytes) and returns the shortlist to store, with its token.
// Problems are catalog.KindBadRequest errors naming the field.
func NewShortlist(req ShortlistRequest, published func(id string) bool, checkMatch func([]byte) error, now time.Time) (Shortlist, error) {
	var probs []catalog.Problem
	if len(req.Parcels) == 0 || len(req.Parcels) > MaxShortlistParcels {
		probs = append(probs, catalog.Problem{Pointer: "/parcels", Message: fmt.Sprintf("list 1 to %d parcels, got %d", MaxShortlistParcels, len(req.Parcels))})
	}
	for i, id := range req.Parcels {
		if i >= MaxShortlistParcels {
			break
		}
		switch {
		case slices.Contains(req.Parcels[:i], id):
			probs = append(probs, catalog.Problem{Pointer: fmt.Sprintf("/parcels/%d", i), Message: fmt.Sprintf("%q is listed twice", id)})
		case !published(id):
			probs = append(probs, catalog.Problem{Pointer: fmt.Sprintf("/parcels/%d", i), Message: fmt.Sprintf("%q is not a published parcel", truncate(id, 80))})
		}
	}
	if n := utf8.RuneCountInString(req.Note); n > MaxNote || !utf8.ValidString(req.Note) {
		probs = append(probs, catalog.Problem{Pointer: "/note", Message: fmt.Sprintf("at most %d characters of UTF-8, got %d", MaxNote, n)})
	}
	m := bytes.TrimSpace(req.Match)
	if bytes.Equal(m, []byte("null")) {
		m = nil
	}
	if len(m) > MaxMatchBytes {
		probs = append(probs, catalog.Problem{Pointer: "/match", Message: fmt.Sprintf("a match request of at most %d bytes, got %d", MaxMatchBytes, len(m))})
	} else if m != nil {
		if err := checkMatch(m); err != nil {
			probs = append(probs, catalog.Problem{Pointer: "/match", Message: err.Error()})
		}
	}
	if len(probs) > 0 {
		return Shortlist{}, &catalog.Error{Kind: catalog.KindBadRequest, Message: "invalid shortlist", Problems: probs}
	}
	token, err := NewToken()
	if err != nil {
		return Shortlist{}, err
	}
	var compact bytes.Buffer
	if m != nil {
		if err := json.Compact(&compact, m); err != nil {
			return Shortlist{}, catalog.Errorf(catalog.KindBadRequest, "match: %v", err)
		}
	}
	now = now.UTC().Truncate(time.Second)
	return Shortlist{Token: token, Parcels: req.Parcels, Match: compact.Bytes(), Note: req.Note,
		CreatedAt: now, ExpiresAt: now.Add(ShortlistTTL)}, nil
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}
