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
	"github.com/tripline/tripline/internal/transferdb"
)

var _ tripline.ArticleStore = (*Store)(nil)

// SaveArticle stores an article and merges its transfer claims into the
// claims of the same events, with an "article.claim" event per new report,
// in one transaction.
func (s *Store) SaveArticle(ctx context.Context, a *tripline.Article) (*tripline.Article, bool, error) {
	const op = "sqlite.SaveArticle"
	if err := a.Validate(); err != nil {
		return nil, false, &tripline.Error{Op: op, Kind: tripline.ErrorKind(err), Msg: tripline.ErrorMessage(err), Err: err}
	}
	internal := func(msg string, err error) error {
		return &tripline.Error{Op: op, Kind: tripline.KindInternal, Msg: msg, Err: err}
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return nil, false, internal("cannot begin", err)
	}
	defer tx.Rollback()
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM articles WHERE id = ?`, a.ID).Scan(&n); err != nil {
		return nil, false, internal("cannot read articles", err)
	}
	if n > 0 {
		tx.Rollback()
		got, err := s.Article(ctx, a.ID)
		return got, false, err
	}
	cp := *a
	cp.Transfers = append([]tripline.ArticleTransfer{}, a.Transfers...)
	now := s.Now().UTC().Truncate(time.Millisecond)
	if cp.RetrievedAt.IsZero() {
		cp.RetrievedAt = now
	}
	var evs []tripline.Event
	for i, t := range cp.Transfers {
		id := transferdb.ClaimID(tripline.ClaimKey(t))
		cp.Transfers[i].ClaimID = id
		var c *tripline.Claim
		var data []byte
		err := tx.QueryRowContext(ctx, `SELECT data FROM claims WHERE id = ?`, id).Scan(&data)
		switch {
		case errors.Is(err, sql.ErrNoRows):
		case err != nil:
			return nil, false, internal("cannot read claims", err)
		default:
			c = new(tripline.Claim)
			if err := json.Unmarshal(data, c); err != nil {
				return nil, false, internal("cannot decode a claim", err)
			}
		}
		isNew := c == nil
		c, added := transferdb.Merge(c, &cp, t)
		if !added {
			continue
		}
		if isNew {
			c.FirstSeen = now
		}
		data, _ = json.Marshal(c)
		if _, err := tx.ExecContext(ctx, `INSERT INTO claims (id, supplier_code, supplier_name, recipient_code, recipient_name, system, designation, updated_at, data)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET updated_at = excluded.updated_at, data = excluded.data`,
			c.ID, c.Supplier.Code, c.Supplier.Name, c.Recipient.Code, c.Recipient.Name, c.System, c.Designation, now.Format(time.RFC3339Nano), string(data)); err != nil {
			return nil, false, internal("cannot write a claim", err)
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO claim_reports (claim_id, article_id) VALUES (?, ?) ON CONFLICT DO NOTHING`, c.ID, cp.ID); err != nil {
			return nil, false, internal("cannot write a claim", err)
		}
		evs = append(evs, transferdb.ClaimEvent(c, &cp, t, isNew))
	}
	data, err := transferdb.ArticleData(&cp)
	if err != nil {
		return nil, false, err
	}
	sig, _ := json.Marshal(cp.Signature)
	if _, err := tx.ExecContext(ctx, `INSERT INTO articles (id, url, title, published_at, retrieved_at, text_sha256, duplicate_of, signature, text, data)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, cp.ID, cp.URL, cp.Title, cp.PublishedAt, cp.RetrievedAt.Format(time.RFC3339Nano), cp.TextSHA256,
		cp.DuplicateOf, string(sig), cp.Text, string(data)); err != nil {
		return nil, false, internal("cannot write the article", err)
	}
	for _, r := range transferdb.Refs(&cp) {
		if _, err := tx.ExecContext(ctx, `INSERT INTO article_refs (kind, value, article_id) VALUES (?, ?, ?) ON CONFLICT DO NOTHING`, r[0], r[1], cp.ID); err != nil {
			return nil, false, internal("cannot write the article", err)
		}
	}
	if _, err := s.insertEvents(ctx, tx, evs); err != nil {
		return nil, false, err
	}
	if err := tx.Commit(); err != nil {
		return nil, false, internal("cannot commit the article", err)
	}
	return &cp, true, nil
}

func decodeArticle(data, text, sig string, retrieved string) (*tripline.Article, error) {
	a := new(tripline.Article)
	if err := json.Unmarshal([]byte(data), a); err != nil {
		return nil, err
	}
	a.Text = text
	if sig != "" && sig != "null" {
		_ = json.Unmarshal([]byte(sig), &a.Signature)
	}
	if t, err := time.Parse(time.RFC3339Nano, retrieved); err == nil {
		a.RetrievedAt = t
	}
	return a, nil
}

// Article returns the article with id, its text included.
func (s *Store) Article(ctx context.Context, id string) (*tripline.Article, error) {
	const op = "sqlite.Article"
	var data, text, sig, at string
	err := s.db.QueryRowContext(ctx, `SELECT data, text, signature, retrieved_at FROM articles WHERE id = ?`, id).Scan(&data, &text, &sig, &at)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, &tripline.Error{Op: op, Kind: tripline.KindNotFound, Msg: fmt.Sprintf("no article %q", id)}
	}
	if err != nil {
		return nil, &tripline.Error{Op: op, Kind: tripline.KindInternal, Msg: "cannot read the article", Err: err}
	}
	a, err := decodeArticle(data, text, sig, at)
	if err != nil {
		return nil, &tripline.Error{Op: op, Kind: tripline.KindInternal, Msg: "cannot decode the article", Err: err}
	}
	return a, nil
}

// Articles returns the articles f selects, newest first, without text.
func (s *Store) Articles(ctx context.Context, f tripline.ArticleFilter) ([]tripline.Article, int, error) {
	const op = "sqlite.Articles"
	where := []string{"TRUE"}
	var args []any
	ref := func(kind, v string) {
		if v = strings.TrimSpace(v); v != "" {
			where = append(where, `id IN (SELECT article_id FROM article_refs WHERE kind = ? AND value = ?)`)
			args = append(args, kind, v)
		}
	}
	ref("system", f.System)
	ref("entity", f.Entity)
	ref("country", strings.ToUpper(f.Country))
	if f.Originals {
		where = append(where, `duplicate_of = ''`)
	}
	q := ` FROM articles WHERE ` + strings.Join(where, " AND ")
	var total int
	if err := s.db.QueryRowContext(ctx, `SELECT count(*)`+q, args...).Scan(&total); err != nil {
		return nil, 0, &tripline.Error{Op: op, Kind: tripline.KindInternal, Msg: "cannot read articles", Err: err}
	}
	page := ` ORDER BY seq DESC`
	if f.Limit > 0 {
		page += fmt.Sprintf(" LIMIT %d OFFSET %d", f.Limit, max(f.Offset, 0))
	} else if f.Offset > 0 {
		page += fmt.Sprintf(" LIMIT -1 OFFSET %d", f.Offset)
	}
	rows, err := s.db.QueryContext(ctx, `SELECT data, retrieved_at`+q+page, args...)
	if err != nil {
		return nil, 0, &tripline.Error{Op: op, Kind: tripline.KindInternal, Msg: "cannot read articles", Err: err}
	}
	defer rows.Close()
	out := []tripline.Article{}
	for rows.Next() {
		var data, at string
		if err := rows.Scan(&data, &at); err != nil {
			return nil, 0, &tripline.Error{Op: op, Kind: tripline.KindInternal, Msg: "cannot read articles", Err: err}
		}
		a, err := decodeArticle(data, "", "", at)
		if err != nil {
			return nil, 0, &tripline.Error{Op: op, Kind: tripline.KindInternal, Msg: "cannot decode an article", Err: err}
		}
		out = append(out, *a)
	}
	if err := rows.Err(); err != nil {
		return nil, 0, &tripline.Error{Op: op, Kind: tripline.KindInternal, Msg: "cannot read articles", Err: err}
	}
	return out, total, nil
}

// ArticleSignatures returns the signatures of every stored article, in
// the order stored.
func (s *Store) ArticleSignatures(ctx context.Context) ([]tripline.ArticleSignature, error) {
	const op = "sqlite.ArticleSignatures"
	rows, err := s.db.QueryContext(ctx, `SELECT id, duplicate_of, signature FROM articles ORDER BY seq`)
	if err != nil {
		return nil, &tripline.Error{Op: op, Kind: tripline.KindInternal, Msg: "cannot read articles", Err: err}
	}
	defer rows.Close()
	var out []tripline.ArticleSignature
	for rows.Next() {
		var sg tripline.ArticleSignature
		var sig string
		if err := rows.Scan(&sg.ID, &sg.DuplicateOf, &sig); err != nil {
			return nil, &tripline.Error{Op: op, Kind: tripline.KindInternal, Msg: "cannot read articles", Err: err}
		}
		if sig != "" && sig != "null" {
			_ = json.Unmarshal([]byte(sig), &sg.Signature)
		}
		out = append(out, sg)
	}
	if err := rows.Err(); err != nil {
		return nil, &tripline.Error{Op: op, Kind: tripline.KindInternal, Msg: "cannot read articles", Err: err}
	}
	return out, nil
}

// Claims returns the claims f selects, newest first.
func (s *Store) Claims(ctx context.Context, f tripline.ClaimFilter) ([]tripline.Claim, error) {
	const op = "sqlite.Claims"
	where, args := transferdb.Filter(tripline.TransferFilter{Supplier: f.Supplier, Recipient: f.Recipient, Systems: f.Systems}, "", "", sqlitePH)
	if f.Article != "" {
		where += ` AND id IN (SELECT claim_id FROM claim_reports WHERE article_id = ?)`
		args = append(args, f.Article)
	}
	q := `SELECT data FROM claims WHERE ` + where + ` ORDER BY seq DESC`
	if f.Limit > 0 {
		q += fmt.Sprintf(" LIMIT %d", f.Limit)
	}
	rows, err := s.db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, &tripline.Error{Op: op, Kind: tripline.KindInternal, Msg: "cannot read claims", Err: err}
	}
	defer rows.Close()
	out := []tripline.Claim{}
	for rows.Next() {
		var data string
		var c tripline.Claim
		if err := rows.Scan(&data); err != nil {
			return nil, &tripline.Error{Op: op, Kind: tripline.KindInternal, Msg: "cannot read claims", Err: err}
		}
		if err := json.Unmarshal([]byte(data), &c); err != nil {
			return nil, &tripline.Error{Op: op, Kind: tripline.KindInternal, Msg: "cannot decode a claim", Err: err}
		}
		out = append(out, c)
	}
	if err := rows.Err(); err != nil {
		return nil, &tripline.Error{Op: op, Kind: tripline.KindInternal, Msg: "cannot read claims", Err: err}
	}
	return out, nil
}

// Claim returns one claim with its reports.
func (s *Store) Claim(ctx context.Context, id string) (*tripline.Claim, error) {
	const op = "sqlite.Claim"
	var data string
	err := s.db.QueryRowContext(ctx, `SELECT data FROM claims WHERE id = ?`, id).Scan(&data)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, &tripline.Error{Op: op, Kind: tripline.KindNotFound, Msg: fmt.Sprintf("no claim %q", id)}
	}
	if err != nil {
		return nil, &tripline.Error{Op: op, Kind: tripline.KindInternal, Msg: "cannot read the claim", Err: err}
	}
	c := new(tripline.Claim)
	if err := json.Unmarshal([]byte(data), c); err != nil {
		return nil, &tripline.Error{Op: op, Kind: tripline.KindInternal, Msg: "cannot decode the claim", Err: err}
	}
	return c, nil
}
