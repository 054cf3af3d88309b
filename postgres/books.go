package postgres

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/tripline/tripline"
)

var _ tripline.MonitorStore = (*Store)(nil)

func internalErr(op, msg string, err error) error {
	return &tripline.Error{Op: op, Kind: tripline.KindInternal, Msg: msg, Err: err}
}

// now is the store's clock, in UTC to the microsecond PostgreSQL keeps.
func (s *Store) now() time.Time { return s.Now().UTC().Truncate(time.Microsecond) }

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
	const op = "postgres.ApplyBook"
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
	tx, err := s.pool.Begin(ctx)
	if err != nil {
		return tripline.Book{}, internalErr(op, "cannot begin", err)
	}
	defer tx.Rollback(ctx)
	now := s.now()
	var audit []tripline.AuditEntry
	// The book row is locked for the transaction: imports of one book
	// are serialised.
	if _, err := tx.Exec(ctx, `INSERT INTO books (name, revision, created_at, updated_at) VALUES ($1, 0, $2, $2) ON CONFLICT (name) DO NOTHING`, ch.Book, now); err != nil {
		return tripline.Book{}, internalErr(op, "cannot write the book", err)
	}
	var rev int64
	if err := tx.QueryRow(ctx, `SELECT revision FROM books WHERE name = $1 FOR UPDATE`, ch.Book).Scan(&rev); err != nil {
		return tripline.Book{}, internalErr(op, "cannot write the book", err)
	}
	if len(ch.Upsert) > 0 || len(ch.Retire) > 0 {
		rev++
		if _, err := tx.Exec(ctx, `UPDATE books SET revision = $1, updated_at = $2 WHERE name = $3`, rev, now, ch.Book); err != nil {
			return tripline.Book{}, internalErr(op, "cannot write the book", err)
		}
		if err := upsertParties(ctx, tx, ch.Book, rev, ch.Upsert); err != nil {
			return tripline.Book{}, err
		}
		var evs []tripline.Event
		for _, id := range ch.Retire {
			if _, err := tx.Exec(ctx, `UPDATE book_parties SET retired = $1 WHERE book = $2 AND id = $3 AND retired = 0`, rev, ch.Book, id); err != nil {
				return tripline.Book{}, internalErr(op, "cannot retire a party", err)
			}
			if _, err := tx.Exec(ctx, `DELETE FROM book_matches WHERE book = $1 AND party_id = $2`, ch.Book, id); err != nil {
				return tripline.Book{}, internalErr(op, "cannot retire a party", err)
			}
			closed, err := closeAlerts(ctx, tx, `book = $4 AND party_id = $5`, []any{ch.Book, id}, tripline.ResolutionPartyRetired, now)
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
		if _, err := tx.Exec(ctx, `UPDATE books SET parties = (SELECT count(*) FROM book_parties WHERE book = $1 AND retired = 0) WHERE name = $1`, ch.Book); err != nil {
			return tripline.Book{}, internalErr(op, "cannot count the parties", err)
		}
	}
	b, err := readBook(ctx, tx, ch.Book)
	if err != nil {
		return tripline.Book{}, err
	}
	if _, err := s.appendAudit(ctx, tx, audit); err != nil {
		return tripline.Book{}, err
	}
	if err := tx.Commit(ctx); err != nil {
		return tripline.Book{}, internalErr(op, "cannot commit the book", err)
	}
	return b, nil
}

func upsertParties(ctx context.Context, tx pgx.Tx, book string, rev int64, ps []tripline.BookParty) error {
	const op = "postgres.ApplyBook"
	const cols, rows = 9, 500
	const head = `INSERT INTO book_parties (book, id, name, type, country, birth_date, identifiers, hash, revision) VALUES `
	const tail = ` ON CONFLICT (book, id) DO UPDATE SET name = excluded.name, type = excluded.type, country = excluded.country,
		birth_date = excluded.birth_date, identifiers = excluded.identifiers, hash = excluded.hash, revision = excluded.revision, retired = 0`
	args := make([]any, 0, rows*cols)
	flush := func() error {
		n := len(args) / cols
		if n == 0 {
			return nil
		}
		var b strings.Builder
		b.WriteString(head)
		for i := 0; i < n; i++ {
			if i > 0 {
				b.WriteByte(',')
			}
			b.WriteByte('(')
			for j := 0; j < cols; j++ {
				if j > 0 {
					b.WriteByte(',')
				}
				fmt.Fprintf(&b, "$%d", i*cols+j+1)
			}
			b.WriteByte(')')
		}
		b.WriteString(tail)
		_, err := tx.Exec(ctx, b.String(), args...)
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

func readBook(ctx context.Context, q querier, name string) (tripline.Book, error) {
	const op = "postgres.Book"
	var b tripline.Book
	var n int64
	err := q.QueryRow(ctx, `SELECT name, revision, matcher_version, parties, created_at, updated_at FROM books WHERE name = $1`, name).Scan(&b.Name, &b.Revision, &b.MatcherVersion, &n, &b.CreatedAt, &b.UpdatedAt)
	if errors.Is(err, pgx.ErrNoRows) {
		return b, &tripline.Error{Op: op, Kind: tripline.KindNotFound, Msg: fmt.Sprintf("no book %q (see tripline book list)", name)}
	}
	if err != nil {
		return b, internalErr(op, "cannot read the book", err)
	}
	b.CreatedAt, b.UpdatedAt = b.CreatedAt.UTC(), b.UpdatedAt.UTC()
	b.Parties = int(n)
	rows, err := q.Query(ctx, `SELECT source, snapshot_id FROM book_snapshots WHERE book = $1`, name)
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
	return readBook(ctx, s.pool, name)
}

// Books lists the books by name.
func (s *Store) Books(ctx context.Context) ([]tripline.Book, error) {
	rows, err := s.pool.Query(ctx, `SELECT name FROM books ORDER BY name COLLATE "C"`)
	if err != nil {
		return nil, internalErr("postgres.Books", "cannot read the books", err)
	}
	names, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		return nil, internalErr("postgres.Books", "cannot read the books", err)
	}
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

func scanParty(r pgx.Row) (tripline.BookParty, error) {
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
	const op = "postgres.EachParty"
	if _, err := s.Book(ctx, book); err != nil {
		return err
	}
	rows, err := s.pool.Query(ctx, `SELECT `+partyCols+` FROM book_parties WHERE book = $1 AND retired = 0 ORDER BY id COLLATE "C"`, book)
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
	const op = "postgres.Party"
	p, err := scanParty(s.pool.QueryRow(ctx, `SELECT `+partyCols+` FROM book_parties WHERE book = $1 AND id = $2 AND retired = 0`, book, id))
	if errors.Is(err, pgx.ErrNoRows) {
		return p, &tripline.Error{Op: op, Kind: tripline.KindNotFound, Msg: fmt.Sprintf("no party %q in book %q", id, book)}
	}
	if err != nil {
		return p, internalErr(op, "cannot read the party", err)
	}
	return p, nil
}
