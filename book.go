package tripline

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"sort"
	"strings"
	"time"
)

// DefaultBook is the name of the book used when none is given.
const DefaultBook = "default"

// Book is a monitored set of parties (customers, suppliers, consignees)
// that is rescreened whenever a list changes.
type Book struct {
	Name string `json:"name"`
	// Revision counts the imports of the book that changed it.
	Revision int64 `json:"revision"`
	// Parties is the number of active (not retired) parties.
	Parties int `json:"parties"`
	// MatcherVersion is the matching configuration the book's matches
	// were last computed with ("" before the first screening); a
	// different version triggers a full rescreen.
	MatcherVersion string `json:"matcher_version,omitempty"`
	// Snapshots names, by source, the snapshot the book's matches
	// reflect.
	Snapshots map[string]int64 `json:"snapshots,omitempty"`
	CreatedAt time.Time        `json:"created_at"`
	UpdatedAt time.Time        `json:"updated_at"`
}

// BookParty is one row of a book (a monitored party; Party is a party to
// a transaction): the columns a screening query takes, and
// the material hash over them.
type BookParty struct {
	ID          string       `json:"id"`
	Name        string       `json:"name"`
	Type        string       `json:"type,omitempty"`
	Country     string       `json:"country,omitempty"`
	BirthDate   string       `json:"birth_date,omitempty"`
	Identifiers []Identifier `json:"identifiers,omitempty"`
	// Hash is PartyHash of the party (set by the store).
	Hash string `json:"hash,omitempty"`
	// Revision is the book revision that added the party or last changed
	// it materially.
	Revision int64 `json:"revision,omitempty"`
}

// Query returns the party as a screening query.
func (p BookParty) Query() Query {
	return Query{ID: p.ID, Name: p.Name, Type: p.Type, Country: p.Country, BirthDate: p.BirthDate, Identifiers: p.Identifiers}
}

// PartyFromQuery returns the book row of a screening query.
func PartyFromQuery(q Query) BookParty {
	return BookParty{ID: q.ID, Name: q.Name, Type: q.Type, Country: q.Country, BirthDate: q.BirthDate, Identifiers: q.Identifiers}
}

// PartyHash returns a hex SHA-256 over the fields of p that screening
// reads (name, type, country, birth date, identifiers), independent of
// identifier order and of surrounding or repeated white space: it changes
// exactly when a rescreen of the party could give another answer. The id
// is not part of it, so that parties written alike share one hash.
func PartyHash(p BookParty) string {
	h := sha256.New()
	field := func(name, v string) { fmt.Fprintf(h, "%s\x00%d:%s\x00", name, len(v), v) }
	field("name", strings.Join(strings.Fields(p.Name), " "))
	field("type", strings.ToLower(strings.TrimSpace(p.Type)))
	field("country", strings.ToUpper(strings.TrimSpace(p.Country)))
	field("birth_date", strings.TrimSpace(p.BirthDate))
	ids := make([]string, 0, len(p.Identifiers))
	for _, id := range p.Identifiers {
		ids = append(ids, fmt.Sprintf("%d:%s%d:%s%d:%s", len(id.Type), id.Type, len(id.Value), id.Value, len(id.Country), id.Country))
	}
	sort.Strings(ids)
	for _, id := range ids {
		field("identifier", id)
	}
	return hex.EncodeToString(h.Sum(nil))
}

// ValidBookName reports whether name is usable as a book name: 1 to 64
// letters, digits, '-', '_' or '.'.
func ValidBookName(name string) error {
	if name == "" || len(name) > 64 {
		return Errorf(KindInvalid, "book name %q: give 1 to 64 letters, digits, '-', '_' or '.'", name)
	}
	for _, r := range name {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '_' || r == '.') {
			return Errorf(KindInvalid, "book name %q: only letters, digits, '-', '_' and '.' are allowed", name)
		}
	}
	return nil
}

// BookChange is what one import of a book changes: the parties to add or
// update and the ids of the parties to retire.
type BookChange struct {
	Book string
	// Upsert are the parties added or materially changed (by PartyHash).
	Upsert []BookParty
	// Retire are the ids of active parties no longer in the book.
	Retire []string
}

// BookStore keeps books of parties.
//
// Errors are *Error values: NotFound for an unknown book or party, Invalid
// for a bad book name or a party without an id or a name, Internal
// otherwise.
type BookStore interface {
	// ApplyBook writes ch in one transaction and returns the book after
	// it: the book is created if new; when ch changes anything its
	// revision is incremented, upserted parties get that revision, and
	// retired parties are kept (for the alerts that cite them) but no
	// longer listed, their matches dropped and their open alerts closed
	// with the resolution "party_retired", each closure announced by an
	// "alert.closed" event in the same transaction. A change that changes
	// nothing returns the book as it was.
	ApplyBook(ctx context.Context, ch BookChange) (Book, error)
	// Books lists the books, by name.
	Books(ctx context.Context) ([]Book, error)
	// Book returns the named book.
	Book(ctx context.Context, name string) (Book, error)
	// EachParty calls fn for every active party of book in id order,
	// stopping at fn's first error, which it returns.
	EachParty(ctx context.Context, book string, fn func(BookParty) error) error
	// Party returns one active party of book.
	Party(ctx context.Context, book, id string) (BookParty, error)
}
