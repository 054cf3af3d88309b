package dfat

import (
	"archive/zip"
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/tripline/tripline"
	"github.com/tripline/tripline/ingest/fileutil"
	"github.com/tripline/tripline/ingest/internal/readertest"
)

const realFile = "data/lists/au_dfat/regulation8_consolidated.xlsx"

func TestExcerpt(t *testing.T) {
	ds := readertest.MustRead(t, Read, "testdata/excerpt.xlsx")
	if ds.Source != "au-dfat" || ds.Format != "au-dfat-xlsx" || ds.PublishedAt != "2024-11-11" {
		t.Errorf("dataset = %q %q %q, want au-dfat au-dfat-xlsx 2024-11-11", ds.Source, ds.Format, ds.PublishedAt)
	}
	var ids []string
	for _, e := range ds.Entities {
		ids = append(ids, e.ID)
	}
	if !slices.Equal(ids, []string{"au-dfat:1", "au-dfat:2", "au-dfat:3", "au-dfat:4"}) {
		t.Fatalf("ids = %v", ids)
	}
	if len(ds.Warnings) != 0 {
		t.Errorf("warnings = %v", ds.Warnings)
	}
	m := readertest.ByID(ds)

	p := m["au-dfat:1"]
	if p.Schema != tripline.SchemaPerson || p.Caption() != "KOUROSH EXAMPLE-RAHIMI" {
		t.Errorf("1: schema %s caption %q", p.Schema, p.Caption())
	}
	// Row 1c comes after reference 4 and still joins reference 1.
	if len(p.Names) != 4 || p.Names[1].Qualifier != "aka" || p.Names[2].Script != "Arab" || p.Names[3].Full != "K. E. Rahimi" {
		t.Errorf("1 names = %+v", p.Names)
	}
	if !slices.Equal(p.BirthDates, []string{"1955", "1956", "1957", "1960-03-12"}) {
		t.Errorf("1 birth dates = %v", p.BirthDates)
	}
	if !slices.Equal(p.BirthPlaces, []string{"Examplabad, Iran", "Testshahr, Iran"}) || !slices.Equal(p.Nationalities, []string{"IR"}) {
		t.Errorf("1 birth places %v nationalities %v", p.BirthPlaces, p.Nationalities)
	}
	if len(p.Addresses) != 2 || p.Addresses[0].Country != "IR" || p.Addresses[1].Country != "AE" || p.Addresses[1].Full != "Dubai, United Arab Emirates" {
		t.Errorf("1 addresses = %+v", p.Addresses)
	}
	if !slices.Equal(p.Programs, []string{"Autonomous (Iran)"}) || p.ListedOn != "2024-11-11" || !strings.HasPrefix(p.Remarks, "Fictional person") {
		t.Errorf("1 programs %v listed %q remarks %q", p.Programs, p.ListedOn, p.Remarks)
	}

	wantIDs := []tripline.Identifier{{Type: "passport", Value: "X1234567"}, {Type: "passport", Value: "Y7654321"}, {Type: "national_id", Value: "123-456789"}}
	if !slices.Equal(p.Identifiers, wantIDs) {
		t.Errorf("1 identifiers = %+v, want %+v", p.Identifiers, wantIDs)
	}

	o := m["au-dfat:2"]
	if o.Schema != tripline.SchemaOrganization || len(o.Names) != 2 || o.Names[1].Qualifier != "fka" {
		t.Errorf("2: schema %s names %+v", o.Schema, o.Names)
	}
	if !slices.Equal(o.Programs, []string{"Autonomous (Thematic - Corruption)"}) || o.ListedOn != "2023-02-01" {
		t.Errorf("2 programs %q listed %q", o.Programs, o.ListedOn)
	}
	if !slices.Equal(o.Properties["listing_info"], []string{"Listed on 2 Feb 2023"}) {
		t.Errorf("2 listing info = %v", o.Properties["listing_info"])
	}
	if s := m["au-dfat:3"]; !slices.Equal(s.Programs, []string{"1970 (Libya)", "1973 (Libya)"}) || len(s.Addresses) != 0 || s.ListedOn != "2014-12-15" {
		t.Errorf("3 programs %q addresses %+v listed %q", s.Programs, s.Addresses, s.ListedOn)
	}
	if j := m["au-dfat:4"]; !slices.Equal(j.BirthDates, []string{"1951-06-19"}) || !slices.Equal(j.Nationalities, []string{"RU", "UA"}) || !slices.Equal(j.Programs, []string{"1718 (DPRK)"}) {
		t.Errorf("4 birth %v nationalities %v programs %q", j.BirthDates, j.Nationalities, j.Programs)
	}
}

