package ftm

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/tripline/tripline"
	"github.com/tripline/tripline/demo"
	"github.com/tripline/tripline/ingest/csl"
	"github.com/tripline/tripline/ingest/dfat"
	"github.com/tripline/tripline/ingest/dpl"
	"github.com/tripline/tripline/ingest/eu"
	"github.com/tripline/tripline/ingest/fileutil"
	"github.com/tripline/tripline/ingest/ftm/internal/ftmmodel"
	"github.com/tripline/tripline/ingest/internal/readertest"
	"github.com/tripline/tripline/ingest/ofac"
	"github.com/tripline/tripline/ingest/ukofsi"
	"github.com/tripline/tripline/ingest/uksl"
	"github.com/tripline/tripline/ingest/un"
)

// referenceModel returns the folder of the reference model, the
// @alephdata/followthemoney npm package that scripts/test installs into
// ~/.cache/tripline-ftm (or $TRIPLINE_FTM_MODEL), and the node binary. It
// skips the test when either is absent, except on CI, where scripts/test
// has installed them.
func referenceModel(tb testing.TB) (dir, node string) {
	tb.Helper()
	dir = os.Getenv("TRIPLINE_FTM_MODEL")
	if dir == "" {
		home, _ := os.UserHomeDir()
		dir = filepath.Join(home, ".cache", "tripline-ftm", "node_modules", "@alephdata", "followthemoney")
	}
	missing := ""
	if _, err := os.Stat(filepath.Join(dir, "dist", "defaultModel.json")); err != nil {
		missing = fmt.Sprintf("the FollowTheMoney reference model (%s@%s) is not installed in %s: scripts/test installs it (npm install --prefix ~/.cache/tripline-ftm %s@%s)",
			ftmmodel.Package, ftmmodel.Version, dir, ftmmodel.Package, ftmmodel.Version)
	}
	node, err := exec.LookPath("node")
	if err != nil && missing == "" {
		missing = "node (Node.js) is not installed: it runs the FollowTheMoney reference model"
	}
	if missing != "" {
		if os.Getenv("CI") != "" {
			tb.Fatal(missing)
		}
		tb.Skip(missing)
	}
	return dir, node
}

// report is the answer of testdata/ftm-validate.js.
type report struct {
	Entities int                 `json:"entities"`
	Failed   int                 `json:"failed"`
	Kinds    map[string]int      `json:"kinds"`
	Examples map[string][]string `json:"examples"`
}

// validateWithReference validates an FtM file with the reference model.
func validateWithReference(tb testing.TB, path string) report {
	tb.Helper()
	dir, node := referenceModel(tb)
	cmd := exec.Command(node, filepath.Join("testdata", "ftm-validate.js"), dir, path)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		tb.Fatalf("ftm-validate.js: %v\n%s", err, stderr.Bytes())
	}
	var r report
	if err := json.Unmarshal(out, &r); err != nil {
		tb.Fatalf("ftm-validate.js answered %q: %v", out, err)
	}
	return r
}

// exportAndValidate writes entities as one FtM export, validates it with
// the reference model and checks the round trip.
func exportAndValidate(t *testing.T, entities []*tripline.Entity) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "export.ftm.json")
	var buf bytes.Buffer
	if err := Write(&buf, entities); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	r := validateWithReference(t, path)
	if r.Failed > 0 || r.Entities == 0 {
		var kinds []string
		for k, n := range r.Kinds {
			kinds = append(kinds, fmt.Sprintf("%s %d (e.g. %s)", k, n, strings.Join(r.Examples[k], "; ")))
		}
		sort.Strings(kinds)
		t.Errorf("%d of %d FtM entities fail the reference model:\n%s", r.Failed, r.Entities, strings.Join(kinds, "\n"))
	}
	t.Logf("%d entities written as %d FtM entities, all valid", len(entities), r.Entities)
	checkRoundTrip(t, entities)
}

