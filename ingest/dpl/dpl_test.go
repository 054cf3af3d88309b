package dpl

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
const realFile = "data/lists/us_bis_dpl/dpl.txt"

func TestReadReal(t *testing.T) {
	ds := readertest.MustRead(t, Read, readertest.SharedFile(t, realFile))
	if got, want := len(ds.Entities), 665; got != want {
		t.Fatalf("entities = %d, want %d (PROVENANCE.txt)", got, want)
	}
	ids := map[string]bool{}
	newest := ""
	for _, e := range ds.Entities {
		if ids[e.ID] {
			t.Errorf("duplicate id %s (%s)", e.ID, e.Caption())
		}
		ids[e.ID] = true
		if e.Schema != tripline.SchemaLegalEntity || e.Source != Source || e.ID != Source+":"+e.SourceID {
			t.Errorf("%s: schema %s source %s", e.ID, e.Schema, e.Source)
		}
		if len(e.ListedOn) != 10 {
			t.Errorf("%s: listed on %q", e.ID, e.ListedOn)
		}
		if e.ListedOn > newest {
			newest = e.ListedOn
		}
	}
	if newest != "2023-11-16" {
		t.Errorf("newest effective date = %s, want 2023-11-16 (PROVENANCE.txt)", newest)
	}
	// Two pairs of rows are identical (DAQING ZHOU, NEI-CHIEN CHU).
	if len(ds.Warnings) != 2 {
		t.Errorf("warnings = %q, want the two repeated rows", ds.Warnings)
	}
	// Row 2: " I. ASH", incarcerated at FCI Seagoville.
	e := ds.Entities[0]
	want := tripline.Address{
		Full:   "UPON THE DATE OF THE ORDER INCARCERATED AT USM NO: 26265-177, FCI SEAGOVILLE, 2113 NORTH HIGHWAY 175, SEAGOVILLE, TX, 75159, US",
		Street: "UPON THE DATE OF THE ORDER INCARCERATED AT USM NO: 26265-177, FCI SEAGOVILLE, 2113 NORTH HIGHWAY 175",
		City:   "SEAGOVILLE", Region: "TX", PostalCode: "75159", Country: "US",
	}
	if e.Caption() != "I. ASH" || e.ListedOn != "2003-06-19" || len(e.Addresses) != 1 || e.Addresses[0] != want ||
		e.Properties["end_date"][0] != "2056-06-29" || e.Properties["last_update"][0] != "2007-01-31" {
		t.Errorf("first entity = %+v", e)
	}
	if e.ID != "us-bis-dpl:"+ID("I. ASH", "2003-06-19", "68 F.R. 38290 6/27/03 71 F.R. 38843 7/10/06 72 F.R. 4236 1/30/07",
		want.Street, "SEAGOVILLE", "TX", "US", "75159") {
		t.Errorf("first id = %s", e.ID)
	}
	// "PEARL (A.K.A. NEI-CHIEN CHU) LI"
	var pearl *tripline.Entity
	for _, e := range ds.Entities {
		if e.Caption() == "PEARL LI" {
			pearl = e
		}
	}
	if pearl == nil || len(pearl.Names) != 2 || pearl.Names[1].Full != "NEI-CHIEN CHU" {
		t.Errorf("PEARL LI = %+v", pearl)
	}
}

func TestReadExcerpt(t *testing.T) {
	ds := readertest.MustRead(t, Read, filepath.Join("testdata", "dpl.txt"))
	if len(ds.Entities) != 6 {
		t.Fatalf("entities = %d, want 6", len(ds.Entities))
	}
	es := ds.Entities
	if es[1].ID == es[2].ID {
		t.Errorf("one firm at two addresses got one id %s", es[1].ID)
	}
	if es[5].ID != es[3].ID+"-2" || len(ds.Warnings) != 1 || !strings.Contains(ds.Warnings[0], "dpl.txt:7") {
		t.Errorf("repeated row: ids %s %s, warnings %q", es[3].ID, es[5].ID, ds.Warnings)
	}
	if es[0].Addresses[0].Country != "" || es[0].Addresses[0].Full != "12 ELM STREET, APT. 3, SPRINGFIELD, IL, 62701" {
		t.Errorf("address = %+v", es[0].Addresses[0])
	}
	if es[1].Countries[0] != "AE" || es[2].Countries[0] != "CY" || es[1].ListedOn != "2022-07-01" {
		t.Errorf("firm = %+v / %+v", es[1], es[2])
	}
	if es[3].Caption() != "ROSE SAMPLE" || len(es[3].Names) != 2 ||
		es[3].Names[1].Full != "ROSA EXEMPLO" || es[3].Names[1].Kind != tripline.NameAlias || es[3].Names[1].Qualifier != "aka" {
		t.Errorf("aka names = %+v", es[3].Names)
	}
	if _, ok := es[3].Properties["end_date"]; ok {
		t.Errorf("empty expiration date kept: %v", es[3].Properties)
	}
	if es[4].Caption() != "PRETEND CARGO" || es[4].Names[1].Full != "PC AIR" || es[4].Properties["standard_order"][0] != "Y" {
		t.Errorf("d/b/a = %+v", es[4])
	}
}

