package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"io"
	"maps"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/tripline/tripline"
	"github.com/tripline/tripline/delta"
	"github.com/tripline/tripline/ingest"
	"github.com/tripline/tripline/ingest/ftm"
	"github.com/tripline/tripline/ingest/official"
)

// cliResult is the outcome of one CLI run.
type cliResult struct {
	Stdout, Stderr string
	Code           int
}

// runCLI runs tripline with a temporary database db and args.
func runCLI(t *testing.T, db string, args ...string) cliResult {
	t.Helper()
	var out, errb bytes.Buffer
	m := &Main{Stdin: strings.NewReader(""), Stdout: &out, Stderr: &errb, Getenv: func(string) string { return "" }}
	code := m.Run(context.Background(), append([]string{"--db", db}, args...))
	if err := m.Close(); err != nil {
		t.Errorf("Close: %v", err)
	}
	return cliResult{out.String(), errb.String(), code}
}

// mustCLI runs tripline and fails the test unless it exits 0.
func mustCLI(t *testing.T, db string, args ...string) cliResult {
	t.Helper()
	r := runCLI(t, db, args...)
	if r.Code != 0 {
		t.Fatalf("tripline %s: exit %d\nstdout:\n%s\nstderr:\n%s", strings.Join(args, " "), r.Code, r.Stdout, r.Stderr)
	}
	return r
}

// sharedData returns ../shared/data from the repository root, or skips.
func sharedData(t *testing.T, rel ...string) string {
	t.Helper()
	p := filepath.Join(append([]string{"..", "..", "..", "shared", "data"}, rel...)...)
	if _, err := os.Stat(p); err != nil {
		t.Skipf("real list data not available at %s (the shared data folder sits next to the repository): %v", p, err)
	}
	return p
}

// hasReader reports whether some registered format reads path.
func hasReader(path string) bool {
	jobs, _, err := ingest.Plan([]string{path}, "")
	return err == nil && len(jobs) > 0
}

func sourcesJSON(t *testing.T, db string) map[string]sourceRow {
	t.Helper()
	r := mustCLI(t, db, "sources", "--json")
	var rows []sourceRow
	if err := json.Unmarshal([]byte(r.Stdout), &rows); err != nil {
		t.Fatalf("sources --json: %v\n%s", err, r.Stdout)
	}
	out := map[string]sourceRow{}
	for _, row := range rows {
		out[row.Source] = row
	}
	return out
}

// entNums returns the ent_num column of an OFAC sdn.csv.
func entNums(t *testing.T, path string) map[string]bool {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r := csv.NewReader(bufio.NewReader(f))
	r.FieldsPerRecord = -1
	r.LazyQuotes = true
	out := map[string]bool{}
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		if len(rec) < 2 { // the trailing 0x1A end-of-file marker
			continue
		}
		out[strings.TrimSpace(rec[0])] = true
	}
	return out
}

// changedRows returns the ids of the rows of two OFAC sdn.csv files that
// have the same ent_num and different text.
func changedRows(t *testing.T, oldPath, newPath string) map[string]bool {
	t.Helper()
	rows := func(path string) map[string]string {
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		r := csv.NewReader(bytes.NewReader(data))
		r.FieldsPerRecord = -1
		r.LazyQuotes = true
		out := map[string]string{}
		for {
			rec, err := r.Read()
			if err == io.EOF {
				break
			}
			if err != nil {
				t.Fatalf("%s: %v", path, err)
			}
			if len(rec) > 1 {
				out[strings.TrimSpace(rec[0])] = strings.Join(rec, "\x00")
			}
		}
		return out
	}
	o, n := rows(oldPath), rows(newPath)
	out := map[string]bool{}
	for id, row := range o {
		if nr, ok := n[id]; ok && nr != row {
			out["ofac-sdn:"+id] = true
		}
	}
	return out
}