// realLists reads the ten official lists of ../shared with their readers,
// or skips.
func realLists(t *testing.T) []*tripline.Entity {
	t.Helper()
	dir := readertest.SharedFile(t, "data/lists")
	in := func(files ...string) []string {
		var out []string
		for _, f := range files {
			out = append(out, filepath.Join(dir, f))
		}
		return out
	}
	var all []*tripline.Entity
	seen := map[string]bool{}
	for _, l := range []struct {
		source string
		read   func(context.Context, []string, fileutil.Options) (*tripline.Dataset, error)
		files  []string
	}{
		{"ofac-sdn", ofac.ReadCSV, in("ofac_sdn/sdn.csv", "ofac_sdn/add.csv", "ofac_sdn/alt.csv", "ofac_sdn/sdn_comments.csv")},
		{"ofac-cons", ofac.ReadCSV, in("ofac_cons/cons_prim.csv", "ofac_cons/cons_add.csv", "ofac_cons/cons_alt.csv", "ofac_cons/cons_comments.csv")},
		{"ofac-cons-enhanced", ofac.ReadEnhanced, in("ofac_cons/CONS_ENHANCED.ZIP")},
		{"us-csl", csl.Read, in("us_csl/csl.csv")},
		{"us-bis-dpl", dpl.Read, in("us_bis_dpl/dpl.txt")},
		{"eu-fsf", eu.Read, in("eu_fsf/eu_csl.csv")},
		{"un-sc", un.Read, in("un_sc/UN_consolidated.xml")},
		{"uk-ofsi", ukofsi.Read, in("uk_ofsi_conlist/ConList.csv")},
		{"uk-sl", uksl.Read, in("uk_sanctions_list/UK_Sanctions_List.ods")},
		{"au-dfat", dfat.Read, in("au_dfat/regulation8_consolidated.xlsx")},
	} {
		ds, err := l.read(context.Background(), l.files, fileutil.Options{})
		if err != nil {
			t.Fatalf("%s: %v", l.source, err)
		}
		if ds.Source != l.source {
			t.Fatalf("%s read as source %s", l.source, ds.Source)
		}
		for _, e := range ds.Entities {
			if seen[e.ID] {
				t.Fatalf("%s given twice", e.ID)
			}
			seen[e.ID] = true
		}
		all = append(all, ds.Entities...)
	}
	return all
}

// TestExportValidatesRealLists writes the ten official lists as one FtM
// export, as "tripline export" does, and validates it with the reference
// model: no property FtM does not have, every value valid for its type,
// no reference that dangles or points at the wrong schema. Reading it
// back gives every entity as it was.
func TestExportValidatesRealLists(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: the ten lists take a minute to read, write and validate")
	}
	entities := realLists(t)
	if len(entities) != 49935 {
		t.Errorf("the ten lists hold %d entities, want 49,935", len(entities))
	}
	exportAndValidate(t, entities)
}

// TestExportValidatesFictional validates the export of the fictional data:
// the demo lists, the FtM and targets.simple.csv samples, entities with
// every field and random entities with values FtM refuses as they stand.
func TestExportValidatesFictional(t *testing.T) {
	var demoEntities []*tripline.Entity
	fsys := demo.FS()
	dir := t.TempDir()
	for _, d := range demo.Datasets {
		if d.Update {
			continue
		}
		files, err := fs.ReadDir(fsys, d.Dir)
		if err != nil {
			t.Fatal(err)
		}
		var paths []string
		for _, f := range files {
			b, err := fs.ReadFile(fsys, d.Dir+"/"+f.Name())
			if err != nil {
				t.Fatal(err)
			}
			p := filepath.Join(dir, d.Dir+"-"+f.Name())
			if err := os.WriteFile(p, b, 0o644); err != nil {
				t.Fatal(err)
			}
			paths = append(paths, p)
		}
		var ds *tripline.Dataset
		switch d.Dir {
		case "ofac_sdn":
			ds, err = ofac.ReadCSV(context.Background(), paths, fileutil.Options{})
		case "eu_fsf":
			ds, err = eu.Read(context.Background(), paths, fileutil.Options{})
		case "un_sc":
			ds, err = un.Read(context.Background(), paths, fileutil.Options{})
		default:
			t.Fatalf("no reader for demo folder %s", d.Dir)
		}
		if err != nil {
			t.Fatal(err)
		}
		if len(ds.Entities) != d.Entities {
			t.Errorf("demo %s: %d entities, want %d", d.Dir, len(ds.Entities), d.Entities)
		}
		// The demo imports each under its own source.
		for _, e := range ds.Entities {
			e.Source = d.Source
			e.ID = d.Source + ":" + e.SourceID
			for i, l := range e.Links {
				if src, id, ok := strings.Cut(l.TargetID, ":"); ok && src == ds.Source {
					e.Links[i].TargetID = d.Source + ":" + id
				}
			}
		}
		demoEntities = append(demoEntities, ds.Entities...)
	}
	sample, err := Read(context.Background(), []string{"testdata/sample.ftm.json"}, fileutil.Options{})
	if err != nil {
		t.Fatal(err)
	}
	targets, err := ReadCSV(context.Background(), []string{"testdata/targets.simple.csv"}, fileutil.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name     string
		entities []*tripline.Entity
	}{
		{"demo", demoEntities},
		{"ftm sample", sample.Entities},
		{"targets sample", targets.Entities},
		{"synthetic", syntheticEntities()},
		{"random", randomEntities(7, 500)},
	} {
		t.Run(tc.name, func(t *testing.T) { exportAndValidate(t, tc.entities) })
	}
}

