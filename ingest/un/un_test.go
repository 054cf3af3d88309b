package un

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tripline/tripline"
	"github.com/tripline/tripline/ingest/fileutil"
	"github.com/tripline/tripline/ingest/internal/readertest"
)

// realFile is the real publication, relative to ../shared.
const realFile = "data/lists/un_sc/UN_consolidated.xml"

func TestReadReal(t *testing.T) {
	var calls int
	ds, err := Read(context.Background(), []string{readertest.SharedFile(t, realFile)}, fileutil.Options{Progress: func(done, total int64) { calls++ }})
	if err != nil {
		t.Fatal(err)
	}
	if ds.PublishedAt != "2026-02-27" {
		t.Errorf("PublishedAt = %q, want 2026-02-27", ds.PublishedAt)
	}
	schemas := map[tripline.Schema]int{}
	programs := map[string]int{}
	weak, scripts := 0, map[string]int{}
	for _, e := range ds.Entities {
		schemas[e.Schema]++
		for _, p := range e.Programs {
			programs[p]++
		}
		for _, n := range e.Names {
			if n.Kind == tripline.NameWeak {
				weak++
			}
			if n.Script != "" {
				scripts[n.Script]++
			}
		}
		if e.Caption() == "" || e.ListedOn == "" {
			t.Errorf("%s: caption %q listed %q", e.ID, e.Caption(), e.ListedOn)
		}
	}
	if len(ds.Entities) != 1003 || schemas[tripline.SchemaPerson] != 730 || schemas[tripline.SchemaOrganization] != 273 {
		t.Errorf("entities = %d %v, want 1,003 = 730 persons + 273 organisations (PROVENANCE.txt)", len(ds.Entities), schemas)
	}
	for p, n := range map[string]int{"Al-Qaida": 341, "DPRK": 155, "Taliban": 140, "Iran": 121, "Iraq": 75, "DRC": 53} {
		if programs[p] != n {
			t.Errorf("programme %s: %d, want %d", p, programs[p], n)
		}
	}
	// 615 aliases of QUALITY Low, all with a name.
	if weak != 615 {
		t.Errorf("weak aliases = %d, want 615", weak)
	}
	// NAME_ORIGINAL_SCRIPT: 366 Arabic, 11 Cyrillic (one more Arabic alias
	// is not in NAME_ORIGINAL_SCRIPT, so >=).
	if scripts["Arab"] < 366 || scripts["Cyrl"] < 11 {
		t.Errorf("scripts = %v", scripts)
	}
	if calls == 0 {
		t.Error("progress was never reported")
	}

	m := readertest.ByID(ds)
	e := m["un-sc:IQi.025"]
	if e == nil {
		t.Fatal("un-sc:IQi.025 (TARIQ AZIZ) missing")
	}
	if e.Caption() != "TARIQ AZIZ" || e.BirthDates[0] != "1936-07-01" || e.Nationalities[0] != "IQ" ||
		e.ListedOn != "2003-06-27" || e.Programs[0] != "Iraq" {
		t.Errorf("IQi.025 = %+v", e)
	}
	var arabic bool
	for _, n := range e.Names {
		if n.Full == "طارق عزيز" && n.Script == "Arab" && n.Kind == tripline.NameAlias {
			arabic = true
		}
	}
	if !arabic {
		t.Errorf("IQi.025 names = %+v", e.Names)
	}
	if len(e.Identifiers) != 1 || e.Identifiers[0].Type != "passport" || e.Identifiers[0].Value != "No34409/129" {
		t.Errorf("IQi.025 identifiers = %+v", e.Identifiers)
	}
	if !strings.Contains(strings.Join(e.BirthPlaces, "|"), "Mosul, Iraq") {
		t.Errorf("IQi.025 birth places = %v", e.BirthPlaces)
	}
	// An entity whose aliases carry "a.k.a." in QUALITY.
	m23 := m["un-sc:CDe.006"]
	if m23 == nil || m23.Schema != tripline.SchemaOrganization || len(m23.Names) != 2 || m23.Names[1].Qualifier != "aka" {
		t.Errorf("CDe.006 = %+v", m23)
	}
	// BETWEEN dates give every year; CDi.030 Bosco Taganda has Low aliases.
	bt := m["un-sc:CDi.030"]
	var low int
	for _, n := range bt.Names {
		if n.Kind == tripline.NameWeak {
			low++
		}
	}
	if low < 4 {
		t.Errorf("CDi.030 weak aliases = %d, want at least 4", low)
	}
}

