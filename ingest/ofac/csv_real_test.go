package ofac

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/tripline/tripline"
	"github.com/tripline/tripline/ingest/fileutil"
	"github.com/tripline/tripline/ingest/internal/readertest"
)

func sdnFiles(tb testing.TB) []string {
	return readertest.SharedFiles(tb, "data/lists/ofac_sdn", "add.csv", "alt.csv", "sdn.csv", "sdn_comments.csv")
}

// TestReadSDNReal checks the SDN set against the counts in PROVENANCE.txt.
func TestReadSDNReal(t *testing.T) {
	ds, st, err := readCSV(context.Background(), sdnFiles(t), fileutil.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if ds.Source != SourceSDN {
		t.Errorf("source = %q, want %q", ds.Source, SourceSDN)
	}
	if len(ds.Entities) != 16989 {
		t.Errorf("entities = %d, want 16989", len(ds.Entities))
	}
	bySchema := map[tripline.Schema]int{}
	aliases, weak := 0, 0
	addrs := 0
	for _, e := range ds.Entities {
		bySchema[e.Schema]++
		for _, n := range e.Names {
			switch n.Kind {
			case tripline.NameAlias:
				aliases++
			case tripline.NameWeak:
				weak++
			}
		}
		addrs += len(e.Addresses)
	}
	want := map[tripline.Schema]int{
		tripline.SchemaOrganization: 8334,
		tripline.SchemaPerson:       7295,
		tripline.SchemaVessel:       986,
		tripline.SchemaAirplane:     374,
	}
	for s, n := range want {
		if bySchema[s] != n {
			t.Errorf("%s = %d, want %d", s, bySchema[s], n)
		}
	}
	if st.rows[roleAddress] != 22641 {
		t.Errorf("address rows = %d, want 22641", st.rows[roleAddress])
	}
	if addrs+st.emptyAddrs != 22641 {
		t.Errorf("addresses kept %d + empty rows %d != 22641", addrs, st.emptyAddrs)
	}
	if st.rows[roleAlias] != 19486 || aliases != 19486 {
		t.Errorf("alias rows = %d, alias names = %d, want 19486", st.rows[roleAlias], aliases)
	}
	if st.rows[roleComment] != 21 {
		t.Errorf("comment rows = %d, want 21", st.rows[roleComment])
	}
	if len(ds.Warnings) != 0 {
		t.Errorf("warnings: %q", ds.Warnings[:min(5, len(ds.Warnings))])
	}
	// Remarks facts, counted independently from the raw files: 2,416
	// entries have a quoted weak alias (the primer's 2,373 counts sdn.csv
	// lines with "a.k.a. '" only; the rest are f.k.a./n.k.a. or sit in the
	// sdn_comments.csv overflow) and 6,470 have "Linked To:" (6,465 in
	// sdn.csv, 5 more in the overflow).
	weakRows, linkRows := 0, 0
	for _, e := range ds.Entities {
		for _, n := range e.Names {
			if n.Kind == tripline.NameWeak {
				weakRows++
				break
			}
		}
		if len(e.Links) > 0 {
			linkRows++
		}
	}
	if weakRows != 2416 || linkRows != 6470 {
		t.Errorf("entries with weak aliases = %d (want 2416), with links = %d (want 6470)", weakRows, linkRows)
	}
	// Of the 7,036 links, 7,025 name exactly one entry's primary name; the
	// other 11 name two entries each ("ZHANG, Jian", "MINISTRY OF STATE
	// SECURITY") or none (PUBLIC JOINT STOCK COMPANY GAZPROM and OPEN
	// JOINT-STOCK COMPANY ROSNEFT OIL COMPANY are on the non-SDN list;
	// PRESIDENCY OF DEFENSE INDUSTRIES is not a primary name).
	links, resolved := 0, 0
	for _, e := range ds.Entities {
		for _, l := range e.Links {
			links++
			if l.TargetID != "" {
				resolved++
			}
		}
	}
	if links != 7036 || resolved != 7025 {
		t.Errorf("links = %d (want 7036), resolved to ids = %d (want 7025)", links, resolved)
	}
	t.Logf("weak aliases %d, addresses %d (+%d all-null rows)", weak, addrs, st.emptyAddrs)
}

// TestReadConsReal checks the non-SDN consolidated set (PROVENANCE: 442
// entries, 574 address rows, 1,073 alias rows, 10 comment rows).
func TestReadConsReal(t *testing.T) {
	files := readertest.SharedFiles(t, "data/lists/ofac_cons", "cons_add.csv", "cons_alt.csv", "cons_comments.csv", "cons_prim.csv")
	ds, st, err := readCSV(context.Background(), files, fileutil.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if ds.Source != SourceCons {
		t.Errorf("source = %q, want %q", ds.Source, SourceCons)
	}
	if len(ds.Entities) != 442 {
		t.Errorf("entities = %d, want 442", len(ds.Entities))
	}
	if st.rows[roleAddress] != 574 || st.rows[roleAlias] != 1073 || st.rows[roleComment] != 10 {
		t.Errorf("rows: address %d (want 574), alias %d (want 1073), comments %d (want 10)",
			st.rows[roleAddress], st.rows[roleAlias], st.rows[roleComment])
	}
	progs := map[string]int{}
	for _, e := range ds.Entities {
		if e.ID != "ofac-cons:"+e.SourceID {
			t.Fatalf("id %q does not follow ofac-cons:<ent_num>", e.ID)
		}
		for _, p := range e.Programs {
			progs[p]++
		}
	}
	// PROVENANCE: UKRAINE-EO13662 286, RUSSIA-EO14024 93, NS-PLC 78, CMIC-EO13959 68.
	for p, n := range map[string]int{"UKRAINE-EO13662": 286, "RUSSIA-EO14024": 93, "NS-PLC": 78, "CMIC-EO13959": 68} {
		if progs[p] != n {
			t.Errorf("programme %s: %d entries, want %d", p, progs[p], n)
		}
	}
	if len(ds.Warnings) != 0 {
		t.Errorf("warnings: %q", ds.Warnings)
	}
}

// TestReadSDNSnapshotAlone reads the 2024-07-02 sdn.csv, which comes
// without add/alt/comments files, as ofac-sdn (PROVENANCE: 15,443 entries,
// highest ent_num 49711).
func TestReadSDNSnapshotAlone(t *testing.T) {
	files := readertest.SharedFiles(t, "data/snapshots/ofac_sdn-2024-07-02", "sdn.csv")
	ds, err := ReadCSV(context.Background(), files, fileutil.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if ds.Source != SourceSDN {
		t.Errorf("source = %q, want %q", ds.Source, SourceSDN)
	}
	if len(ds.Entities) != 15443 {
		t.Errorf("entities = %d, want 15443", len(ds.Entities))
	}
	max := 0
	for _, e := range ds.Entities {
		var n int
		fmt.Sscan(e.SourceID, &n)
		if n > max {
			max = n
		}
	}
	if max != 49711 {
		t.Errorf("highest ent_num = %d, want 49711", max)
	}
}

// TestSDNDeltaReal checks the real delta 2024-07-02 -> 2025-01 that the
// domain primer records: 1,577 ent_nums added and 31 removed.
func TestSDNDeltaReal(t *testing.T) {
	old, err := ReadCSV(context.Background(), readertest.SharedFiles(t, "data/snapshots/ofac_sdn-2024-07-02", "sdn.csv"), fileutil.Options{})
	if err != nil {
		t.Fatal(err)
	}
	cur, err := ReadCSV(context.Background(), sdnFiles(t), fileutil.Options{})
	if err != nil {
		t.Fatal(err)
	}
	was := map[string]bool{}
	for _, e := range old.Entities {
		was[e.ID] = true
	}
	added := 0
	for _, e := range cur.Entities {
		if !was[e.ID] {
			added++
		}
		delete(was, e.ID)
	}
	if added != 1577 || len(was) != 31 {
		t.Errorf("added %d (want 1577), removed %d (want 31)", added, len(was))
	}
}

// TestReadSDNRealTruncated cuts the real sdn.csv in the middle and expects
// a parse error naming the file and the line where the cut row starts.
func TestReadSDNRealTruncated(t *testing.T) {
	files := sdnFiles(t)
	data, err := os.ReadFile(files[2])
	if err != nil {
		t.Fatal(err)
	}
	cut := len(data) / 2
	wantLine := bytes.Count(data[:bytes.LastIndexByte(data[:cut], '\n')+1], []byte{'\n'}) + 1
	dir := t.TempDir()
	p := filepath.Join(dir, "sdn.csv")
	readertest.WriteFile(t, p, data[:cut])
	_, err = ReadCSV(context.Background(), []string{files[0], files[1], p, files[3]}, fileutil.Options{})
	pe := tripline.ParseErrorOf(err)
	if pe == nil || pe.File != p || pe.Line != wantLine {
		t.Fatalf("err = %v; want a parse error at %s:%d", err, p, wantLine)
	}
	t.Logf("truncated real file: %v", err)
}

// BenchmarkReadSDN reads the real SDN set (sdn, add, alt, comments: 7.2 MB).
func BenchmarkReadSDN(b *testing.B) {
	files := sdnFiles(b)
	b.ReportAllocs()
	for b.Loop() {
		ds, err := ReadCSV(context.Background(), files, fileutil.Options{})
		if err != nil {
			b.Fatal(err)
		}
		if len(ds.Entities) != 16989 {
			b.Fatalf("entities = %d", len(ds.Entities))
		}
	}
}
