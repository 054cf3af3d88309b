package indexfile

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tripline/tripline"
	"github.com/tripline/tripline/ingest/fileutil"
	"github.com/tripline/tripline/ingest/ofac"
	"github.com/tripline/tripline/match"
	"github.com/tripline/tripline/sqlite"
	"github.com/tripline/tripline/storetest"
)

func openStore(t *testing.T) (*sqlite.Store, string) {
	t.Helper()
	p := filepath.Join(t.TempDir(), "lists.db")
	st, err := sqlite.Open(context.Background(), p)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st, p + ".index"
}

func fictionalStore(t *testing.T) (*sqlite.Store, string) {
	st, dir := openStore(t)
	a := storetest.Entity("a", "1", "ZAGROS AVIONICS TRADING", "ZAGROS AVIONICS")
	a.BirthDates = []string{"1970"}
	storetest.MustImport(t, st, storetest.Dataset("a", "h1", a, storetest.Entity("a", "2", "HASAN ABDALLAH AL-RASHID")))
	storetest.MustImport(t, st, storetest.Dataset("b", "h2", storetest.Entity("b", "1", "ZAGROS AVIONICS TRADING"), storetest.Entity("b", "2", "SEA SPARROW")))
	return st, dir
}

var queries = []tripline.Query{
	{Name: "Zagros Avionics Trading"}, {Name: "Zagros Avionic", BirthDate: "1970"}, {Name: "Hassan Abdullah Rashid"},
	{Name: "حسن عبد الله الراشد"}, {Name: "Sea Sparrow", Type: "vessel"}, {Name: "nobody at all"},
}

// screenJSON screens qs with s and returns the results as JSON.
func screenJSON(t *testing.T, s *match.Screener, qs []tripline.Query, opt tripline.ScreenOptions) []byte {
	t.Helper()
	r, err := s.Screen(context.Background(), qs, opt)
	if err != nil {
		t.Fatal(err)
	}
	b, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// load is Load with the default configuration that checks the results
// equal those of match.Load's index.
func load(t *testing.T, st tripline.Store, sources []string, dir string) Status {
	t.Helper()
	ctx := context.Background()
	s, held, status, err := Load(ctx, st, sources, match.DefaultConfig(), dir)
	if err != nil {
		t.Fatal(err)
	}
	want, wheld, err := match.Load(ctx, st, sources)
	if err != nil {
		t.Fatal(err)
	}
	if len(held) != len(wheld) || s.Index().Len() != want.Index().Len() {
		t.Fatalf("Load holds %d snapshots and %d entities, match.Load %d and %d", len(held), s.Index().Len(), len(wheld), want.Index().Len())
	}
	for _, opt := range []tripline.ScreenOptions{{}, {Threshold: 0.5, Limit: 3}} {
		if g, w := screenJSON(t, s, queries, opt), screenJSON(t, want, queries, opt); !bytes.Equal(g, w) {
			t.Fatalf("status %+v: the index screens\n%s\nmatch.Load's\n%s", status, g, w)
		}
	}
	return status
}

func indexFiles(t *testing.T, dir string) []string {
	t.Helper()
	fs, _ := filepath.Glob(filepath.Join(dir, "*.idx"))
	return fs
}

// TestLoadFromFile: the first load builds and writes the file, the next
// reads it; a subset of sources has a file of its own; results equal
// match.Load's every time.
func TestLoadFromFile(t *testing.T) {
	st, dir := fictionalStore(t)
	if s := load(t, st, nil, dir); s.FromFile || !s.Written || s.Rebuilt != "" {
		t.Fatalf("first load: %+v, want built and written", s)
	}
	if s := load(t, st, nil, dir); !s.FromFile || s.Written {
		t.Fatalf("second load: %+v, want from the file", s)
	}
	if s := load(t, st, []string{"b"}, dir); s.FromFile || !s.Written {
		t.Fatalf("a subset of the sources: %+v, want built", s)
	}
	if s := load(t, st, []string{"b"}, dir); !s.FromFile {
		t.Fatalf("the subset again: %+v, want from the file", s)
	}
	if n := len(indexFiles(t, dir)); n != 2 {
		t.Errorf("%d index files, want 2", n)
	}
	if _, _, _, err := Load(context.Background(), st, []string{"nosuch"}, match.DefaultConfig(), dir); tripline.ErrorKind(err) != tripline.KindInvalid {
		t.Errorf("unknown source: %v, want Invalid", err)
	}
	if s := load(t, st, nil, ""); s.FromFile || s.Written {
		t.Errorf("no directory: %+v", s)
	}
}

// TestBadFilesAreRebuilt: a file that is truncated, damaged anywhere,
// empty, foreign, or written for other snapshots or weights is not used:
// the index is built again (screening as match.Load's does) and a good
// file replaces it.
func TestBadFilesAreRebuilt(t *testing.T) {
	for _, tc := range []struct {
		name string
		bad  func(b []byte) []byte
	}{
		{"truncated", func(b []byte) []byte { return b[:len(b)-7] }},
		{"truncated in the header", func(b []byte) []byte { return b[:20] }},
		{"extended", func(b []byte) []byte { return append(b, 0) }},
		{"payload byte changed", func(b []byte) []byte { b[len(b)-100] ^= 0x10; return b }},
		{"checksum changed", func(b []byte) []byte { b[len(magic)+4+int(le32(b[len(magic):]))+8] ^= 1; return b }},
		{"key changed", func(b []byte) []byte { i := bytes.Index(b, []byte("snapshot ")); b[i+1] = 'X'; return b }},
		{"empty", func([]byte) []byte { return nil }},
		{"good frame, payload not an index", func(b []byte) []byte {
			k := b[len(magic)+4 : len(magic)+4+int(le32(b[len(magic):]))]
			junk := []byte{1, 3, 0, 0, 7, 7, 7}
			return append(header(string(k), junk), junk...)
		}},
		{"not an index file", func([]byte) []byte { return []byte("hello, world\n") }},
		{"huge key length", func(b []byte) []byte { b[len(magic)+3] = 0xff; return b }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			st, dir := fictionalStore(t)
			load(t, st, nil, dir)
			fs := indexFiles(t, dir)
			if len(fs) != 1 {
				t.Fatalf("%d files", len(fs))
			}
			b, err := os.ReadFile(fs[0])
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(fs[0], tc.bad(b), 0o644); err != nil {
				t.Fatal(err)
			}
			if s := load(t, st, nil, dir); s.FromFile || s.Rebuilt == "" || !s.Written {
				t.Fatalf("%+v, want rebuilt and written", s)
			} else {
				t.Logf("rebuilt: %s", s.Rebuilt)
			}
			if s := load(t, st, nil, dir); !s.FromFile {
				t.Fatalf("after the rebuild: %+v, want from the file", s)
			}
		})
	}
}

