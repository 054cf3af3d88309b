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
	"github.com/tripline/tripline/internal/transferdb"
)

var _ tripline.ArticleStore = (*Store)(nil)

// SaveArticle stores an article and merges its transfer claims into the
// claims of the same events, with an "article.claim" event per new report,
// in one transaction; the claims of concurrent writers take turns (row
// locks of the claims read for update).
func (s *Store) SaveArticle(ctx context.Context, a *tripline.Article) (*tripline.Article, bool, error) {
	const op = "postgres.SaveArticle"
	if err := a.Validate(); err != nil {
		return nil, false, &tripline.Error{Op: op, Kind: tripline.ErrorKind(err), Msg: tripline.ErrorMessage(err), Err: err}
	}
	internal := func(msg string, err error) error {
		return &tripline.Error{Op: op, Kind: tripline.KindInternal, Msg: msg, Err: err}
	}
	tx, err := s.pool.Begin(ctx)
	if err != nil {
		return nil, false, internal("cannot begin", err)
	}
	defer tx.Rollback(context.WithoutCancel(ctx))
	if _, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock(hashtextextended('tripline.article:' || COALESCE(current_schema(), '') || ':' || $1, 0))`, a.ID); err != nil {
		return nil, false, internal("cannot lock the article", err)
	}
	var n int
	if err := tx.QueryRow(ctx, `SELECT count(*) FROM articles WHERE id = $1`, a.ID).Scan(&n); err != nil {
		return nil, false, internal("cannot read articles", err)
	}
	if n > 0 {
		tx.Rollback(ctx)
		got, err := s.Article(ctx, a.ID)
		return got, false, err
	}
	cp := *a
	cp.Transfers = append([]tripline.ArticleTransfer{}, a.Transfers...)
	now := s.Now().UTC().Truncate(1000)
	if cp.RetrievedAt.IsZero() {
		cp.RetrievedAt = now
	}
	var evs []tripline.Event
	for i, t := range cp.Transfers {
		id := transferdb.ClaimID(tripline.ClaimKey(t))
		cp.Transfers[i].ClaimID = id
		if _, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock(hashtextextended('tripline.claim:' || COALESCE(current_schema(), '') || ':' || $1, 0))`, id); err != nil {
			return nil, false, internal("cannot lock a claim", err)
		}
		var c *tripline.Claim
		var data string
		err := tx.QueryRow(ctx, `SELECT data FROM claims WHERE id = $1`, id).Scan(&data)
		switch {
		case errors.Is(err, pgx.ErrNoRows):
		case err != nil:
			return nil, false, internal("cannot read claims", err)
		default:
			c = new(tripline.Claim)
			if err := json.Unmarshal([]byte(data), c); err != nil {
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
		b, _ := json.Marshal(c)
		if _, err := tx.Exec(ctx, `INSERT INTO claims (id, supplier_code, supplier_name, recipient_code, recipient_name, system, designation, updated_at, data)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (id) DO UPDATE SET updated_at = excluded.updated_at, data = excluded.data`,
			c.ID, c.Supplier.Code, c.Supplier.Name, c.Recipient.Code, c.Recipient.Name, c.System, c.Designation, now, string(b)); err != nil {
			return nil, false, internal("cannot write a claim", err)
		}
		if _, err := tx.Exec(ctx, `INSERT INTO claim_reports (claim_id, article_id) VALUES ($1, $2) ON CONFLICT DO NOTHING`, c.ID, cp.ID); err != nil {
			return nil, false, internal("cannot write a claim", err)
		}
		evs = append(evs, transferdb.ClaimEvent(c, &cp, t, isNew))
	}
	data, err := transferdb.ArticleData(&cp)
	if err != nil {
		return nil, false, err
	}
	sig, _ := json.Marshal(cp.Signature)
	if _, err := tx.Exec(ctx, `INSERT INTO articles (id, url, title, published_at, retrieved_at, text_sha256, duplicate_of, signature, text, data)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`, cp.ID, cp.URL, cp.Title, cp.PublishedAt, cp.RetrievedAt, cp.TextSHA256,
		cp.DuplicateOf, string(sig), cp.Text, string(data)); err != nil {
		return nil, false, internal("cannot write the article", err)
	}
	for _, r := range transferdb.Refs(&cp) {
		if _, err := tx.Exec(ctx, `INSERT INTO article_refs (kind, value, article_id) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`, r[0], r[1], cp.ID); err != nil {
			return nil, false, internal("cannot write the article", err)
		}
	}
	if _, err := s.insertEvents(ctx, tx, evs); err != nil {
		return nil, false, err
	}
	if err := tx.Commit(ctx); err != nil {
		return nil, false, internal("cannot commit the article", err)
	}
	return &cp, true, nil
}

// pgTime holds a TIMESTAMPTZ read.
type pgTime struct{ t time.Time }

