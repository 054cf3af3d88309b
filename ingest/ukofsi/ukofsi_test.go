package ukofsi

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/tripline/tripline"
	"github.com/tripline/tripline/ingest/fileutil"
	"github.com/tripline/tripline/ingest/internal/readertest"
)

const realFile = "data/lists/uk_ofsi_conlist/ConList.csv"

func TestExcerpt(t *testing.T) {
	ds := readertest.MustRead(t, Read, "testdata/excerpt.csv")
	if ds.Source != "uk-ofsi" || ds.Format != "uk-ofsi-csv" || ds.PublishedAt != "2025-02-03" {
		t.Errorf("dataset = %q %q %q, want uk-ofsi uk-ofsi-csv 2025-02-03", ds.Source, ds.Format, ds.PublishedAt)
	}
	if len(ds.Entities) != 3 {
		t.Fatalf("entities = %d, want 3", len(ds.Entities))
	}
	m := readertest.ByID(ds)

	p := m["uk-ofsi:90001"]
	if p.Schema != tripline.SchemaPerson || p.Caption() != "Kourosh Ali RAHIMI-EXAMPLE" || p.Gender != "male" {
		t.Fatalf("90001: schema %s caption %q gender %q", p.Schema, p.Caption(), p.Gender)
	}
	type nk struct {
		full   string
		kind   tripline.NameKind
		qual   string
		script string
	}
	var got []nk
	for _, n := range p.Names {
		got = append(got, nk{n.Full, n.Kind, n.Qualifier, n.Script})
	}
	want := []nk{
		{"Kourosh Ali RAHIMI-EXAMPLE", tripline.NamePrimary, "", ""},
		{"کوروش رحیمی", tripline.NameAlias, "", "Arab"},
		{"Kurosh RAHIMI EXAMPLE", tripline.NameAlias, "", ""},
		{"KOURI", tripline.NameWeak, "aka", ""},
	}
	if !slices.Equal(got, want) {
		t.Errorf("90001 names = %v, want %v", got, want)
	}
	wantParts := []tripline.NamePart{{Type: "title", Value: "Dr"}, {Type: "given", Value: "Kourosh"}, {Type: "middle", Value: "Ali"}, {Type: "family", Value: "RAHIMI-EXAMPLE"}}
	if !slices.Equal(p.Names[0].Parts, wantParts) {
		t.Errorf("90001 parts = %+v", p.Names[0].Parts)
	}
	if !slices.Equal(p.BirthDates, []string{"1968-06"}) || !slices.Equal(p.BirthPlaces, []string{"Examplabad, Iran"}) {
		t.Errorf("90001 birth %v %v", p.BirthDates, p.BirthPlaces)
	}
	if !slices.Equal(p.Nationalities, []string{"IR", "IQ"}) {
		t.Errorf("90001 nationalities = %v", p.Nationalities)
	}
	wantIDs := []tripline.Identifier{{Type: "passport", Value: "X1234567", Note: "Issued 2010"}, {Type: "passport", Value: "Y7654321", Note: "Diplomatic"}}
	if !slices.Equal(p.Identifiers, wantIDs) {
		t.Errorf("90001 identifiers = %+v", p.Identifiers)
	}
	if len(p.Addresses) != 2 || p.Addresses[0].Full != "7 Example Street, Tehran, Iran" || p.Addresses[0].Country != "IR" || p.Addresses[1].Country != "AE" {
		t.Errorf("90001 addresses = %+v", p.Addresses)
	}
	if !slices.Equal(p.Countries, []string{"IR", "AE"}) || !slices.Equal(p.Programs, []string{"Iran (Nuclear)"}) || p.ListedOn != "2008-06-24" {
		t.Errorf("90001 countries %v programs %v listed %q", p.Countries, p.Programs, p.ListedOn)
	}
	if !strings.Contains(p.Remarks, "Fictional person for tests") || !slices.Equal(p.Properties["uk_sanctions_list_ref"], []string{"INU9001"}) {
		t.Errorf("90001 remarks %q props %v", p.Remarks, p.Properties)
	}

	o := m["uk-ofsi:90002"]
	if o.Schema != tripline.SchemaOrganization || o.Caption() != "EXAMPLE UNMANNED SYSTEMS JSC" {
		t.Errorf("90002: schema %s caption %q", o.Schema, o.Caption())
	}
	if len(o.Names) != 3 || o.Names[1].Qualifier != "fka" || o.Names[2].Script != "Cyrl" || o.Names[2].Lang != "Russian" {
		t.Errorf("90002 names = %+v", o.Names)
	}
	if !slices.Equal(o.Phones, []string{"+7 495 000 0000", "+7 495 000 0001"}) || !slices.Equal(o.Emails, []string{"info@example.ru"}) {
		t.Errorf("90002 contacts %v %v", o.Phones, o.Emails)
	}
	if !slices.Contains(o.Identifiers, tripline.Identifier{Type: "registration", Value: "1027700000000"}) ||
		!slices.Contains(o.Links, tripline.Link{Type: "owned_by", TargetName: "Example Holding"}) {
		t.Errorf("90002 identifiers %+v links %+v", o.Identifiers, o.Links)
	}
	if len(o.Addresses) != 1 || o.Addresses[0].PostalCode != "101000" || o.Addresses[0].Country != "RU" {
		t.Errorf("90002 addresses = %+v", o.Addresses)
	}

	s := m["uk-ofsi:90003"]
	if s.Schema != tripline.SchemaVessel || s.Caption() != "SEA EXAMPLE" || s.Names[0].Kind != tripline.NamePrimary {
		t.Errorf("90003: schema %s names %+v", s.Schema, s.Names)
	}
	if !slices.Contains(s.Identifiers, tripline.Identifier{Type: "imo", Value: "9999999"}) || !slices.Equal(s.Properties["flag"], []string{"KP"}) {
		t.Errorf("90003 identifiers %+v props %v", s.Identifiers, s.Properties)
	}
}

