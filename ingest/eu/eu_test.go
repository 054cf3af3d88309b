package eu

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

const realFile = "data/lists/eu_fsf/eu_csl.csv"

func TestExcerpt(t *testing.T) {
	ds := readertest.MustRead(t, Read, "testdata/excerpt.csv")
	if ds.Source != "eu-fsf" || ds.Format != "eu-fsf-csv" || ds.PublishedAt != "2025-02-03" {
		t.Errorf("dataset = %q %q %q, want eu-fsf eu-fsf-csv 2025-02-03", ds.Source, ds.Format, ds.PublishedAt)
	}
	if len(ds.Entities) != 2 || ds.Entities[0].ID != "eu-fsf:9001" || ds.Entities[1].ID != "eu-fsf:9002" {
		t.Fatalf("entities = %d, want eu-fsf:9001, eu-fsf:9002 in file order", len(ds.Entities))
	}
	m := readertest.ByID(ds)

	org := m["eu-fsf:9001"]
	if org.Schema != tripline.SchemaOrganization || org.Caption() != "Zephyr Valve Trading Company" {
		t.Errorf("9001: schema %s caption %q", org.Schema, org.Caption())
	}
	wantNames := []tripline.Name{
		{Full: "Zephyr Valve Trading Company", Kind: tripline.NamePrimary},
		{Full: "ZVTC", Kind: tripline.NameWeak},
		{Full: "Old Zephyr Pumps", Kind: tripline.NameAlias, Qualifier: "fka"},
	}
	if !slices.EqualFunc(org.Names, wantNames, func(a, b tripline.Name) bool {
		return a.Full == b.Full && a.Kind == b.Kind && a.Qualifier == b.Qualifier
	}) {
		t.Errorf("9001 names = %+v", org.Names)
	}
	if org.ListedOn != "2012-03-15" || !slices.Equal(org.Programs, []string{"IRN"}) {
		t.Errorf("9001 listed %q programs %v", org.ListedOn, org.Programs)
	}
	if len(org.Addresses) != 1 || org.Addresses[0].Country != "IR" || org.Addresses[0].City != "Bandar Example" || org.Addresses[0].Street != "12 Harbour Road; Unit 4" {
		t.Errorf("9001 addresses = %+v", org.Addresses)
	}
	if !slices.Equal(org.Phones, []string{"+98 21 555 0100", "+98 21 555 0101"}) || !slices.Equal(org.Emails, []string{"info@zvtc.example"}) || !slices.Equal(org.Websites, []string{"www.zvtc.example"}) {
		t.Errorf("9001 contacts = %v %v %v", org.Phones, org.Emails, org.Websites)
	}
	if !slices.Contains(org.Identifiers, tripline.Identifier{Type: "registration", Value: "REG-0042", Country: "IR"}) ||
		!slices.Contains(org.Identifiers, tripline.Identifier{Type: "un_reference", Value: "IRe.999"}) {
		t.Errorf("9001 identifiers = %+v", org.Identifiers)
	}
	if got := org.Properties["eu_reference_number"]; !slices.Equal(got, []string{"EU.9001.01"}) {
		t.Errorf("9001 eu_reference_number = %v", got)
	}
	if len(org.Nationalities) != 0 || org.Remarks != "Fictional test enterprise; not a real listing." {
		t.Errorf("9001 nationalities %v remarks %q", org.Nationalities, org.Remarks)
	}

	p := m["eu-fsf:9002"]
	if p.Schema != tripline.SchemaPerson || p.Caption() != "Grigory Petrovich OBRAZTSOV" || p.Gender != "male" {
		t.Errorf("9002: schema %s caption %q gender %q", p.Schema, p.Caption(), p.Gender)
	}
	if n := p.Names[0]; n.Script != "Cyrl" || n.Kind != tripline.NameAlias || n.Lang != "ru" {
		t.Errorf("9002 original-script name = %+v", n)
	}
	wantParts := []tripline.NamePart{{Type: "title", Value: "Colonel"}, {Type: "given", Value: "Grigory"}, {Type: "middle", Value: "Petrovich"}, {Type: "family", Value: "OBRAZTSOV"}}
	if !slices.Equal(p.Names[1].Parts, wantParts) {
		t.Errorf("9002 parts = %+v", p.Names[1].Parts)
	}
	if !slices.Equal(p.BirthDates, []string{"1970-05-04", "1968", "1969"}) || !slices.Equal(p.BirthPlaces, []string{"Examplegrad, RUSSIAN FEDERATION"}) {
		t.Errorf("9002 birth %v %v", p.BirthDates, p.BirthPlaces)
	}
	if !slices.Contains(p.Identifiers, tripline.Identifier{Type: "passport", Value: "7700112233", Country: "RU", Note: "Diplomatic; KnownExpired"}) {
		t.Errorf("9002 identifiers = %+v", p.Identifiers)
	}
	if !slices.Equal(p.Nationalities, []string{"RU"}) || p.ListedOn != "2022-02-25" {
		t.Errorf("9002 nationalities %v listed %q", p.Nationalities, p.ListedOn)
	}
	if !slices.Equal(p.Properties["position"], []string{"Head of the Example Drone Directorate"}) {
		t.Errorf("9002 position = %v", p.Properties["position"])
	}
}

