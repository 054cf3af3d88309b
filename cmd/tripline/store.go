package main

import (
	"context"
	"os/user"

	"github.com/tripline/tripline"
	"github.com/tripline/tripline/sqlite"
)

// openStore opens the database at m.DBPath on first use and returns the
// same store afterwards; Close closes it.
func (m *Main) openStore(ctx context.Context) (tripline.Store, error) {
	if m.store != nil {
		return m.store, nil
	}
	s, err := sqlite.Open(ctx, m.DBPath)
	if err != nil {
		return nil, err
	}
	if u, err := user.Current(); err == nil {
		s.Actor = u.Username
	}
	m.store = s
	m.closers = append(m.closers, s.Close)
	return s, nil
}
