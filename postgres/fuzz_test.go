package postgres_test

import (
	"strconv"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5/pgconn"
	"github.com/tripline/tripline/postgres"
)

// FuzzRedact checks that reading a database URL never panics and that the
// URL shown to users never carries the password.
func FuzzRedact(f *testing.F) {
	for _, s := range []string{
		"postgres://tripline:s3cret@db.internal:5432/tripline?sslmode=require",
		"postgresql://u@[::1]:5433/db?search_path=x",
		"host=/tmp port=5432 user=u password=pw dbname=d",
		"postgres://u:p%40ss@h/db",
		"postgres://",
		"/var/lib/tripline/tripline.db",
		"",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, dsn string) {
		shown := postgres.Redact(dsn)
		postgres.IsURL(dsn)
		cfg, err := pgconn.ParseConfig(dsn)
		if err != nil {
			if shown != "(invalid URL)" {
				t.Errorf("Redact(%q) = %q for a URL that does not parse", dsn, shown)
			}
			return
		}
		// The password may only show as a substring of what Redact is meant
		// to show (scheme, user, host, port, database).
		parts := "postgres://[" + cfg.User + "@" + cfg.Host + "]:" + strconv.Itoa(int(cfg.Port)) + "/" + cfg.Database
		if pw := cfg.Password; len(pw) >= 4 && strings.Contains(shown, pw) && !strings.Contains(parts, pw) {
			t.Errorf("Redact(%q) = %q shows the password", dsn, shown)
		}
	})
}
