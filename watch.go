package tripline

import (
	"context"
	"strings"
	"time"
)

// Watch kinds.
const (
	// WatchEntity fires when the listed entity with the watched id is
	// added, removed or materially changed.
	WatchEntity = "entity"
	// WatchName fires when an added or materially changed entity has a
	// name that matches the watched name (scored like a screening query).
	WatchName = "name"
	// WatchProgram fires when an entity is designated under the watched
	// programme: added with it, or changed to gain it.
	WatchProgram = "program"
	// WatchCountry fires when an entity tied to the watched country
	// (country, nationality, address) is added, or changed to gain it.
	WatchCountry = "country"
	// WatchCountryPair fires when a register row (a deal added, changed
	// or removed in a new edition) or an article claim has the watched
	// supplier and recipient: "IR:VE", either side "ANY".
	WatchCountryPair = "country-pair"
	// WatchSystem fires when a register row or an article claim concerns
	// the watched weapon system (a catalogue id, matched under every
	// designation the catalogue gives it, or a designation outside it).
	WatchSystem = "system"
	// WatchProducer fires when a register row or an article claim
	// concerns a system the watched producer makes (a catalogue producer
	// id, or the id of the listed entity the producer is).
	WatchProducer = "producer"
	// WatchNetworkCompany fires when the network risk of a company of the
	// user's network records changes: its risk score, its flag or its
	// paths to listed parties.
	WatchNetworkCompany = "company"
)

// WatchKinds lists the kinds a watch may have.
func WatchKinds() []string {
	return []string{WatchEntity, WatchName, WatchProgram, WatchCountry, WatchCountryPair, WatchSystem, WatchProducer, WatchNetworkCompany}
}

// WatchesEvents reports whether watches of kind fire on the store's
// outbox events (register rows and article claims) rather than on list
// snapshots.
func WatchesEvents(kind string) bool {
	return kind == WatchCountryPair || kind == WatchSystem || kind == WatchProducer
}

// Watch is a standing question about the lists that is not a customer: a
// listed entity, a name, a programme or a country. It fires once per
// material change of a listed record that concerns it.
type Watch struct {
	ID    int64  `json:"id"`
	Kind  string `json:"kind"`
	Value string `json:"value"`
	// Sources restricts the watch to these sources; empty means all.
	Sources []string `json:"sources,omitempty"`
	// Threshold is the minimum score of a name watch (0: the matcher's).
	Threshold float64   `json:"threshold,omitempty"`
	Label     string    `json:"label,omitempty"`
	CreatedAt time.Time `json:"created_at"`
	// FromEvent is the last event of the outbox when the watch was added:
	// a watch of register rows and claims fires on later events only.
	FromEvent int64 `json:"from_event,omitempty"`
}

// Validate checks the watch's kind and value and normalises them (kind in
// lower case, a programme or country in upper case).
func (w *Watch) Validate() error {
	w.Kind = strings.ReplaceAll(strings.ToLower(strings.TrimSpace(w.Kind)), "_", "-")
	if w.Kind == "network-company" {
		w.Kind = WatchNetworkCompany
	}
	w.Value = strings.TrimSpace(w.Value)
	ok := false
	for _, k := range WatchKinds() {
		ok = ok || k == w.Kind
	}
	if !ok {
		return Errorf(KindInvalid, "unknown watch kind %q (want one of %s)", w.Kind, strings.Join(WatchKinds(), ", "))
	}
	if w.Value == "" {
		return Errorf(KindInvalid, "a %s watch needs a value", w.Kind)
	}
	if len(w.Value) > MaxNameBytes {
		return Errorf(KindTooLarge, "watch value over %d bytes", MaxNameBytes)
	}
	if w.Kind == WatchProgram || w.Kind == WatchCountry {
		w.Value = strings.ToUpper(w.Value)
	}
	if w.Kind == WatchCountryPair {
		pair, err := ParseCountryPair(w.Value)
		if err != nil {
			return err
		}
		w.Value = pair
	}
	if w.Kind == WatchNetworkCompany && len(w.Sources) > 0 {
		return Errorf(KindInvalid, "a company watch takes no sources (it follows the records and every current list)")
	}
	if w.Threshold < 0 || w.Threshold > 1 {
		return Errorf(KindInvalid, "watch threshold %v is outside [0,1]", w.Threshold)
	}
	return nil
}

// AnyCountry stands for either side of a country pair that may be any
// country.
const AnyCountry = "ANY"

