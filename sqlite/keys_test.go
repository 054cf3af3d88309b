package sqlite_test

import (
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/tripline/tripline"
	"github.com/tripline/tripline/internal/apikey"
	"github.com/tripline/tripline/sqlite"
)

// TestKeysBeforeRolesBecomeAdmins: a database whose keys were made before
// keys had roles (migrations up to 0039) opens with those keys as admins,
// so that nothing that worked stops working.
func TestKeysBeforeRolesBecomeAdmins(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "old.db")
	db, err := sql.Open("sqlite", "file:"+path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(`CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)`); err != nil {
		t.Fatal(err)
	}
	files, _ := filepath.Glob(filepath.Join("migrations", "*.sql"))
	sort.Strings(files)
	for _, f := range files {
		v, _ := strconv.Atoi(strings.SplitN(filepath.Base(f), "_", 2)[0])
		if v >= 40 {
			continue
		}
		body, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := db.Exec(string(body)); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		if _, err := db.Exec(`INSERT INTO schema_migrations VALUES (?, '2026-01-01T00:00:00Z')`, v); err != nil {
			t.Fatal(err)
		}
	}
	token := "tl_before-roles-existed"
	if _, err := db.Exec(`INSERT INTO api_keys (name, prefix, hash, created_at) VALUES ('legacy', 'tl_bef', ?, '2026-01-01T00:00:00Z')`, apikey.Hash(token)); err != nil {
		t.Fatal(err)
	}
	db.Close()
	s, err := sqlite.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	k, err := s.VerifyKey(ctx, token)
	if err != nil || k.Role != tripline.RoleAdmin || k.Name != "legacy" {
		t.Fatalf("old key after the migration: %+v, %v; want an admin", k, err)
	}
	if _, nk, err := s.CreateKey(ctx, tripline.KeySpec{Name: "new"}); err != nil || nk.Role != tripline.RoleAnalyst {
		t.Errorf("a new key: %+v, %v; want an analyst", nk, err)
	}
}
