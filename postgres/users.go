package postgres

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/tripline/tripline"
)

var _ tripline.UserStore = (*Store)(nil)

const userCols = `id, name, role, created_by, created_at, disabled_at`

func scanUser(r pgx.Row) (tripline.User, error) {
	var u tripline.User
	var role string
	if err := r.Scan(&u.ID, &u.Name, &role, &u.CreatedBy, &u.CreatedAt, &u.DisabledAt); err != nil {
		return u, err
	}
	u.Role = tripline.Role(role)
	u.CreatedAt = u.CreatedAt.UTC()
	if u.DisabledAt != nil {
		t := u.DisabledAt.UTC()
		u.DisabledAt = &t
	}
	return u, nil
}

// userTx returns the named user; NotFound if there is none. lock takes
// the user's row for the transaction (a disable waits for it).
func userTx(ctx context.Context, q querier, name string, lock bool) (tripline.User, error) {
	sql := `SELECT ` + userCols + ` FROM users WHERE name = $1`
	if lock {
		sql += ` FOR SHARE`
	}
	u, err := scanUser(q.QueryRow(ctx, sql, name))
	if isNoRows(err) {
		return u, &tripline.Error{Op: "postgres.User", Kind: tripline.KindNotFound, Msg: fmt.Sprintf("no user %q (see tripline users list)", name)}
	}
	if err != nil {
		return u, internalErr("postgres.User", "cannot read the user", err)
	}
	return u, nil
}

// actingUser returns the active user by acts as, who must hold need; the
// user's row is locked (shared) until the transaction ends, so that the
// user is not disabled or demoted half-way.
func actingUser(ctx context.Context, tx pgx.Tx, by tripline.Principal, need tripline.Role, what string) (tripline.User, error) {
	if by.User == "" {
		return tripline.User{}, tripline.NoUserError(what)
	}
	u, err := userTx(ctx, tx, by.User, true)
	if err != nil {
		return u, err
	}
	return u, u.CanAct(need, what)
}

// AddUser adds a user with its first API key; see tripline.UserStore.
func (s *Store) AddUser(ctx context.Context, name string, role tripline.Role, by tripline.Principal) (tripline.User, string, tripline.APIKey, error) {
	const op = "postgres.AddUser"
	if err := tripline.ValidUserName(name); err != nil {
		return tripline.User{}, "", tripline.APIKey{}, err
	}
	role, err := tripline.ParseRole(string(role))
	if err != nil {
		return tripline.User{}, "", tripline.APIKey{}, err
	}
	var u tripline.User
	var token string
	var key tripline.APIKey
	err = s.inTx(ctx, op, func(tx pgx.Tx) error {
		// One user change at a time: the bootstrap's "first user" and the
		// last-admin rule read the whole table.
		if _, err := tx.Exec(ctx, `LOCK TABLE users IN SHARE ROW EXCLUSIVE MODE`); err != nil {
			return internalErr(op, "cannot lock users", err)
		}
		var n int
		if err := tx.QueryRow(ctx, `SELECT count(*) FROM users`).Scan(&n); err != nil {
			return internalErr(op, "cannot read users", err)
		}
		creator := by.Actor()
		if n == 0 {
			if err := tripline.CheckFirstUser(role); err != nil {
				return err
			}
		} else {
			admin, err := actingUser(ctx, tx, by, tripline.RoleAdmin, "manage users")
			if err != nil {
				return err
			}
			creator = admin.Name
		}
		tag, err := tx.Exec(ctx, `INSERT INTO users (name, role, created_by, created_at) VALUES ($1, $2, $3, $4) ON CONFLICT (name) DO NOTHING`, name, string(role), validText(creator), s.now())
		if err != nil {
			return internalErr(op, "cannot add the user", err)
		}
		if tag.RowsAffected() == 0 {
			return &tripline.Error{Op: op, Kind: tripline.KindConflict, Msg: fmt.Sprintf("user %q exists already", name)}
		}
		if u, err = userTx(ctx, tx, name, false); err != nil {
			return err
		}
		token, key, err = s.createKey(ctx, tx, tripline.KeySpec{Name: name, User: name, By: by},
			auditEntry(by, tripline.AuditUserAdded, "user:"+name, map[string]any{"name": name, "role": role, "id": u.ID}))
		return err
	})
	if err != nil {
		return tripline.User{}, "", tripline.APIKey{}, err
	}
	return u, token, key, nil
}