func decodeArticle(data, text, sig string) (*tripline.Article, error) {
	a := new(tripline.Article)
	if err := json.Unmarshal([]byte(data), a); err != nil {
		return nil, err
	}
	a.Text = text
	if sig != "" && sig != "null" {
		_ = json.Unmarshal([]byte(sig), &a.Signature)
	}
	return a, nil
}

// Article returns the article with id, its text included.
func (s *Store) Article(ctx context.Context, id string) (*tripline.Article, error) {
	const op = "postgres.Article"
	var data, text, sig string
	var a *tripline.Article
	var retrieved pgTime
	err := s.pool.QueryRow(ctx, `SELECT data, text, signature, retrieved_at FROM articles WHERE id = $1`, id).Scan(&data, &text, &sig, &retrieved.t)
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, &tripline.Error{Op: op, Kind: tripline.KindNotFound, Msg: fmt.Sprintf("no article %q", id)}
	}
	if err != nil {
		return nil, &tripline.Error{Op: op, Kind: tripline.KindInternal, Msg: "cannot read the article", Err: err}
	}
	if a, err = decodeArticle(data, text, sig); err != nil {
		return nil, &tripline.Error{Op: op, Kind: tripline.KindInternal, Msg: "cannot decode the article", Err: err}
	}
	a.RetrievedAt = retrieved.t.UTC()
	return a, nil
}

// Articles returns the articles f selects, newest first, without text.
func (s *Store) Articles(ctx context.Context, f tripline.ArticleFilter) ([]tripline.Article, int, error) {
	const op = "postgres.Articles"
	where := []string{"TRUE"}
	var args []any
	ref := func(kind, v string) {
		if v = strings.TrimSpace(v); v != "" {
			args = append(args, kind, v)
			where = append(where, fmt.Sprintf(`id IN (SELECT article_id FROM article_refs WHERE kind = %s AND value = %s)`, pgPH(len(args)-1), pgPH(len(args))))
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
	if err := s.pool.QueryRow(ctx, `SELECT count(*)`+q, args...).Scan(&total); err != nil {
		return nil, 0, &tripline.Error{Op: op, Kind: tripline.KindInternal, Msg: "cannot read articles", Err: err}
	}
	page := ` ORDER BY seq DESC`
	if f.Limit > 0 {
		page += fmt.Sprintf(" LIMIT %d", f.Limit)
	}
	if f.Offset > 0 {
		page += fmt.Sprintf(" OFFSET %d", f.Offset)
	}
	rows, err := s.pool.Query(ctx, `SELECT data, retrieved_at`+q+page, args...)
	if err != nil {
		return nil, 0, &tripline.Error{Op: op, Kind: tripline.KindInternal, Msg: "cannot read articles", Err: err}
	}
	defer rows.Close()
	out := []tripline.Article{}
	for rows.Next() {
		var data string
		var at pgTime
		if err := rows.Scan(&data, &at.t); err != nil {
			return nil, 0, &tripline.Error{Op: op, Kind: tripline.KindInternal, Msg: "cannot read articles", Err: err}
		}
		a, err := decodeArticle(data, "", "")
		if err != nil {
			return nil, 0, &tripline.Error{Op: op, Kind: tripline.KindInternal, Msg: "cannot decode an article", Err: err}
		}
		a.RetrievedAt = at.t.UTC()
		out = append(out, *a)
	}
	if err := rows.Err(); err != nil {
		return nil, 0, &tripline.Error{Op: op, Kind: tripline.KindInternal, Msg: "cannot read articles", Err: err}
	}
	return out, total, nil
}

// ArticleSignatures returns the signatures of every stored article.
func (s *Store) ArticleSignatures(ctx context.Context) ([]tripline.ArticleSignature, error) {
	const op = "postgres.ArticleSignatures"
	rows, err := s.pool.Query(ctx, `SELECT id, duplicate_of, signature FROM articles ORDER BY seq`)
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
	const op = "postgres.Claims"
	where, args := transferdb.Filter(tripline.TransferFilter{Supplier: f.Supplier, Recipient: f.Recipient, Systems: f.Systems}, "", "", pgPH)
	if f.Article != "" {
		args = append(args, f.Article)
		where += ` AND id IN (SELECT claim_id FROM claim_reports WHERE article_id = ` + pgPH(len(args)) + `)`
	}
	q := `SELECT data FROM claims WHERE ` + where + ` ORDER BY seq DESC`
	if f.Limit > 0 {
		q += fmt.Sprintf(" LIMIT %d", f.Limit)
	}
	rows, err := s.pool.Query(ctx, q, args...)
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
	const op = "postgres.Claim"
	var data string
	err := s.pool.QueryRow(ctx, `SELECT data FROM claims WHERE id = $1`, id).Scan(&data)
	if errors.Is(err, pgx.ErrNoRows) {
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
