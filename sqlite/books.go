package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/tripline/tripline"
)

var _ tripline.MonitorStore = (*Store)(nil)

// tsLayout is the fixed-width UTC layout of the monitor's timestamps, so
// that they sort as text.
const tsLayout = "2006-01-02T15:04:05.000000Z"

func ts(t time.Time) string { return t.UTC().Format(tsLayout) }

func parseTS(s string) time.Time {
	t, _ := time.Parse(tsLayout, s)
	return t
}

func internalErr(op, msg string, err error) error {
	return &tripline.Error{Op: op, Kind: tripline.KindInternal, Msg: msg, Err: err}
}

// validParty checks a party before it is stored.
func validParty(op string, p tripline.BookParty) error {
	if strings.TrimSpace(p.ID) == "" {
		return &tripline.Error{Op: op, Kind: tripline.KindInvalid, Msg: fmt.Sprintf("party %q has no id", p.Name)}
	}
	if strings.TrimSpace(p.Name) == "" {
		return &tripline.Error{Op: op, Kind: tripline.KindInvalid, Msg: fmt.Sprintf("party %q has no name", p.ID)}
	}
	return nil
}

// ApplyBook writes one import of a book in one transaction; see
// tripline.BookStore.
func (s *Store) ApplyBook(ctx context.Context, ch tripline.BookChange) (tripline.Book, error) {
	const op = "sqlite.ApplyBook"
	if err := tripline.ValidBookName(ch.Book); err != nil {
		return tripline.Book{}, err
	}
	seen := make(map[string]bool, len(ch.Upsert))
	for _, p := range ch.Upsert {
		if err := validParty(op, p); err != nil {
			return tripline.Book{}, err
		}
		if seen[p.ID] {
			return tripline.Book{}, &tripline.Error{Op: op, Kind: tripline.KindInvalid, Msg: fmt.Sprintf("party id %q appears twice", p.ID)}
		}
		seen[p.ID] = true
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return tripline.Book{}, internalErr(op, "cannot begin", err)
	}
	defer tx.Rollback()
	now := ts(s.Now())
	var rev int64
	err = tx.QueryRowContext(ctx, `SELECT revision FROM books WHERE name = ?`, ch.Book).Scan(&rev)
	if errors.Is(err, sql.ErrNoRows) {
		_, err = tx.ExecContext(ctx, `INSERT INTO books (name, revision, created_at, updated_at) VALUES (?, 0, ?, ?)`, ch.Book, now, now)
	}
	if err != nil {
		return tripline.Book{}, internalErr(op, "cannot write the book", err)
	}
	if len(ch.Upsert) > 0 || len(ch.Retire) > 0 {
		rev++
		if _, err := tx.ExecContext(ctx, `UPDATE books SET revision = ?, updated_at = ? WHERE name = ?`, rev, now, ch.Book); err != nil {
			return tripline.Book{}, internalErr(op, "cannot write the book", err)
		}
		if err := upsertParties(ctx, tx, ch.Book, rev, ch.Upsert); err != nil {
			return tripline.Book{}, err
		}
		var evs []tripline.Event
		var audit []tripline.AuditEntry
		for _, id := range ch.Retire {
			if _, err := tx.ExecContext(ctx, `UPDATE book_parties SET retired = ? WHERE book = ? AND id = ? AND retired = 0`, rev, ch.Book, id); err != nil {
				return tripline.Book{}, internalErr(op, "cannot retire a party", err)
			}
			if _, err := tx.ExecContext(ctx, `DELETE FROM book_matches WHERE book = ? AND party_id = ?`, ch.Book, id); err != nil {
				return tripline.Book{}, internalErr(op, "cannot retire a party", err)
			}
			closed, err := closeAlerts(ctx, tx, `book = ? AND party_id = ?`, []any{ch.Book, id}, tripline.ResolutionPartyRetired, now)
			if err != nil {
				return tripline.Book{}, err
			}
			evs = append(evs, alertEvents("alert.closed", closed)...)
			audit = append(audit, s.alertAudit(ctx, tripline.AuditAlertClosed, closed)...)
		}
		if _, err := s.insertEvents(ctx, tx, evs); err != nil {
			return tripline.Book{}, err
		}
		audit = append(audit, s.ctxEntry(ctx, tripline.AuditBookChanged, "book:"+ch.Book, map[string]any{"book": ch.Book, "revision": rev, "upserted": len(ch.Upsert), "retired": len(ch.Retire)}))
		if _, err := s.appendAudit(ctx, tx, audit); err != nil {
			return tripline.Book{}, err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE books SET parties = (SELECT count(*) FROM book_parties WHERE book = ? AND retired = 0) WHERE name = ?`, ch.Book, ch.Book); err != nil {
			return tripline.Book{}, internalErr(op, "cannot count the parties", err)
		}
	}
	b, err := readBook(ctx, tx, ch.Book)
	if err != nil {
		return tripline.Book{}, err
	}
	if err := tx.Commit(); err != nil {
		return tripline.Book{}, internalErr(op, "cannot commit the book", err)
	}
	return b, nil
}

func upsertParties(ctx context.Context, tx *sql.Tx, book string, rev int64, ps []tripline.BookParty) error {
	const op = "sqlite.ApplyBook"
	const cols, rows = 9, 100
	const head = `INSERT INTO book_parties (book, id, name, type, country, birth_date, identifiers, hash, revision) VALUES `
	const tail = ` ON CONFLICT (book, id) DO UPDATE SET name = excluded.name, type = excluded.type, country = excluded.country,
		birth_date = excluded.birth_date, identifiers = excluded.identifiers, hash = excluded.hash, revision = excluded.revision, retired = 0`
	query := func(n int) string {
		return head + strings.TrimSuffix(strings.Repeat("(?, ?, ?, ?, ?, ?, ?, ?, ?),", n), ",") + tail
	}
	full, err := tx.PrepareContext(ctx, query(rows))
	if err != nil {
		return internalErr(op, "cannot write the parties", err)
	}
	defer full.Close()
	args := make([]any, 0, rows*cols)
	flush := func() error {
		n := len(args) / cols
		if n == 0 {
			return nil
		}
		var err error
		if n == rows {
			_, err = full.ExecContext(ctx, args...)
		} else {
			_, err = tx.ExecContext(ctx, query(n), args...)
		}
		args = args[:0]
		if err != nil {
			return internalErr(op, "cannot write the parties", err)
		}
		return ctx.Err()
	}
	for _, p := range ps {
		args = append(args, book, p.ID, p.Name, p.Type, p.Country, p.BirthDate, identifiersJSON(p.Identifiers), tripline.PartyHash(p), rev)
		if len(args) == rows*cols {
			if err := flush(); err != nil {
				return err
			}
		}
	}
	return flush()
}

func identifiersJSON(ids []tripline.Identifier) string {
	if len(ids) == 0 {
		return ""
	}
	b, _ := json.Marshal(ids)
	return string(b)
}

const bookCols = `name, revision, matcher_version, parties, created_at, updated_at`

func readBook(ctx context.Context, q querier, name string) (tripline.Book, error) {
	const op = "sqlite.Book"
	var b tripline.Book
	var created, updated string
	err := q.QueryRowContext(ctx, `SELECT `+bookCols+` FROM books WHERE name = ?`, name).Scan(&b.Name, &b.Revision, &b.MatcherVersion, &b.Parties, &created, &updated)
	if errors.Is(err, sql.ErrNoRows) {
		return b, &tripline.Error{Op: op, Kind: tripline.KindNotFound, Msg: fmt.Sprintf("no book %q (see tripline book list)", name)}
	}
	if err != nil {
		return b, internalErr(op, "cannot read the book", err)
	}
	b.CreatedAt, b.UpdatedAt = parseTS(created), parseTS(updated)
	rows, err := q.QueryContext(ctx, `SELECT source, snapshot_id FROM book_snapshots WHERE book = ?`, name)
	if err != nil {
		return b, internalErr(op, "cannot read the book", err)
	}
	defer rows.Close()
	for rows.Next() {
		var src string
		var id int64
		if err := rows.Scan(&src, &id); err != nil {
			return b, internalErr(op, "cannot read the book", err)
		}
		if b.Snapshots == nil {
			b.Snapshots = map[string]int64{}
		}
		b.Snapshots[src] = id
	}
	if err := rows.Err(); err != nil {
		return b, internalErr(op, "cannot read the book", err)
	}
	return b, nil
}

// Book returns the named book.
func (s *Store) Book(ctx context.Context, name string) (tripline.Book, error) {
	return readBook(ctx, s.db, name)
}

// Books lists the books by name.
func (s *Store) Books(ctx context.Context) ([]tripline.Book, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT name FROM books ORDER BY name`)
	if err != nil {
		return nil, internalErr("sqlite.Books", "cannot read the books", err)
	}
	var names []string
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			rows.Close()
			return nil, internalErr("sqlite.Books", "cannot read the books", err)
		}
		names = append(names, n)
	}
	rows.Close()
	out := []tripline.Book{}
	for _, n := range names {
		b, err := s.Book(ctx, n)
		if err != nil {
			return nil, err
		}
		out = append(out, b)
	}
	return out, nil
}

