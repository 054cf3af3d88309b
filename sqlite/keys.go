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

// CreateKey makes a new random API key as spec says and returns it with
// its record; only its hash is stored, so the key cannot be shown again.
func (s *Store) CreateKey(ctx context.Context, spec tripline.KeySpec) (string, APIKey, error) {
	const op = "sqlite.CreateKey"
	token, shown, hash, spec, err := apikey.New(op, spec)
	if err != nil {
		return "", APIKey{}, err
	}
	k := APIKey{Name: spec.Name, Role: spec.Role, Prefix: shown, CreatedAt: s.Now().UTC().Truncate(time.Second)}
	res, err := s.db.ExecContext(ctx, `INSERT INTO api_keys (name, prefix, hash, role, created_at) VALUES (?, ?, ?, ?, ?)`,
		k.Name, k.Prefix, hash, string(k.Role), k.CreatedAt.Format(time.RFC3339))
	if err != nil {
		return "", APIKey{}, &tripline.Error{Op: op, Kind: tripline.KindInternal, Msg: "cannot store the key", Err: err}
	}
	k.ID, _ = res.LastInsertId()
	return token, k, nil
}

// keyColumns are the columns scanKey reads, in its order.
const keyColumns = `id, name, prefix, role, created_at, revoked_at`

// scanKey reads keyColumns, then any extra columns into extra.
func scanKey(row interface{ Scan(...any) error }, extra ...any) (APIKey, error) {
	var k APIKey
	var role, created string
	var revoked sql.NullString
	if err := row.Scan(append([]any{&k.ID, &k.Name, &k.Prefix, &role, &created, &revoked}, extra...)...); err != nil {
		return k, err
	}
	k.Role = apikey.Role(role)
	k.CreatedAt, _ = time.Parse(time.RFC3339, created)
	if revoked.Valid {
		t, _ := time.Parse(time.RFC3339, revoked.String)
		k.RevokedAt = &t
	}
	return k, nil
}

// Keys lists the API keys, revoked ones included.
func (s *Store) Keys(ctx context.Context) ([]APIKey, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT `+keyColumns+` FROM api_keys ORDER BY id`)
	if err != nil {
		return nil, &tripline.Error{Op: "sqlite.Keys", Kind: tripline.KindInternal, Err: err}
	}
	defer rows.Close()
	var out []APIKey
	for rows.Next() {
		k, err := scanKey(rows)
		if err != nil {
			return nil, &tripline.Error{Op: "sqlite.Keys", Kind: tripline.KindInternal, Err: err}
		}
		out = append(out, k)
	}
	if err := rows.Err(); err != nil {
		return nil, &tripline.Error{Op: "sqlite.Keys", Kind: tripline.KindInternal, Err: err}
	}
	return out, nil
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

// VerifyKey returns the record of the active key token, or an
// Unauthorized error.
func (s *Store) VerifyKey(ctx context.Context, token string) (APIKey, error) {
	if !apikey.Wellformed(token) {
		return APIKey{}, apikey.ErrInvalid()
	}
	var stored string
	row := s.db.QueryRowContext(ctx, `SELECT `+keyColumns+`, hash FROM api_keys WHERE hash = ?`, apikey.Hash(token))
	k, err := scanKey(row, &stored)
	if errors.Is(err, sql.ErrNoRows) {
		return APIKey{}, apikey.ErrInvalid()
	}
	if err != nil {
		return APIKey{}, &tripline.Error{Op: "sqlite.VerifyKey", Kind: tripline.KindInternal, Err: err}
	}
	if err := apikey.Check(token, stored, k.RevokedAt != nil); err != nil {
		return APIKey{}, err
	}
	return k, nil
}

// HasKeys reports whether any key was ever created, revoked ones included.
func (s *Store) HasKeys(ctx context.Context) (bool, error) {
	var n int
	if err := s.db.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM api_keys)`).Scan(&n); err != nil {
		return false, &tripline.Error{Op: "sqlite.HasKeys", Kind: tripline.KindInternal, Err: err}
	}
	return n != 0, nil
}
