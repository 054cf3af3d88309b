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
	c1.wait()
	cs2 := &countingStore{Store: st}
	c2 := newEntityCache(cs2)
	c2.dir = dir
	check("second server, from the file", c2, cs2, 0)
	storetest.MustImport(t, st, storetest.Dataset("a", "a2", storetest.Entity("a", "1", "ALPHA TRADING COMPANY"), storetest.Entity("a", "3", "GAMMA WORKS")))
	check("second server after a's new snapshot", c2, cs2, 1)
	c2.wait() // the reload's file is written in the background
	for env, want := range map[string]string{"off": "", "/x/y": "/x/y"} {
		m.Getenv = func(string) string { return env }
		if got := m.indexDir(); got != want {
			t.Errorf("TRIPLINE_INDEX_DIR=%s: %q, want %q", env, got, want)
		}
	}
}

// TestIndexFileWrittenInBackground: a load returns the index to serve
// while its file is still being written (held here on the write lock);
// the index screens during the write, the file is there once wait
// returns, and the next server reads it.
func TestIndexFileWrittenInBackground(t *testing.T) {
	ctx := context.Background()
	db := filepath.Join(t.TempDir(), "t.db")
	st, err := sqlite.Open(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	storetest.MustImport(t, st, storetest.Dataset("a", "a1", storetest.Entity("a", "1", "ALPHA TRADING COMPANY"), storetest.Entity("a", "2", "OMEGA MACHINERY")))
	dir := db + ".index"
	files := func() int {
		fs, _ := filepath.Glob(filepath.Join(dir, "*.idx"))
		return len(fs)
	}
	c := newEntityCache(st)
	c.dir = dir
	c.writeMu.Lock() // the write cannot start
	sc, snaps, err := c.load(ctx)
	if err != nil || len(snaps) != 1 {
		t.Fatalf("%v %v", snaps, err)
	}
	if n := files(); n != 0 {
		t.Fatalf("%d index files before the write could run", n)
	}
	qs := []tripline.Query{{ID: "1", Name: "Alpha Trading Co"}}
	want, err := sc.Screen(ctx, qs, tripline.ScreenOptions{})
	if err != nil || len(want[0].Matches) == 0 {
		t.Fatalf("%+v %v", want, err)
	}
	c.writeMu.Unlock()
	for i := 0; i < 50; i++ { // screening while the file is written (-race)
		if got, _ := sc.Screen(ctx, qs, tripline.ScreenOptions{}); got[0].Matches[0].ID != want[0].Matches[0].ID {
			t.Fatalf("screened %+v during the write", got)
		}
	}
	c.wait()
	if n := files(); n != 1 {
		t.Fatalf("%d index files after wait, want 1", n)
	}
	cs := &countingStore{Store: st}
	c2 := newEntityCache(cs)
	c2.dir = dir
	got, _, err := c2.load(ctx)
	if err != nil || len(cs.reads) != 0 {
		t.Fatalf("next server read snapshots %v (%v), want the file", cs.reads, err)
	}
	g, _ := got.Screen(ctx, qs, tripline.ScreenOptions{})
	gb, _ := json.Marshal(g)
	wb, _ := json.Marshal(want)
	if string(gb) != string(wb) {
		t.Errorf("from the file\n%s\nbuilt\n%s", gb, wb)
	}
}
