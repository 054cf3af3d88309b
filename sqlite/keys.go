package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/tripline/tripline"
	"github.com/tripline/tripline/internal/apikey"
)

// APIKey describes a stored API key, never the key itself (the type every
// store with API keys shares).
type APIKey = tripline.APIKey

// CreateKey makes a new random API key as spec says and returns it with
// its record; only its hash is stored, so the key cannot be shown again.
// A key of a user (spec.User) takes the user's role. The key's creation
// is written to the audit log in the same transaction.
func (s *Store) CreateKey(ctx context.Context, spec tripline.KeySpec) (string, APIKey, error) {
	const op = "sqlite.CreateKey"
	var token string
	var k APIKey
	err := s.inTx(ctx, op, func(tx *sql.Tx) error {
		var err error
		token, k, err = s.createKey(ctx, tx, spec)
		return err
	})
	if err != nil {
		return "", APIKey{}, err
	}
	return token, k, nil
}

// createKey makes a key inside tx, with its audit entry.
func (s *Store) createKey(ctx context.Context, tx *sql.Tx, spec tripline.KeySpec) (string, APIKey, error) {
	const op = "sqlite.CreateKey"
	var userID any
	if spec.User != "" {
		u, err := userTx(ctx, tx, spec.User)
		if err != nil {
			return "", APIKey{}, err
		}
		if !u.Active() {
			return "", APIKey{}, &tripline.Error{Op: op, Kind: tripline.KindConflict, Msg: fmt.Sprintf("user %s is disabled", u.Name)}
		}
		spec.Role, userID = u.Role, u.ID
	}
	token, shown, hash, clean, err := apikey.New(op, spec)
	if err != nil {
		return "", APIKey{}, err
	}
	k := APIKey{Name: clean.Name, Role: clean.Role, User: spec.User, Prefix: shown, CreatedAt: s.Now().UTC().Truncate(time.Second)}
	res, err := tx.ExecContext(ctx, `INSERT INTO api_keys (name, prefix, hash, role, created_at, user_id) VALUES (?, ?, ?, ?, ?, ?)`,
		k.Name, k.Prefix, hash, string(k.Role), k.CreatedAt.Format(time.RFC3339), userID)
	if err != nil {
		return "", APIKey{}, &tripline.Error{Op: op, Kind: tripline.KindInternal, Msg: "cannot store the key", Err: err}
	}
	k.ID, _ = res.LastInsertId()
	e := s.byEntry(ctx, spec.By, tripline.AuditKeyCreated, tripline.AuditSubject("key", k.ID), map[string]any{"name": k.Name, "role": k.Role, "user": k.User, "prefix": k.Prefix})
	if _, err := s.appendAudit(ctx, tx, []tripline.AuditEntry{e}); err != nil {
		return "", APIKey{}, err
	}
	return token, k, nil
}

// keyColumns are the columns scanKey reads, in its order, from keyFrom:
// a key of a user has the user's role.
const keyColumns = `k.id, k.name, k.prefix, COALESCE(u.role, k.role), k.created_at, k.revoked_at, COALESCE(u.name, '')`

const keyFrom = ` FROM api_keys k LEFT JOIN users u ON u.id = k.user_id`

// scanKey reads keyColumns, then any extra columns into extra.
func scanKey(row interface{ Scan(...any) error }, extra ...any) (APIKey, error) {
	var k APIKey
	var role, created string
	var revoked sql.NullString
	if err := row.Scan(append([]any{&k.ID, &k.Name, &k.Prefix, &role, &created, &revoked, &k.User}, extra...)...); err != nil {
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
	rows, err := s.db.QueryContext(ctx, `SELECT `+keyColumns+keyFrom+` ORDER BY k.id`)
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
	const op = "sqlite.RevokeKey"
	return s.inTx(ctx, op, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE api_keys SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL`, s.Now().UTC().Format(time.RFC3339), id)
		if err != nil {
			return &tripline.Error{Op: op, Kind: tripline.KindInternal, Err: err}
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return tripline.Errorf(tripline.KindNotFound, "no active API key with id %d", id)
		}
		_, err = s.appendAudit(ctx, tx, []tripline.AuditEntry{s.ctxEntry(ctx, tripline.AuditKeyRevoked, tripline.AuditSubject("key", id), map[string]any{"id": id})})
		return err
	})
}

// VerifyKey returns the record of the active key token, or an
// Unauthorized error.
func (s *Store) VerifyKey(ctx context.Context, token string) (APIKey, error) {
	if !apikey.Wellformed(token) {
		return APIKey{}, apikey.ErrInvalid()
	}
	var stored string
	var disabled bool
	row := s.db.QueryRowContext(ctx, `SELECT `+keyColumns+`, k.hash, u.disabled_at IS NOT NULL`+keyFrom+` WHERE k.hash = ?`, apikey.Hash(token))
	k, err := scanKey(row, &stored, &disabled)
	if errors.Is(err, sql.ErrNoRows) {
		return APIKey{}, apikey.ErrInvalid()
	}
	if err != nil {
		return APIKey{}, &tripline.Error{Op: "sqlite.VerifyKey", Kind: tripline.KindInternal, Err: err}
	}
	if err := apikey.Check(token, stored, k.RevokedAt != nil || disabled); err != nil {
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