func le32(b []byte) uint32 {
	return uint32(b[0]) | uint32(b[1])<<8 | uint32(b[2])<<16 | uint32(b[3])<<24
}

// TestStaleFiles: a new snapshot, or another configuration, has another
// key: the old file is not read, and the directory keeps at most Keep.
func TestStaleFiles(t *testing.T) {
	st, dir := fictionalStore(t)
	load(t, st, nil, dir)
	storetest.MustImport(t, st, storetest.Dataset("b", "h3", storetest.Entity("b", "1", "ZAGROS AVIONICS TRADING"), storetest.Entity("b", "3", "HASSAN ABDULLAH AL RASHID")))
	if s := load(t, st, nil, dir); s.FromFile || !s.Written {
		t.Fatalf("after a new snapshot: %+v, want built", s)
	}
	cfg := match.DefaultConfig()
	cfg.Threshold = 0.8
	ctx := context.Background()
	if _, _, s, err := Load(ctx, st, nil, cfg, dir); err != nil || s.FromFile {
		t.Fatalf("another configuration: %+v, %v: want built", s, err)
	}
	if _, _, s, err := Load(ctx, st, nil, cfg, dir); err != nil || !s.FromFile {
		t.Fatalf("that configuration again: %+v, %v: want from its file", s, err)
	}
	for i := 0; i < Keep+2; i++ {
		cfg.Limit = 100 + i
		if _, _, _, err := Load(ctx, st, nil, cfg, dir); err != nil {
			t.Fatal(err)
		}
	}
	if n := len(indexFiles(t, dir)); n != Keep {
		t.Errorf("%d index files kept, want %d", n, Keep)
	}
	snaps, _ := st.CurrentSnapshots(ctx)
	if k := Key(match.DefaultConfig(), snaps); !strings.Contains(k, "build go:") || !strings.Contains(k, match.DefaultConfig().Version) {
		t.Errorf("the key names no build id or matcher version:\n%s", k)
	}
}