// TestExportValidatesOpenSanctions validates what Tripline writes of
// OpenSanctions' own files (../shared; CC BY-NC, read in tests only).
func TestExportValidatesOpenSanctions(t *testing.T) {
	ds, err := Read(context.Background(), []string{readertest.SharedFile(t, "data/formats/opensanctions/entities.ftm.json")}, fileutil.Options{})
	if err != nil {
		t.Fatal(err)
	}
	ts, err := ReadCSV(context.Background(), []string{readertest.SharedFile(t, "data/formats/opensanctions/targets.simple.csv")}, fileutil.Options{})
	if err != nil {
		t.Fatal(err)
	}
	exportAndValidate(t, append(ds.Entities, ts.Entities...))
}

// TestModelIsTheReference keeps model.json equal to the facts of the
// reference model (go run ./ingest/ftm/internal/genmodel DIR > model.json).
func TestModelIsTheReference(t *testing.T) {
	dir, _ := referenceModel(t)
	want, err := ftmmodel.Extract(dir)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(want, modelJSON) {
		t.Errorf("model.json differs from the facts of %s: regenerate it with go run ./ingest/ftm/internal/genmodel %s > ingest/ftm/model.json", dir, dir)
	}
}

// checkValid checks an FtM export with the writer's own knowledge of the
// model, as the reference helper does, so that every round trip (fuzzing
// included) also checks the export is valid: known schemata and
// properties, valid values, required properties, ids of FtM's form, and
// references to entities of the export within the property's range.
func checkValid(tb testing.TB, out []byte) {
	tb.Helper()
	type ref struct{ from, prop, rng, to string }
	var refs []ref
	schemaOf := map[string]string{}
	bad := 0
	fail := func(format string, args ...any) {
		if bad++; bad <= 5 {
			tb.Errorf(format, args...)
		}
	}
	for _, line := range bytes.Split(bytes.TrimSpace(out), []byte("\n")) {
		if len(line) == 0 {
			continue
		}
		var fe Entity
		if err := json.Unmarshal(line, &fe); err != nil {
			fail("not an FtM entity: %v: %s", err, line)
			continue
		}
		s := model.schema(fe.Schema)
		if s == nil || s.Abstract {
			fail("%s: schema %q", fe.ID, fe.Schema)
			continue
		}
		if !entityIDRe.MatchString(fe.ID) || len(fe.ID) > 200 {
			fail("id %q is not of FtM's form", fe.ID)
		}
		if _, dup := schemaOf[fe.ID]; dup {
			fail("id %q given twice", fe.ID)
		}
		schemaOf[fe.ID] = fe.Schema
		for k, vs := range fe.Properties {
			p := s.Props[k]
			if p == nil {
				fail("%s: %s has no property %q", fe.ID, fe.Schema, k)
				continue
			}
			for _, v := range vs {
				if !model.valid(p, v) {
					fail("%s: %s = %q is not a valid %s", fe.ID, k, v, p.Type)
				}
				if p.Type == "entity" {
					refs = append(refs, ref{fe.ID, k, p.Range, v})
				}
			}
		}
		for _, req := range s.Required {
			if len(fe.Properties[req]) == 0 {
				fail("%s: %s without %s", fe.ID, fe.Schema, req)
			}
		}
	}
	for _, r := range refs {
		ts, ok := schemaOf[r.to]
		switch {
		case !ok:
			fail("%s: %s = %s dangles", r.from, r.prop, r.to)
		case r.rng != "" && !model.isA(ts, r.rng):
			fail("%s: %s = %s is a %s, not a %s", r.from, r.prop, r.to, ts, r.rng)
		}
	}
	if bad > 5 {
		tb.Errorf("%d problems in the export", bad)
	}
}