func TestBirthDates(t *testing.T) {
	cases := map[string][]string{
		"a) Approximately 1955- 1958 b) Approximately 1945-1950": {"1955", "1956", "1957", "1958", "1945", "1946", "1947", "1948", "1949", "1950"},
		"14 Mar 1974 >> 13 Apr 1974 >> 1 Aug 1970":               {"1974-03-14", "1974-04-13", "1970-08-01"},
		"1/03/1961; 16/06/1960":                                  {"1961-03-01", "1960-06-16"},
		"a) 16/11/1977; b) 16 Nov 1974":                          {"1977-11-16", "1974-11-16"},
		"a) Between 1958 and 1963 b) Approximately 1970":         {"1958", "1959", "1960", "1961", "1962", "1963", "1970"},
		"27 Jan. 1971\u00a0\u00a0":                               {"1971-01-27"},
		"1965.":                                                  {"1965"},
		"18798":                                                  {"1951-06-19"},
		"1975-04-21":                                             {"1975-04-21"},
		"Sept. 1960":                                             {"1960-09"},
		"na":                                                     nil,
		"":                                                       nil,
		"unknown, about 40 years old":                            nil,
	}
	for in, want := range cases {
		if got := BirthDates(in); !slices.Equal(got, want) {
			t.Errorf("BirthDates(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestCommittees(t *testing.T) {
	cases := map[string][]string{
		"Autonomous (Iran) ":                          {"Autonomous (Iran)"},
		"Autonomous (Thematic - Cyber)  ":             {"Autonomous (Thematic - Cyber)"},
		"Autonomous (Thematic – Corruption)":          {"Autonomous (Thematic - Corruption)"},
		"1718 (DPRK)  -":                              {"1718 (DPRK)"},
		"1970 (Libya) 1973 (Libya)":                   {"1970 (Libya)", "1973 (Libya)"},
		"1267/1989/2253 (ISIL (Da'esh) and Al-Qaida)": {"1267/1989/2253 (ISIL (Da'esh) and Al-Qaida)"},
		" - ": nil,
	}
	for in, want := range cases {
		if got := Committees(in); !slices.Equal(got, want) {
			t.Errorf("Committees(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestRealFile(t *testing.T) {
	path := readertest.SharedFile(t, realFile)
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	fi, _ := f.Stat()
	p := newParser()
	if err := p.parse(context.Background(), f, fi.Size(), path); err != nil {
		t.Fatal(err)
	}
	ds := p.dataset()
	// PROVENANCE.txt: newest Control Date 45607 = 2024-11-11; 9,553 rows =
	// 3,062 distinct Reference numbers.
	if ds.PublishedAt != "2024-11-11" {
		t.Errorf("PublishedAt = %q, want 2024-11-11", ds.PublishedAt)
	}
	if p.rows != 9553 || len(ds.Entities) != 3062 {
		t.Errorf("rows %d, references %d; want 9553 rows, 3062 references", p.rows, len(ds.Entities))
	}
	programs := map[string]int{}
	schemas := map[tripline.Schema]int{}
	for _, e := range ds.Entities {
		schemas[e.Schema]++
		for _, prog := range e.Programs {
			programs[prog]++
		}
		if e.Caption() == e.ID || len(e.Names) == 0 || e.Names[0].Kind != tripline.NamePrimary {
			t.Errorf("%s: first name %+v is not primary", e.ID, e.Names)
		}
	}
	// domain.md counts "Autonomous (Iran)" 193: that is the cells that read
	// exactly so. 13 more references have "Autonomous (Iran) " with a
	// trailing space; trimmed, they are the same regime, so 193 + 13 = 206.
	if programs["Autonomous (Iran)"] != 206 {
		t.Errorf("Autonomous (Iran): %d references, want 206 (193 exact + 13 with a trailing space)", programs["Autonomous (Iran)"])
	}
	for prog := range programs {
		if prog != strings.TrimSpace(prog) || strings.HasSuffix(prog, "-") || strings.Contains(prog, "  ") {
			t.Errorf("programme %q not normalised", prog)
		}
	}
	if schemas[tripline.SchemaPerson]+schemas[tripline.SchemaOrganization] != 3062 {
		t.Errorf("schemas = %v, want every reference a person or an organization", schemas)
	}
	if len(ds.Warnings) != 0 {
		t.Errorf("warnings: %v", ds.Warnings[:min(5, len(ds.Warnings))])
	}
	if !Sniff(path) {
		t.Error("Sniff(real file) = false")
	}
}

func TestMalformed(t *testing.T) {
	good := readertest.ReadFile(t, "testdata/excerpt.xlsx")
	dir := t.TempDir()
	cases := []struct {
		name    string
		data    []byte
		wantMsg string
	}{
		{"truncated", good[:len(good)*2/3], "truncated"},
		{"empty", nil, "not a complete XLSX"},
		{"a CSV", []byte("Reference,Name\n1,X\n"), "not a complete XLSX"},
	}
	t.Run("another header", func(t *testing.T) {
		path := filepath.Join(dir, "other.xlsx")
		readertest.WriteFile(t, path, otherWorkbook(t))
		_, err := Read(context.Background(), []string{path}, fileutil.Options{})
		pe := tripline.ParseErrorOf(err)
		if pe == nil || pe.File != path || pe.Line != 1 || !strings.Contains(pe.Msg, "lacks Committees") {
			t.Errorf("err = %v, want a parse error at %s:1 naming the missing column", err, path)
		}
	})
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(dir, tc.name+".xlsx")
			readertest.WriteFile(t, path, tc.data)
			_, err := Read(context.Background(), []string{path}, fileutil.Options{})
			pe := tripline.ParseErrorOf(err)
			if pe == nil {
				t.Fatalf("err = %v, want a parse error", err)
			}
			if pe.File != path || pe.Offset != int64(len(tc.data)) || !strings.Contains(err.Error(), tc.wantMsg) {
				t.Errorf("err = %q, want %s at byte %d saying %q", err, path, len(tc.data), tc.wantMsg)
			}
		})
	}
}

func TestDetect(t *testing.T) {
	if !Detect("excerpt.xlsx", mustHead(t, "testdata/excerpt.xlsx")) || !Sniff("testdata/excerpt.xlsx") {
		t.Error("excerpt not detected")
	}
	if Detect("list.xlsx", []byte("Reference,Name\n")) {
		t.Error("Detect(CSV) = true")
	}
	// An xlsx with another header is not the DFAT list.
	other := filepath.Join(t.TempDir(), "other.xlsx")
	readertest.WriteFile(t, other, otherWorkbook(t))
	if !Detect("other.xlsx", mustHead(t, other)) || Sniff(other) {
		t.Error("another xlsx: want Detect true (an xlsx) and Sniff false (not DFAT)")
	}
	// A truncated workbook is claimed, so that Read can say where it breaks.
	good := readertest.ReadFile(t, "testdata/excerpt.xlsx")
	cut := filepath.Join(t.TempDir(), "cut.xlsx")
	readertest.WriteFile(t, cut, good[:len(good)/2])
	if !Detect("cut.xlsx", mustHead(t, cut)) || !Sniff(cut) {
		t.Error("truncated xlsx not claimed")
	}
}

func mustHead(tb testing.TB, path string) []byte {
	tb.Helper()
	b := readertest.ReadFile(tb, path)
	return b[:min(len(b), 4096)]
}

// otherWorkbook rewrites the excerpt's shared strings so that its header
// says something else.
func otherWorkbook(tb testing.TB) []byte {
	tb.Helper()
	data := readertest.ReadFile(tb, "testdata/excerpt.xlsx")
	return rewriteStrings(tb, data, func(s string) string { return strings.ReplaceAll(s, "Committees", "Remarks") })
}

func BenchmarkRead(b *testing.B) {
	path := readertest.SharedFile(b, realFile)
	for b.Loop() {
		readertest.MustRead(b, Read, path)
	}
}

func FuzzParse(f *testing.F) {
	readertest.AddFileSeeds(f, "testdata/excerpt.xlsx")
	// A small workbook built from the real file's first rows.
	if real, ok := readertest.Rezip(realFile, func(name string, data []byte) []byte {
		var head []byte
		switch name {
		case "xl/worksheets/sheet1.xml":
			head, _ = readertest.Cut(data, 24<<10, "</row>", "</sheetData></worksheet>")
		case "xl/sharedStrings.xml":
			head, _ = readertest.Cut(data, 24<<10, "</si>", "</sst>")
		}
		if head == nil {
			return data
		}
		return head
	}); ok {
		f.Add(real)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		ds, err := Parse(context.Background(), bytes.NewReader(data), int64(len(data)), "fuzz.xlsx")
		if readertest.IsParseError(t, err) {
			return
		}
		for _, e := range ds.Entities {
			if !strings.HasPrefix(e.ID, "au-dfat:") || len(e.ID) == len("au-dfat:") {
				t.Fatalf("bad id %q", e.ID)
			}
		}
	})
}

// rewriteStrings copies an xlsx archive, passing its shared-string part
// through fn.
func rewriteStrings(tb testing.TB, data []byte, fn func(string) string) []byte {
	tb.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		tb.Fatal(err)
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			tb.Fatal(err)
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			tb.Fatal(err)
		}
		if f.Name == "xl/sharedStrings.xml" {
			b = []byte(fn(string(b)))
		}
		w, err := zw.Create(f.Name)
		if err != nil {
			tb.Fatal(err)
		}
		w.Write(b)
	}
	if err := zw.Close(); err != nil {
		tb.Fatal(err)
	}
	return buf.Bytes()
}

// FuzzText feeds arbitrary cell text to the free-text readers.
func FuzzText(f *testing.F) {
	for _, s := range []string{"a) Approximately 1955- 1958 b) 12 Mar. 1960", "1970 (Libya) 1973 (Libya)", "Russian and Ukrainian", "a) Dubai, United Arab Emirates b) na", "18798", "Sept. 31, 1960", "Passport no.: a) Iranian passport number X 1234567 b) Y7654321; and Z1234567."} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, d := range BirthDates(s) {
			if len(d) != 4 && len(d) != 7 && len(d) != 10 {
				t.Fatalf("BirthDates(%q) gave %q", s, d)
			}
		}
		Committees(s)
		citizenships(s)
		documents(&tripline.Entity{}, s)
		splitLettered(s)
	})
}
