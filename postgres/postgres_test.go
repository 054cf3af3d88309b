package postgres_test

import (
	"context"
	"fmt"
	"net/url"
	"strings"
	"sync"
	"testing"

	"github.com/jackc/pgx/v5"
	"github.com/tripline/tripline"
	"github.com/tripline/tripline/internal/pgtest"
	"github.com/tripline/tripline/postgres"
	"github.com/tripline/tripline/storetest"
)

// testDSN returns the server given by TRIPLINE_TEST_POSTGRES, or skips.
func testDSN(t testing.TB) string { t.Helper(); return pgtest.DSN(t) }

// newSchema creates an empty schema for one test, drops it when the test
// ends, and returns the test server's URL with that schema as search_path.
func newSchema(t testing.TB) string { t.Helper(); return pgtest.Schema(t) }

// open opens a store on dsn, closed when the test ends.
func open(t testing.TB, dsn string) *postgres.Store {
	t.Helper()
	s, err := postgres.Open(context.Background(), dsn)
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func TestConformance(t *testing.T) {
	testDSN(t)
	storetest.Run(t, func(t *testing.T) tripline.Store { return open(t, newSchema(t)) })
	storetest.RunAudit(t, func(t *testing.T) storetest.AuditStore {
		s := open(t, newSchema(t))
		s.Actor = storetest.Actor
		return s
	})
	storetest.RunKeys(t, func(t *testing.T) tripline.KeyStore { return open(t, newSchema(t)) })
	storetest.RunEvents(t, func(t *testing.T) tripline.EventLog { return open(t, newSchema(t)) })
	storetest.RunNetwork(t, func(t *testing.T) tripline.NetworkStore { return open(t, newSchema(t)) })
	storetest.RunWebhooks(t, func(t *testing.T) tripline.WebhookStore { return open(t, newSchema(t)) })
	storetest.RunMonitor(t, func(t *testing.T) storetest.MonitorStore { return open(t, newSchema(t)) })
	storetest.RunTransfers(t, func(t *testing.T) storetest.TransferStore { return open(t, newSchema(t)) })
	storetest.RunIntegrity(t, func(t *testing.T) storetest.IntegrityStore { return open(t, newSchema(t)) })
	storetest.RunAlertPins(t, func(t *testing.T) storetest.AlertPinStore { return open(t, newSchema(t)) })
	storetest.RunBatch(t, func(t *testing.T) tripline.BatchStore { return open(t, newSchema(t)) })
	storetest.RunAlertCounts(t, func(t *testing.T) storetest.AlertCounter { return open(t, newSchema(t)) })
	storetest.RunWatchFeed(t, func(t *testing.T) storetest.WatchFeedStore { return open(t, newSchema(t)) })
	storetest.RunCases(t, func(t *testing.T) storetest.CaseStore { return open(t, newSchema(t)) })
	storetest.RunOrders(t, func(t *testing.T) storetest.OrderStore { return open(t, newSchema(t)) })
	t.Run("Reopen", func(t *testing.T) {
		dsn := newSchema(t)
		storetest.RunReopen(t, func(t *testing.T) tripline.Store { return open(t, dsn) })
	})
}

// TestReplicas runs two stores on one database, as two "tripline serve"
// replicas would: they migrate at once, import the same sources at once,
// and each sees what the other imported.
func TestReplicas(t *testing.T) {
	dsn := newSchema(t)
	const n = 4
	stores := make([]*postgres.Store, n)
	errs := make([]error, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			stores[i], errs[i] = postgres.Open(context.Background(), dsn)
		}()
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Fatalf("simultaneous Open %d: %v", i, err)
		}
		t.Cleanup(func() { stores[i].Close() })
	}

	// Every replica imports every round's content of each source: each
	// content is stored once, and the last round is current everywhere.
	const rounds = 5
	for r := range rounds {
		var wg sync.WaitGroup
		created := make([]int, 2)
		var mu sync.Mutex
		for i, s := range stores {
			for j, src := range []string{"a", "b"} {
				wg.Add(1)
				go func() {
					defer wg.Done()
					ds := storetest.Dataset(src, fmt.Sprint("h", r), storetest.Entity(src, "1", fmt.Sprint("ROUND ", r)), storetest.Entity(src, fmt.Sprint(r+2), "OTHER"))
					_, c, err := s.Import(context.Background(), ds)
					if err != nil {
						t.Errorf("replica %d round %d: %v", i, r, err)
					}
					if c {
						mu.Lock()
						created[j]++
						mu.Unlock()
					}
				}()
			}
		}
		wg.Wait()
		if created[0] != 1 || created[1] != 1 {
			t.Fatalf("round %d: created %v snapshots of a and b, want one each", r, created)
		}
	}
	ctx := context.Background()
	for i, s := range stores {
		for _, src := range []string{"a", "b"} {
			snaps, err := s.Snapshots(ctx, src)
			if err != nil || len(snaps) != rounds || !snaps[0].Current || snaps[0].Hash != fmt.Sprint("h", rounds-1) {
				t.Errorf("replica %d: Snapshots(%s) = %+v, %v; want %d with the last round current", i, src, snaps, err, rounds)
			}
			e, err := s.Entity(ctx, src+":1", 0)
			if err != nil || e.Caption() != fmt.Sprint("ROUND ", rounds-1) {
				t.Errorf("replica %d: Entity(%s:1) = %v, %v", i, src, e, err)
			}
		}
	}
	recs, err := stores[0].Imports(ctx, 0)
	if err != nil || len(recs) != rounds*n*2 {
		t.Errorf("Imports = %d records, %v; want %d", len(recs), err, rounds*n*2)
	}
}

