package ingest_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/tripline/tripline"
	"github.com/tripline/tripline/ingest"
	"github.com/tripline/tripline/ingest/ftm"
	"github.com/tripline/tripline/sqlite"
)

// newImporter returns an importer on a new SQLite store.
func newImporter(t *testing.T) (*ingest.Importer, *sqlite.Store) {
	t.Helper()
	st, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "t.db"))
	if err != nil {
		t.Fatal(err)
	}
	st.Actor = "tester"
	t.Cleanup(func() { st.Close() })
	return &ingest.Importer{Store: st}, st
}

// fictionalSDN is an OFAC sdn.csv of n fictional entries, with the 0x1A
// end-of-file marker.
func fictionalSDN(n int) []byte {
	var b bytes.Buffer
	for i := 1; i <= n; i++ {
		fmt.Fprintf(&b, "%d,\"ZAGROS TRADING %d LLC\",-0- ,\"NPWMD\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,\"Website www.zagros%d.example.\"\r\n", 90000+i, i, i)
	}
	b.WriteByte(0x1a)
	return b.Bytes()
}

// cutLines keeps the first frac of data's lines, cut at a line boundary:
// the end-of-file marker after the last line is lost, as in a download cut
// short.
func cutLines(data []byte, frac float64) []byte {
	lines := bytes.SplitAfter(bytes.TrimSuffix(data, []byte{0x1a}), []byte("\n"))
	return bytes.Join(lines[:int(float64(len(lines))*frac)], nil)
}