// ParseCountryPair reads a supplier → recipient pair of ISO 3166-1
// alpha-2 codes, "IR:VE" (also "IR>VE", "IR->VE", "IR→VE"), either side
// "ANY" (or "*"), and returns it as "IR:VE".
func ParseCountryPair(s string) (string, error) {
	s = strings.ToUpper(strings.TrimSpace(s))
	var from, to string
	ok := false
	for _, sep := range []string{"->", "→", ":", ">"} {
		if from, to, ok = strings.Cut(s, sep); ok {
			break
		}
	}
	if !ok {
		return "", Errorf(KindInvalid, "country pair %q is not SUPPLIER:RECIPIENT (ISO codes or ANY), e.g. IR:VE", s)
	}
	side := func(c string) (string, bool) {
		c = strings.TrimSpace(c)
		if c == "*" || c == AnyCountry {
			return AnyCountry, true
		}
		if len(c) != 2 || c[0] < 'A' || c[0] > 'Z' || c[1] < 'A' || c[1] > 'Z' {
			return c, false
		}
		return c, true
	}
	from, okf := side(from)
	to, okt := side(to)
	if !okf || !okt {
		return "", Errorf(KindInvalid, "country pair %q: each side must be an ISO 3166-1 alpha-2 code or ANY, e.g. IR:VE", s)
	}
	if from == AnyCountry && to == AnyCountry {
		return "", Errorf(KindInvalid, "country pair ANY:ANY watches every deal; name a supplier or a recipient")
	}
	return from + ":" + to, nil
}

// FieldDiff is the old and new values of one field of a listed record.
type FieldDiff struct {
	Old []string `json:"old"`
	New []string `json:"new"`
}

// WatchFire is one firing of a watch: the listed record that changed and
// how, old → new. A watch of register rows and claims fires on an outbox
// event (EventID, Record); a company watch on a change of the
// company's network risk (Network).
type WatchFire struct {
	ID         int64  `json:"id"`
	WatchID    int64  `json:"watch_id"`
	EntityID   string `json:"entity_id"`
	EntityName string `json:"entity_name"`
	// Change is added, removed or changed (a company watch also says
	// flagged or unflagged; a claim watch says claim).
	Change string `json:"change"`
	// Diff holds the material fields that changed (every material field
	// of an added or removed record), by field name.
	Diff map[string]FieldDiff `json:"diff"`
	// Score is the name score of a name watch.
	Score          float64 `json:"score,omitempty"`
	SnapshotID     int64   `json:"snapshot_id"`
	PrevSnapshotID int64   `json:"prev_snapshot_id"`
	// EntityHash is the material hash of the record after the change
	// (before it, for a removal): a watch fires once per hash. For a
	// register row it is the content hash of the deal, for a claim the
	// claim's id, for a company watch the hash of the transition.
	EntityHash string    `json:"entity_hash"`
	CreatedAt  time.Time `json:"created_at"`
	// EventID is the outbox event a country-pair, system or producer watch
	// fired on. Such a watch fires once per fact: per deal, change and
	// content hash of the deal, or per claim.
	EventID string `json:"event_id,omitempty"`
	// Record is the register row or article claim that matched.
	Record *WatchRecord `json:"record,omitempty"`
	// Network is what changed of a watched network company.
	Network *NetworkChange `json:"network,omitempty"`
	// Explanation says for people why the watch fired (firings of
	// register rows, claims and network companies).
	Explanation string `json:"explanation,omitempty"`
}

// WatchStore keeps watches and their firings.
//
// Errors are *Error values: NotFound for an unknown watch id, Invalid for
// a watch that does not validate, Internal otherwise.
type WatchStore interface {
	// AddWatch validates and stores w and returns it with its id.
	AddWatch(ctx context.Context, w Watch) (Watch, error)
	// Watches lists the watches, oldest first.
	Watches(ctx context.Context) ([]Watch, error)
	// DeleteWatch removes a watch (its firings are kept).
	DeleteWatch(ctx context.Context, id int64) error
	// RecordFires stores the firings not already stored for the same
	// watch, entity, change and entity hash, each announced by a "watch.fired" event
	// in the same transaction, and returns those stored.
	RecordFires(ctx context.Context, fires []WatchFire) ([]WatchFire, error)
	// WatchFires returns the firings of a watch (all watches when
	// watchID is 0), newest first, at most limit (<= 0: 100).
	WatchFires(ctx context.Context, watchID int64, limit int) ([]WatchFire, error)
}
