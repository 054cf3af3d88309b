package ofac

import (
	"archive/zip"
	"bytes"
	"context"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/tripline/tripline"
	"github.com/tripline/tripline/ingest/fileutil"
	"github.com/tripline/tripline/ingest/internal/readertest"
)

var testEnhanced = filepath.Join("testdata", "enhanced", "CONS_ENHANCED.XML")

func mustReadEnhanced(tb testing.TB, path string) *tripline.Dataset {
	tb.Helper()
	ds, err := ReadEnhanced(context.Background(), []string{path}, fileutil.Options{})
	if err != nil {
		tb.Fatal(err)
	}
	return ds
}

func TestReadEnhancedTestdata(t *testing.T) {
	ds := mustReadEnhanced(t, testEnhanced)
	if ds.Source != SourceConsEnhanced || ds.PublishedAt != "2031-05-06" || ds.Format != FormatEnhanced || ds.Hash == "" {
		t.Errorf("dataset header = %q %q %q %q", ds.Source, ds.PublishedAt, ds.Format, ds.Hash)
	}
	if len(ds.Entities) != 3 || len(ds.Warnings) != 0 {
		t.Fatalf("entities %d, warnings %q; want 3 and none", len(ds.Entities), ds.Warnings)
	}
	if hash, err := fileutil.HashFiles(testEnhanced); err != nil || ds.Hash != hash {
		t.Errorf("hash %s, fileutil.HashFiles %s (%v)", ds.Hash, hash, err)
	}

	t.Run("person", func(t *testing.T) {
		e := entity(t, ds, "ofac-cons-enhanced:7001")
		if e.Schema != tripline.SchemaPerson || e.SourceID != "7001" || e.Source != SourceConsEnhanced {
			t.Errorf("schema %s source id %s source %s", e.Schema, e.SourceID, e.Source)
		}
		wantNames := []tripline.Name{
			{Full: "PETROV, Ivan", Kind: tripline.NamePrimary, Parts: []tripline.NamePart{
				{Type: "family", Value: "PETROV"}, {Type: "given", Value: "Ivan"}, {Type: "patronymic", Value: "Ivanovich"}}},
			{Full: "ПЕТРОВ, Иван", Kind: tripline.NamePrimary, Script: "Cyrl", Parts: []tripline.NamePart{
				{Type: "family", Value: "ПЕТРОВ"}, {Type: "given", Value: "Иван"}}},
			{Full: "SPARROW", Kind: tripline.NameWeak, Qualifier: "fka", Parts: []tripline.NamePart{{Type: "other", Value: "SPARROW"}}},
			{Full: "PETROFF, Ivan", Kind: tripline.NameAlias, Qualifier: "aka", Parts: []tripline.NamePart{{Type: "family", Value: "PETROFF"}}},
		}
		if !reflect.DeepEqual(e.Names, wantNames) {
			t.Errorf("names =\n%+v\nwant\n%+v", e.Names, wantNames)
		}
		if e.Caption() != "PETROV, Ivan" {
			t.Errorf("caption = %q", e.Caption())
		}
		wantAddr := []tripline.Address{{Full: "1 Duck Soup Lane, Freedonia City, 12345, Freedonia", Street: "1 Duck Soup Lane", City: "Freedonia City", PostalCode: "12345", Country: "FR"}}
		if !reflect.DeepEqual(e.Addresses, wantAddr) {
			t.Errorf("addresses = %+v", e.Addresses)
		}
		if !reflect.DeepEqual(e.BirthDates, []string{"1960", "1961", "1962"}) || !reflect.DeepEqual(e.BirthPlaces, []string{"Freedonia City, Freedonia"}) {
			t.Errorf("birth dates %q places %q", e.BirthDates, e.BirthPlaces)
		}
		if !reflect.DeepEqual(e.Nationalities, []string{"IR"}) || !reflect.DeepEqual(e.Countries, []string{"FR", "IR"}) || e.Gender != "male" {
			t.Errorf("nationalities %q countries %q gender %q", e.Nationalities, e.Countries, e.Gender)
		}
		if !reflect.DeepEqual(e.Websites, []string{"www.petrov.example"}) || !reflect.DeepEqual(e.Emails, []string{"ivan@petrov.example"}) {
			t.Errorf("websites %q emails %q", e.Websites, e.Emails)
		}
		wantIDs := []tripline.Identifier{
			{Type: "passport", Value: "P0001", Country: "FR", Note: "not valid"},
			{Type: "other", Value: "PL-77", Note: "Pilot License Number"},
		}
		if !reflect.DeepEqual(e.Identifiers, wantIDs) {
			t.Errorf("identifiers = %+v", e.Identifiers)
		}
		if !reflect.DeepEqual(e.Programs, []string{"NPWMD", "IFSR"}) {
			t.Errorf("programs = %q", e.Programs)
		}
		// The earliest listing: the CMIC listing date feature (2021-06-03)
		// beats the SSI list's datePublished (2030-02-03); the
		// "Consolidated List" date does not count.
		if e.ListedOn != "2021-06-03" {
			t.Errorf("listed on = %q", e.ListedOn)
		}
		for k, v := range map[string][]string{
			"secondary_sanctions_risk": {"section 1(b) of Executive Order 99999"},
			"listing_date":             {"(CMIC) 03 Jun 2021"},
			"sanctions_list":           {"Sectoral Sanctions Identifications List", "Consolidated List"},
			"sanctions_type":           {"Reject"},
			"legal_authority":          {"Executive Order 99999 (Fictional)"},
		} {
			if !reflect.DeepEqual(e.Properties[k], v) {
				t.Errorf("property %s = %q, want %q", k, e.Properties[k], v)
			}
		}
		if !reflect.DeepEqual(e.Links, []tripline.Link{{Type: "acting_for", TargetID: "ofac-cons-enhanced:7002", TargetName: "SEAGULL SHIPPING LLC"}}) {
			t.Errorf("links = %+v", e.Links)
		}
		if e.Remarks != "Procurement agent (fictional)." {
			t.Errorf("remarks = %q", e.Remarks)
		}
	})

	t.Run("organization", func(t *testing.T) {
		e := entity(t, ds, "ofac-cons-enhanced:7002")
		if e.Schema != tripline.SchemaOrganization || len(e.Names) != 1 || e.Names[0].Parts != nil {
			t.Errorf("schema %s names %+v", e.Schema, e.Names)
		}
		wantIDs := []tripline.Identifier{{Type: "swift_bic", Value: "SEAGFRXX"}, {Type: "tax", Value: "TX-42", Country: "FR"}}
		if !reflect.DeepEqual(e.Identifiers, wantIDs) {
			t.Errorf("identifiers = %+v", e.Identifiers)
		}
		if !reflect.DeepEqual(e.Links, []tripline.Link{{Type: "owned_by", TargetID: "ofac-cons-enhanced:7003", TargetName: "GULL HOLDINGS"}}) {
			t.Errorf("links = %+v", e.Links)
		}
		if got := e.Properties["organization_established_date"]; !reflect.DeepEqual(got, []string{"1990-10-17"}) {
			t.Errorf("established = %q", got)
		}
		if got := e.Properties["equity_ticker"]; !reflect.DeepEqual(got, []string{"SGL FR (FSE)"}) {
			t.Errorf("ticker = %q", got)
		}
		if e.ListedOn != "2031-01-02" {
			t.Errorf("listed on = %q", e.ListedOn)
		}
	})

	t.Run("vessel", func(t *testing.T) {
		e := entity(t, ds, "ofac-cons-enhanced:7003")
		if e.Schema != tripline.SchemaVessel {
			t.Errorf("schema = %s", e.Schema)
		}
		wantIDs := []tripline.Identifier{{Type: "call_sign", Value: "9ZZZ9"}, {Type: "imo", Value: "9000002"}, {Type: "mmsi", Value: "422000002"}}
		if !reflect.DeepEqual(e.Identifiers, wantIDs) {
			t.Errorf("identifiers = %+v", e.Identifiers)
		}
		if !reflect.DeepEqual(e.Countries, []string{"IR"}) || !reflect.DeepEqual(e.Properties["flag"], []string{"Iran"}) ||
			!reflect.DeepEqual(e.Properties["vessel_type"], []string{"Crude Oil Tanker"}) {
			t.Errorf("countries %q properties %q", e.Countries, e.Properties)
		}
	})
}

