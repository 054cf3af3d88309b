// Package eventid makes and checks the outbox events both stores write: a
// stable public id for each event and the rules of a valid event, so that
// sqlite and postgres prepare events the same way.
package eventid

import (
	"bytes"
	"crypto/rand"
	"encoding/json"
	"strings"
	"time"

	"github.com/tripline/tripline"
)

// alphabet is Crockford's base32, as in ULIDs: ids sort by time.
const alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"

// New returns a new event id, "evt_" and 26 characters: 10 of time in
// milliseconds, 16 random.
func New(now time.Time) string {
	var b strings.Builder
	b.WriteString("evt_")
	ms := uint64(now.UnixMilli())
	for i := 9; i >= 0; i-- {
		b.WriteByte(alphabet[(ms>>(5*uint(i)))&31])
	}
	var r [16]byte
	rand.Read(r[:])
	for _, c := range r {
		b.WriteByte(alphabet[c&31])
	}
	return b.String()
}

// Prepare checks ev and fills its empty ID and CreatedAt; op names the
// caller for errors.
func Prepare(op string, ev *tripline.Event, now time.Time) error {
	if strings.TrimSpace(ev.Type) == "" {
		return &tripline.Error{Op: op, Kind: tripline.KindInvalid, Msg: "an event needs a type"}
	}
	p := bytes.TrimSpace(ev.Payload)
	if len(p) == 0 {
		ev.Payload = json.RawMessage(`{}`)
	} else if p[0] != '{' || !json.Valid(p) {
		return &tripline.Error{Op: op, Kind: tripline.KindInvalid, Msg: "an event's payload must be a JSON object"}
	}
	if ev.CreatedAt.IsZero() {
		ev.CreatedAt = now
	}
	ev.CreatedAt = ev.CreatedAt.UTC().Truncate(time.Microsecond)
	if ev.ID == "" {
		ev.ID = New(ev.CreatedAt)
	}
	return nil
}