func TestReadExcerpt(t *testing.T) {
	ds := readertest.MustRead(t, Read, filepath.Join("testdata", "excerpt.xml"))
	if ds.PublishedAt != "2030-01-15" || len(ds.Entities) != 3 {
		t.Fatalf("PublishedAt %q, %d entities", ds.PublishedAt, len(ds.Entities))
	}
	m := readertest.ByID(ds)
	k := m["un-sc:IRi.901"]
	if k.Schema != tripline.SchemaPerson || k.Caption() != "KARIM EXAMPLE TESTI" || k.Gender != "male" {
		t.Errorf("IRi.901 = %+v", k)
	}
	wantParts := []tripline.NamePart{{Type: "given", Value: "KARIM"}, {Type: "middle", Value: "EXAMPLE"}, {Type: "family", Value: "TESTI"}}
	for i, p := range wantParts {
		if i >= len(k.Names[0].Parts) || k.Names[0].Parts[i] != p {
			t.Errorf("parts = %+v, want %+v", k.Names[0].Parts, wantParts)
			break
		}
	}
	type nm struct {
		full, kind, qual, script string
	}
	var got []nm
	for _, n := range k.Names[1:] {
		got = append(got, nm{n.Full, string(n.Kind), n.Qualifier, n.Script})
	}
	want := []nm{
		{"کریم مثال", "alias", "", "Arab"},
		{"Karim Ekzampel", "alias", "", ""},
		{"The Engineer", "weak", "", ""},
		{"Karim Testi", "alias", "aka", ""},
	}
	if len(got) != len(want) {
		t.Fatalf("aliases = %+v, want %+v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("alias %d = %+v, want %+v", i, got[i], want[i])
		}
	}
	if g := strings.Join(k.BirthDates, " "); g != "1961-02-03 1960-04-21 1959 1955 1956 1957" {
		t.Errorf("birth dates = %s", g)
	}
	if g := strings.Join(k.Properties["birth_date_note"], "|"); g != "approximately 1959|between 1955 and 1957" {
		t.Errorf("birth date notes = %s", g)
	}
	if g := strings.Join(k.BirthPlaces, "|"); g != "Qom, Iran|Isfahan, Iran (Islamic Republic of)" {
		t.Errorf("birth places = %s", g)
	}
	if strings.Join(k.Nationalities, ",") != "IR" || k.Properties["nationality_text"][0] != "former Soviet Union" {
		t.Errorf("nationalities = %v %v", k.Nationalities, k.Properties["nationality_text"])
	}
	wantAddr := tripline.Address{Full: "1 Pretend Street, Tehran, Iran (Islamic Republic of)", Street: "1 Pretend Street", City: "Tehran", Country: "IR"}
	if len(k.Addresses) != 1 || k.Addresses[0] != wantAddr || k.Properties["address_note"][0] != "as of 2020" {
		t.Errorf("addresses = %+v", k.Addresses)
	}
	wantIDs := []tripline.Identifier{
		{Type: "passport", Value: "Z0000001", Country: "IR", Note: "Passport; issued 2005-05-05"},
		{Type: "national_id", Value: "000-111-222", Note: "National Identification Number"},
	}
	if len(k.Identifiers) != 2 || k.Identifiers[0] != wantIDs[0] || k.Identifiers[1] != wantIDs[1] {
		t.Errorf("identifiers = %+v, want %+v", k.Identifiers, wantIDs)
	}
	if k.ListedOn != "2008-03-03" || k.Programs[0] != "Iran" || k.Remarks == "" ||
		k.Properties["position"][0] != "Head of Procurement" || k.Properties["title"][0] != "Dr." {
		t.Errorf("IRi.901 = %+v", k)
	}
	iv := m["un-sc:KPi.901"]
	if iv.ListedOn != "2017-06-02" || iv.Names[1].Script != "Cyrl" || iv.Names[2].Qualifier != "fka" || iv.BirthDates[0] != "1970" {
		t.Errorf("KPi.901 = %+v", iv)
	}
	o := m["un-sc:IRe.901"]
	if o.Schema != tripline.SchemaOrganization || o.Names[0].Parts != nil || strings.Join(o.Countries, ",") != "IR,AE" {
		t.Errorf("IRe.901 = %+v", o)
	}
}

func TestReadMalformed(t *testing.T) {
	good := readertest.ReadFile(t, filepath.Join("testdata", "excerpt.xml"))
	s := string(good)
	cut := strings.Index(s, "<ENTITY_ALIAS>")
	tests := []struct {
		name      string
		data      string
		wantLine  bool // a line number (syntax errors), else a byte offset
		wantMsg   string
		minOffset int64
	}{
		{"truncated inside a record", s[:cut], true, "unexpected EOF", int64(cut) - 20},
		{"truncated after a record", s[:strings.Index(s, "  </ENTITIES>")], true, "unexpected EOF", 0},
		{"mismatched tag", strings.Replace(s, "</FIRST_NAME>", "</FIRST>", 1), true, "FIRST", 0},
		{"wrong root", "<?xml version=\"1.0\"?><export><x/></export>", false, "root element is <export>", 0},
		{"not XML", "just text", false, "no <CONSOLIDATED_LIST>", 0},
		{"empty", "", false, "no <CONSOLIDATED_LIST>", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "consolidated.xml")
			readertest.WriteFile(t, path, []byte(tt.data))
			_, err := Read(context.Background(), []string{path}, fileutil.Options{})
			pe := tripline.ParseErrorOf(err)
			if pe == nil {
				t.Fatalf("err = %v, want a parse error", err)
			}
			if pe.File != path || !strings.Contains(pe.Msg, tt.wantMsg) {
				t.Errorf("err = %v, want %s ... %q", err, path, tt.wantMsg)
			}
			if tt.wantLine && pe.Line == 0 {
				t.Errorf("err = %v, want a line number", err)
			}
			if !tt.wantLine && pe.Offset < 0 {
				t.Errorf("err = %v, want a byte offset", err)
			}
			if pe.Offset < tt.minOffset {
				t.Errorf("offset = %d, want >= %d", pe.Offset, tt.minOffset)
			}
		})
	}
}