// TestEntityText checks that entity data comes back byte for byte,
// whatever the text: scripts, escapes and characters PostgreSQL text
// cannot hold raw.
func TestEntityText(t *testing.T) {
	s := open(t, newSchema(t))
	odd := []string{"ШАХИД ХЕММАТ", "شهید همت", "北京 有限公司", "NUL \x00 BYTE", "BAD \xff UTF-8", `QUOTE " BACKSLASH \ TAB 	`, strings.Repeat("LONG ", 20000)}
	e := storetest.Entity("src", "1", odd...)
	storetest.MustImport(t, s, storetest.Dataset("src", "h1", e))
	// Raw bytes PostgreSQL text refuses, in the caption column.
	for i, name := range []string{"NUL \x00 CO", "BAD \xff CO"} {
		storetest.MustImport(t, s, storetest.Dataset(fmt.Sprint("raw", i), "h", storetest.Entity(fmt.Sprint("raw", i), "1", name)))
		got, err := s.Entity(context.Background(), fmt.Sprint("raw", i, ":1"), 0)
		if want := strings.ToValidUTF8(name, "\uFFFD"); err != nil || got.Caption() != want {
			t.Errorf("entity named %q: %v, %v; want %q", name, got, err, want)
		}
	}
	got, err := s.Entity(context.Background(), "src:1", 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Names) != len(odd) {
		t.Fatalf("names = %d, want %d", len(got.Names), len(odd))
	}
	for i, n := range got.Names {
		want := strings.ToValidUTF8(odd[i], "\uFFFD")
		if n.Full != want {
			t.Errorf("name %d = %q, want %q", i, n.Full, want)
		}
	}
}

func TestOpenErrors(t *testing.T) {
	ctx := context.Background()
	if _, err := postgres.Open(ctx, " "); tripline.ErrorKind(err) != tripline.KindInvalid {
		t.Errorf("Open(blank): %v, want Invalid", err)
	}
	_, err := postgres.Open(ctx, "postgres://u:s3cr3tpw@127.0.0.1:notaport/db")
	if tripline.ErrorKind(err) != tripline.KindInvalid || strings.Contains(err.Error(), "s3cr3tpw") {
		t.Errorf("Open(bad port): %v, want Invalid without the password", err)
	}
	// Port 1 on loopback: nothing listens, the connection is refused.
	_, err = postgres.Open(ctx, "postgres://u:s3cr3tpw@127.0.0.1:1/db?connect_timeout=5")
	if err == nil {
		t.Fatal("Open of a closed port succeeded")
	}
	if tripline.ErrorKind(err) != tripline.KindUnavailable || strings.Contains(tripline.ErrorMessage(err), "s3cr3tpw") {
		t.Errorf("Open(closed port): kind %v, message %q; want Unavailable without the password", tripline.ErrorKind(err), tripline.ErrorMessage(err))
	}
	if msg := tripline.ErrorMessage(err); !strings.Contains(msg, "127.0.0.1:1") {
		t.Errorf("message %q does not say where it tried to connect", msg)
	}
}

func TestIsURL(t *testing.T) {
	for in, want := range map[string]bool{
		"postgres://u@h/db":           true,
		"postgresql://u@h:5433/db":    true,
		"POSTGRES://u@h/db":           true,
		"/var/lib/tripline/t.db":      false,
		"t.db":                        false,
		"file:t.db":                   false,
		"sqlite://t.db":               false,
		"postgres:/no-double-slash":   false,
		"./postgres://weird/filename": false,
	} {
		if got := postgres.IsURL(in); got != want {
			t.Errorf("IsURL(%q) = %v, want %v", in, got, want)
		}
	}
}

// TestLeastPrivilege opens a database migrated by its owner as a user that
// may read and write the tables but not create any, as a serve replica's
// user would be.
func TestLeastPrivilege(t *testing.T) {
	dsn := newSchema(t)
	owner := open(t, dsn)
	storetest.MustImport(t, owner, storetest.Dataset("src", "h1", storetest.Entity("src", "1", "ALPHA")))
	u, _ := url.Parse(dsn)
	schema := u.Query().Get("search_path")
	role := schema + "_app"
	ctx := context.Background()
	admin, err := pgx.Connect(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer admin.Close(ctx)
	if _, err := admin.Exec(ctx, "CREATE ROLE "+role+" LOGIN PASSWORD 'app-pw'"); err != nil {
		t.Skipf("the test server's user cannot create roles: %v", err)
	}
	t.Cleanup(func() {
		c, err := pgx.Connect(ctx, dsn)
		if err != nil {
			return
		}
		defer c.Close(ctx)
		c.Exec(ctx, "DROP OWNED BY "+role)
		c.Exec(ctx, "DROP ROLE "+role)
	})
	for _, q := range []string{
		"GRANT USAGE ON SCHEMA " + schema + " TO " + role,
		"GRANT SELECT, INSERT, UPDATE ON ALL TABLES IN SCHEMA " + schema + " TO " + role,
		"GRANT USAGE ON ALL SEQUENCES IN SCHEMA " + schema + " TO " + role,
	} {
		if _, err := admin.Exec(ctx, q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	u.User = url.UserPassword(role, "app-pw")
	app := open(t, u.String())
	snap, created := storetest.MustImport(t, app, storetest.Dataset("src", "h2", storetest.Entity("src", "1", "ALPHA NEW")))
	if !created {
		t.Error("import as the app user created nothing")
	}
	if cur, err := owner.Snapshots(ctx, "src"); err != nil || len(cur) != 2 || cur[0].ID != snap.ID || !cur[0].Current {
		t.Errorf("owner sees %+v, %v; want the app user's snapshot current", cur, err)
	}
	if _, _, err := app.CreateKey(ctx, tripline.KeySpec{Name: "app"}); err != nil {
		t.Errorf("CreateKey as the app user: %v", err)
	}
}