// writeFile writes data to dir/name (dir made under a new temp folder when
// empty) and returns its path.
func writeFile(t *testing.T, dir, name string, data []byte) string {
	t.Helper()
	if dir == "" {
		dir = t.TempDir()
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// importOne imports paths and returns the one job's result.
func importOne(t *testing.T, ctx context.Context, im *ingest.Importer, o ingest.ImportOptions, paths ...string) ingest.Result {
	t.Helper()
	rep, err := im.Import(ctx, paths, o)
	if err != nil {
		t.Fatalf("Import(%v): %v", paths, err)
	}
	if len(rep.Imports) != 1 {
		t.Fatalf("Import(%v): %d jobs, want 1", paths, len(rep.Imports))
	}
	if (rep.Failed == 1) != (rep.Imports[0].Error != "") {
		t.Errorf("Failed %d with result %+v", rep.Failed, rep.Imports[0])
	}
	return rep.Imports[0]
}

func currentOf(t *testing.T, st tripline.Store, source string) tripline.Snapshot {
	t.Helper()
	cur, err := st.CurrentSnapshots(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range cur {
		if s.Source == source {
			return s
		}
	}
	t.Fatalf("no current snapshot of %s", source)
	return tripline.Snapshot{}
}

// wantRefused checks that r was refused by guards, saying why and naming
// every override flag in flags.
func wantRefused(t *testing.T, r ingest.Result, guards []string, why string, flags ...string) {
	t.Helper()
	if r.Error == "" || r.Created || r.SnapshotID != 0 {
		t.Fatalf("not refused: %+v", r)
	}
	if !slices.Equal(r.Refused, guards) {
		t.Errorf("refused by %v, want %v: %s", r.Refused, guards, r.Error)
	}
	if !strings.Contains(r.Error, why) {
		t.Errorf("refusal does not say %q: %s", why, r.Error)
	}
	for _, f := range flags {
		if !strings.Contains(r.Error, f+" --reason TEXT") {
			t.Errorf("refusal does not say how to override with %s --reason TEXT: %s", f, r.Error)
		}
	}
}

// testCutSDN is the reproduction: an sdn.csv cut at a line
// boundary to 60 %, then to 40 %, is refused both times with a message
// saying why and how to override, and the full list stays current. On the
// old main the 60 % cut was stored with a warning and the 40 % cut was
// compared with it and stored too.
func testCutSDN(t *testing.T, full []byte) {
	ctx := context.Background()
	im, st := newImporter(t)
	good := importOne(t, ctx, im, ingest.ImportOptions{}, writeFile(t, "", "sdn.csv", full))
	if !good.Created {
		t.Fatalf("full list: %+v", good)
	}
	n := good.Entities
	for _, frac := range []float64{0.6, 0.4} {
		r := importOne(t, ctx, im, ingest.ImportOptions{}, writeFile(t, "", "sdn.csv", cutLines(full, frac)))
		wantRefused(t, r, []string{ingest.GuardIncomplete, ingest.GuardShrink}, "no end-of-file marker", "--allow-incomplete", "--allow-shrink")
		if !strings.Contains(r.Error, fmt.Sprintf("fewer than the %d of snapshot %d", n, good.SnapshotID)) || !strings.Contains(r.Error, fmt.Sprintf("snapshot %d stays current", good.SnapshotID)) {
			t.Errorf("%.0f %% cut: the refusal does not compare with the full snapshot: %s", 100*frac, r.Error)
		}
		// The marker put back, the history alone refuses it.
		r = importOne(t, ctx, im, ingest.ImportOptions{}, writeFile(t, "", "sdn.csv", append(cutLines(full, frac), 0x1a)))
		wantRefused(t, r, []string{ingest.GuardShrink}, "looks like a file cut short", "--allow-shrink")
		if cur := currentOf(t, st, "ofac-sdn"); cur.ID != good.SnapshotID || cur.EntityCount != n {
			t.Fatalf("after the %.0f %% cut the current snapshot is %+v, want %d with %d entities", 100*frac, cur, good.SnapshotID, n)
		}
	}
	// Every refusal is in the audit trail, with the why.
	recs, err := st.Imports(ctx, 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != 5 {
		t.Fatalf("%d audit records, want 1 created and 4 refused", len(recs))
	}
	for _, r := range recs[:4] {
		if r.Result != "rejected" || r.Source != "ofac-sdn" || !strings.Contains(r.Error, "--allow-shrink") || len(r.FileHashes) != 1 || r.EntityCount == 0 {
			t.Errorf("audit record %+v", r)
		}
	}
}

func TestCutSDNRefusedFictional(t *testing.T) { testCutSDN(t, fictionalSDN(200)) }

func TestCutSDNRefusedReal(t *testing.T) {
	p := filepath.Join("..", "..", "shared", "data", "lists", "ofac_sdn", "sdn.csv")
	data, err := os.ReadFile(p)
	if err != nil {
		t.Skipf("the real sdn.csv is not at %s (the shared data folder sits next to the repository): %v", p, err)
	}
	testCutSDN(t, data)
}

// TestShrinkComparesLargestRecent: the history guard compares with the
// largest recent snapshot, not the current one, so a list cannot be
// whittled down in steps each within the tolerance (old main compared with
// the current snapshot only, and by half).
func TestShrinkComparesLargestRecent(t *testing.T) {
	ctx := context.Background()
	im, st := newImporter(t)
	full := fictionalSDN(100)
	step := func(n int) ingest.Result {
		return importOne(t, ctx, im, ingest.ImportOptions{}, writeFile(t, "", "sdn.csv", append(cutLines(full, float64(n)/100), 0x1a)))
	}
	if r := step(100); !r.Created {
		t.Fatal(r.Error)
	}
	if r := step(97); !r.Created || r.Entities != 97 {
		t.Fatalf("a 3 %% drop is within the tolerance: %+v", r)
	}
	r := step(93) // 4 % below the current 97, 7 % below the largest, 100
	wantRefused(t, r, []string{ingest.GuardShrink}, "fewer than the 100 of snapshot", "--allow-shrink")
	if cur := currentOf(t, st, "ofac-sdn"); cur.EntityCount != 97 {
		t.Errorf("current %+v", cur)
	}
	// An override needs a reason.
	if _, err := im.Import(ctx, []string{writeFile(t, "", "sdn.csv", full)}, ingest.ImportOptions{AllowShrink: true}); tripline.ErrorKind(err) != tripline.KindInvalid || !strings.Contains(err.Error(), "--reason") {
		t.Errorf("--allow-shrink without a reason: %v", err)
	}
	// With a reason it is stored, and becomes the new baseline: a further
	// small drop passes, a cut from it does not.
	o := ingest.ImportOptions{AllowShrink: true, Reason: "OFAC delisting of 2025-03-04 (ticket 881)"}
	r = importOne(t, ctx, im, o, writeFile(t, "", "sdn.csv", append(cutLines(full, 0.5), 0x1a)))
	if !r.Created || !slices.Equal(r.Overrides, []string{ingest.GuardShrink}) {
		t.Fatalf("override: %+v", r)
	}
	if cur := currentOf(t, st, "ofac-sdn"); !slices.Equal(cur.Overrides, []string{ingest.GuardShrink}) {
		t.Errorf("the snapshot does not keep its override: %+v", cur)
	}
	if recs, _ := st.Imports(ctx, 1); len(recs) != 1 || recs[0].Reason != o.Reason || !slices.Equal(recs[0].Overrides, []string{ingest.GuardShrink}) {
		t.Errorf("the audit trail lacks the override and reason: %+v", recs)
	}
	if r := step(49); !r.Created {
		t.Errorf("one entry less than the accepted baseline: %s", r.Error)
	}
	r = step(30)
	wantRefused(t, r, []string{ingest.GuardShrink}, "fewer than the 50 of snapshot", "--allow-shrink")
	// An empty list is refused even for a new source.
	im2, _ := newImporter(t)
	r = importOne(t, ctx, im2, ingest.ImportOptions{Format: "us-bis-dpl"}, writeFile(t, "", "dpl.txt", []byte("\"Name\"\t\"Street_Address\"\t\"City\"\t\"State\"\t\"Country\"\t\"Postal_Code\"\t\"Effective_Date\"\t\"Expiration_Date\"\t\"Standard_Order\"\t\"Last_Update\"\t\"Action\"\t\"FR_Citation\"\n")))
	if r.Error != "" && !strings.Contains(r.Error, "no entities") {
		t.Errorf("empty list: %+v", r)
	} else if r.Error == "" {
		t.Errorf("an empty list was stored: %+v", r)
	}
}

func fixedNow() time.Time { return time.Date(2025, 3, 1, 12, 0, 0, 0, time.UTC) }

func TestBaseline(t *testing.T) {
	now := fixedNow()
	snap := func(id int64, n int, daysAgo int, over ...string) tripline.Snapshot {
		return tripline.Snapshot{ID: id, EntityCount: n, ImportedAt: now.AddDate(0, 0, -daysAgo), Overrides: over}
	}
	for _, tc := range []struct {
		name  string
		snaps []tripline.Snapshot // newest first
		want  int64
	}{
		{"largest recent", []tripline.Snapshot{snap(3, 90, 1), snap(2, 100, 2), snap(1, 80, 3)}, 2},
		{"back to the last shrink override", []tripline.Snapshot{snap(3, 60, 1), snap(2, 50, 2, "shrink"), snap(1, 100, 3)}, 3},
		{"old snapshots beyond the newest five are forgotten", []tripline.Snapshot{snap(7, 10, 100), snap(6, 10, 101), snap(5, 10, 102), snap(4, 10, 103), snap(3, 10, 104), snap(2, 99, 200), snap(1, 99, 300)}, 7},
		{"within the window all count", []tripline.Snapshot{snap(7, 10, 1), snap(6, 10, 2), snap(5, 10, 3), snap(4, 10, 4), snap(3, 10, 5), snap(2, 99, 80)}, 2},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, ok := ingest.Baseline(tc.snaps, now)
			if !ok || got.ID != tc.want {
				t.Errorf("Baseline = %d (%v), want %d", got.ID, ok, tc.want)
			}
		})
	}
	if _, ok := ingest.Baseline(nil, now); ok {
		t.Error("a baseline without history")
	}
}

// TestFormatChangeRefused: an official source read in another format (an
// FtM export of ofac-sdn, detected as that source) is refused; on old main
// it replaced the list. A user source may change format.
func TestFormatChangeRefused(t *testing.T) {
	ctx := context.Background()
	im, st := newImporter(t)
	sdn := importOne(t, ctx, im, ingest.ImportOptions{}, writeFile(t, "", "sdn.csv", fictionalSDN(20)))
	var es []*tripline.Entity
	if err := st.EachEntity(ctx, tripline.EntityFilter{Sources: []string{"ofac-sdn"}}, func(e *tripline.Entity) error { es = append(es, e); return nil }); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := ftm.Write(&buf, es[1:]); err != nil { // one entry dropped, as an edited export would
		t.Fatal(err)
	}
	export := writeFile(t, "", "export.ftm.json", buf.Bytes())
	r := importOne(t, ctx, im, ingest.ImportOptions{}, export)
	wantRefused(t, r, []string{ingest.GuardFormatChange}, "published as ofac-csv, but these files were read as ftm-json", "--allow-format-change")
	if !strings.Contains(r.Error, "--source NAME") {
		t.Errorf("the refusal does not offer a source of one's own: %s", r.Error)
	}
	if cur := currentOf(t, st, "ofac-sdn"); cur.ID != sdn.SnapshotID || cur.Format != "ofac-csv" {
		t.Errorf("ofac-sdn is now %+v", cur)
	}
	// Under a source of one's own it is stored, and may change format.
	if r := importOne(t, ctx, im, ingest.ImportOptions{Source: "my-copy"}, export); !r.Created {
		t.Errorf("--source my-copy: %s", r.Error)
	}
	if r := importOne(t, ctx, im, ingest.ImportOptions{Source: "my-copy"}, writeFile(t, "", "sdn.csv", fictionalSDN(20))); !r.Created {
		t.Errorf("a user source changing format: %s", r.Error)
	}
	// Overridden with a reason, the new format is the source's from then on.
	r = importOne(t, ctx, im, ingest.ImportOptions{AllowFormatChange: true, Reason: "publisher moved to FtM"}, export)
	if !r.Created || !slices.Equal(r.Overrides, []string{ingest.GuardFormatChange}) {
		t.Fatalf("override: %+v", r)
	}
	buf.Reset()
	ftm.Write(&buf, es[2:])
	if r := importOne(t, ctx, im, ingest.ImportOptions{}, writeFile(t, "", "export.ftm.json", buf.Bytes())); !r.Created {
		t.Errorf("the accepted format again: %s", r.Error)
	}
}

func TestIncompleteOverride(t *testing.T) {
	ctx := context.Background()
	im, st := newImporter(t)
	noMarker := bytes.TrimSuffix(fictionalSDN(10), []byte{0x1a})
	r := importOne(t, ctx, im, ingest.ImportOptions{}, writeFile(t, "", "sdn.csv", noMarker))
	wantRefused(t, r, []string{ingest.GuardIncomplete}, "sdn.csv: no end-of-file marker (0x1A)", "--allow-incomplete")
	if !strings.Contains(r.Error, "the source has no snapshot yet") {
		t.Errorf("first import refusal: %s", r.Error)
	}
	r = importOne(t, ctx, im, ingest.ImportOptions{AllowIncomplete: true, Reason: "marker stripped by our mirror"}, writeFile(t, "", "sdn.csv", noMarker))
	if !r.Created || currentOf(t, st, "ofac-sdn").EntityCount != 10 {
		t.Errorf("override: %+v", r)
	}
}

// TestAdminRule: a principal with a role (an API key) may replace an
// official source only as an admin; its own sources it may; the CLI user
// (no role) is not restricted.
func TestAdminRule(t *testing.T) {
	im, st := newImporter(t)
	analyst := tripline.WithPrincipal(context.Background(), tripline.Principal{Name: "order-system", Role: tripline.RoleAnalyst, KeyID: 3, Addr: "192.0.2.5:4444"})
	admin := tripline.WithPrincipal(context.Background(), tripline.Principal{Name: "ops", Role: tripline.RoleAdmin, KeyID: 1})
	file := writeFile(t, "", "sdn.csv", fictionalSDN(10))
	r := importOne(t, analyst, im, ingest.ImportOptions{}, file)
	wantRefused(t, r, []string{ingest.GuardAdmin}, "needs the admin role, and order-system has the role analyst")
	if tripline.ErrorKind(r.Err) != tripline.KindForbidden {
		t.Errorf("kind %v, want forbidden", tripline.ErrorKind(r.Err))
	}
	recs, _ := st.Imports(context.Background(), 1)
	if len(recs) != 1 || recs[0].Result != "rejected" || recs[0].Actor != "order-system" || recs[0].KeyID != 3 || recs[0].Client != "192.0.2.5:4444" || recs[0].Role != "analyst" {
		t.Errorf("audit of the refusal: %+v", recs)
	}
	if r := importOne(t, analyst, im, ingest.ImportOptions{Source: "analyst-list"}, file); !r.Created {
		t.Errorf("analyst's own source: %s", r.Error)
	}
	if r := importOne(t, admin, im, ingest.ImportOptions{}, file); !r.Created {
		t.Errorf("admin: %s", r.Error)
	}
	if recs, _ := st.Imports(context.Background(), 1); recs[0].Actor != "ops" || recs[0].Role != "admin" {
		t.Errorf("audit of the admin's import: %+v", recs[0])
	}
	if r := importOne(t, context.Background(), im, ingest.ImportOptions{}, writeFile(t, "", "sdn.csv", fictionalSDN(11))); !r.Created {
		t.Errorf("CLI user: %s", r.Error)
	}
}

// TestSameBytesOtherName: snapshot identity is the content hash; the same
// file under another name is unchanged (on old main it made a snapshot).
func TestSameBytesOtherName(t *testing.T) {
	ctx := context.Background()
	im, st := newImporter(t)
	xml, err := os.ReadFile(filepath.Join("..", "demo", "data", "un_sc", "consolidated.xml"))
	if err != nil {
		t.Fatal(err)
	}
	a := importOne(t, ctx, im, ingest.ImportOptions{}, writeFile(t, "", "consolidated.xml", xml))
	b := importOne(t, ctx, im, ingest.ImportOptions{}, writeFile(t, "", "un-list-copy.xml", xml))
	if !a.Created || b.Created || b.SnapshotID != a.SnapshotID {
		t.Errorf("the same bytes under another name: %+v then %+v", a, b)
	}
	snaps, _ := st.Snapshots(ctx, "un-sc")
	if len(snaps) != 1 {
		t.Errorf("%d snapshots, want 1", len(snaps))
	}
}

type recorder struct {
	mu    sync.Mutex
	calls []string
	err   error
}

func (r *recorder) SnapshotCommitted(ctx context.Context, prev *tripline.Snapshot, cur tripline.Snapshot) ([]string, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	p := "nil"
	if prev != nil {
		p = fmt.Sprint(prev.ID)
	}
	r.calls = append(r.calls, fmt.Sprintf("%s %s->%d", cur.Source, p, cur.ID))
	if r.err != nil {
		return nil, r.err
	}
	return []string{"recorded " + cur.Source}, nil
}

// TestObservers: observers hear of every committed snapshot with the one
// before; not of an unchanged import; a failing observer is reported and
// undoes nothing.
func TestObservers(t *testing.T) {
	ctx := context.Background()
	im, st := newImporter(t)
	failing := &recorder{err: errors.New("rescreen queue full")}
	second := &recorder{}
	im.Observers = []tripline.SnapshotObserver{failing, second}
	r1 := importOne(t, ctx, im, ingest.ImportOptions{}, writeFile(t, "", "sdn.csv", fictionalSDN(10)))
	importOne(t, ctx, im, ingest.ImportOptions{}, writeFile(t, "", "sdn.csv", fictionalSDN(10))) // unchanged
	r2 := importOne(t, ctx, im, ingest.ImportOptions{}, writeFile(t, "", "sdn.csv", fictionalSDN(11)))
	want := []string{fmt.Sprintf("ofac-sdn nil->%d", r1.SnapshotID), fmt.Sprintf("ofac-sdn %d->%d", r1.SnapshotID, r2.SnapshotID)}
	if !slices.Equal(second.calls, want) || !slices.Equal(failing.calls, want) {
		t.Errorf("observer calls %v and %v, want %v", failing.calls, second.calls, want)
	}
	if r2.Error != "" || !r2.Created || !slices.Equal(r2.Observed, []string{"recorded ofac-sdn"}) || len(r2.ObserverErrors) != 1 || !strings.Contains(r2.ObserverErrors[0], "is committed") || !strings.Contains(r2.ObserverErrors[0], "rescreen queue full") {
		t.Errorf("result with a failing observer: %+v", r2)
	}
	if cur := currentOf(t, st, "ofac-sdn"); cur.ID != r2.SnapshotID {
		t.Errorf("the failing observer undid the import: current %d", cur.ID)
	}
}

// TestRejectionsAudited: a file that cannot be parsed and a second dataset
// of one source in one run are refused and audited, with the absolute
// path, the error and the principal.
func TestRejectionsAudited(t *testing.T) {
	ctx := tripline.WithPrincipal(context.Background(), tripline.Principal{Name: "alice"})
	im, st := newImporter(t)
	bad := writeFile(t, "", "sdn.csv", []byte("90001,\"ZAGROS TRADING"))
	r := importOne(t, ctx, im, ingest.ImportOptions{}, bad)
	if !strings.Contains(r.Error, bad+":1:") || tripline.ErrorKind(r.Err) != tripline.KindInvalid {
		t.Errorf("parse error: %+v", r)
	}
	root := t.TempDir()
	xml, _ := os.ReadFile(filepath.Join("..", "demo", "data", "un_sc", "consolidated.xml"))
	writeFile(t, filepath.Join(root, "a"), "consolidated.xml", xml)
	writeFile(t, filepath.Join(root, "b"), "consolidated.xml", append(xml, '\n'))
	rep, err := im.Import(ctx, []string{root}, ingest.ImportOptions{})
	if err != nil || rep.Failed != 1 || len(rep.Imports) != 2 {
		t.Fatalf("two datasets of un-sc: %+v, %v", rep, err)
	}
	dup := rep.Imports[0]
	if dup.Error == "" {
		dup = rep.Imports[1]
	}
	if !slices.Equal(dup.Refused, []string{ingest.GuardDuplicateSource}) || !strings.Contains(dup.Error, "already came from") || !strings.Contains(dup.Error, "--source NAME") {
		t.Errorf("second dataset: %+v", dup)
	}
	recs, _ := st.Imports(ctx, 0)
	if len(recs) != 3 {
		t.Fatalf("%d audit records, want 3: %+v", len(recs), recs)
	}
	abs, _ := filepath.Abs(bad)
	parse := recs[2]
	if parse.Result != "rejected" || !slices.Equal(parse.Files, []string{abs}) || !strings.Contains(parse.Error, "sdn.csv:1") || parse.Actor != "alice" {
		t.Errorf("parse error record: %+v", parse)
	}
	if recs[0].Result != "rejected" || recs[0].Source != "un-sc" || !strings.Contains(recs[0].Error, "already came from") {
		t.Errorf("duplicate record: %+v", recs[0])
	}
	if _, err := im.Import(ctx, []string{root}, ingest.ImportOptions{Source: "a:b"}); tripline.ErrorKind(err) != tripline.KindInvalid {
		t.Errorf("--source a:b: %v", err)
	}
}

// TestNamesHideTempPaths: an upload's temporary path never reaches a
// message, a result or the audit trail; the client's name does.
func TestNamesHideTempPaths(t *testing.T) {
	ctx := context.Background()
	im, st := newImporter(t)
	dir := t.TempDir()
	tmp := writeFile(t, dir, "sdn.csv", []byte("90001,\"ZAGROS TRADING"))
	o := ingest.ImportOptions{Names: map[string]string{tmp: "sdn.csv"}}
	r := importOne(t, ctx, im, o, tmp)
	recs, _ := st.Imports(ctx, 0)
	for _, s := range []string{r.Error, tripline.ErrorMessage(r.Err), strings.Join(r.Files, " "), recs[0].Error, strings.Join(recs[0].Files, " ")} {
		if strings.Contains(s, dir) {
			t.Errorf("temporary path in %q", s)
		}
	}
	if !strings.HasPrefix(tripline.ErrorMessage(r.Err), "sdn.csv:1:") || !slices.Equal(recs[0].Files, []string{"sdn.csv"}) {
		t.Errorf("message %q, audit files %v; want the client's name", tripline.ErrorMessage(r.Err), recs[0].Files)
	}
	if pe := tripline.ParseErrorOf(r.Err); pe == nil || pe.File != "sdn.csv" || pe.Line != 1 {
		t.Errorf("the parse error is lost: %#v", r.Err)
	}
	// Stored: the snapshot names the file as the client gave it.
	good := writeFile(t, dir, "sdn.csv", fictionalSDN(3))
	r = importOne(t, ctx, im, ingest.ImportOptions{Names: map[string]string{good: "sdn.csv"}}, good)
	if !r.Created || !slices.Equal(r.Snapshot.Files, []string{"sdn.csv"}) || len(r.Snapshot.Hash) != 64 {
		t.Errorf("stored upload: %+v", r.Snapshot)
	}
}

func TestProgressReported(t *testing.T) {
	im, _ := newImporter(t)
	var mu sync.Mutex
	finished := 0
	o := ingest.ImportOptions{Progress: func(p ingest.ReadProgress) {
		mu.Lock()
		defer mu.Unlock()
		if p.Finished && p.Done == p.Total && p.Job.Format.Name == "ofac-csv" {
			finished++
		}
	}}
	importOne(t, context.Background(), im, o, writeFile(t, "", "sdn.csv", fictionalSDN(3)))
	if finished != 1 {
		t.Errorf("%d finished reports, want 1", finished)
	}
}