func TestDiffRealOFACSDN(t *testing.T) {
	oldFile := sharedData(t, "snapshots", "ofac_sdn-2024-07-02", "sdn.csv")
	newDir := sharedData(t, "lists", "ofac_sdn")
	if !hasReader(oldFile) {
		t.Skip("no OFAC CSV reader registered in ingest yet")
	}
	oldIDs, newIDs := entNums(t, oldFile), entNums(t, filepath.Join(newDir, "sdn.csv"))
	var wantAdded, wantRemoved []string
	for n := range newIDs {
		if !oldIDs[n] {
			wantAdded = append(wantAdded, "ofac-sdn:"+n)
		}
	}
	for n := range oldIDs {
		if !newIDs[n] {
			wantRemoved = append(wantRemoved, "ofac-sdn:"+n)
		}
	}
	slices.Sort(wantAdded)
	slices.Sort(wantRemoved)
	if len(wantAdded) != 1577 || len(wantRemoved) != 31 {
		t.Fatalf("the real files changed: ent_num set difference is +%d -%d, design.md says +1577 -31", len(wantAdded), len(wantRemoved))
	}

	db := filepath.Join(t.TempDir(), "t.db")
	mustCLI(t, db, "import", oldFile)
	mustCLI(t, db, "import", newDir)
	r := mustCLI(t, db, "diff", "ofac-sdn", "--json")
	var d diffReport
	if err := json.Unmarshal([]byte(r.Stdout), &d); err != nil {
		t.Fatalf("diff --json: %v\n%s", err, r.Stdout)
	}
	if !slices.Equal(d.Added, wantAdded) {
		t.Errorf("added: %d ids, want %d (the ent_nums only in the new file)", len(d.Added), len(wantAdded))
	}
	if !slices.Equal(d.Removed, wantRemoved) {
		t.Errorf("removed: %v, want %v", d.Removed, wantRemoved)
	}
	if d.Counts.Added != 1577 || d.Counts.Removed != 31 || d.From == 0 || d.To <= d.From {
		t.Errorf("counts %+v from %d to %d", d.Counts, d.From, d.To)
	}
	if !strings.Contains(d.Note, "alt.csv") {
		t.Errorf("diff of sdn.csv against a full CSV set has no note: %q", d.Note)
	}
	if d.Counts.Changed == 0 || d.Counts.ChangedMaterial > d.Counts.Changed {
		t.Errorf("changed counts %+v: want some changes, material ones a subset", d.Counts)
	}
	t.Logf("ofac-sdn 2024-07-02 -> 2025-01: %+v", d.Counts)

	// --material lists only material changes but keeps the counts.
	r = mustCLI(t, db, "diff", "--material", "--json", "ofac-sdn")
	var dm diffReport
	if err := json.Unmarshal([]byte(r.Stdout), &dm); err != nil {
		t.Fatal(err)
	}
	if len(dm.Changed) != d.Counts.ChangedMaterial || dm.Counts != d.Counts {
		t.Errorf("--material: %d changes listed, counts %+v; want %d", len(dm.Changed), dm.Counts, d.Counts.ChangedMaterial)
	}
	// The text form names the counts.
	r = mustCLI(t, db, "diff", "ofac-sdn")
	if !strings.Contains(r.Stdout, "1577 added, 31 removed") {
		t.Errorf("diff text output lacks the counts:\n%.300s", r.Stdout)
	}
	// Like against like: the old sdn.csv has no add/alt companions, so
	// compare it with the new sdn.csv alone. domain.md §8: 3,917 changed,
	// 3,837 of them only in the remarks ("Secondary sanctions risk:").
	mustCLI(t, db, "import", filepath.Join(newDir, "sdn.csv"))
	r = mustCLI(t, db, "diff", "--json", "--from", "1", "--to", "3", "ofac-sdn")
	var dl diffReport
	if err := json.Unmarshal([]byte(r.Stdout), &dl); err != nil {
		t.Fatal(err)
	}
	if dl.Note != "" {
		t.Errorf("like-for-like diff has a note: %q", dl.Note)
	}
	c := dl.Counts
	if c.Added != 1577 || c.Removed != 31 || c.ChangedMaterial > 100 || c.ChangedMaterial == 0 {
		t.Errorf("sdn.csv 2024-07 -> 2025-01: %+v; want 1577 added, 31 removed, about 80 material changes", c)
	}
	// Every row whose text changed is a change; the only other changes
	// allowed are links whose "Linked To:" name now resolves differently
	// (the resolution depends on the rest of the list).
	rawChanged := changedRows(t, oldFile, filepath.Join(newDir, "sdn.csv"))
	if len(rawChanged) != 3917 {
		t.Fatalf("the real files changed: %d rows differ, domain.md says 3,917", len(rawChanged))
	}
	for _, ch := range dl.Changed {
		if !rawChanged[ch.ID] && !slices.Equal(ch.Fields, []string{"links"}) {
			t.Errorf("%s changed in %v but its row is identical", ch.ID, ch.Fields)
		}
		delete(rawChanged, ch.ID)
	}
	if len(rawChanged) > 0 {
		t.Errorf("%d rows changed without a reported change, e.g. %v", len(rawChanged), slices.Collect(maps.Keys(rawChanged))[:1])
	}
	t.Logf("sdn.csv alone 2024-07-02 -> 2025-01: %+v", c)
	// A removed entity stays readable in the old snapshot.
	id := wantRemoved[0]
	if r := runCLI(t, db, "show", id); r.Code != 1 || !strings.Contains(r.Stderr, "--snapshot 1 "+id) {
		t.Errorf("show %s (delisted): exit %d, want 1 and a pointer to snapshot 1: %s", id, r.Code, r.Stderr)
	}
	mustCLI(t, db, "show", "--snapshot", "1", id)
}

