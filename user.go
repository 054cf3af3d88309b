package tripline

import (
	"context"
	"time"
)

// User is a person who works alerts: every decision, approval and
// change of users or rules is attributed to one. A user's API keys
// (KeySpec.User) identify the user on the HTTP API and act with the
// user's role; on the CLI a user is named with --as and checked against
// the store. Users are never deleted, only disabled, so that the audit
// log's names stay resolvable.
type User struct {
	ID   int64  `json:"id"`
	Name string `json:"name"`
	Role Role   `json:"role"`
	// CreatedBy is who added the user (a user's name, or the operating
	// system user who added the first one).
	CreatedBy  string     `json:"created_by"`
	CreatedAt  time.Time  `json:"created_at"`
	DisabledAt *time.Time `json:"disabled_at,omitempty"`
}

// Active reports whether the user may act.
func (u User) Active() bool { return u.DisabledAt == nil && u.Role.rank() > 0 }

// ValidUserName reports whether name is usable as a user name: 1 to 64
// letters, digits, '.', '_', '-' or '@' (an e-mail address works).
func ValidUserName(name string) error {
	if name == "" || len(name) > 64 {
		return Errorf(KindInvalid, "user name %q: give 1 to 64 letters, digits, '.', '_', '-' or '@'", name)
	}
	for _, r := range name {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '.' || r == '_' || r == '-' || r == '@') {
			return Errorf(KindInvalid, "user name %q: only letters, digits, '.', '_', '-' and '@' are allowed", name)
		}
	}
	return nil
}

// Actor returns the name the audit log gives the principal p: the user it
// acts as, else the API key's or operating-system user's name.
func (p Principal) Actor() string {
	if p.User != "" {
		return p.User
	}
	if p.Name == "" {
		return "unknown"
	}
	return p.Name
}

// UserStore keeps users. Every change is written to the audit log in the
// same transaction.
//
// by is who makes the change: its User must name an active admin, except
// for the first user of a store, which anyone may add and which must be an
// admin (the bootstrap). Errors are *Error values: Invalid for a bad name
// or role, Conflict for a name taken or a change that would leave no
// active admin, Forbidden when by may not manage users, NotFound for an
// unknown user, Internal otherwise.
type UserStore interface {
	// AddUser adds a user with role and makes its first API key, returned
	// once (only its hash is kept).
	AddUser(ctx context.Context, name string, role Role, by Principal) (User, string, APIKey, error)
	// Users lists the users, disabled ones included, by id.
	Users(ctx context.Context) ([]User, error)
	// User returns the named user.
	User(ctx context.Context, name string) (User, error)
	// DisableUser disables a user and revokes its keys.
	DisableUser(ctx context.Context, name string, by Principal) (User, error)
	// SetUserRole changes a user's role (its keys follow it).
	SetUserRole(ctx context.Context, name string, role Role, by Principal) (User, error)
}

// CanAct returns nil when u is active and holds the role need, else a
// Forbidden error that says what u may not do.
func (u User) CanAct(need Role, what string) error {
	if u.DisabledAt != nil {
		return Errorf(KindForbidden, "user %s is disabled and may not %s", u.Name, what)
	}
	if !u.Role.Allows(need) {
		return Errorf(KindForbidden, "user %s has the %s role; to %s needs the %s role or above", u.Name, u.Role, what, need)
	}
	return nil
}

// NoUserError is the answer to an action that needs a user when the
// principal acts as none.
func NoUserError(what string) error {
	return Errorf(KindForbidden, "to %s, act as a user: --as NAME on the command line, a user's API key on the API (tripline users add NAME --role ROLE)", what)
}

// CheckFirstUser is the bootstrap rule: the first user of a store, whom
// anyone may add, must be an admin (who then adds the others).
func CheckFirstUser(role Role) error {
	if role != RoleAdmin {
		return Errorf(KindInvalid, "the first user must be an admin (tripline users add NAME --role admin), who then adds the others")
	}
	return nil
}

// CheckUserChange refuses to disable or demote (role "" disables) the
// last active admin: otherAdmins counts the active admins besides old.
func CheckUserChange(old User, role Role, otherAdmins int) error {
	if old.DisabledAt != nil {
		return Errorf(KindConflict, "user %s is disabled already", old.Name)
	}
	if old.Role == RoleAdmin && role != RoleAdmin && otherAdmins == 0 {
		return Errorf(KindConflict, "user %s is the last active admin: add another admin first", old.Name)
	}
	return nil
}
