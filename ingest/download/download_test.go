package download

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tripline/tripline"
	"github.com/tripline/tripline/ingest/official"
)

// publisher serves fictional list files by path, and misbehaves on some.
func publisher(t *testing.T) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/src/a.csv":
			io.WriteString(w, "1,ALPHA TRADING\n")
		case "/src/b.csv":
			io.WriteString(w, "2,BRAVO SHIPPING\n")
		case "/page/a.csv":
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			io.WriteString(w, "<html>moved</html>")
		case "/short/a.csv":
			w.Header().Set("Content-Length", "100")
			io.WriteString(w, "1,CUT")
		case "/empty/a.csv":
		case "/big/a.csv":
			io.WriteString(w, strings.Repeat("x", 4096))
		default:
			http.NotFound(w, r)
		}
	}))
	t.Cleanup(srv.Close)
	return srv
}

func TestFile(t *testing.T) {
	srv := publisher(t)
	c, err := New("")
	if err != nil {
		t.Fatal(err)
	}
	c.MaxBytes = 1024
	dir := t.TempDir()
	for _, tc := range []struct {
		path string
		kind tripline.Kind
		msg  string
	}{
		{"/src/a.csv", tripline.KindOther, ""},
		{"/missing/a.csv", tripline.KindUnavailable, "404"},
		{"/page/a.csv", tripline.KindUnavailable, "web page"},
		{"/short/a.csv", tripline.KindUnavailable, "a.csv"},
		{"/empty/a.csv", tripline.KindUnavailable, "empty"},
		{"/big/a.csv", tripline.KindTooLarge, "limit"},
	} {
		t.Run(tc.path, func(t *testing.T) {
			n, err := c.File(context.Background(), srv.URL+tc.path, filepath.Join(dir, "out"))
			if tripline.ErrorKind(err) != tc.kind || !strings.Contains(tripline.ErrorMessage(err), tc.msg) {
				t.Fatalf("File: %d bytes, err %v; want kind %v with %q", n, err, tc.kind, tc.msg)
			}
			if err == nil && n != 16 {
				t.Errorf("%d bytes, want 16", n)
			}
		})
	}
}

// TestSourceAllOrNothing: the files of a source are placed only when all
// arrived; a failed download leaves the previous files as they were.
func TestSourceAllOrNothing(t *testing.T) {
	srv := publisher(t)
	c, err := New(srv.URL)
	if err != nil {
		t.Fatal(err)
	}
	root := t.TempDir()
	src := official.Source{ID: "src", Files: []official.File{{Name: "a.csv", URL: "https://publisher.invalid/A.CSV"}, {Name: "b.csv", URL: "https://publisher.invalid/B.CSV"}}}
	if got := c.URL(src, src.Files[0]); got != srv.URL+"/src/a.csv" {
		t.Errorf("mirror URL %s", got)
	}
	dir, n, err := c.Source(context.Background(), src, root)
	if err != nil || n != 33 || dir != filepath.Join(root, "src") {
		t.Fatalf("Source = %s, %d, %v", dir, n, err)
	}
	// The second file now fails: neither file is replaced.
	os.WriteFile(filepath.Join(dir, "a.csv"), []byte("old a\n"), 0o644)
	src.Files[1].Name = "missing.csv"
	if _, _, err := c.Source(context.Background(), src, root); tripline.ErrorKind(err) != tripline.KindUnavailable {
		t.Fatalf("Source with a missing file: %v", err)
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "a.csv")); string(b) != "old a\n" {
		t.Errorf("a failed download replaced a.csv with %q", b)
	}
	entries, _ := os.ReadDir(root)
	if len(entries) != 1 {
		t.Errorf("temporary files left in %s: %v", root, entries)
	}
	for _, bad := range []official.Source{{ID: "../x", Files: src.Files}, {ID: "src"}, {ID: "src", Files: []official.File{{Name: "../a.csv"}}}} {
		if _, _, err := c.Source(context.Background(), bad, root); tripline.ErrorKind(err) != tripline.KindInvalid {
			t.Errorf("Source(%+v): %v, want Invalid", bad, err)
		}
	}
}

func TestNewRefusesBadMirror(t *testing.T) {
	for _, base := range []string{"ftp://x", "x", "http://"} {
		if _, err := New(base); tripline.ErrorKind(err) != tripline.KindInvalid {
			t.Errorf("New(%q): %v, want Invalid", base, err)
		}
	}
}
