// Package phone turns phone numbers as records write them into keys that
// compare whole numbers: E.164 through the numbering plans of Google's
// libphonenumber (github.com/nyaruka/phonenumbers, its metadata embedded),
// with the record's country as the region of a national number.
//
// It is its own package, not part of names, because numbers are contact
// data with knowledge of their own (calling codes, trunk and international
// prefixes, numbering plans) that the network graph and the order rules
// both need; it is internal because its API is shaped for those
// comparisons. It is pure: no I/O.
package phone

import (
	"strconv"
	"strings"

	"github.com/nyaruka/phonenumbers"
)

// minDigits is the least number of digits of a number that is compared at
// all: shorter ones are extensions or fragments.
const minDigits = 7

// Key returns the comparison key of a phone number written in a record of
// the country region (ISO 3166 alpha-2, "" when unknown), or "" when raw is
// no number. Two numbers are one number exactly when their keys are equal:
//
//   - E.164 ("+97143248000") when the number reads as a valid number of
//     the numbering plans, a national number ("04 324 8000") in region's
//     plan, a number with its country code ("+971 4 …", "00971 4 …",
//     "(971) (4) (3248000)") in that country's;
//   - otherwise "+" and its digits with the country code, trunk prefix
//     dropped, when the country code is known (written, or region's);
//   - otherwise its digits alone, which equal only the same digits.
//
// A number is never keyed on a part of itself: two numbers that share
// their last digits but not their country code are two numbers.
func Key(raw, region string) string {
	digits, intl := clean(raw)
	if len(digits) < minDigits {
		return ""
	}
	region = strings.ToUpper(strings.TrimSpace(region))
	if phonenumbers.GetCountryCodeForRegion(region) == 0 {
		region = "ZZ" // unknown: only numbers with a country code parse
	}
	if intl {
		n, err := phonenumbers.Parse("+"+digits, "ZZ")
		if err == nil && phonenumbers.IsValidNumber(n) {
			return phonenumbers.Format(n, phonenumbers.E164)
		}
		// not in the plans: its digits with the country code
		if err == nil && n.GetCountryCode() != 0 {
			if rest, ok := strings.CutPrefix(digits, strconv.Itoa(int(n.GetCountryCode()))); ok {
				return withCode(int(n.GetCountryCode()), rest)
			}
		}
		return "+" + digits
	}
	n, err := phonenumbers.Parse(digits, region)
	if err == nil && phonenumbers.IsValidNumber(n) {
		return phonenumbers.Format(n, phonenumbers.E164)
	}
	// Registries and lists often write the country code without a plus
	// ("(98)(21)(66153220)", "982188526300"): a number that is not valid
	// nationally but is valid with its first digits read as a country code
	// is that number.
	if m, err := phonenumbers.Parse("+"+digits, "ZZ"); err == nil && phonenumbers.IsValidNumber(m) {
		return phonenumbers.Format(m, phonenumbers.E164)
	}
	if err == nil && n.GetCountryCode() != 0 {
		// not in the plans (a new range, or made-up data): the national
		// digits as the library reads them in the region (a leading
		// country code or trunk prefix dropped) with the country code
		return withCode(int(n.GetCountryCode()), phonenumbers.GetNationalSignificantNumber(n))
	}
	return digits
}

// withCode is the key of a number not in the plans: "+", the country
// code and the national digits, a trunk 0 dropped ("+31 010-…" →
// +3110…), or "" when too short. It is not the library's reading of the
// number, which may drop more digits, as a key must be its own key.
func withCode(cc int, national string) string {
	if len(national) > 1 && national[0] == '0' && national[1] != '0' {
		national = national[1:]
	}
	k := "+" + strconv.Itoa(cc) + national
	if len(k)-1 < minDigits {
		return ""
	}
	return k
}

// clean returns the digits of raw, without an international prefix "00"
// or "+", and whether it had one. Letters, punctuation and spaces are
// dropped; an extension ("ext. 12", "x12", "доб. 12") is cut off.
func clean(raw string) (digits string, intl bool) {
	s := strings.TrimSpace(raw)
	if i := extension(s); i >= 0 {
		s = s[:i]
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= '0' && c <= '9':
			b.WriteByte(c)
		case c == '+' && b.Len() == 0:
			intl = true
		}
	}
	d := b.String()
	if !intl && strings.HasPrefix(d, "00") {
		d, intl = d[2:], true
	}
	return d, intl
}

// extension returns where an extension starts in s, or -1.
func extension(s string) int {
	// lower-case ASCII only, so that byte offsets stay those of s
	low := []byte(s)
	for i, c := range low {
		if c >= 'A' && c <= 'Z' {
			low[i] = c + 'a' - 'A'
		}
	}
	for _, m := range []string{"ext", " x", "доб", "#"} {
		if i := strings.Index(string(low), m); i > 0 {
			return i
		}
	}
	return -1
}

// CountryCode returns the country calling code of a number written with
// it ("+7 495 …", "007 495 …" → 7), or 0 when it is written without one
// or the code is not assigned.
func CountryCode(raw string) int {
	digits, intl := clean(raw)
	if !intl || digits == "" {
		return 0
	}
	// the longest assigned code of one to three digits
	for n := min(3, len(digits)); n >= 1; n-- {
		cc, _ := strconv.Atoi(digits[:n])
		if cc > 0 && len(phonenumbers.GetRegionCodesForCountryCode(cc)) > 0 &&
			phonenumbers.GetRegionCodeForCountryCode(cc) != phonenumbers.UNKNOWN_REGION {
			return cc
		}
	}
	return 0
}

// RegionCode returns the calling code of a country (ISO alpha-2), 0 when
// unknown.
func RegionCode(region string) int {
	return phonenumbers.GetCountryCodeForRegion(strings.ToUpper(strings.TrimSpace(region)))
}

// Regions returns the countries (ISO alpha-2) that share calling code cc
// ("1": US, CA and the NANP islands), nil for an unassigned code.
func Regions(cc int) []string {
	var out []string
	for _, r := range phonenumbers.GetRegionCodesForCountryCode(cc) {
		if r != phonenumbers.UNKNOWN_REGION && r != "001" {
			out = append(out, r)
		}
	}
	return out
}
