package postgres

import (
	"context"
	"errors"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/tripline/tripline"
	"github.com/tripline/tripline/internal/apikey"
)

// APIKey describes a stored API key, never the key itself.
type APIKey = tripline.APIKey

// CreateKey makes a new random API key named name and returns it with its
// record; only its hash is stored, so the key cannot be shown again.
func (s *Store) CreateKey(ctx context.Context, name string) (string, APIKey, error) {
	const op = "postgres.CreateKey"
	token, shown, hash, name, err := apikey.New(op, name)
	if err != nil {
		return "", APIKey{}, err
	}
	k := APIKey{Name: validText(name), Prefix: shown, CreatedAt: s.Now().UTC().Truncate(time.Second)}
	if err := s.pool.QueryRow(ctx, `INSERT INTO api_keys (name, prefix, hash, created_at) VALUES ($1, $2, $3, $4) RETURNING id`,
		k.Name, k.Prefix, hash, k.CreatedAt).Scan(&k.ID); err != nil {
		return "", APIKey{}, &tripline.Error{Op: op, Kind: tripline.KindInternal, Msg: "cannot store the key", Err: err}
	}
	return token, k, nil
}

// Keys lists the API keys, revoked ones included.
func (s *Store) Keys(ctx context.Context) ([]APIKey, error) {
	rows, err := s.pool.Query(ctx, `SELECT id, name, prefix, created_at, revoked_at FROM api_keys ORDER BY id`)
	if err != nil {
		return nil, &tripline.Error{Op: "postgres.Keys", Kind: tripline.KindInternal, Err: err}
	}
	defer rows.Close()
	var out []APIKey
	for rows.Next() {
		var k APIKey
		if err := rows.Scan(&k.ID, &k.Name, &k.Prefix, &k.CreatedAt, &k.RevokedAt); err != nil {
			return nil, &tripline.Error{Op: "postgres.Keys", Kind: tripline.KindInternal, Err: err}
		}
		k.CreatedAt = k.CreatedAt.UTC()
		if k.RevokedAt != nil {
			t := k.RevokedAt.UTC()
			k.RevokedAt = &t
		}
		out = append(out, k)
	}
	if err := rows.Err(); err != nil {
		return nil, &tripline.Error{Op: "postgres.Keys", Kind: tripline.KindInternal, Err: err}
	}
	return out, nil
}

// RevokeKey revokes the key with id; NotFound if there is none.
func (s *Store) RevokeKey(ctx context.Context, id int64) error {
	tag, err := s.pool.Exec(ctx, `UPDATE api_keys SET revoked_at = $1 WHERE id = $2 AND revoked_at IS NULL`, s.Now().UTC().Truncate(time.Second), id)
	if err != nil {
		return &tripline.Error{Op: "postgres.RevokeKey", Kind: tripline.KindInternal, Err: err}
	}
	if tag.RowsAffected() == 0 {
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
	var revoked *time.Time
	err := s.pool.QueryRow(ctx, `SELECT name, hash, revoked_at FROM api_keys WHERE hash = $1`, h).Scan(&name, &stored, &revoked)
	if errors.Is(err, pgx.ErrNoRows) {
		return "", apikey.ErrInvalid()
	}
	if err != nil {
		return "", &tripline.Error{Op: "postgres.VerifyKey", Kind: tripline.KindInternal, Err: err}
	}
	if err := apikey.Check(token, stored, revoked != nil); err != nil {
		return "", err
	}
	return name, nil
}
