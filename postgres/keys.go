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

// CreateKey makes a new random API key as spec says and returns it with
// its record; only its hash is stored, so the key cannot be shown again.
func (s *Store) CreateKey(ctx context.Context, spec tripline.KeySpec) (string, APIKey, error) {
	const op = "postgres.CreateKey"
	token, shown, hash, spec, err := apikey.New(op, spec)
	if err != nil {
		return "", APIKey{}, err
	}
	k := APIKey{Name: validText(spec.Name), Role: spec.Role, Prefix: shown, CreatedAt: s.Now().UTC().Truncate(time.Second)}
	if err := s.pool.QueryRow(ctx, `INSERT INTO api_keys (name, prefix, hash, role, created_at) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
		k.Name, k.Prefix, hash, string(k.Role), k.CreatedAt).Scan(&k.ID); err != nil {
		return "", APIKey{}, &tripline.Error{Op: op, Kind: tripline.KindInternal, Msg: "cannot store the key", Err: err}
	}
	return token, k, nil
}

// keyColumns are the columns scanKey reads, in its order.
const keyColumns = `id, name, prefix, role, created_at, revoked_at`

// scanKey reads keyColumns, then any extra columns into extra.
func scanKey(row pgx.Row, extra ...any) (APIKey, error) {
	var k APIKey
	var role string
	if err := row.Scan(append([]any{&k.ID, &k.Name, &k.Prefix, &role, &k.CreatedAt, &k.RevokedAt}, extra...)...); err != nil {
		return k, err
	}
	k.Role = apikey.Role(role)
	k.CreatedAt = k.CreatedAt.UTC()
	if k.RevokedAt != nil {
		t := k.RevokedAt.UTC()
		k.RevokedAt = &t
	}
	return k, nil
}

// Keys lists the API keys, revoked ones included.
func (s *Store) Keys(ctx context.Context) ([]APIKey, error) {
	rows, err := s.pool.Query(ctx, `SELECT `+keyColumns+` FROM api_keys ORDER BY id`)
	if err != nil {
		return nil, &tripline.Error{Op: "postgres.Keys", Kind: tripline.KindInternal, Err: err}
	}
	defer rows.Close()
	var out []APIKey
	for rows.Next() {
		k, err := scanKey(rows)
		if err != nil {
			return nil, &tripline.Error{Op: "postgres.Keys", Kind: tripline.KindInternal, Err: err}
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

// VerifyKey returns the record of the active key token, or an
// Unauthorized error.
func (s *Store) VerifyKey(ctx context.Context, token string) (APIKey, error) {
	if !apikey.Wellformed(token) {
		return APIKey{}, apikey.ErrInvalid()
	}
	var stored string
	k, err := scanKey(s.pool.QueryRow(ctx, `SELECT `+keyColumns+`, hash FROM api_keys WHERE hash = $1`, apikey.Hash(token)), &stored)
	if errors.Is(err, pgx.ErrNoRows) {
		return APIKey{}, apikey.ErrInvalid()
	}
	if err != nil {
		return APIKey{}, &tripline.Error{Op: "postgres.VerifyKey", Kind: tripline.KindInternal, Err: err}
	}
	if err := apikey.Check(token, stored, k.RevokedAt != nil); err != nil {
		return APIKey{}, err
	}
	return k, nil
}

// HasKeys reports whether any key was ever created, revoked ones included.
func (s *Store) HasKeys(ctx context.Context) (bool, error) {
	var ok bool
	if err := s.pool.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM api_keys)`).Scan(&ok); err != nil {
		return false, &tripline.Error{Op: "postgres.HasKeys", Kind: tripline.KindInternal, Err: err}
	}
	return ok, nil
}
