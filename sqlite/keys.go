package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"github.com/tripline/tripline"
	"github.com/tripline/tripline/internal/apikey"
)

// APIKey describes a stored API key, never the key itself (the type every
// store with API keys shares).
type APIKey = tripline.APIKey

// CreateKey makes a new random API key named name and returns it with its
// record; only its hash is stored, so the key cannot be shown again.
func (s *Store) CreateKey(ctx context.Context, name string) (string, APIKey, error) {
	const op = "sqlite.CreateKey"
	token, shown, hash, name, err := apikey.New(op, name)
	if err != nil {
		return "", APIKey{}, err
	}
	k := APIKey{Name: name, Prefix: shown, CreatedAt: s.Now().UTC().Truncate(time.Second)}
	res, err := s.db.ExecContext(ctx, `INSERT INTO api_keys (name, prefix, hash, created_at) VALUES (?, ?, ?, ?)`,
		k.Name, k.Prefix, hash, k.CreatedAt.Format(time.RFC3339))
	if err != nil {
		return "", APIKey{}, &tripline.Error{Op: op, Kind: tripline.KindInternal, Msg: "cannot store the key", Err: err}
	}
	k.ID, _ = res.LastInsertId()
	return token, k, nil
}

// Keys lists the API keys, revoked ones included.
func (s *Store) Keys(ctx context.Context) ([]APIKey, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT id, name, prefix, created_at, revoked_at FROM api_keys ORDER BY id`)
	if err != nil {
		return nil, &tripline.Error{Op: "sqlite.Keys", Kind: tripline.KindInternal, Err: err}
	}
	defer rows.Close()
	var out []APIKey
	for rows.Next() {
		var k APIKey
		var created string
		var revoked sql.NullString
		if err := rows.Scan(&k.ID, &k.Name, &k.Prefix, &created, &revoked); err != nil {
			return nil, &tripline.Error{Op: "sqlite.Keys", Kind: tripline.KindInternal, Err: err}
		}
		k.CreatedAt, _ = time.Parse(time.RFC3339, created)
		if revoked.Valid {
			t, _ := time.Parse(time.RFC3339, revoked.String)
			k.RevokedAt = &t
		}
		out = append(out, k)
	}
	return out, rows.Err()
}

// RevokeKey revokes the key with id; NotFound if there is none.
func (s *Store) RevokeKey(ctx context.Context, id int64) error {
	res, err := s.db.ExecContext(ctx, `UPDATE api_keys SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL`, s.Now().UTC().Format(time.RFC3339), id)
	if err != nil {
		return &tripline.Error{Op: "sqlite.RevokeKey", Kind: tripline.KindInternal, Err: err}
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return tripline.Errorf(tripline.KindNotFound, "no active API key with id %d", id)
	}
	return nil
}

// VerifyKey returns the name of the active key token, or an Unauthorized
// error.
func (s *Store) VerifyKey(ctx context.Context, token string) (string, error) {
	if !apikey.Wellformed(token) {
		return "", apikey.ErrInvalid()
	}
	h := apikey.Hash(token)
	var name, stored string
	var revoked sql.NullString
	err := s.db.QueryRowContext(ctx, `SELECT name, hash, revoked_at FROM api_keys WHERE hash = ?`, h).Scan(&name, &stored, &revoked)
	if errors.Is(err, sql.ErrNoRows) {
		return "", apikey.ErrInvalid()
	}
	if err != nil {
		return "", &tripline.Error{Op: "sqlite.VerifyKey", Kind: tripline.KindInternal, Err: err}
	}
	if err := apikey.Check(token, stored, revoked.Valid); err != nil {
		return "", err
	}
	return name, nil
}