func TestDetect(t *testing.T) {
	good := readertest.ReadFile(t, filepath.Join("testdata", "excerpt.xml"))
	tests := []struct {
		name string
		head []byte
		want bool
	}{
		{"excerpt", good, true},
		{"first 200 bytes", good[:200], true},
		{"other XML", []byte(`<?xml version="1.0"?><export generationDate="x"><sanctionEntity/>`), false},
		{"CSV", []byte("_id,source,name\n"), false},
	}
	for _, tt := range tests {
		if got := Detect("x.xml", tt.head); got != tt.want {
			t.Errorf("%s: Detect = %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestScript(t *testing.T) {
	tests := []struct{ in, want string }{
		{"طارق عزيز", "Arab"}, {"Иван Петров", "Cyrl"}, {"金正恩", "Hani"}, {"김정은", "Hang"},
		{"金 정은", "Kore"}, {"John Smith", ""}, {"123", ""}, {"", ""},
	}
	for _, tt := range tests {
		if got := Script(tt.in); got != tt.want {
			t.Errorf("Script(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func FuzzRead(f *testing.F) {
	readertest.AddFileSeeds(f, filepath.Join("testdata", "excerpt.xml"))
	readertest.AddHeadSeed(f, realFile, 32<<10, "</INDIVIDUAL>\n", "  </INDIVIDUALS>\n</CONSOLIDATED_LIST>\n")
	f.Add([]byte(`<CONSOLIDATED_LIST><INDIVIDUALS><INDIVIDUAL><REFERENCE_NUMBER>X</REFERENCE_NUMBER><FIRST_NAME>A</FIRST_NAME><INDIVIDUAL_DATE_OF_BIRTH><TYPE_OF_DATE>BETWEEN</TYPE_OF_DATE><FROM_YEAR>1</FROM_YEAR><TO_YEAR>9999</TO_YEAR></INDIVIDUAL_DATE_OF_BIRTH></INDIVIDUAL></INDIVIDUALS></CONSOLIDATED_LIST>`))
	f.Fuzz(func(t *testing.T, data []byte) {
		ds, err := ReadReader(context.Background(), "fuzz.xml", strings.NewReader(string(data)))
		if readertest.IsParseError(t, err) {
			return
		}
		readertest.CheckUniqueIDs(t, ds)
		for _, e := range ds.Entities {
			if e.Caption() == "" || e.SourceID == "" {
				t.Fatalf("entity %q without a name or id", e.ID)
			}
		}
	})
}

func BenchmarkRead(b *testing.B) {
	path := readertest.SharedFile(b, realFile)
	for b.Loop() {
		if _, err := Read(context.Background(), []string{path}, fileutil.Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

func TestReadWarnings(t *testing.T) {
	data := `<CONSOLIDATED_LIST dateGenerated="bad"><INDIVIDUALS>
<INDIVIDUAL><FIRST_NAME>NO REF</FIRST_NAME></INDIVIDUAL>
<INDIVIDUAL><REFERENCE_NUMBER>XXi.001</REFERENCE_NUMBER></INDIVIDUAL>
<INDIVIDUAL><REFERENCE_NUMBER>XXi.002</REFERENCE_NUMBER><FIRST_NAME>A</FIRST_NAME><LISTED_ON>soon</LISTED_ON></INDIVIDUAL>
<INDIVIDUAL><REFERENCE_NUMBER>XXi.002</REFERENCE_NUMBER><FIRST_NAME>B</FIRST_NAME></INDIVIDUAL>
</INDIVIDUALS></CONSOLIDATED_LIST>`
	ds, err := ReadReader(context.Background(), "un.xml", strings.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	if ds.PublishedAt != "" || len(ds.Entities) != 1 || ds.Entities[0].Caption() != "A" {
		t.Fatalf("PublishedAt %q, entities %+v", ds.PublishedAt, ds.Entities)
	}
	want := []string{"without REFERENCE_NUMBER", "XXi.001 has no name", `LISTED_ON "soon"`, "XXi.002 repeats"}
	if len(ds.Warnings) != len(want) {
		t.Fatalf("warnings = %q", ds.Warnings)
	}
	for i, w := range want {
		if !strings.Contains(ds.Warnings[i], w) || !strings.HasPrefix(ds.Warnings[i], "un.xml (byte ") {
			t.Errorf("warning %d = %q, want one naming the byte and %q", i, ds.Warnings[i], w)
		}
	}
}
