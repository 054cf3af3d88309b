package postgres

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/tripline/tripline"
	"github.com/tripline/tripline/internal/apikey"
)

// APIKey describes a stored API key, never the key itself.
type APIKey = tripline.APIKey

// CreateKey makes a new random API key as spec says and returns it with
// its record; only its hash is stored, so the key cannot be shown again.
// A key of a user (spec.User) takes the user's role. The key's creation
// is written to the audit log in the same transaction.
func (s *Store) CreateKey(ctx context.Context, spec tripline.KeySpec) (string, APIKey, error) {
	const op = "postgres.CreateKey"
	var token string
	var k APIKey
	err := s.inTx(ctx, op, func(tx pgx.Tx) error {
		var err error
		token, k, err = s.createKey(ctx, tx, spec)
		return err
	})
	if err != nil {
		return "", APIKey{}, err
	}
	return token, k, nil
}

// createKey makes a key inside tx; its audit entry follows before, the
// entries of the change it belongs to.
func (s *Store) createKey(ctx context.Context, tx pgx.Tx, spec tripline.KeySpec, before ...tripline.AuditEntry) (string, APIKey, error) {
	const op = "postgres.CreateKey"
	var userID *int64
	if spec.User != "" {
		u, err := userTx(ctx, tx, spec.User, true)
		if err != nil {
			return "", APIKey{}, err
		}
		if !u.Active() {
			return "", APIKey{}, &tripline.Error{Op: op, Kind: tripline.KindConflict, Msg: fmt.Sprintf("user %s is disabled", u.Name)}
		}
		spec.Role, userID = u.Role, &u.ID
	}
	token, shown, hash, clean, err := apikey.New(op, spec)
	if err != nil {
		return "", APIKey{}, err
	}
	k := APIKey{Name: validText(clean.Name), Role: clean.Role, User: spec.User, Prefix: shown, CreatedAt: s.Now().UTC().Truncate(time.Second)}
	if err := tx.QueryRow(ctx, `INSERT INTO api_keys (name, prefix, hash, role, created_at, user_id) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
		k.Name, k.Prefix, hash, string(k.Role), k.CreatedAt, userID).Scan(&k.ID); err != nil {
		return "", APIKey{}, &tripline.Error{Op: op, Kind: tripline.KindInternal, Msg: "cannot store the key", Err: err}
	}
	e := s.byEntry(ctx, spec.By, tripline.AuditKeyCreated, tripline.AuditSubject("key", k.ID), map[string]any{"name": k.Name, "role": k.Role, "user": k.User, "prefix": k.Prefix})
	if _, err := s.appendAudit(ctx, tx, append(before, e)); err != nil {
		return "", APIKey{}, err
	}
	return token, k, nil
}

// keyColumns are the columns scanKey reads, in its order, from keyFrom:
// a key of a user has the user's role.
const keyColumns = `k.id, k.name, k.prefix, COALESCE(u.role, k.role), k.created_at, k.revoked_at, COALESCE(u.name, '')`

const keyFrom = ` FROM api_keys k LEFT JOIN users u ON u.id = k.user_id`

// scanKey reads keyColumns, then any extra columns into extra.
func scanKey(row pgx.Row, extra ...any) (APIKey, error) {
	var k APIKey
	var role string
	if err := row.Scan(append([]any{&k.ID, &k.Name, &k.Prefix, &role, &k.CreatedAt, &k.RevokedAt, &k.User}, extra...)...); err != nil {
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
	rows, err := s.pool.Query(ctx, `SELECT `+keyColumns+keyFrom+` ORDER BY k.id`)
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
	const op = "postgres.RevokeKey"
	return s.inTx(ctx, op, func(tx pgx.Tx) error {
		tag, err := tx.Exec(ctx, `UPDATE api_keys SET revoked_at = $1 WHERE id = $2 AND revoked_at IS NULL`, s.Now().UTC().Truncate(time.Second), id)
		if err != nil {
			return &tripline.Error{Op: op, Kind: tripline.KindInternal, Err: err}
		}
		if tag.RowsAffected() == 0 {
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
	k, err := scanKey(s.pool.QueryRow(ctx, `SELECT `+keyColumns+`, k.hash, u.disabled_at IS NOT NULL`+keyFrom+` WHERE k.hash = $1`, apikey.Hash(token)), &stored, &disabled)
	if errors.Is(err, pgx.ErrNoRows) {
		return APIKey{}, apikey.ErrInvalid()
	}
	if err != nil {
		return APIKey{}, &tripline.Error{Op: "postgres.VerifyKey", Kind: tripline.KindInternal, Err: err}
	}
	if err := apikey.Check(token, stored, k.RevokedAt != nil || disabled); err != nil {
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