// copyFile copies src to dst, keeping only the first n bytes when n >= 0.
func copyFile(t testing.TB, src, dst string, n int) {
	t.Helper()
	data, err := os.ReadFile(src)
	if err != nil {
		t.Fatal(err)
	}
	if n >= 0 {
		data = data[:n]
	}
	if err := os.WriteFile(dst, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestImportTruncatedKeepsSnapshot is the end-to-end path of import's
// failures (the logic is tested in package ingest): a file cut mid-row is
// reported with file and line and audited with its absolute path; a file
// cut at a row boundary is refused by the shrink guard, saying how to
// override; the override needs a reason and shows in the audit trail.
func TestImportTruncatedKeepsSnapshot(t *testing.T) {
	src := sharedData(t, "lists", "us_bis_dpl", "dpl.txt")
	dir := t.TempDir()
	db := filepath.Join(dir, "t.db")
	good := filepath.Join(dir, "good", "dpl.txt")
	bad := filepath.Join(dir, "bad", "dpl.txt")
	os.MkdirAll(filepath.Dir(good), 0o755)
	os.MkdirAll(filepath.Dir(bad), 0o755)
	copyFile(t, src, good, -1)
	copyFile(t, src, bad, 85000) // cuts a row in half

	mustCLI(t, db, "import", good)
	before := sourcesJSON(t, db)["us-bis-dpl"]
	if before.EntityCount != 665 || before.Official != true || before.Title == "" {
		t.Fatalf("good import: %+v", before)
	}
	r := runCLI(t, db, "import", bad)
	if r.Code != 1 || !strings.Contains(r.Stdout, bad+":") {
		t.Errorf("truncated import: exit %d, want 1 and the file and line named\n%s%s", r.Code, r.Stdout, r.Stderr)
	}
	if after := sourcesJSON(t, db)["us-bis-dpl"]; after.SnapshotID != before.SnapshotID {
		t.Errorf("after a failed import the source is %+v, want %+v", after, before)
	}
	var recs []tripline.ImportRecord
	if err := json.Unmarshal([]byte(mustCLI(t, db, "imports", "--json").Stdout), &recs); err != nil {
		t.Fatal(err)
	}
	abs, _ := filepath.Abs(bad)
	if len(recs) != 2 || recs[0].Result != "rejected" || !strings.Contains(recs[0].Error, "dpl.txt:") || recs[1].Result != "created" ||
		!slices.Equal(recs[0].Files, []string{abs}) || len(recs[1].FileHashes) != 1 || recs[1].Actor == "" {
		t.Errorf("imports --json = %+v, want rejected (absolute path) then created (with its SHA-256 and the OS user)", recs)
	}
	// A file cut at a row boundary parses, but is refused by the history.
	data, err := os.ReadFile(src)
	if err != nil {
		t.Fatal(err)
	}
	lines := bytes.SplitAfter(data, []byte("\n"))
	short := filepath.Join(dir, "short", "dpl.txt")
	os.MkdirAll(filepath.Dir(short), 0o755)
	os.WriteFile(short, bytes.Join(lines[:101], nil), 0o644)
	r = runCLI(t, db, "import", short)
	if r.Code != 1 || !strings.Contains(r.Stdout, "fewer than the 665 of snapshot") || !strings.Contains(r.Stdout, "--allow-shrink --reason TEXT") {
		t.Errorf("short file: exit %d\n%s", r.Code, r.Stdout)
	}
	if r := runCLI(t, db, "import", "--allow-shrink", short); r.Code != 1 || !strings.Contains(r.Stderr, "needs a reason") {
		t.Errorf("--allow-shrink without --reason: exit %d %s", r.Code, r.Stderr)
	}
	r = mustCLI(t, db, "import", "--allow-shrink", "--reason", "BIS removed most orders", short)
	if !strings.Contains(r.Stdout, "new (overrode shrink)") {
		t.Errorf("override: %s", r.Stdout)
	}
	if r := mustCLI(t, db, "imports", "--limit", "1"); !strings.Contains(r.Stdout, "created (overrode shrink: BIS removed most orders)") {
		t.Errorf("imports does not show the override:\n%s", r.Stdout)
	}
	mustCLI(t, db, "import", good) // growing back needs no flag
	// Both files in one run: the good one is imported, the bad one fails.
	r = runCLI(t, db, "import", filepath.Join(dir, "good"), filepath.Join(dir, "bad"))
	if r.Code != 1 || !strings.Contains(r.Stdout, "1 imported, 1 failed") {
		t.Errorf("mixed run: exit %d\n%s", r.Code, r.Stdout)
	}
	if r := runCLI(t, db, "import", "--source", "../x", good); r.Code != 1 || !strings.Contains(r.Stderr, "source id \"../x\" is not valid") {
		t.Errorf("--source ../x: exit %d %s", r.Code, r.Stderr)
	}
}

func TestShowAndUsage(t *testing.T) {
	src := sharedData(t, "lists", "us_bis_dpl", "dpl.txt")
	if !hasReader(src) {
		t.Skip("no BIS DPL reader registered in ingest yet")
	}
	db := filepath.Join(t.TempDir(), "t.db")
	r := mustCLI(t, db, "import", "--json", src)
	var rep ingest.Report
	if err := json.Unmarshal([]byte(r.Stdout), &rep); err != nil {
		t.Fatal(err)
	}
	// Pick an id through the store, then show it both ways.
	m := &Main{Getenv: func(string) string { return "" }, DBPath: db}
	store, err := m.openStore(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	snaps, err := store.CurrentSnapshots(context.Background())
	if err != nil || len(snaps) != 1 {
		t.Fatalf("CurrentSnapshots: %v %v", snaps, err)
	}
	es, err := loadSnapshot(context.Background(), store, snaps[0].ID)
	m.Close()
	if err != nil || len(es) != 665 {
		t.Fatalf("loadSnapshot: %d, %v", len(es), err)
	}
	id := es[0].ID
	r = mustCLI(t, db, "show", id)
	if !strings.Contains(r.Stdout, es[0].Caption()) || !strings.Contains(r.Stdout, id) {
		t.Errorf("show %s:\n%s", id, r.Stdout)
	}
	r = mustCLI(t, db, "show", id, "--json")
	if !strings.Contains(r.Stdout, `"id": "`+id+`"`) {
		t.Errorf("show --json:\n%s", r.Stdout)
	}
	if r := runCLI(t, db, "show", "us-bis-dpl:no-such-id"); r.Code != 1 || !strings.Contains(r.Stderr, "no entity") {
		t.Errorf("show unknown: exit %d, stderr %q", r.Code, r.Stderr)
	}
	if r := runCLI(t, db, "diff", "us-bis-dpl"); r.Code != 1 || !strings.Contains(r.Stderr, "no snapshot before") {
		t.Errorf("diff with one snapshot: exit %d, stderr %q", r.Code, r.Stderr)
	}
	if r := runCLI(t, db, "show"); r.Code != 2 {
		t.Errorf("show without id: exit %d, want 2", r.Code)
	}
	for _, cmd := range []string{"import", "sources", "show", "diff", "lists", "imports", "demo", "export", "prune"} {
		r := runCLI(t, db, cmd, "--help")
		if r.Code != 0 || !strings.Contains(r.Stderr, "Examples:") {
			t.Errorf("%s --help: exit %d, no examples:\n%s", cmd, r.Code, r.Stderr)
		}
	}
}

// listServer serves files from the shared lists as BASE/SOURCE/FILE.
type listServer struct {
	files    map[string]string // URL path -> local file
	truncate atomic.Bool       // serve half of every file with 200 OK
	html     atomic.Bool       // answer with a web page
}

func (s *listServer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if s.html.Load() {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		io.WriteString(w, "<html><body>moved</body></html>")
		return
	}
	path, ok := s.files[r.URL.Path]
	if !ok {
		http.NotFound(w, r)
		return
	}
	data, err := os.ReadFile(path)
	if err != nil {
		http.Error(w, err.Error(), 500)
		return
	}
	if s.truncate.Load() {
		data = data[:len(data)/2]
	}
	w.Header().Set("Content-Type", "application/octet-stream")
	w.Write(data)
}

func TestListsUpdateFromLocalServer(t *testing.T) {
	dpl := sharedData(t, "lists", "us_bis_dpl", "dpl.txt")
	if !hasReader(dpl) {
		t.Skip("no BIS DPL reader registered in ingest yet")
	}
	ls := &listServer{files: map[string]string{"/us-bis-dpl/dpl.txt": dpl}}
	srv := httptest.NewServer(ls)
	defer srv.Close()
	dir := t.TempDir()
	db := filepath.Join(dir, "t.db")
	keep := filepath.Join(dir, "lists")

	// us-csl is not served: it fails, us-bis-dpl is still imported.
	r := runCLI(t, db, "lists", "update", "--only", "us-bis-dpl,us-csl", "--base-url", srv.URL, "--dir", keep, "--json")
	if r.Code != 1 {
		t.Fatalf("update with a missing file: exit %d, want 1\n%s%s", r.Code, r.Stdout, r.Stderr)
	}
	var res []ingest.UpdateResult
	if err := json.Unmarshal([]byte(r.Stdout), &res); err != nil {
		t.Fatalf("lists update --json: %v\n%s", err, r.Stdout)
	}
	if len(res) != 2 || res[0].Error != "" || res[0].Import == nil || !res[0].Import.Created || res[0].Import.Entities != 665 {
		t.Fatalf("us-bis-dpl result: %+v", res)
	}
	if !strings.Contains(res[1].Error, "404") {
		t.Errorf("us-csl error %q, want the 404 named", res[1].Error)
	}
	if _, err := os.Stat(filepath.Join(keep, "us-bis-dpl", "dpl.txt")); err != nil {
		t.Errorf("--dir did not keep the download: %v", err)
	}
	before := sourcesJSON(t, db)["us-bis-dpl"]

	// Same publication again: unchanged.
	r = mustCLI(t, db, "lists", "update", "--only", "us-bis-dpl", "--base-url", srv.URL)
	if !strings.Contains(r.Stdout, "unchanged") {
		t.Errorf("second update: %s", r.Stdout)
	}
	// A broken download or a web page never replaces the good snapshot.
	ls.truncate.Store(true)
	if r := runCLI(t, db, "lists", "update", "--only", "us-bis-dpl", "--base-url", srv.URL); r.Code != 1 {
		t.Errorf("truncated download: exit %d, want 1\n%s", r.Code, r.Stdout)
	}
	ls.truncate.Store(false)
	ls.html.Store(true)
	r = runCLI(t, db, "lists", "update", "--only", "us-bis-dpl", "--base-url", srv.URL)
	if r.Code != 1 || !strings.Contains(r.Stdout, "web page") {
		t.Errorf("html answer: exit %d\n%s", r.Code, r.Stdout)
	}
	if after := sourcesJSON(t, db)["us-bis-dpl"]; after.SnapshotID != before.SnapshotID {
		t.Errorf("after failed updates the source is %+v, want %+v", after, before)
	}
	// Bad flags.
	if r := runCLI(t, db, "lists", "update", "--only", "nope"); r.Code != 1 || !strings.Contains(r.Stderr, "unknown source") {
		t.Errorf("--only nope: exit %d %s", r.Code, r.Stderr)
	}
	if r := runCLI(t, db, "lists", "update", "--base-url", "ftp://x"); r.Code != 1 {
		t.Errorf("--base-url ftp: exit %d", r.Code)
	}
}

func TestListsURLs(t *testing.T) {
	r := mustCLI(t, filepath.Join(t.TempDir(), "t.db"), "lists", "urls", "--json")
	var got []official.Source
	if err := json.Unmarshal([]byte(r.Stdout), &got); err != nil {
		t.Fatal(err)
	}
	if len(got) != len(ingest.OfficialSources()) {
		t.Errorf("%d sources, the registry has %d", len(got), len(ingest.OfficialSources()))
	}
	r = mustCLI(t, filepath.Join(t.TempDir(), "t.db"), "lists", "urls")
	for _, want := range []string{"ofac-csv", "https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/SDN.CSV", "au-dfat"} {
		if !strings.Contains(r.Stdout, want) {
			t.Errorf("lists urls lacks %q:\n%s", want, r.Stdout)
		}
	}
}

func TestDemoLoadsBundledLists(t *testing.T) {
	db := filepath.Join(t.TempDir(), "new", "t.db")
	r := mustCLI(t, db, "demo")
	if !strings.Contains(r.Stdout, "demo-ofac-sdn") || !strings.Contains(r.Stdout, "fictional") {
		t.Errorf("demo output:\n%s", r.Stdout)
	}
	got := sourcesJSON(t, db)
	for src, want := range map[string]int{"demo-ofac-sdn": 25, "demo-eu-fsf": 14, "demo-un-sc": 10} {
		if got[src].EntityCount != want {
			t.Errorf("%s: %d entities, want %d", src, got[src].EntityCount, want)
		}
	}
	if len(got) != 3 {
		t.Errorf("sources after demo: %v", got)
	}
	r = mustCLI(t, db, "demo", "--json")
	var rep demoReport
	if err := json.Unmarshal([]byte(r.Stdout), &rep); err != nil {
		t.Fatal(err)
	}
	for _, imp := range rep.Imports {
		if imp.Created {
			t.Errorf("second demo run created a snapshot of %s", imp.Source)
		}
	}
	// The demo screens its sample parties: every listed one is found, the
	// lawful company is not; the demo order is high risk with its buyer hit.
	if len(rep.Screening) != len(demoQueries) {
		t.Fatalf("demo screened %d parties, want %d", len(rep.Screening), len(demoQueries))
	}
	for i, res := range rep.Screening {
		lawful := i == len(rep.Screening)-1
		if lawful != (len(res.Matches) == 0) {
			t.Errorf("demo query %q: matches %+v", res.ID, res.Matches)
		}
	}
	if rep.Order == nil || rep.Order.Risk != tripline.RiskHigh || len(rep.Order.PartyHits) == 0 {
		t.Errorf("demo order: %+v", rep.Order)
	}
	r = mustCLI(t, db, "show", "demo-ofac-sdn:90005")
	if !strings.Contains(r.Stdout, "K48213977") {
		t.Errorf("show demo-ofac-sdn:90005:\n%s", r.Stdout)
	}
	// The SDN update gives a delta; the second run added no snapshot.
	r = mustCLI(t, db, "diff", "demo-ofac-sdn")
	if !strings.Contains(r.Stdout, "1 added, 1 removed, 3 changed (2 material)") {
		t.Errorf("diff demo-ofac-sdn:\n%s", r.Stdout)
	}
	if got := sourcesJSON(t, db)["demo-ofac-sdn"].Snapshots; got != 2 {
		t.Errorf("demo-ofac-sdn has %d snapshots after two demo runs, want 2", got)
	}
}

func TestImportProgressOnTerminal(t *testing.T) {
	src := sharedData(t, "lists", "eu_fsf", "eu_csl.csv")
	if !hasReader(src) {
		t.Skip("no EU FSF reader registered in ingest yet")
	}
	var out, errb bytes.Buffer
	m := &Main{Stdout: &out, Stderr: &errb, Getenv: func(string) string { return "" }, IsTerminal: true}
	code := m.Run(context.Background(), []string{"--db", filepath.Join(t.TempDir(), "t.db"), "import", src})
	m.Close()
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	if !strings.Contains(errb.String(), "reading eu-fsf-csv") || !strings.Contains(errb.String(), "100% of 18.3 MB") {
		t.Errorf("no progress display on stderr: %q", errb.String())
	}
	if strings.Contains(out.String(), "reading") {
		t.Errorf("progress leaked to stdout: %q", out.String())
	}
}

// tripID is the Tripline id of an FtM id of the export ("demo-ofac-sdn.7"
// is "demo-ofac-sdn:7"), or the id itself.
func tripID(id string) string {
	if d, ok := ftm.DecodeID(id); ok {
		return d
	}
	return id
}

func TestExportFtMRoundTrip(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "t.db")
	mustCLI(t, db, "demo")
	out := filepath.Join(dir, "demo.ftm.json")
	r := mustCLI(t, db, "export", "--format", "ftm", "--out", out)
	if !strings.Contains(r.Stderr, "exported 49 entities") {
		t.Errorf("export: %q", r.Stderr)
	}
	// Stdout and --out give the same bytes.
	r = mustCLI(t, db, "export", "--format", "ftm")
	if data, _ := os.ReadFile(out); string(data) != r.Stdout {
		t.Errorf("--out and stdout differ")
	}
	// Read back (as the FtM source "os") and compare entity by entity. The
	// FtM mapping documents what it does not carry: alias qualifiers other
	// than fka (read back as "aka"), name languages and the name a part
	// belongs to; it adds a "datasets" property.
	mustCLI(t, db, "import", out)
	m := &Main{Getenv: func(string) string { return "" }, DBPath: db}
	defer m.Close()
	store, err := m.openStore(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	norm := func(e *tripline.Entity) {
		for i := range e.Names {
			if e.Names[i].Qualifier != "fka" {
				e.Names[i].Qualifier = ""
			}
			e.Names[i].Lang, e.Names[i].Parts = "", nil
		}
		for i := range e.Links {
			e.Links[i].TargetID = tripID(strings.TrimPrefix(e.Links[i].TargetID, "os:"))
		}
		delete(e.Properties, "datasets")
	}
	back := map[string]*tripline.Entity{}
	if err := store.EachEntity(context.Background(), tripline.EntityFilter{Sources: []string{"os"}}, func(e *tripline.Entity) error {
		back[tripID(strings.TrimPrefix(e.ID, "os:"))] = e
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	n := 0
	err = store.EachEntity(context.Background(), tripline.EntityFilter{Sources: []string{"demo-ofac-sdn", "demo-eu-fsf", "demo-un-sc"}}, func(e *tripline.Entity) error {
		n++
		b, ok := back[e.ID]
		if !ok {
			t.Errorf("%s did not come back", e.ID)
			return nil
		}
		b.ID, b.Source, b.SourceID = e.ID, e.Source, e.SourceID
		norm(e)
		norm(b)
		if ch, changed := delta.Diff(e, b); changed {
			t.Errorf("%s changed in the round trip: %v", e.ID, ch.Fields)
		}
		return nil
	})
	if err != nil || n != 49 || len(back) != 49 {
		t.Errorf("compared %d entities, %d came back, err %v", n, len(back), err)
	}
	if r := runCLI(t, db, "export", "--format", "csv"); r.Code != 1 {
		t.Errorf("--format csv: exit %d", r.Code)
	}
	if r := runCLI(t, db, "export", "--source", "nope"); r.Code != 1 || !strings.Contains(r.Stderr, "no source") {
		t.Errorf("--source nope: exit %d %s", r.Code, r.Stderr)
	}
}