func TestRealFile(t *testing.T) {
	path := readertest.SharedFile(t, realFile)
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	p := newParser()
	if err := p.parse(context.Background(), f, path); err != nil {
		t.Fatal(err)
	}
	ds := p.dataset()
	// PROVENANCE.txt: "Last Updated,25/01/2024"; 17,642 rows = 4,254 groups.
	if ds.PublishedAt != "2024-01-25" {
		t.Errorf("PublishedAt = %q, want 2024-01-25", ds.PublishedAt)
	}
	if p.rows != 17642 || len(ds.Entities) != 4254 {
		t.Errorf("rows %d, groups %d; want 17642 rows, 4254 groups", p.rows, len(ds.Entities))
	}
	programs := map[string]int{}
	schemas := map[tripline.Schema]int{}
	for _, e := range ds.Entities {
		schemas[e.Schema]++
		for _, p := range e.Programs {
			programs[p]++
		}
		if e.Caption() == e.ID {
			t.Errorf("%s has no name", e.ID)
		}
	}
	for prog, want := range map[string]int{"Iran (Nuclear)": 190, "Iran": 181, "Venezuela": 36} {
		if programs[prog] != want {
			t.Errorf("regime %q: %d groups, want %d", prog, programs[prog], want)
		}
	}
	if schemas[tripline.SchemaVessel] != 15 {
		t.Errorf("ships = %d, want 15 (PROVENANCE: 15 Ship primary names)", schemas[tripline.SchemaVessel])
	}
	if len(ds.Warnings) != 0 {
		t.Errorf("warnings: %v", ds.Warnings[:min(5, len(ds.Warnings))])
	}
}

func TestMalformed(t *testing.T) {
	good := readertest.ReadFile(t, "testdata/excerpt.csv")
	dir := t.TempDir()
	cases := []struct {
		name     string
		data     []byte
		wantLine int
	}{
		{"truncated mid-row", good[:len(good)-100], 9},
		{"unterminated quote", append(bytes.Clone(good), []byte("X,\"Y,")...), 10},
		{"not the header", []byte("Last Updated,01/01/2024\r\nName,ID\r\nfoo,1\r\n"), 2},
		{"only the date line", []byte("Last Updated,01/01/2024"), 1},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(dir, strings.ReplaceAll(tc.name, " ", "_")+".csv")
			readertest.WriteFile(t, path, tc.data)
			_, err := Read(context.Background(), []string{path}, fileutil.Options{})
			pe := tripline.ParseErrorOf(err)
			if pe == nil {
				t.Fatalf("err = %v, want a parse error", err)
			}
			if pe.File != path || pe.Line != tc.wantLine {
				t.Errorf("error at %s:%d, want %s:%d (%v)", pe.File, pe.Line, path, tc.wantLine, err)
			}
		})
	}
}

func TestDetect(t *testing.T) {
	good := readertest.ReadFile(t, "testdata/excerpt.csv")
	if !Detect("x.csv", good) {
		t.Error("Detect(excerpt) = false")
	}
	_, noDate, _ := bytes.Cut(good, []byte("\n"))
	if !Detect("x.csv", noDate) {
		t.Error("Detect(excerpt without its date line) = false")
	}
	if Detect("ConList.csv", []byte("Last Updated,01/01/2024\r\nName,Group\r\n")) {
		t.Error("Detect(other CSV) = true")
	}
}

func BenchmarkRead(b *testing.B) {
	readertest.BenchmarkRead(b, Read, readertest.SharedFile(b, realFile))
}

func FuzzParse(f *testing.F) {
	readertest.AddFileSeeds(f, "testdata/excerpt.csv")
	readertest.AddHeadSeed(f, realFile, 32<<10, "\n", "")
	f.Add([]byte("Name 6,Group Type,Alias Type,Regime,Group ID\nX,Ship,AKA,Iran,1\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		ds, err := Parse(context.Background(), bytes.NewReader(data), "fuzz.csv")
		if readertest.IsParseError(t, err) {
			return
		}
		for _, e := range ds.Entities {
			if !strings.HasPrefix(e.ID, "uk-ofsi:") || len(e.ID) == len("uk-ofsi:") {
				t.Fatalf("bad id %q", e.ID)
			}
		}
	})
}