func TestRealFile(t *testing.T) {
	path := readertest.SharedFile(t, realFile)
	ds := readertest.MustRead(t, Read, path)
	if ds.PublishedAt != "2024-01-24" {
		t.Errorf("PublishedAt = %q, want 2024-01-24", ds.PublishedAt)
	}
	// PROVENANCE.txt: 31,987 rows = 4,589 entities (3,619 persons, 970 enterprises).
	if len(ds.Entities) != 4589 {
		t.Errorf("entities = %d, want 4589", len(ds.Entities))
	}
	schemas := map[tripline.Schema]int{}
	programs := map[string]int{}
	for _, e := range ds.Entities {
		schemas[e.Schema]++
		for _, p := range e.Programs {
			programs[p]++
		}
		if len(e.Names) == 0 || e.Caption() == e.ID {
			t.Errorf("%s has no name", e.ID)
		}
		if !strings.HasPrefix(e.ID, "eu-fsf:") {
			t.Errorf("bad id %q", e.ID)
		}
	}
	if schemas[tripline.SchemaPerson] != 3619 || schemas[tripline.SchemaOrganization] != 970 {
		t.Errorf("schemas = %v, want 3619 persons, 970 organizations", schemas)
	}
	for prog, want := range map[string]int{"IRN": 490, "SYR": 414, "PRK": 246, "UKR": 1948} {
		if programs[prog] != want {
			t.Errorf("programme %s: %d entities, want %d", prog, programs[prog], want)
		}
	}
	if len(ds.Warnings) > 1 {
		t.Errorf("warnings = %d, want at most 1: %v", len(ds.Warnings), ds.Warnings[:min(5, len(ds.Warnings))])
	}
	// Saddam Hussein, logical id 13: first Latin name is primary, birth date and place kept.
	e := readertest.ByID(ds)["eu-fsf:13"]
	if e == nil || e.Caption() != "Saddam Hussein Al-Tikriti" || !slices.Contains(e.BirthDates, "1937-04-28") || !slices.Contains(e.Programs, "IRQ") {
		t.Errorf("eu-fsf:13 = %+v", e)
	}
}

func TestRows(t *testing.T) {
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
	// PROVENANCE.txt: 31,987 rows.
	if p.rows != 31987 {
		t.Errorf("rows = %d, want 31987", p.rows)
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
		{"truncated mid-row", good[:len(good)-200], 13},
		{"unterminated quote", append(bytes.Clone(good), []byte("03/02/2025;9003;\"EU.1;")...), 14},
		{"not the header", []byte("name;id\nfoo;bar\n"), 1},
		{"empty", nil, 1},
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
			if tripline.ErrorKind(err) != tripline.KindInvalid {
				t.Errorf("kind = %v, want invalid", tripline.ErrorKind(err))
			}
		})
	}
}

func TestDetect(t *testing.T) {
	good := readertest.ReadFile(t, "testdata/excerpt.csv")
	if !Detect("anything.txt", good[:min(len(good), 4096)]) {
		t.Error("Detect(excerpt) = false")
	}
	if Detect("eu_csl.csv", []byte("ent_num,SDN_Name\n")) {
		t.Error("Detect(other CSV) = true")
	}
}

func BenchmarkRead(b *testing.B) {
	readertest.BenchmarkRead(b, Read, readertest.SharedFile(b, realFile))
}

func FuzzParse(f *testing.F) {
	readertest.AddFileSeeds(f, "testdata/excerpt.csv")
	readertest.AddHeadSeed(f, realFile, 32<<10, "\n", "")
	f.Add([]byte("fileGenerationDate;Entity_LogicalId;Entity_SubjectType;NameAlias_WholeName\n01/01/2020;1;P;A\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		ds, err := Parse(context.Background(), bytes.NewReader(data), "fuzz.csv")
		if readertest.IsParseError(t, err) {
			return
		}
		for _, e := range ds.Entities {
			if e.ID == "" || !strings.HasPrefix(e.ID, "eu-fsf:") {
				t.Fatalf("bad id %q", e.ID)
			}
		}
	})
}
