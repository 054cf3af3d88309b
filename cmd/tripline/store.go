package main

import (
	"context"
	"os/user"

	"github.com/tripline/tripline"
	"github.com/tripline/tripline/postgres"
	"github.com/tripline/tripline/sqlite"
)

// openStore opens the database at m.DBPath on first use and returns the
// same store afterwards; Close closes it. A postgres:// or postgresql://
// URL opens a PostgreSQL store (shared by several replicas), anything else
// is a SQLite file path.
func (m *Main) openStore(ctx context.Context) (tripline.Store, error) {
	if m.store != nil {
		return m.store, nil
	}
	var actor string
	if u, err := user.Current(); err == nil {
		actor = u.Username
	}
	if postgres.IsURL(m.DBPath) {
		s, err := postgres.Open(ctx, m.DBPath)
		if err != nil {
			return nil, err
		}
		s.Actor = actor
		m.store = s
		m.closers = append(m.closers, s.Close)
		return s, nil
	}
	s, err := sqlite.Open(ctx, m.DBPath)
	if err != nil {
		return nil, err
	}
	s.Actor = actor
	m.store = s
	m.closers = append(m.closers, s.Close)
	return s, nil
}

// dbName is m.DBPath as shown to users and in logs: a PostgreSQL URL
// without its password.
func (m *Main) dbName() string {
	if postgres.IsURL(m.DBPath) {
		return postgres.Redact(m.DBPath)
	}
	return m.DBPath
}