// TestUnwritableDirectory: a directory that cannot be written is no
// error; the index is built every time.
func TestUnwritableDirectory(t *testing.T) {
	st, dir := fictionalStore(t)
	if err := os.WriteFile(dir, []byte("a file where the directory should be"), 0o644); err != nil {
		t.Fatal(err)
	}
	if s := load(t, st, nil, dir); s.FromFile || s.Written || s.WriteErr == nil {
		t.Fatalf("%+v, want built and not written", s)
	}
}

// TestRealSDNFromFile: the 2025-01 SDN list imported into SQLite, loaded
// through its index file, screens the dev-set names exactly as the index
// built from the store does.
func TestRealSDNFromFile(t *testing.T) {
	if testing.Short() {
		t.Skip("reads the real SDN list (not under -short)")
	}
	dir := filepath.Join("..", "..", "..", "shared", "data", "lists", "ofac_sdn")
	var files []string
	for _, f := range []string{"sdn.csv", "add.csv", "alt.csv", "sdn_comments.csv"} {
		files = append(files, filepath.Join(dir, f))
	}
	if _, err := os.Stat(files[0]); err != nil {
		t.Skipf("the SDN list is not next to the repository: %v", err)
	}
	ds, err := ofac.ReadCSV(context.Background(), files, fileutil.Options{})
	if err != nil {
		t.Fatal(err)
	}
	st, idir := openStore(t)
	storetest.MustImport(t, st, ds)
	if s := load(t, st, nil, idir); !s.Written {
		t.Fatalf("%+v", s)
	}
	ctx := context.Background()
	s, _, status, err := Load(ctx, st, nil, match.DefaultConfig(), idir)
	if err != nil || !status.FromFile {
		t.Fatalf("%+v, %v", status, err)
	}
	want, _, err := match.Load(ctx, st, nil)
	if err != nil {
		t.Fatal(err)
	}
	qs := devNames(t)
	for _, opt := range []tripline.ScreenOptions{{}, {Threshold: 0.6, Limit: 25}} {
		g, w := screenJSON(t, s, qs, opt), screenJSON(t, want, qs, opt)
		if !bytes.Equal(g, w) {
			t.Fatalf("the index from the file screens the %d dev names differently from the built one", len(qs))
		}
	}
	t.Logf("%d dev names screened alike", len(qs))
}

// devNames reads the names of ../shared/eval/screening-dev/queries.csv.
func devNames(t *testing.T) []tripline.Query {
	b, err := os.ReadFile(filepath.Join("..", "..", "..", "shared", "eval", "screening-dev", "queries.csv"))
	if err != nil {
		t.Skipf("screening-dev not found: %v", err)
	}
	var qs []tripline.Query
	for i, line := range strings.Split(string(b), "\n") {
		if i == 0 || line == "" {
			continue
		}
		// id,name,... : the name may be quoted with commas; use what a
		// plain split gives, the comparison needs names, not the right ones.
		f := strings.SplitN(line, ",", 3)
		if len(f) >= 2 {
			qs = append(qs, tripline.Query{ID: f[0], Name: strings.Trim(f[1], `"`)})
		}
	}
	return qs
}

// FuzzRead: whatever an index file holds, Read returns an error or an
// index that screens.
func FuzzRead(f *testing.F) {
	cfg := match.DefaultConfig()
	key := "test key"
	ix := match.NewIndex(cfg, []*tripline.Entity{storetest.Entity("a", "1", "ZAGROS AVIONICS TRADING"), storetest.Entity("a", "2", "SEA SPARROW")})
	dir := f.TempDir()
	if err := Write(dir, key, ix); err != nil {
		f.Fatal(err)
	}
	good, err := os.ReadFile(filepath.Join(dir, fileName(key)))
	if err != nil {
		f.Fatal(err)
	}
	f.Add(good)
	f.Add(good[:len(good)/2])
	f.Add([]byte(magic))
	f.Fuzz(func(t *testing.T, b []byte) {
		p := filepath.Join(t.TempDir(), fileName(key))
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
		got, err := Read(filepath.Dir(p), key, cfg)
		if err != nil {
			return
		}
		if _, err := match.NewScreener(got).Screen(context.Background(), queries[:2], tripline.ScreenOptions{}); err != nil {
			t.Fatal(err)
		}
	})
}
