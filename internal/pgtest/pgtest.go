// Package pgtest gives tests outside package postgres a fresh PostgreSQL
// schema on the server named by TRIPLINE_TEST_POSTGRES (scripts/with-postgres
// starts a throwaway one), or skips them.
package pgtest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"net/url"
	"os"
	"testing"

	"github.com/jackc/pgx/v5"
)

// DSN returns the test server's URL, or skips the test.
func DSN(t testing.TB) string {
	t.Helper()
	dsn := os.Getenv("TRIPLINE_TEST_POSTGRES")
	if dsn == "" {
		t.Skip("TRIPLINE_TEST_POSTGRES is not set: no PostgreSQL server to test against " +
			"(scripts/with-postgres go test ./... starts a throwaway one)")
	}
	return dsn
}

// Schema creates an empty schema, drops it when the test ends, and returns
// the test server's URL with that schema as search_path.
func Schema(t testing.TB) string {
	t.Helper()
	dsn := DSN(t)
	u, err := url.Parse(dsn)
	if err != nil {
		t.Fatalf("TRIPLINE_TEST_POSTGRES must be a postgres:// URL: %v", err)
	}
	var b [6]byte
	rand.Read(b[:])
	schema := "tripline_test_" + hex.EncodeToString(b[:])
	ctx := context.Background()
	admin, err := pgx.Connect(ctx, dsn)
	if err != nil {
		t.Fatalf("connect to TRIPLINE_TEST_POSTGRES: %v", err)
	}
	defer admin.Close(ctx)
	if _, err := admin.Exec(ctx, "CREATE SCHEMA "+schema); err != nil {
		t.Fatalf("create schema: %v", err)
	}
	t.Cleanup(func() {
		c, err := pgx.Connect(ctx, dsn)
		if err != nil {
			t.Errorf("drop schema %s: %v", schema, err)
			return
		}
		defer c.Close(ctx)
		if _, err := c.Exec(ctx, "DROP SCHEMA "+schema+" CASCADE"); err != nil {
			t.Errorf("drop schema %s: %v", schema, err)
		}
	})
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String()
}