// Users lists the users by id.
func (s *Store) Users(ctx context.Context) ([]tripline.User, error) {
	const op = "postgres.Users"
	rows, err := s.pool.Query(ctx, `SELECT `+userCols+` FROM users ORDER BY id`)
	if err != nil {
		return nil, internalErr(op, "cannot read users", err)
	}
	defer rows.Close()
	out := []tripline.User{}
	for rows.Next() {
		u, err := scanUser(rows)
		if err != nil {
			return nil, internalErr(op, "cannot read users", err)
		}
		out = append(out, u)
	}
	return out, rows.Err()
}

// User returns the named user.
func (s *Store) User(ctx context.Context, name string) (tripline.User, error) {
	return userTx(ctx, s.pool, name, false)
}

// DisableUser disables a user and revokes its keys.
func (s *Store) DisableUser(ctx context.Context, name string, by tripline.Principal) (tripline.User, error) {
	return s.changeUser(ctx, name, "", by)
}

// SetUserRole changes a user's role.
func (s *Store) SetUserRole(ctx context.Context, name string, role tripline.Role, by tripline.Principal) (tripline.User, error) {
	r, err := tripline.ParseRole(string(role))
	if err != nil {
		return tripline.User{}, err
	}
	return s.changeUser(ctx, name, r, by)
}

// changeUser sets the role of a user, or disables it when role is "".
func (s *Store) changeUser(ctx context.Context, name string, role tripline.Role, by tripline.Principal) (tripline.User, error) {
	const op = "postgres.changeUser"
	var u tripline.User
	err := s.inTx(ctx, op, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, `LOCK TABLE users IN SHARE ROW EXCLUSIVE MODE`); err != nil {
			return internalErr(op, "cannot lock users", err)
		}
		if _, err := actingUser(ctx, tx, by, tripline.RoleAdmin, "manage users"); err != nil {
			return err
		}
		old, err := userTx(ctx, tx, name, false)
		if err != nil {
			return err
		}
		var admins int
		if err := tx.QueryRow(ctx, `SELECT count(*) FROM users WHERE role = 'admin' AND disabled_at IS NULL AND name <> $1`, name).Scan(&admins); err != nil {
			return internalErr(op, "cannot read users", err)
		}
		if err := tripline.CheckUserChange(old, role, admins); err != nil {
			return err
		}
		now := s.now()
		payload := map[string]any{"name": name, "old_role": old.Role}
		if role == "" {
			_, err = tx.Exec(ctx, `UPDATE users SET disabled_at = $1 WHERE id = $2`, now, old.ID)
			if err == nil {
				_, err = tx.Exec(ctx, `UPDATE api_keys SET revoked_at = $1 WHERE user_id = $2 AND revoked_at IS NULL`, now.Truncate(time.Second), old.ID)
			}
			payload["disabled"] = true
		} else {
			_, err = tx.Exec(ctx, `UPDATE users SET role = $1 WHERE id = $2`, string(role), old.ID)
			if err == nil {
				_, err = tx.Exec(ctx, `UPDATE api_keys SET role = $1 WHERE user_id = $2`, string(role), old.ID)
			}
			payload["role"] = role
		}
		if err != nil {
			return internalErr(op, "cannot change the user", err)
		}
		if u, err = userTx(ctx, tx, name, false); err != nil {
			return err
		}
		_, err = s.appendAudit(ctx, tx, []tripline.AuditEntry{auditEntry(by, tripline.AuditUserChanged, "user:"+name, payload)})
		return err
	})
	return u, err
}
