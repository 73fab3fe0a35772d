package identity

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"errors"
	"time"
)

// sealer encrypts and authenticates cookie values (AES-256-GCM), with a
// purpose bound in as additional data so that one kind of cookie cannot be
// replayed as another, and an expiry inside the sealed value.
type sealer struct {
	aead cipher.AEAD
	mac  []byte // key of CSRF tokens
}

func newSealer(secret string) *sealer {
	k := sha256.Sum256([]byte("landcat cookie seal\x00" + secret))
	block, _ := aes.NewCipher(k[:]) // a 32-byte key never fails
	aead, _ := cipher.NewGCM(block)
	m := sha256.Sum256([]byte("landcat csrf\x00" + secret))
	return &sealer{aead: aead, mac: m[:]}
}

type sealed struct {
	Exp  int64           `json:"exp"`
	Data json.RawMessage `json:"data"`
}

// errSeal is every failure to open a cookie: tampered, expired, sealed
// for another purpose or with another secret.
var errSeal = errors.New("the cookie is not valid (expired, or sealed with another secret)")

// Seal returns v, sealed for purpose until exp, as a cookie value.
func (o *OIDC) Seal(purpose string, v any, exp time.Time) (string, error) {
	if o.seal == nil {
		return "", errors.New("browser sign-in is not configured")
	}
	data, err := json.Marshal(v)
	if err != nil {
		return "", err
	}
	plain, _ := json.Marshal(sealed{Exp: exp.Unix(), Data: data})
	nonce := make([]byte, o.seal.aead.NonceSize(), o.seal.aead.NonceSize()+len(plain)+o.seal.aead.Overhead())
	if _, err := rand.Read(nonce); err != nil {
		return "", err
	}
	return base64.RawURLEncoding.EncodeToString(o.seal.aead.Seal(nonce, nonce, plain, []byte(purpose))), nil
}

// Open reads a value sealed for purpose into v, refusing it once expired.
func (o *OIDC) Open(purpose, value string, v any) error {
	if o.seal == nil {
		return errSeal
	}
	b, err := base64.RawURLEncoding.DecodeString(value)
	n := o.seal.aead.NonceSize()
	if err != nil || len(b) < n {
		return errSeal
	}
	plain, err := o.seal.aead.Open(nil, b[:n], b[n:], []byte(purpose))
	if err != nil {
		return errSeal
	}
	var s sealed
	if json.Unmarshal(plain, &s) != nil || o.now().Unix() >= s.Exp {
		return errSeal
	}
	return json.Unmarshal(s.Data, v)
}

// CSRFToken is the anti-forgery token of a session id: what a page must
// send in X-CSRF-Token with each write made with the session cookie.
func (o *OIDC) CSRFToken(sessionID string) string {
	if o.seal == nil {
		return ""
	}
	m := hmac.New(sha256.New, o.seal.mac)
	m.Write([]byte(sessionID))
	return base64.RawURLEncoding.EncodeToString(m.Sum(nil))
}

// RandomToken returns 32 random bytes, base64url: states, nonces, PKCE
// verifiers and session ids.
func RandomToken() string {
	b := make([]byte, 32)
	_, _ = rand.Read(b)
	return base64.RawURLEncoding.EncodeToString(b)
}