func TestFtMID(t *testing.T) {
	for _, tc := range []struct{ id, ftm string }{
		{"ofac-sdn:306", "ofac-sdn.306"},
		{"un-sc:QDi.001", "un-sc.QDi..2E001"},
		{"us-csl:15268:CAP:2", "us-csl.15268.CAP.2"},
		{"os:Q7747", "os.Q7747"},
		{"a:b-", "a.b..2D"},
		{"eu-fsf:13", "eu-fsf.13"},
		{"x:Иван", "x..3A..D0..98..D0..B2..D0..B0..D0..BD"},
		{"a::3A", "a..3A.3A"},
	} {
		got, ok := FtMID(tc.id)
		if got != tc.ftm || !ok {
			t.Errorf("FtMID(%q) = %q %v, want %q", tc.id, got, ok, tc.ftm)
		}
		if back, ok := DecodeID(got); back != tc.id || !ok {
			t.Errorf("DecodeID(%q) = %q %v, want %q", got, back, ok, tc.id)
		}
	}
	long := "src:" + strings.Repeat("x", 300)
	if got, ok := FtMID(long); ok || len(got) > maxIDLen || !entityIDRe.MatchString(got) || !strings.HasPrefix(got, "src..H") {
		t.Errorf("FtMID(long) = %q %v", got, ok)
	}
	for _, s := range []string{"ofac-sdn.306..sanction", "ofac-sdn.306..id-1", "NK-abc", "Q7747", "a..2d", "a..ZZ", ""} {
		if s == "NK-abc" || s == "Q7747" {
			// OpenSanctions ids decode to ids without a source.
			continue
		}
		if id, ok := DecodeID(s); ok {
			t.Errorf("DecodeID(%q) = %q, want none", s, id)
		}
	}
}

func FuzzFtMID(f *testing.F) {
	for _, s := range []string{"ofac-sdn:306", "un-sc:QDi.001", "a:b-", "-x", ":", "x:..2E", "Иван"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, id string) {
		enc, ok := FtMID(id)
		if !entityIDRe.MatchString(enc) || len(enc) > maxIDLen {
			t.Fatalf("FtMID(%q) = %q, not an FtM id", id, enc)
		}
		if back, dok := DecodeID(enc); ok != dok || ok && back != id {
			t.Fatalf("DecodeID(FtMID(%q)) = %q %v, FtMID ok %v", id, back, dok, ok)
		}
		if back, ok := DecodeID(id); ok {
			if again, _ := FtMID(back); again != id {
				t.Fatalf("DecodeID(%q) = %q, which encodes as %q", id, back, again)
			}
		}
	})
}

