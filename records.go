package tripline

import (
	"context"
	"time"
)

// ImportRecord is one row of a store's import audit trail: every import
// attempt, accepted or rejected. Stores that keep the trail (sqlite,
// postgres) share this type so that the CLI and the HTTP API read either.
type ImportRecord struct {
	ID          int64     `json:"id"`
	At          time.Time `json:"at"`
	Actor       string    `json:"actor,omitempty"`
	Source      string    `json:"source,omitempty"`
	Format      string    `json:"format,omitempty"`
	Files       []string  `json:"files,omitempty"`
	Hash        string    `json:"hash,omitempty"`
	Result      string    `json:"result"` // created, unchanged, rejected
	SnapshotID  int64     `json:"snapshot_id,omitempty"`
	EntityCount int       `json:"entity_count"`
	Error       string    `json:"error,omitempty"`
	// Role, KeyID and Client complete Actor with the principal that
	// imported (tripline.Principal): its role and API key for requests
	// over HTTP, and the client's address.
	Role   string `json:"role,omitempty"`
	KeyID  int64  `json:"key_id,omitempty"`
	Client string `json:"client,omitempty"`
	// FileHashes are the hex SHA-256 of each of Files, in order.
	FileHashes []string `json:"file_hashes,omitempty"`
	// Overrides are the import guards the user overrode, Reason why.
	Overrides []string `json:"overrides,omitempty"`
	Reason    string   `json:"reason,omitempty"`
}

// APIKey describes a stored API key for the HTTP API (never the key
// itself, of which stores keep only a hash).
type APIKey struct {
	ID     int64  `json:"id"`
	Name   string `json:"name"`
	Prefix string `json:"prefix"`
	// Role is what a request made with the key may do. Keys created
	// before roles existed are admins.
	Role Role `json:"role"`
	// User is the user the key belongs to (its requests act as that user,
	// with the user's current role); empty for keys made without one.
	User      string     `json:"user,omitempty"`
	CreatedAt time.Time  `json:"created_at"`
	RevokedAt *time.Time `json:"revoked_at,omitempty"`
}

// KeySpec says what key KeyStore.CreateKey makes.
type KeySpec struct {
	// Name says who or what uses the key; required.
	Name string
	// Role is the key's role; empty means RoleAnalyst. A key of a user
	// takes the user's role instead.
	Role Role
	// User, when set, names the active user the key belongs to.
	User string
	// By is who creates the key, for the audit log.
	By Principal
}

// AuditLog is implemented by stores that keep an import audit trail.
type AuditLog interface {
	// RecordRejection writes rec as a rejected import (Result is set to
	// "rejected") for an import refused before it reached the store: a
	// file that could not be parsed, or a dataset an import guard refused.
	// At, and the actor fields from ctx's Principal (else the store's
	// default actor), are filled in when empty.
	RecordRejection(ctx context.Context, rec ImportRecord) error
	// Imports returns the newest limit records (all when limit <= 0),
	// newest first.
	Imports(ctx context.Context, limit int) ([]ImportRecord, error)
}

// KeyStore is implemented by stores that hold API keys for the HTTP API.
type KeyStore interface {
	// CreateKey makes a new random key as spec says and returns it with
	// its record; only its hash is stored. A missing name or an unknown
	// role is Invalid.
	CreateKey(ctx context.Context, spec KeySpec) (string, APIKey, error)
	// Keys lists the keys, revoked ones included, oldest first.
	Keys(ctx context.Context) ([]APIKey, error)
	// RevokeKey revokes the active key with id; NotFound if there is none.
	RevokeKey(ctx context.Context, id int64) error
	// VerifyKey returns the record of the active key token, or an
	// Unauthorized error.
	VerifyKey(ctx context.Context, token string) (APIKey, error)
	// HasKeys reports whether any key was ever created, revoked ones
	// included: from then on the HTTP API authenticates every write.
	HasKeys(ctx context.Context) (bool, error)
}
