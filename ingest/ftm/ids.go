package ftm

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"
)

// FtM entity ids. A consumer of FtM keeps a reference only when it matches
// EntityType.REGEX, letters, digits, "." and "-", beginning and ending with
// a letter or digit, of at most 200 characters; Tripline's ids
// ("ofac-sdn:306", "un-sc:QDi.001") are not of that form, so the writer
// gives each entity an FtM id that is and from which the reader gets the
// Tripline id back:
//
//	letters, digits and "-"  as they are
//	":" before one of those  "."            ofac-sdn:306     → ofac-sdn.306
//	any other byte           ".." and hex   un-sc:QDi.001    → un-sc.QDi..2E001
//	a last "-"               "..2D"
//
// The entities that describe an entity get its id and a suffix that no
// encoded id has ("..address-1", "..id-2", "..sanction", "..link-3"). An id
// whose encoding would be longer than maxIDLen becomes its source, ".."
// and a hash, and the entity keeps its Tripline id in a note.

// maxIDLen leaves room for the longest suffix within FtM's 200.
const maxIDLen = 180

// FtMID returns the FtM id Tripline writes for the entity with Tripline id
// id, and whether DecodeID gives id back from it (false for a long id,
// which the writer keeps in a note).
func FtMID(id string) (string, bool) {
	var b strings.Builder
	verbatim := func(i int) bool {
		c := id[i]
		return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' && i > 0 && i < len(id)-1
	}
	for i := 0; i < len(id); i++ {
		c := id[i]
		switch {
		case verbatim(i):
			b.WriteByte(c)
		case c == ':' && i > 0 && i < len(id)-1 && verbatim(i+1):
			b.WriteByte('.')
		default:
			b.WriteString("..")
			b.WriteString(strings.ToUpper(hex.EncodeToString([]byte{c})))
		}
	}
	out := b.String()
	if len(out) <= maxIDLen && out != "" && entityIDRe.MatchString(out) {
		return out, true
	}
	sum := sha256.Sum256([]byte(id))
	src, _, colon := strings.Cut(id, ":")
	if !colon || len(src) > 64 || !entityIDRe.MatchString(src) || strings.Contains(src, ".") {
		src = "x"
	}
	return src + "..H" + strings.ToUpper(hex.EncodeToString(sum[:16])), false
}

// DecodeID returns the Tripline id of an FtM id written by FtMID, and
// false for an FtM id that FtMID does not write (OpenSanctions' ids, the
// ids of describing entities, hashed ids).
func DecodeID(ftmID string) (string, bool) {
	if ftmID == "" {
		return "", false
	}
	var b strings.Builder
	for i := 0; i < len(ftmID); i++ {
		c := ftmID[i]
		switch {
		case c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-':
			b.WriteByte(c)
		case c == '.' && i+1 < len(ftmID) && ftmID[i+1] == '.':
			// an escaped byte
			if i+4 > len(ftmID) || !upperHex(ftmID[i+2:i+4]) {
				return "", false
			}
			v, _ := hex.DecodeString(ftmID[i+2 : i+4])
			b.WriteByte(v[0])
			i += 3
		case c == '.':
			b.WriteByte(':')
		default:
			return "", false
		}
	}
	id := b.String()
	if enc, ok := FtMID(id); !ok || enc != ftmID {
		return "", false // not in the canonical form
	}
	return id, true
}

func upperHex(s string) bool {
	if len(s) != 2 {
		return false
	}
	for _, c := range []byte(s) {
		if !(c >= '0' && c <= '9' || c >= 'A' && c <= 'F') {
			return false
		}
	}
	return true
}
