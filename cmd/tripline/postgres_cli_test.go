package main

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"net/http"
	"net/url"
	"os"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"
	"github.com/tripline/tripline"
)

// postgresDB returns a postgres:// URL for a new, empty schema on the
// server TRIPLINE_TEST_POSTGRES names (dropped when the test ends), or
// skips when it is unset.
func postgresDB(t *testing.T) string {
	t.Helper()
	dsn := os.Getenv("TRIPLINE_TEST_POSTGRES")
	if dsn == "" {
		t.Skip("TRIPLINE_TEST_POSTGRES is not set: no PostgreSQL server to test against (scripts/with-postgres starts one)")
	}
	u, err := url.Parse(dsn)
	if err != nil {
		t.Fatalf("TRIPLINE_TEST_POSTGRES: %v", err)
	}
	var b [6]byte
	rand.Read(b[:])
	schema := "tripline_cli_" + hex.EncodeToString(b[:])
	ctx := context.Background()
	exec := func(sql string) error {
		c, err := pgx.Connect(ctx, dsn)
		if err != nil {
			return err
		}
		defer c.Close(ctx)
		_, err = c.Exec(ctx, sql)
		return err
	}
	if err := exec("CREATE SCHEMA " + schema); err != nil {
		t.Fatalf("create schema: %v", err)
	}
	t.Cleanup(func() {
		if err := exec("DROP SCHEMA " + schema + " CASCADE"); err != nil {
			t.Errorf("drop schema: %v", err)
		}
	})
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String()
}

// TestPostgresReplicas points the CLI and two "serve" replicas at one
// PostgreSQL database: lists and keys written by one process are seen by
// the others.
func TestPostgresReplicas(t *testing.T) {
	db := postgresDB(t)
	r := mustCLI(t, db, "demo", "--json")
	var rep demoReport
	if err := json.Unmarshal([]byte(r.Stdout), &rep); err != nil || rep.Failed != 0 || len(rep.Imports) != 4 {
		t.Fatalf("demo on PostgreSQL: %+v, %v\n%s", rep, err, r.Stderr)
	}
	if got := sourcesJSON(t, db); len(got) != 3 || got["demo-ofac-sdn"].EntityCount == 0 {
		t.Fatalf("sources = %+v, want the 3 demo sources", got)
	}

	// TRIPLINE_DB takes a URL too. (The demo imports four datasets: the SDN
	// list and its update, EU and UN.)
	var out, errb bytes.Buffer
	m := &Main{Stdin: strings.NewReader(""), Stdout: &out, Stderr: &errb, Getenv: func(k string) string {
		if k == "TRIPLINE_DB" {
			return db
		}
		return ""
	}}
	code := m.Run(context.Background(), []string{"imports", "--json"})
	m.Close()
	var recs []tripline.ImportRecord
	if err := json.Unmarshal(out.Bytes(), &recs); code != 0 || err != nil || len(recs) != 4 || recs[0].Result != "created" {
		t.Fatalf("TRIPLINE_DB=URL imports: exit %d, %d records, %v\n%s", code, len(recs), err, errb.String())
	}
	if strings.Contains(errb.String(), "sqlite") {
		t.Errorf("a PostgreSQL URL was taken for a file: %s", errb.String())
	}

	key := strings.TrimSpace(mustCLI(t, db, "keys", "create", "ci").Stdout)
	a := startServe(t, db, "--require-keys")
	b := startServe(t, db, "--require-keys")
	get := func(base, key string) int {
		req, _ := http.NewRequest("GET", base+"/v1/entities/demo-ofac-sdn:90005", nil)
		if key != "" {
			req.Header.Set("Authorization", "Bearer "+key)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp.StatusCode
	}
	for _, base := range []string{a, b} {
		if code := get(base, key); code != 200 {
			t.Errorf("%s: entity with the key: %d, want 200", base, code)
		}
		if code := get(base, ""); code != 401 {
			t.Errorf("%s: entity without a key: %d, want 401", base, code)
		}
	}
	var keys []tripline.APIKey
	if err := json.Unmarshal([]byte(mustCLI(t, db, "keys", "list", "--json").Stdout), &keys); err != nil || len(keys) != 1 {
		t.Fatalf("keys list: %+v, %v", keys, err)
	}
	mustCLI(t, db, "keys", "revoke", "1")
	for _, base := range []string{a, b} {
		if code := get(base, key); code != 401 {
			t.Errorf("%s: revoked key: %d, want 401 on every replica", base, code)
		}
	}
}

// TestPostgresUnreachable checks a PostgreSQL URL nobody answers is an
// error that names the server but not the password.
func TestPostgresUnreachable(t *testing.T) {
	r := runCLI(t, "postgres://u:s3cr3tpw@127.0.0.1:1/db?connect_timeout=5", "sources")
	if r.Code == 0 || strings.Contains(r.Stderr, "s3cr3tpw") || !strings.Contains(r.Stderr, "127.0.0.1:1") {
		t.Errorf("exit %d, stderr %q; want a failure naming 127.0.0.1:1 without the password", r.Code, r.Stderr)
	}
}
