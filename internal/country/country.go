// Package country resolves country names, ISO 3166 alpha-3 codes and
// common variants ("Iran (Islamic Republic of)", "Korea, North", "UAE") to
// upper-case ISO 3166-1 alpha-2 codes.
package country

import (
	"strings"

	tlnames "github.com/tripline/tripline/names"
)

// Code returns the ISO alpha-2 code for s (a name, an alpha-2 or alpha-3
// code, in any case), or "" when s is not recognised.
func Code(s string) string {
	s = strings.TrimSpace(s)
	if s == "" {
		return ""
	}
	if len(s) == 2 {
		u := strings.ToUpper(s)
		if _, ok := names[u]; ok {
			return u
		}
		if u == "UK" {
			return "GB"
		}
	}
	if c, ok := byName[key(s)]; ok {
		return c
	}
	return ""
}

// Name returns the English short name for an alpha-2 code, or "".
func Name(code string) string { return names[strings.ToUpper(code)] }

// Valid reports whether code is an assigned ISO alpha-2 code.
func Valid(code string) bool {
	_, ok := names[strings.ToUpper(code)]
	return ok
}

// key is the look-up form of a name: names.Fold (case, accents,
// punctuation; apostrophes join).
func key(s string) string { return tlnames.Fold(s) }
