package tripline

import (
	"context"
	"time"
)

// MaxSourceIDLen is the longest source id.
const MaxSourceIDLen = 64

// ValidateSourceID returns an Invalid error unless id is a valid source id:
// 1 to 64 lower-case ASCII letters, digits, '-' and '_', starting with a
// letter or digit ("ofac-sdn", "us-bis-dpl", "os", "my_list-2"). A source
// id is the prefix of every entity id ("ofac-sdn:36216") and a path
// element of "lists update --dir" and mirrors, so ':' , '/', '.', spaces
// and upper case are refused. Every way in (the CLI's --source, the HTTP
// API, Store.Import of every store) checks it here.
func ValidateSourceID(id string) error {
	if id == "" {
		return Errorf(KindInvalid, "source id is empty; use lower-case letters, digits, '-' and '_' (e.g. my-list)")
	}
	if len(id) > MaxSourceIDLen {
		return Errorf(KindInvalid, "source id %.20q... is %d characters long, the limit is %d", id, len(id), MaxSourceIDLen)
	}
	for i := 0; i < len(id); i++ {
		c := id[i]
		alnum := c >= 'a' && c <= 'z' || c >= '0' && c <= '9'
		if alnum || i > 0 && (c == '-' || c == '_') {
			continue
		}
		return Errorf(KindInvalid, "source id %q is not valid: use 1 to %d lower-case letters, digits, '-' and '_', starting with a letter or digit (e.g. my-list)", id, MaxSourceIDLen)
	}
	return nil
}

// SnapshotObserver is told about every snapshot the guarded import path
// (ingest.Importer) commits: the monitoring rescreen of books against the
// delta between the two snapshots is one (monitor.Monitor.Observer).
type SnapshotObserver interface {
	// SnapshotCommitted is called after cur was committed and made the
	// current snapshot of its source. prev is the snapshot that was
	// current before (as the importer read it just before storing), nil
	// for a source's first snapshot. It is not called for an unchanged
	// import. It returns what it did, as lines for the importing user
	// ("rescreened book customers ..."). Its error is reported to the
	// importing user; it never undoes the committed import.
	SnapshotCommitted(ctx context.Context, prev *Snapshot, cur Snapshot) (notes []string, err error)
}

// SnapshotObserverFunc adapts a function to SnapshotObserver.
type SnapshotObserverFunc func(ctx context.Context, prev *Snapshot, cur Snapshot) ([]string, error)

// SnapshotCommitted calls f.
func (f SnapshotObserverFunc) SnapshotCommitted(ctx context.Context, prev *Snapshot, cur Snapshot) ([]string, error) {
	return f(ctx, prev, cur)
}

// SnapshotPin keeps a snapshot from being pruned because a record cites
// it: an alert raised or a decision made against that snapshot must stay
// reproducible.
type SnapshotPin struct {
	SnapshotID int64 `json:"snapshot_id"`
	// Kind names what pins it: "alert", "decision", ...
	Kind string `json:"kind"`
	// Ref is the id of the pinning record within its kind.
	Ref       string    `json:"ref"`
	CreatedAt time.Time `json:"created_at"`
}

// PrunePolicy is a retention policy, applied to each source's history on
// its own. A snapshot is kept when it is one of the Keep newest of its
// source, or imported at or after KeepSince, or the current one, or
// pinned; every other snapshot is removed with its entities.
type PrunePolicy struct {
	// Keep is how many of the newest snapshots of each source stay (at
	// least 1).
	Keep int
	// KeepSince, when not zero, also keeps every snapshot imported at or
	// after it.
	KeepSince time.Time
	// Sources restricts pruning to these sources; empty means all.
	Sources []string
	// DryRun reports what would be removed and removes nothing.
	DryRun bool
}

// Validate returns an Invalid error for a policy that keeps nothing.
func (p PrunePolicy) Validate() error {
	if p.Keep < 1 {
		return Errorf(KindInvalid, "keep must be at least 1 (the current snapshot is always kept), got %d", p.Keep)
	}
	for _, s := range p.Sources {
		if err := ValidateSourceID(s); err != nil {
			return err
		}
	}
	return nil
}

// Plan returns the snapshots of one source's history (newest first, as
// Store.Snapshots lists it) that p removes, and how many it keeps only
// because they are pinned; pinned reports whether a snapshot is pinned.
// The current snapshot and pinned ones are never removed. Every store
// applies the policy through this one function.
func (p PrunePolicy) Plan(history []Snapshot, pinned func(id int64) bool) (remove []Snapshot, heldByPin int) {
	for i, s := range history {
		if i < p.Keep || s.Current || (!p.KeepSince.IsZero() && !s.ImportedAt.Before(p.KeepSince)) {
			continue
		}
		if pinned(s.ID) {
			heldByPin++
			continue
		}
		remove = append(remove, s)
	}
	return remove, heldByPin
}

// PruneReport is what Prune did (or, for a dry run, would do).
type PruneReport struct {
	// Removed are the snapshots removed, by source and newest first.
	Removed []Snapshot `json:"removed"`
	// Kept is how many snapshots remain in the sources pruned.
	Kept int `json:"kept"`
	// Pinned is how many of the kept snapshots stay only because a record
	// pins them.
	Pinned int `json:"pinned"`
	// Entities is the number of entity rows removed.
	Entities int64 `json:"entities_removed"`
	// BytesBefore and BytesAfter are the store's size as it measures it
	// (SQLite: the database; PostgreSQL: the entities table), 0 when
	// unknown.
	BytesBefore int64 `json:"bytes_before,omitempty"`
	BytesAfter  int64 `json:"bytes_after,omitempty"`
	DryRun      bool  `json:"dry_run,omitempty"`
}

// Retention is implemented by stores that pin and prune snapshots.
//
// Errors are *Error values: NotFound for a pin of an unknown snapshot,
// Invalid for a pin without a kind or ref or a policy that keeps nothing,
// Internal otherwise.
type Retention interface {
	// PinSnapshot records that pin.Kind/pin.Ref cites pin.SnapshotID, so
	// that Prune never removes it. Pinning twice is harmless.
	PinSnapshot(ctx context.Context, pin SnapshotPin) error
	// UnpinSnapshot removes the pin (SnapshotID, Kind, Ref); removing a pin
	// that does not exist is harmless.
	UnpinSnapshot(ctx context.Context, pin SnapshotPin) error
	// SnapshotPins lists the pins of snapshotID, or every pin when it is 0,
	// oldest first.
	SnapshotPins(ctx context.Context, snapshotID int64) ([]SnapshotPin, error)
	// Prune applies p to every source's history (see PrunePolicy), removes
	// the snapshots it selects with their entities and gives the space
	// back, each snapshot in its own transaction.
	Prune(ctx context.Context, p PrunePolicy) (PruneReport, error)
}
