package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tripline/tripline"
	"github.com/tripline/tripline/sqlite"
)

// entityCountingStore is a SQLite store that counts the snapshots whose
// entities are read (an index built from the store reads each; one read
// from its file reads none). It keeps every method of the store (the
// book of orders, the importer's), unlike countingStore.
type entityCountingStore struct {
	*sqlite.Store
	reads int
}

func (c *entityCountingStore) EachEntity(ctx context.Context, f tripline.EntityFilter, fn func(*tripline.Entity) error) error {
	c.reads++
	return c.Store.EachEntity(ctx, f, fn)
}

// runCounted runs tripline on db with TRIPLINE_INDEX_DIR=indexEnv and
// returns its output and how many snapshots' entities it read.
func runCounted(t *testing.T, db, indexEnv, stdin string, args ...string) (cliResult, int) {
	t.Helper()
	ctx := context.Background()
	st, err := sqlite.Open(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	cs := &entityCountingStore{Store: st}
	var out, errb bytes.Buffer
	m := &Main{Stdin: strings.NewReader(stdin), Stdout: &out, Stderr: &errb, Getenv: func(k string) string {
		if k == "TRIPLINE_INDEX_DIR" {
			return indexEnv
		}
		return ""
	}}
	m.store = cs
	m.closers = append(m.closers, st.Close)
	code := m.Run(ctx, append([]string{"--db", db}, args...))
	if err := m.Close(); err != nil {
		t.Errorf("Close: %v", err)
	}
	r := cliResult{out.String(), errb.String(), code}
	if r.Code != 0 {
		t.Fatalf("tripline %s: exit %d\nstdout:\n%s\nstderr:\n%s", strings.Join(args, " "), r.Code, r.Stdout, r.Stderr)
	}
	return r, cs.reads
}

// indexFiles lists the index files of dir.
func indexFiles(t *testing.T, dir string) []string {
	t.Helper()
	fs, _ := filepath.Glob(filepath.Join(dir, "*.idx"))
	return fs
}

// TestCheckAndDemoUseTheIndexFile: tripline demo and tripline check read
// the index file of the current snapshots as screen and serve do — the
// first run builds the index from the store and writes the file, the next
// reads the file and no entity — with the same answers as the index built
// from the store with the file turned off (TRIPLINE_INDEX_DIR=off, which
// writes none); TRIPLINE_INDEX_DIR names another directory.
func TestCheckAndDemoUseTheIndexFile(t *testing.T) {
	tmp := t.TempDir()
	db := filepath.Join(tmp, "t.db")
	dir := db + ".index"

	// demo: the screening and the order of its report.
	demoOut := func(r cliResult) string {
		var rep demoReport
		if err := json.Unmarshal([]byte(r.Stdout), &rep); err != nil {
			t.Fatalf("demo --json: %v\n%s", err, r.Stdout)
		}
		if len(rep.Screening) == 0 || rep.Order == nil {
			t.Fatalf("demo --json has no screening or order:\n%s", r.Stdout)
		}
		b, _ := json.Marshal([]any{rep.Screening, rep.Order})
		return string(b)
	}
	r, reads := runCounted(t, db, "off", "", "demo", "--json")
	want := demoOut(r)
	if reads == 0 {
		t.Fatal("demo with TRIPLINE_INDEX_DIR=off read no entity from the store")
	}
	if fs := indexFiles(t, dir); len(fs) != 0 {
		t.Fatalf("TRIPLINE_INDEX_DIR=off wrote %v", fs)
	}
	r, reads = runCounted(t, db, "", "", "demo", "--json")
	if got := demoOut(r); got != want {
		t.Errorf("demo, index built and written:\n%s\nwant (no file)\n%s", got, want)
	}
	if reads == 0 || len(indexFiles(t, dir)) != 1 {
		t.Fatalf("first demo with the file: read %d snapshots, files %v; want the index built and written", reads, indexFiles(t, dir))
	}
	r, reads = runCounted(t, db, "", "", "demo", "--json")
	if got := demoOut(r); got != want {
		t.Errorf("demo, index read from its file:\n%s\nwant (no file)\n%s", got, want)
	}
	if reads != 0 {
		t.Errorf("second demo read %d snapshots from the store, want the index file", reads)
	}

	// check: every decision line of a few orders, demo lists and all.
	orders := strings.Join([]string{
		`{"id":"o1","parties":[{"role":"buyer","name":"Golden Crescent Gen. Trading","country":"AE"}],"items":[{"description":"32-bit microcontroller","part_number":"STM32F765VIT6","quantity":10}],"route":{"origin":"DE","destination":"IR"}}`,
		`{"id":"o2","parties":[{"role":"consignee","name":"Farhad Moradi"},{"role":"buyer","name":"Schmidt Bakery Supplies GmbH","country":"DE"}]}`,
		`{"id":"o3","parties":[{"role":"end_user","name":"Kaveh Sanaat Aria Co."}]}`,
	}, "\n") + "\n"
	args := []string{"check", "--input", "-", "--no-store"}
	r, reads = runCounted(t, db, "off", orders, args...)
	wantCheck := r.Stdout
	if reads == 0 || strings.Count(wantCheck, "\n") != 3 || !strings.Contains(wantCheck, "demo-") {
		t.Fatalf("check without the file: read %d snapshots, output\n%s", reads, wantCheck)
	}
	// demo wrote the index of the demo sources; check screens all
	// sources (the same three here, so the same file) …
	r, reads = runCounted(t, db, "", orders, args...)
	if r.Stdout != wantCheck {
		t.Errorf("check from the file:\n%s\nwant\n%s", r.Stdout, wantCheck)
	}
	if reads != 0 {
		t.Errorf("check read %d snapshots from the store, want the index file", reads)
	}
	// … and with --sources only one of them: another file, built once.
	one := append(args, "--sources", "demo-un-sc")
	r, _ = runCounted(t, db, "off", orders, one...)
	wantOne := r.Stdout
	if _, reads = runCounted(t, db, "", orders, one...); reads != 1 {
		t.Errorf("check --sources demo-un-sc, first run: read %d snapshots, want 1", reads)
	}
	r, reads = runCounted(t, db, "", orders, one...)
	if r.Stdout != wantOne || reads != 0 {
		t.Errorf("check --sources demo-un-sc from the file: read %d snapshots, output\n%s\nwant\n%s", reads, r.Stdout, wantOne)
	}
	if n := len(indexFiles(t, dir)); n != 2 {
		t.Errorf("%d index files, want 2 (all sources, one source)", n)
	}

	// TRIPLINE_INDEX_DIR elsewhere: built and written there, then read.
	other := filepath.Join(tmp, "elsewhere")
	if _, reads = runCounted(t, db, other, orders, args...); reads == 0 || len(indexFiles(t, other)) != 1 {
		t.Errorf("TRIPLINE_INDEX_DIR=%s: read %d snapshots, files %v", other, reads, indexFiles(t, other))
	}
	if r, reads = runCounted(t, db, other, orders, args...); reads != 0 || r.Stdout != wantCheck {
		t.Errorf("TRIPLINE_INDEX_DIR=%s, second run: read %d snapshots, output\n%s", other, reads, r.Stdout)
	}
	if _, err := os.Stat(dir); err != nil {
		t.Fatal(err)
	}
}
