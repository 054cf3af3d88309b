// Package apikey makes and checks the API keys both stores keep: a random
// token shown once, of which only a SHA-256 hash is stored.
package apikey

import (
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"encoding/hex"
	"strings"

	"github.com/tripline/tripline"
)

// prefix starts every key, so that a key is recognisable in a config file
// and a malformed one is refused before any lookup.
const prefix = "tl_"

// New returns a new random key, the short prefix shown in key lists, the
// hash to store, and spec checked and cleaned: a key must be named (the
// name is trimmed) and its role is a known one, RoleAnalyst when empty.
func New(op string, spec tripline.KeySpec) (token, shown, hash string, clean tripline.KeySpec, err error) {
	clean.Name = strings.TrimSpace(spec.Name)
	if clean.Name == "" {
		return "", "", "", clean, &tripline.Error{Op: op, Kind: tripline.KindInvalid, Msg: "give the key a name (who or what uses it)"}
	}
	clean.Role = tripline.RoleAnalyst
	if spec.Role != "" {
		if clean.Role, err = tripline.ParseRole(string(spec.Role)); err != nil {
			return "", "", "", clean, err
		}
	}
	var b [32]byte
	if _, err := rand.Read(b[:]); err != nil {
		return "", "", "", clean, &tripline.Error{Op: op, Kind: tripline.KindInternal, Err: err}
	}
	token = prefix + base64.RawURLEncoding.EncodeToString(b[:])
	return token, token[:len(prefix)+6], Hash(token), clean, nil
}

// Role reads a role as a store keeps it; an unknown one (a database
// edited by hand) grants nothing.
func Role(stored string) tripline.Role {
	r, err := tripline.ParseRole(stored)
	if err != nil {
		return tripline.Role("")
	}
	return r
}

// Hash is the stored form of a key.
func Hash(token string) string {
	h := sha256.Sum256([]byte(token))
	return hex.EncodeToString(h[:])
}

// Wellformed reports whether token can be a key at all.
func Wellformed(token string) bool { return strings.HasPrefix(token, prefix) }

// Check compares the hash of token with a stored hash in constant time
// and refuses a revoked key; it returns an Unauthorized error or nil.
func Check(token, stored string, revoked bool) error {
	if subtle.ConstantTimeCompare([]byte(Hash(token)), []byte(stored)) != 1 || revoked {
		return tripline.Errorf(tripline.KindUnauthorized, "invalid or revoked API key")
	}
	return nil
}

// ErrInvalid is the answer for a key that is malformed or unknown.
func ErrInvalid() error { return tripline.Errorf(tripline.KindUnauthorized, "invalid API key") }
