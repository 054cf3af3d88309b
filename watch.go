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
)

// WatchKinds lists the kinds a watch may have.
func WatchKinds() []string { return []string{WatchEntity, WatchName, WatchProgram, WatchCountry} }

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
}

// Validate checks the watch's kind and value and normalises them (kind in
// lower case, a programme or country in upper case).
func (w *Watch) Validate() error {
	w.Kind = strings.ToLower(strings.TrimSpace(w.Kind))
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
	if w.Threshold < 0 || w.Threshold > 1 {
		return Errorf(KindInvalid, "watch threshold %v is outside [0,1]", w.Threshold)
	}
	return nil
}

// FieldDiff is the old and new values of one field of a listed record.
type FieldDiff struct {
	Old []string `json:"old"`
	New []string `json:"new"`
}

// WatchFire is one firing of a watch: the listed record that changed and
// how, old → new.
type WatchFire struct {
	ID         int64  `json:"id"`
	WatchID    int64  `json:"watch_id"`
	EntityID   string `json:"entity_id"`
	EntityName string `json:"entity_name"`
	// Change is added, removed or changed.
	Change string `json:"change"`
	// Diff holds the material fields that changed (every material field
	// of an added or removed record), by field name.
	Diff map[string]FieldDiff `json:"diff"`
	// Score is the name score of a name watch.
	Score          float64 `json:"score,omitempty"`
	SnapshotID     int64   `json:"snapshot_id"`
	PrevSnapshotID int64   `json:"prev_snapshot_id"`
	// EntityHash is the material hash of the record after the change
	// (before it, for a removal): a watch fires once per hash.
	EntityHash string    `json:"entity_hash"`
	CreatedAt  time.Time `json:"created_at"`
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
	// watch, entity, change and entity hash, each announced by a
	// "watch.fired" event in the same transaction, and returns those
	// stored.
	RecordFires(ctx context.Context, fires []WatchFire) ([]WatchFire, error)
	// WatchFires returns the firings of a watch (all watches when
	// watchID is 0), newest first, at most limit (<= 0: 100).
	WatchFires(ctx context.Context, watchID int64, limit int) ([]WatchFire, error)
}
