package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/tripline/tripline"
)

var _ tripline.UserStore = (*Store)(nil)

const userCols = `id, name, role, created_by, created_at, disabled_at`

func scanUser(r scanner) (tripline.User, error) {
	var u tripline.User
	var role, created string
	var disabled sql.NullString
	if err := r.Scan(&u.ID, &u.Name, &role, &u.CreatedBy, &created, &disabled); err != nil {
		return u, err
	}
	u.Role = tripline.Role(role)
	u.CreatedAt = parseTS(created)
	if disabled.Valid {
		t := parseTS(disabled.String)
		u.DisabledAt = &t
	}
	return u, nil
}

// userTx returns the named user; NotFound if there is none.
func userTx(ctx context.Context, q querier, name string) (tripline.User, error) {
	u, err := scanUser(q.QueryRowContext(ctx, `SELECT `+userCols+` FROM users WHERE name = ?`, name))
	if errors.Is(err, sql.ErrNoRows) {
		return u, &tripline.Error{Op: "sqlite.User", Kind: tripline.KindNotFound, Msg: fmt.Sprintf("no user %q (see tripline users list)", name)}
	}
	if err != nil {
		return u, internalErr("sqlite.User", "cannot read the user", err)
	}
	return u, nil
}

// actingUser returns the active user by acts as, who must hold need.
func actingUser(ctx context.Context, q querier, by tripline.Principal, need tripline.Role, what string) (tripline.User, error) {
	if by.User == "" {
		return tripline.User{}, tripline.NoUserError(what)
	}
	u, err := userTx(ctx, q, by.User)
	if err != nil {
		return u, err
	}
	return u, u.CanAct(need, what)
}

// AddUser adds a user with its first API key; see tripline.UserStore.
func (s *Store) AddUser(ctx context.Context, name string, role tripline.Role, by tripline.Principal) (tripline.User, string, tripline.APIKey, error) {
	const op = "sqlite.AddUser"
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
	err = s.inTx(ctx, op, func(tx *sql.Tx) error {
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM users`).Scan(&n); err != nil {
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
		now := s.Now()
		res, err := tx.ExecContext(ctx, `INSERT INTO users (name, role, created_by, created_at) VALUES (?, ?, ?, ?) ON CONFLICT (name) DO NOTHING`, name, string(role), creator, ts(now))
		if err != nil {
			return internalErr(op, "cannot add the user", err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return &tripline.Error{Op: op, Kind: tripline.KindConflict, Msg: fmt.Sprintf("user %q exists already", name)}
		}
		if u, err = userTx(ctx, tx, name); err != nil {
			return err
		}
		e := auditEntry(by, tripline.AuditUserAdded, "user:"+name, map[string]any{"name": name, "role": role, "id": u.ID})
		if _, err := s.appendAudit(ctx, tx, []tripline.AuditEntry{e}); err != nil {
			return err
		}
		token, key, err = s.createKey(ctx, tx, tripline.KeySpec{Name: name, User: name, By: by})
		return err
	})
	if err != nil {
		return tripline.User{}, "", tripline.APIKey{}, err
	}
	return u, token, key, nil
}

// Users lists the users by id.
func (s *Store) Users(ctx context.Context) ([]tripline.User, error) {
	const op = "sqlite.Users"
	rows, err := s.db.QueryContext(ctx, `SELECT `+userCols+` FROM users ORDER BY id`)
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
	return userTx(ctx, s.db, name)
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
	const op = "sqlite.changeUser"
	var u tripline.User
	err := s.inTx(ctx, op, func(tx *sql.Tx) error {
		if _, err := actingUser(ctx, tx, by, tripline.RoleAdmin, "manage users"); err != nil {
			return err
		}
		old, err := userTx(ctx, tx, name)
		if err != nil {
			return err
		}
		var admins int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM users WHERE role = 'admin' AND disabled_at IS NULL AND name <> ?`, name).Scan(&admins); err != nil {
			return internalErr(op, "cannot read users", err)
		}
		if err := tripline.CheckUserChange(old, role, admins); err != nil {
			return err
		}
		now := ts(s.Now())
		payload := map[string]any{"name": name, "old_role": old.Role}
		if role == "" {
			_, err = tx.ExecContext(ctx, `UPDATE users SET disabled_at = ? WHERE id = ?`, now, old.ID)
			if err == nil {
				_, err = tx.ExecContext(ctx, `UPDATE api_keys SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL`, s.Now().UTC().Format("2006-01-02T15:04:05Z07:00"), old.ID)
			}
			payload["disabled"] = true
		} else {
			_, err = tx.ExecContext(ctx, `UPDATE users SET role = ? WHERE id = ?`, string(role), old.ID)
			if err == nil {
				_, err = tx.ExecContext(ctx, `UPDATE api_keys SET role = ? WHERE user_id = ?`, string(role), old.ID)
			}
			payload["role"] = role
		}
		if err != nil {
			return internalErr(op, "cannot change the user", err)
		}
		if u, err = userTx(ctx, tx, name); err != nil {
			return err
		}
		_, err = s.appendAudit(ctx, tx, []tripline.AuditEntry{auditEntry(by, tripline.AuditUserChanged, "user:"+name, payload)})
		return err
	})
	return u, err
}