// zipOf writes data as member name into a new ZIP archive at path.
func zipOf(t *testing.T, path, name string, data []byte) {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, err := zw.Create(name)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w.Write(data); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	readertest.WriteFile(t, path, buf.Bytes())
}

func TestReadEnhancedZipAndSource(t *testing.T) {
	data, err := os.ReadFile(testEnhanced)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	t.Run("zip", func(t *testing.T) {
		p := filepath.Join(dir, "CONS_ENHANCED.ZIP")
		zipOf(t, p, "CONS_ENHANCED.XML", data)
		ds := mustReadEnhanced(t, p)
		if ds.Source != SourceConsEnhanced || len(ds.Entities) != 3 {
			t.Errorf("source %q, %d entities", ds.Source, len(ds.Entities))
		}
	})
	t.Run("sdn by name", func(t *testing.T) {
		p := filepath.Join(dir, "SDN_ENHANCED.XML")
		readertest.WriteFile(t, p, data)
		ds := mustReadEnhanced(t, p)
		if ds.Source != SourceSDNEnhanced || ds.Entities[0].ID != "ofac-sdn-enhanced:7001" || ds.Entities[0].Links[0].TargetID != "ofac-sdn-enhanced:7002" {
			t.Errorf("source %q, first id %q", ds.Source, ds.Entities[0].ID)
		}
	})
	t.Run("sdn by filter", func(t *testing.T) {
		p := filepath.Join(dir, "export.xml")
		sdn := bytes.Replace(data, []byte(`<sanctionsList refId="91512">Consolidated List</sanctionsList>`), []byte(`<sanctionsList refId="1550">SDN List</sanctionsList>`), 1)
		readertest.WriteFile(t, p, sdn)
		if ds := mustReadEnhanced(t, p); ds.Source != SourceSDNEnhanced {
			t.Errorf("source %q", ds.Source)
		}
	})
	t.Run("source override", func(t *testing.T) {
		ds, err := ReadEnhanced(context.Background(), []string{testEnhanced}, fileutil.Options{Source: "mine"})
		if err != nil || ds.Source != "mine" || ds.Entities[0].ID != "mine:7001" {
			t.Errorf("ds %+v err %v", ds, err)
		}
	})
	t.Run("two files", func(t *testing.T) {
		_, err := ReadEnhanced(context.Background(), []string{testEnhanced, testEnhanced}, fileutil.Options{})
		if tripline.ErrorKind(err) != tripline.KindInvalid {
			t.Errorf("err = %v", err)
		}
	})
}