func TestNotes(t *testing.T) {
	for _, tc := range []struct {
		key, prop string
		added     []string
		value     string
		want      string
	}{
		{"list", "", nil, "SDN", "[tripline list] SDN"},
		{"country", "", []string{"iq"}, "Iraq (previous address)", `[tripline country=["iq"]] Iraq (previous address)`},
		{"name", "", []string{"Caption"}, "", `[tripline name=["Caption"]]`},
		{escapedProp + "notes", "", nil, "HAMAS", "[tripline property:notes] HAMAS"},
		{keyLink, "", nil, `["owned_by","0.25","","Parent"]`, `[tripline link] ["owned_by","0.25","","Parent"]`},
		{"weird key]", "", nil, "x", `[tripline "weird key]"] x`},
		{"organization_established_date", "incorporationDate", []string{"2009-01-01"}, "01 Jan 2009", `[tripline organization_established_date>incorporationDate=["2009-01-01"]] 01 Jan 2009`},
	} {
		got := encodeNotes(tc.key, tc.prop, tc.added, tc.value)
		if len(got) != 1 || got[0] != tc.want {
			t.Errorf("encodeNotes(%q) = %q, want %q", tc.key, got, tc.want)
			continue
		}
		n, ok := parseNote(got[0])
		if !ok || n.key != tc.key || n.prop != tc.prop || !slices.Equal(n.added, tc.added) || n.value != tc.value || n.more {
			t.Errorf("parseNote(%q) = %+v %v", got[0], n, ok)
		}
	}
	long := strings.Repeat("é", maxNote*2+10)
	notes := encodeNotes("remark", "", nil, long)
	if len(notes) != 3 {
		t.Fatalf("a %d-character value in %d notes, want 3", len([]rune(long)), len(notes))
	}
	fe := &Entity{Properties: map[string][]string{"notes": append([]string{"plain"}, notes...)}}
	restore(fe)
	if !slices.Equal(fe.Properties["notes"], []string{"plain"}) || !slices.Equal(fe.Properties["remark"], []string{long}) {
		t.Errorf("restored %d notes, remark of %d characters", len(fe.Properties["notes"]), len([]rune(first(fe.Properties["remark"]))))
	}
	for _, n := range notes {
		if len([]rune(n)) > maxNote {
			t.Errorf("a note of %d characters", len([]rune(n)))
		}
	}
	for _, s := range []string{"[tripline ", "[tripline ]", "[tripline x", "[tripline x=[1]] y", "[tripline x]y", "[triplinex] y"} {
		if n, ok := parseNote(s); ok {
			t.Errorf("parseNote(%q) = %+v, want not a note", s, n)
		}
	}
}

func TestClean(t *testing.T) {
	person := model.schema("Person")
	for _, tc := range []struct {
		prop, in string
		want     []string
	}{
		{"country", "KP", []string{"kp"}},
		{"country", "Iran", []string{"ir"}},
		{"country", "Ruritania", nil},
		{"country", "Iraq (previous address)", []string{"iq"}},
		{"country", "Iran (Islamic Republic of)", []string{"ir"}},
		{"country", "Ruritania (Kingdom of)", nil},
		{"birthDate", "circa 1967", []string{"1967"}},
		{"birthDate", "21.04.1975", []string{"1975-04-21"}},
		{"birthDate", "17 May 1988", []string{"1988-05-17"}},
		{"birthDate", "1961-13-45", []string{"1961"}},
		{"birthDate", "2001-05-04T10:00:00Z", []string{"2001-05-04T10:00:00"}},
		{"birthDate", "1960 to 1962", []string{"1960", "1962"}},
		{"email", "pac@silibank.com and kndic@co.chesin.com", []string{"pac@silibank.com", "kndic@co.chesin.com"}},
		{"email", "info@metallic-sy.com / shaamco@mail.sy", []string{"info@metallic-sy.com", "shaamco@mail.sy"}},
		{"email", "ryonha@ silibank.com", nil},
		{"website", "www.eltelme.com, www.abrajtec.com", []string{"http://www.eltelme.com", "http://www.abrajtec.com"}},
		{"website", "www.spc.com.sy or www.spc\u2010sy.com", []string{"http://www.spc.com.sy"}},
		{"website", "http://example.org/a b", []string{"http://example.org/a"}},
		{"phone", "+7 495 000 0000", []string{"+74950000000"}},
		{"phone", "0049 30 1234567", []string{"+49301234567"}},
		{"phone", "042-681 20 81", nil},
		{"phone", "+256 41 533 578/9", []string{"+256415335789"}},
		{"gender", "M", []string{"male"}},
		{"name", strings.Repeat("ab ", 200), []string{strings.TrimSpace(strings.Repeat("ab ", 128))}},
		{"passportNumber", strings.Repeat("1", 70), nil},
	} {
		p := person.Props[tc.prop]
		if p == nil {
			t.Fatalf("Person has no %s", tc.prop)
		}
		got := model.clean(p, tc.in)
		if !slices.Equal(got, tc.want) {
			t.Errorf("clean(%s, %q) = %q, want %q", tc.prop, tc.in, got, tc.want)
		}
		for _, v := range got {
			if !model.valid(p, v) {
				t.Errorf("clean(%s, %q) gave %q, not valid", tc.prop, tc.in, v)
			}
		}
	}
}
