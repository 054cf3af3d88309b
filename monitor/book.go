package monitor

import (
	"context"
	"fmt"
	"strings"

	"github.com/tripline/tripline"
)

// BookReport is what an import of a book did.
type BookReport struct {
	Book      string   `json:"book"`
	Revision  int64    `json:"revision"`
	Added     int      `json:"added"`
	Changed   int      `json:"changed"`
	Retired   int      `json:"retired"`
	Unchanged int      `json:"unchanged"`
	Passes    []Report `json:"passes"`
}

// String says what the import did, in one line.
func (r BookReport) String() string {
	return fmt.Sprintf("book %s (revision %d): %s added, %s changed, %s retired, %s unchanged",
		r.Book, r.Revision, count(r.Added), count(r.Changed), count(r.Retired), count(r.Unchanged))
}

// ImportBook makes parties the content of book, as a delta: parties new to
// the book are added and screened, parties whose screening columns changed
// are updated and rescreened, parties no longer given are retired and
// their open alerts closed. The parties must have ids and names, each id
// once (the reader of the file reports such rows by line; this is the
// last guard). Nothing is written when the parties are invalid.
func (m *Monitor) ImportBook(ctx context.Context, book string, parties []tripline.BookParty) (BookReport, error) {
	const op = "monitor.ImportBook"
	rep := BookReport{Book: book}
	if err := tripline.ValidBookName(book); err != nil {
		return rep, err
	}
	seen := make(map[string]bool, len(parties))
	for i, p := range parties {
		switch {
		case strings.TrimSpace(p.ID) == "":
			return rep, &tripline.Error{Op: op, Kind: tripline.KindInvalid, Msg: fmt.Sprintf("party %d (%q) has no id", i+1, p.Name)}
		case strings.TrimSpace(p.Name) == "":
			return rep, &tripline.Error{Op: op, Kind: tripline.KindInvalid, Msg: fmt.Sprintf("party %q has no name", p.ID)}
		case seen[p.ID]:
			return rep, &tripline.Error{Op: op, Kind: tripline.KindInvalid, Msg: fmt.Sprintf("party id %q appears twice", p.ID)}
		}
		seen[p.ID] = true
	}
	existing := map[string]string{}
	err := m.Store.EachParty(ctx, book, func(p tripline.BookParty) error {
		existing[p.ID] = p.Hash
		return nil
	})
	if err != nil && tripline.ErrorKind(err) != tripline.KindNotFound {
		return rep, err
	}
	ch := tripline.BookChange{Book: book}
	for _, p := range parties {
		h := tripline.PartyHash(p)
		old, ok := existing[p.ID]
		switch {
		case !ok:
			rep.Added++
		case old != h:
			rep.Changed++
		default:
			rep.Unchanged++
			continue
		}
		p.Hash = h
		ch.Upsert = append(ch.Upsert, p)
	}
	for id := range existing {
		if !seen[id] {
			ch.Retire = append(ch.Retire, id)
		}
	}
	rep.Retired = len(ch.Retire)
	b, err := m.Store.ApplyBook(ctx, ch)
	if err != nil {
		return rep, err
	}
	rep.Revision = b.Revision
	if len(ch.Upsert) > 0 {
		r, err := m.screenRevision(ctx, b)
		if err != nil {
			return rep, err
		}
		rep.Passes = append(rep.Passes, r)
	}
	// Bring the book up to the current snapshots (a first book is screened
	// against them directly; a later one may lag behind an import).
	rs, err := m.CatchUpBook(ctx, book)
	rep.Passes = append(rep.Passes, rs...)
	return rep, err
}

// screenRevision screens the parties that revision b.Revision added or
// changed, against the snapshots the book reflects (the current ones for
// a book never screened).
func (m *Monitor) screenRevision(ctx context.Context, b tripline.Book) (Report, error) {
	snaps := b.Snapshots
	if len(snaps) == 0 || b.MatcherVersion == "" {
		var err error
		if snaps, err = m.currentSnapshots(ctx); err != nil {
			return Report{}, err
		}
	}
	if b.MatcherVersion != "" && b.MatcherVersion != m.cfg().Match.Version {
		// The stored matches are of another configuration: the catch-up
		// that follows rescreens everything.
		return Report{Book: b.Name, Kind: "book", AlreadyDone: true}, nil
	}
	p := tripline.Pass{Book: b.Name, Key: fmt.Sprintf("book:%d", b.Revision), Kind: "book", Revision: b.Revision,
		Snapshots: snaps, MatcherVersion: m.cfg().Match.Version}
	return m.startAndRun(ctx, p)
}