func TestReadEnhancedMalformed(t *testing.T) {
	data, err := os.ReadFile(testEnhanced)
	if err != nil {
		t.Fatal(err)
	}
	cut := bytes.Index(data, []byte(`<entity id="7002">`)) + 100
	tests := []struct {
		name     string
		file     string
		data     []byte
		zip      bool
		wantLine int // -1: any line
		wantMsg  string
	}{
		{"truncated inside an entity", "CONS_ENHANCED.XML", data[:cut], false, bytes.Count(data[:cut], []byte{'\n'}) + 1, "truncated"},
		{"truncated between entities", "CONS_ENHANCED.XML", data[:bytes.Index(data, []byte(`    <entity id="7002">`))], false, -1, "truncated"},
		{"truncated zip member", "CONS_ENHANCED.ZIP", data[:cut], true, -1, "truncated"},
		{"zip cut short", "CONS_ENHANCED.ZIP", nil, true, 0, "ZIP"},
		{"bad entity id", "CONS_ENHANCED.XML", bytes.Replace(data, []byte(`<entity id="7002">`), []byte(`<entity id="x7">`), 1), false, -1, "not a positive integer"},
		{"duplicate entity id", "CONS_ENHANCED.XML", bytes.Replace(data, []byte(`<entity id="7002">`), []byte(`<entity id="7001">`), 1), false, -1, "appears twice"},
		{"wrong root", "CONS_ENHANCED.XML", []byte("<?xml version=\"1.0\"?>\n<CONSOLIDATED_LIST></CONSOLIDATED_LIST>"), false, 2, "want <sanctionsData>"},
		{"bad boolean", "CONS_ENHANCED.XML", bytes.Replace(data, []byte(`<isPrimary>true</isPrimary>`), []byte(`<isPrimary>maybe</isPrimary>`), 1), false, -1, "cannot read"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := filepath.Join(t.TempDir(), tt.file)
			switch {
			case tt.zip && tt.data == nil:
				zipOf(t, p, "CONS_ENHANCED.XML", data)
				full, err := os.ReadFile(p)
				if err != nil {
					t.Fatal(err)
				}
				readertest.WriteFile(t, p, full[:len(full)/2])
			case tt.zip:
				zipOf(t, p, "CONS_ENHANCED.XML", tt.data)
			default:
				readertest.WriteFile(t, p, tt.data)
			}
			_, err := ReadEnhanced(context.Background(), []string{p}, fileutil.Options{})
			pe := tripline.ParseErrorOf(err)
			if pe == nil {
				t.Fatalf("err = %v (%T), want a parse error", err, err)
			}
			if !strings.HasPrefix(pe.File, p) || (tt.wantLine >= 0 && pe.Line != tt.wantLine) || !strings.Contains(pe.Msg, tt.wantMsg) {
				t.Errorf("err = %v; want %s:%d containing %q", err, p, tt.wantLine, tt.wantMsg)
			}
			if tt.wantLine < 0 && pe.Line <= 0 {
				t.Errorf("err = %v has no line", err)
			}
		})
	}
}

func TestDetectEnhanced(t *testing.T) {
	data, err := os.ReadFile(testEnhanced)
	if err != nil {
		t.Fatal(err)
	}
	var zbuf bytes.Buffer
	zw := zip.NewWriter(&zbuf)
	w, _ := zw.Create("SDN_ENHANCED.XML")
	w.Write(data[:200])
	zw.Close()
	tests := []struct {
		name string
		head []byte
		want bool
	}{
		{"CONS_ENHANCED.XML", data, true},
		{"anything.xml", data, true},
		{"CONS_ENHANCED.ZIP", []byte("PK\x03\x04rest"), true},
		{"download.zip", zbuf.Bytes(), true},
		{"other.zip", []byte("PK\x03\x04\x14\x00\x00\x00\x08\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x0b\x00\x00\x00content.xml"), false},
		{"un.xml", []byte(`<?xml version="1.0"?><CONSOLIDATED_LIST dateGenerated="x">`), false},
		{"sdn.csv", []byte("36,\"AEROCARIBBEAN AIRLINES\""), false},
	}
	for _, tt := range tests {
		if got := DetectEnhanced(tt.name, tt.head); got != tt.want {
			t.Errorf("DetectEnhanced(%q) = %v, want %v", tt.name, got, tt.want)
		}
	}
}