const partyCols = `id, name, type, country, birth_date, identifiers, hash, revision`

func scanParty(r scanner) (tripline.BookParty, error) {
	var p tripline.BookParty
	var ids string
	if err := r.Scan(&p.ID, &p.Name, &p.Type, &p.Country, &p.BirthDate, &ids, &p.Hash, &p.Revision); err != nil {
		return p, err
	}
	if ids != "" {
		if err := json.Unmarshal([]byte(ids), &p.Identifiers); err != nil {
			return p, err
		}
	}
	return p, nil
}

// EachParty calls fn for every active party of book in id order.
func (s *Store) EachParty(ctx context.Context, book string, fn func(tripline.BookParty) error) error {
	const op = "sqlite.EachParty"
	if _, err := s.Book(ctx, book); err != nil {
		return err
	}
	rows, err := s.db.QueryContext(ctx, `SELECT `+partyCols+` FROM book_parties WHERE book = ? AND retired = 0 ORDER BY id`, book)
	if err != nil {
		return internalErr(op, "cannot read the parties", err)
	}
	defer rows.Close()
	for rows.Next() {
		p, err := scanParty(rows)
		if err != nil {
			return internalErr(op, "cannot read the parties", err)
		}
		if err := fn(p); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return internalErr(op, "cannot read the parties", err)
	}
	return nil
}

// Party returns one active party of book.
func (s *Store) Party(ctx context.Context, book, id string) (tripline.BookParty, error) {
	const op = "sqlite.Party"
	p, err := scanParty(s.db.QueryRowContext(ctx, `SELECT `+partyCols+` FROM book_parties WHERE book = ? AND id = ? AND retired = 0`, book, id))
	if errors.Is(err, sql.ErrNoRows) {
		return p, &tripline.Error{Op: op, Kind: tripline.KindNotFound, Msg: fmt.Sprintf("no party %q in book %q", id, book)}
	}
	if err != nil {
		return p, internalErr(op, "cannot read the party", err)
	}
	return p, nil
}
