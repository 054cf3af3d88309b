package tripline

import (
	"context"
	"fmt"
	"strings"
)

// Role is what a user (or the API key that acts for one) may do. Roles are
// ordered: a reviewer may do everything an analyst may, an admin everything
// a reviewer may.
type Role string

// The roles. Analysts screen, check and decide alerts; reviewers also
// approve or reject the decisions of others (four-eyes); admins also manage
// users, keys and rules and may replace an official source.
const (
	RoleAnalyst  Role = "analyst"
	RoleReviewer Role = "reviewer"
	RoleAdmin    Role = "admin"
)

// rank orders the roles; an unknown role ranks below every known one.
func (r Role) rank() int {
	switch r {
	case RoleAnalyst:
		return 1
	case RoleReviewer:
		return 2
	case RoleAdmin:
		return 3
	}
	return 0
}

// Allows reports whether r grants at least the rights of need.
func (r Role) Allows(need Role) bool { return r.rank() > 0 && r.rank() >= need.rank() }

// ParseRole parses a role name (case and surrounding space ignored). An
// unknown name is an Invalid error that lists the valid ones.
func ParseRole(s string) (Role, error) {
	r := Role(strings.ToLower(strings.TrimSpace(s)))
	if r.rank() == 0 {
		return "", Errorf(KindInvalid, "role %q is not one of analyst, reviewer, admin", s)
	}
	return r, nil
}

// Principal is who performs an action: the user (or API key) that made a
// request, or the operating-system user running the CLI. Every write
// records it in the audit trail.
type Principal struct {
	// Name is the user's name, the API key's name, or the OS user.
	Name string `json:"name"`
	// User is the user (UserStore) the principal acts as: the owner of
	// the API key, or the user named with --as on the CLI; empty for a
	// key of no user and for the local CLI user. Case work needs one.
	User string `json:"user,omitempty"`
	// Role is what the principal may do; empty for the local CLI user, who
	// owns the database file and is not restricted.
	Role Role `json:"role,omitempty"`
	// KeyID is the id of the API key used, 0 when none.
	KeyID int64 `json:"key_id,omitempty"`
	// Addr is the client's network address for requests over HTTP.
	Addr string `json:"addr,omitempty"`
}

// String is the principal as the audit trail writes it.
func (p Principal) String() string {
	s := p.Name
	if p.KeyID != 0 {
		s += fmt.Sprintf(" (key %d)", p.KeyID)
	}
	if p.Addr != "" {
		s += " from " + p.Addr
	}
	return s
}

type principalKey struct{}

// WithPrincipal returns a context that carries p.
func WithPrincipal(ctx context.Context, p Principal) context.Context {
	return context.WithValue(ctx, principalKey{}, p)
}

// PrincipalFrom returns the principal ctx carries, and whether it carries one.
func PrincipalFrom(ctx context.Context) (Principal, bool) {
	p, ok := ctx.Value(principalKey{}).(Principal)
	return p, ok
}