func TestReadMalformed(t *testing.T) {
	good := readertest.ReadFile(t, filepath.Join("testdata", "dpl.txt"))
	s := string(good)
	header := s[:strings.IndexByte(s, '\n')+1]
	cutQuoted := strings.Index(s, "UNIT 9") // inside a quoted field on line 3
	cutRow := strings.Index(s, `"07/01/2022"`)
	tests := []struct {
		name     string
		data     string
		wantLine int
		wantMsg  string
	}{
		{"truncated inside a quoted field", s[:cutQuoted], 3, "malformed"},
		{"truncated row", s[:cutRow], 3, "fields"},
		{"bad date", header + strings.Replace(s[len(header):], "03/15/2021", "2021-03-15", 1), 2, "Effective_Date"},
		{"truncated after the last field", s[:len(s)-1], 7, "without a line break"},
		{"wrong header", "Name,Address\nA,B\n", 1, `no "Name" column`},
		{"empty", "", 1, "empty"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "dpl.txt")
			readertest.WriteFile(t, path, []byte(tt.data))
			_, err := Read(context.Background(), []string{path}, fileutil.Options{})
			pe := tripline.ParseErrorOf(err)
			if pe == nil {
				t.Fatalf("err = %v, want a parse error", err)
			}
			if pe.File != path || pe.Line != tt.wantLine || !strings.Contains(pe.Msg, tt.wantMsg) {
				t.Errorf("err = %v, want %s:%d ... %q", err, path, tt.wantLine, tt.wantMsg)
			}
		})
	}
}

func TestDetect(t *testing.T) {
	good := readertest.ReadFile(t, filepath.Join("testdata", "dpl.txt"))
	tests := []struct {
		name string
		head []byte
		want bool
	}{
		{"excerpt", good, true},
		{"CSL", []byte("_id,source,entity_number,type,programs,name\n"), false},
		{"comma header", []byte("Name,Effective_Date,FR_Citation\n"), false},
		{"other TSV", []byte("Name\tCity\n"), false},
	}
	for _, tt := range tests {
		if got := Detect("dpl.txt", tt.head); got != tt.want {
			t.Errorf("%s: Detect = %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestUSDate(t *testing.T) {
	tests := []struct{ in, want string }{
		{"06/19/2003", "2003-06-19"}, {"6/9/2003", "2003-06-09"}, {"", ""},
	}
	for _, tt := range tests {
		if got, err := usDate(tt.in); err != nil || got != tt.want {
			t.Errorf("usDate(%q) = %q, %v; want %q", tt.in, got, err, tt.want)
		}
	}
	for _, bad := range []string{"2003-06-19", "13/01/2003", "06/19/03", "06/19"} {
		if _, err := usDate(bad); err == nil {
			t.Errorf("usDate(%q) accepted", bad)
		}
	}
}

func FuzzRead(f *testing.F) {
	readertest.AddFileSeeds(f, filepath.Join("testdata", "dpl.txt"))
	readertest.AddHeadSeed(f, realFile, 32<<10, "\n", "")
	f.Add([]byte("Name\tEffective_Date\tFR_Citation\nX (A.K.A. ) D/B/A \t01/01/2000\t1\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		ds, err := ReadReader(context.Background(), "fuzz.txt", strings.NewReader(string(data)))
		if readertest.IsParseError(t, err) {
			return
		}
		readertest.CheckUniqueIDs(t, ds)
		for _, e := range ds.Entities {
			if e.Caption() == "" {
				t.Fatalf("entity %s without a name", e.ID)
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
