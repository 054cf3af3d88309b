package main

import (
	"context"
	"encoding/json"
	"path/filepath"
	"testing"

	"github.com/tripline/tripline"
	"github.com/tripline/tripline/match"
	"github.com/tripline/tripline/sqlite"
	"github.com/tripline/tripline/storetest"
)

// TestEntityCacheIndexFile: a server's first load writes the index file;
// the next server's first load reads it and no entity from the store,
// screens as match.Load's index does, and its reload after a new snapshot
// reads only that snapshot.
func TestEntityCacheIndexFile(t *testing.T) {
	ctx := context.Background()
	db := filepath.Join(t.TempDir(), "t.db")
	st, err := sqlite.Open(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	storetest.MustImport(t, st, storetest.Dataset("a", "a1", storetest.Entity("a", "1", "ALPHA TRADING COMPANY"), storetest.Entity("a", "2", "OMEGA MACHINERY")))
	storetest.MustImport(t, st, storetest.Dataset("b", "b1", storetest.Entity("b", "1", "BETA INDUSTRIAL GROUP")))
	m := &Main{DBPath: db, Getenv: func(string) string { return "" }}
	dir := m.indexDir()
	if dir != db+".index" {
		t.Fatalf("index dir %q", dir)
	}
	qs := []tripline.Query{{ID: "1", Name: "Alpha Trading Company"}, {ID: "2", Name: "Omega Machinery Ltd"}, {ID: "3", Name: "Gamma Works"}}
	check := func(round string, c *entityCache, cs *countingStore, reads int) {
		t.Helper()
		cs.reads = nil
		got, _, err := c.load(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if len(cs.reads) != reads {
			t.Errorf("%s: read snapshots %v, want %d", round, cs.reads, reads)
		}
		want, _, err := match.Load(ctx, st, nil)
		if err != nil {
			t.Fatal(err)
		}
		g, _ := got.Screen(ctx, qs, tripline.ScreenOptions{})
		w, _ := want.Screen(ctx, qs, tripline.ScreenOptions{})
		gb, _ := json.Marshal(g)
		wb, _ := json.Marshal(w)
		if string(gb) != string(wb) {
			t.Errorf("%s: the loader screens\n%s\nmatch.Load's index\n%s", round, gb, wb)
		}
	}
	cs1 := &countingStore{Store: st}
	c1 := newEntityCache(cs1)
	c1.dir = dir
	check("first server", c1, cs1, 2)
	cs2 := &countingStore{Store: st}
	c2 := newEntityCache(cs2)
	c2.dir = dir
	check("second server, from the file", c2, cs2, 0)
	storetest.MustImport(t, st, storetest.Dataset("a", "a2", storetest.Entity("a", "1", "ALPHA TRADING COMPANY"), storetest.Entity("a", "3", "GAMMA WORKS")))
	check("second server after a's new snapshot", c2, cs2, 1)
	for env, want := range map[string]string{"off": "", "/x/y": "/x/y"} {
		m.Getenv = func(string) string { return env }
		if got := m.indexDir(); got != want {
			t.Errorf("TRIPLINE_INDEX_DIR=%s: %q, want %q", env, got, want)
		}
	}
}
