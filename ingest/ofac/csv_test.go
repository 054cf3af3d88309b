package ofac

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/tripline/tripline"
	"github.com/tripline/tripline/ingest/fileutil"
	"github.com/tripline/tripline/ingest/internal/readertest"
)

var testSet = []string{"add.csv", "alt.csv", "sdn.csv", "sdn_comments.csv"}

func testFiles(dir string, names ...string) []string {
	var out []string
	for _, n := range names {
		out = append(out, filepath.Join(dir, n))
	}
	return out
}

// mustReadTestSet reads the fictional set in testdata/sdn.
func mustReadTestSet(tb testing.TB) *tripline.Dataset {
	tb.Helper()
	ds, err := ReadCSV(context.Background(), testFiles(filepath.Join("testdata", "sdn"), testSet...), fileutil.Options{})
	if err != nil {
		tb.Fatal(err)
	}
	return ds
}

func entity(tb testing.TB, ds *tripline.Dataset, id string) *tripline.Entity {
	tb.Helper()
	for _, e := range ds.Entities {
		if e.ID == id {
			return e
		}
	}
	tb.Fatalf("no entity %s", id)
	return nil
}

func TestReadCSVTestdata(t *testing.T) {
	ds := mustReadTestSet(t)
	if ds.Source != SourceSDN || ds.Format != FormatCSV || ds.Hash == "" {
		t.Errorf("dataset header = %q %q %q", ds.Source, ds.Format, ds.Hash)
	}
	if got, want := len(ds.Entities), 5; got != want {
		t.Fatalf("entities = %d, want %d", got, want)
	}
	if len(ds.Warnings) != 1 || !strings.Contains(ds.Warnings[0], "alt.csv:5") || !strings.Contains(ds.Warnings[0], "9999") {
		t.Errorf("warnings = %q, want one for the orphan alias on alt.csv:5", ds.Warnings)
	}
	hash, err := fileutil.HashFiles(testFiles(filepath.Join("testdata", "sdn"), testSet...)...)
	if err != nil {
		t.Fatal(err)
	}
	if ds.Hash != hash {
		t.Errorf("hash %s differs from fileutil.HashFiles %s", ds.Hash, hash)
	}

	t.Run("organization", func(t *testing.T) {
		e := entity(t, ds, "ofac-sdn:1001")
		if e.Schema != tripline.SchemaOrganization {
			t.Errorf("schema = %s", e.Schema)
		}
		wantNames := []tripline.Name{
			{Full: "NORTHWIND TRADING CO., LTD.", Kind: tripline.NamePrimary},
			{Full: "NORTHWIND TRADING COMPANY", Kind: tripline.NameAlias, Qualifier: "aka"},
			{Full: "OLD WIND LLC", Kind: tripline.NameAlias, Qualifier: "fka"},
			{Full: "NWT", Kind: tripline.NameWeak, Qualifier: "aka"},
		}
		if !reflect.DeepEqual(e.Names, wantNames) {
			t.Errorf("names = %+v", e.Names)
		}
		if !reflect.DeepEqual(e.Programs, []string{"NPWMD", "IFSR"}) {
			t.Errorf("programs = %q", e.Programs)
		}
		if !reflect.DeepEqual(e.Countries, []string{"IR", "AE"}) {
			t.Errorf("countries = %q", e.Countries)
		}
		wantAddr := []tripline.Address{
			{Full: "12 Harbour Road, Bandar Abbas, Iran", Street: "12 Harbour Road", City: "Bandar Abbas", Country: "IR"},
			{Full: "Dubai, United Arab Emirates", City: "Dubai", Country: "AE"},
		}
		if !reflect.DeepEqual(e.Addresses, wantAddr) {
			t.Errorf("addresses = %+v", e.Addresses)
		}
		if !reflect.DeepEqual(e.Links, []tripline.Link{{Type: "linked_to", TargetID: "ofac-sdn:1005", TargetName: "BLUE HERON INDUSTRIES"}}) {
			t.Errorf("links = %+v", e.Links)
		}
		if !reflect.DeepEqual(e.Identifiers, []tripline.Identifier{{Type: "registration", Value: "123456", Country: "IR"}}) {
			t.Errorf("identifiers = %+v", e.Identifiers)
		}
		if e.Websites[0] != "www.northwind.example" || e.Emails[0] != "info@northwind.example" {
			t.Errorf("websites %q emails %q", e.Websites, e.Emails)
		}
		for k, v := range map[string]string{
			"organization_established_date":    "2001-03-12",
			"additional_sanctions_information": "Subject to Secondary Sanctions",
			"secondary_sanctions_risk":         "section 1(b) of Executive Order 13224",
		} {
			if got := e.Properties[k]; len(got) != 1 || got[0] != v {
				t.Errorf("property %s = %q, want %q", k, got, v)
			}
		}
		if !strings.HasPrefix(e.Remarks, "Website www.northwind.example;") {
			t.Errorf("remarks not kept verbatim: %q", e.Remarks)
		}
	})

	t.Run("person", func(t *testing.T) {
		e := entity(t, ds, "ofac-sdn:1002")
		if e.Schema != tripline.SchemaPerson {
			t.Errorf("schema = %s", e.Schema)
		}
		// 0xDC in the Windows-1252 file is Ü.
		want0 := tripline.Name{Full: "MÜLLER, Hans Peter", Kind: tripline.NamePrimary,
			Parts: []tripline.NamePart{{Type: "family", Value: "MÜLLER"}, {Type: "given", Value: "Hans Peter"}}}
		if !reflect.DeepEqual(e.Names[0], want0) {
			t.Errorf("primary name = %+v", e.Names[0])
		}
		if got := e.Names[1]; got.Qualifier != "aka" || len(got.Parts) != 2 || got.Parts[0].Value != "MUELLER" {
			t.Errorf("alias = %+v", got)
		}
		if !reflect.DeepEqual(e.BirthDates, []string{"1970-07-04", "1968", "1969", "1970", "1962-01"}) {
			t.Errorf("birth dates = %q", e.BirthDates)
		}
		if !reflect.DeepEqual(e.BirthPlaces, []string{"Hamburg, Germany"}) || e.Gender != "male" {
			t.Errorf("birth places %q gender %q", e.BirthPlaces, e.Gender)
		}
		if !reflect.DeepEqual(e.Nationalities, []string{"DE", "IR"}) {
			t.Errorf("nationalities = %q", e.Nationalities)
		}
		wantIDs := []tripline.Identifier{
			{Type: "passport", Value: "C1234567", Country: "DE", Note: "issued 01 Feb 2010 expires 31 Jan 2020"},
			{Type: "national_id", Value: "998877", Country: "IR"},
		}
		if !reflect.DeepEqual(e.Identifiers, wantIDs) {
			t.Errorf("identifiers = %+v", e.Identifiers)
		}
		if e.ListedOn != "2022-02-24" {
			t.Errorf("listed on = %q", e.ListedOn)
		}
		if got := e.Properties["title"]; len(got) != 1 || got[0] != "Procurement Agent" {
			t.Errorf("title = %q", got)
		}
		if !reflect.DeepEqual(e.Phones, []string{"4940123456"}) {
			t.Errorf("phones = %q", e.Phones)
		}
		if len(e.Addresses) != 0 {
			t.Errorf("an all-null address row gave %+v", e.Addresses)
		}
		// The Remarks end "Linked To: NORTHWIND TRADING CO., LTD." and the
		// final period belongs to the name.
		if !reflect.DeepEqual(e.Links, []tripline.Link{{Type: "linked_to", TargetID: "ofac-sdn:1001", TargetName: "NORTHWIND TRADING CO., LTD."}}) {
			t.Errorf("links = %+v", e.Links)
		}
	})

	t.Run("vessel", func(t *testing.T) {
		e := entity(t, ds, "ofac-sdn:1003")
		if e.Schema != tripline.SchemaVessel {
			t.Errorf("schema = %s", e.Schema)
		}
		wantIDs := []tripline.Identifier{
			{Type: "call_sign", Value: "9XYZ1"},
			{Type: "imo", Value: "9000001"},
			{Type: "mmsi", Value: "352000001"},
		}
		if !reflect.DeepEqual(e.Identifiers, wantIDs) {
			t.Errorf("identifiers = %+v", e.Identifiers)
		}
		for k, v := range map[string]string{"vessel_type": "Crude Oil Tanker", "tonnage": "120,000",
			"gross_registered_tonnage": "80,000", "flag": "Panama", "owner": "NORTHWIND TRADING CO., LTD."} {
			if got := e.Properties[k]; len(got) != 1 || got[0] != v {
				t.Errorf("property %s = %q, want %q", k, got, v)
			}
		}
		if !reflect.DeepEqual(e.Countries, []string{"PA"}) {
			t.Errorf("countries = %q", e.Countries)
		}
	})

	t.Run("aircraft", func(t *testing.T) {
		e := entity(t, ds, "ofac-sdn:1004")
		if e.Schema != tripline.SchemaAirplane {
			t.Errorf("schema = %s", e.Schema)
		}
		wantIDs := []tripline.Identifier{
			{Type: "aircraft_serial", Value: "4321"},
			{Type: "aircraft_tail", Value: "EP-ZZZ"},
			{Type: "crypto_wallet", Value: "1ExampleAddr", Note: "XBT"},
		}
		if !reflect.DeepEqual(e.Identifiers, wantIDs) {
			t.Errorf("identifiers = %+v", e.Identifiers)
		}
		if got := e.Properties["aircraft_model"]; len(got) != 1 || got[0] != "A300B4" {
			t.Errorf("aircraft model = %q", got)
		}
		if !reflect.DeepEqual(e.Addresses, []tripline.Address{{Full: "Iran", Country: "IR"}}) {
			t.Errorf("addresses = %+v", e.Addresses)
		}
	})

	t.Run("comments overflow", func(t *testing.T) {
		e := entity(t, ds, "ofac-sdn:1005")
		if !strings.Contains(e.Remarks, "please visit the following link: https://example.test/directives.;") {
			t.Errorf("comments not joined to remarks: %q", e.Remarks)
		}
		if last := e.Names[len(e.Names)-1]; last.Full != "BHI" || last.Kind != tripline.NameWeak {
			t.Errorf("weak alias from the overflow = %+v", last)
		}
		if e.ListedOn != "2021-06-03" {
			t.Errorf("listed on = %q", e.ListedOn)
		}
		wantIDs := []tripline.Identifier{
			{Type: "tax", Value: "5550001", Country: "RU"},
			{Type: "lei", Value: "5493000EXAMPLE000000", Country: "RU"},
			{Type: "swift_bic", Value: "BHINRUMM"},
		}
		if !reflect.DeepEqual(e.Identifiers, wantIDs) {
			t.Errorf("identifiers = %+v", e.Identifiers)
		}
		if got := e.Names[1]; got.Qualifier != "nka" {
			t.Errorf("nka alias = %+v", got)
		}
	})
}

// writeCopy copies the test set into a temporary directory, replacing the
// file name with data.
func writeCopy(t *testing.T, name string, data []byte) string {
	t.Helper()
	dir := t.TempDir()
	for _, n := range testSet {
		b, err := os.ReadFile(filepath.Join("testdata", "sdn", n))
		if err != nil {
			t.Fatal(err)
		}
		if n == name {
			b = data
		}
		readertest.WriteFile(t, filepath.Join(dir, n), b)
	}
	return dir
}

func TestReadCSVMalformed(t *testing.T) {
	sdn, err := os.ReadFile(filepath.Join("testdata", "sdn", "sdn.csv"))
	if err != nil {
		t.Fatal(err)
	}
	add, err := os.ReadFile(filepath.Join("testdata", "sdn", "add.csv"))
	if err != nil {
		t.Fatal(err)
	}
	secondLine := bytes.Index(sdn, []byte("\r\n1002,")) + 2
	tests := []struct {
		name     string
		file     string
		data     []byte
		wantLine int
		wantMsg  string
	}{
		{"truncated inside a quoted field", "sdn.csv", sdn[:secondLine+40], 2, "not closed"},
		{"truncated after a field", "sdn.csv", sdn[:secondLine+5], 2, "ends in the middle of a row"},
		{"truncated add.csv", "add.csv", add[:len(add)-4], 6, "middle of a row"},
		{"wrong column count", "sdn.csv", append(append([]byte{}, sdn[:secondLine]...), "1002,\"X\",-0- \r\n\x1a"...), 2, "has 3 fields, want 12"},
		{"bad ent_num", "add.csv", append([]byte("12a,1,-0- ,-0- ,-0- ,-0- \r\n"), add...), 1, "not a positive integer"},
		{"duplicate ent_num", "sdn.csv", append(append([]byte{}, sdn[:secondLine]...), sdn...), 2, "appears twice"},
		{"junk after a quote", "alt.csv", []byte("1001,1,\"aka\"x,\"A\",-0- \r\n\x1a"), 1, "after a quoted field"},
		{"data after the EOF marker", "sdn.csv", append(append([]byte{}, sdn...), "1009,\"X\""...), 6, "end-of-file marker"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := writeCopy(t, tt.file, tt.data)
			_, err := ReadCSV(context.Background(), testFiles(dir, testSet...), fileutil.Options{})
			pe := tripline.ParseErrorOf(err)
			if pe == nil {
				t.Fatalf("err = %v (%T), want a parse error", err, err)
			}
			if filepath.Base(pe.File) != tt.file || pe.Line != tt.wantLine || !strings.Contains(pe.Msg, tt.wantMsg) {
				t.Errorf("err = %v; want %s:%d containing %q", err, tt.file, tt.wantLine, tt.wantMsg)
			}
			if tripline.ErrorKind(err) != tripline.KindInvalid {
				t.Errorf("kind = %v, want invalid", tripline.ErrorKind(err))
			}
		})
	}
}

// TestReadCSVNoEOFMarkerIncomplete: a file without OFAC's 0x1A end marker
// parses, but the dataset says it is incomplete (the importer refuses it;
// it was only a warning before).
func TestReadCSVNoEOFMarkerIncomplete(t *testing.T) {
	sdn, err := os.ReadFile(filepath.Join("testdata", "sdn", "sdn.csv"))
	if err != nil {
		t.Fatal(err)
	}
	dir := writeCopy(t, "sdn.csv", bytes.TrimSuffix(sdn, []byte{0x1a}))
	ds, err := ReadCSV(context.Background(), testFiles(dir, testSet...), fileutil.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(ds.Incomplete) != 1 || !strings.Contains(ds.Incomplete[0], "sdn.csv: no end-of-file marker") || len(ds.Entities) != 5 {
		t.Errorf("entities %d, incomplete %q; want 5 and the missing marker of sdn.csv", len(ds.Entities), ds.Incomplete)
	}
	for _, w := range ds.Warnings {
		if strings.Contains(w, "end-of-file marker") {
			t.Errorf("the missing marker is still a warning: %q", w)
		}
	}
	// With the marker every file is complete.
	full, err := ReadCSV(context.Background(), testFiles(filepath.Join("testdata", "sdn"), testSet...), fileutil.Options{})
	if err != nil || len(full.Incomplete) != 0 {
		t.Errorf("the complete set: incomplete %q, err %v", full.Incomplete, err)
	}
}

func TestReadCSVSetErrors(t *testing.T) {
	dir := filepath.Join("testdata", "sdn")
	t.Run("no primary file", func(t *testing.T) {
		_, err := ReadCSV(context.Background(), testFiles(dir, "add.csv", "alt.csv"), fileutil.Options{})
		if tripline.ErrorKind(err) != tripline.KindInvalid || !strings.Contains(tripline.ErrorMessage(err), "no sdn.csv") {
			t.Errorf("err = %v", err)
		}
	})
	t.Run("two primary files", func(t *testing.T) {
		tmp := t.TempDir()
		b, err := os.ReadFile(filepath.Join(dir, "sdn.csv"))
		if err != nil {
			t.Fatal(err)
		}
		readertest.WriteFile(t, filepath.Join(tmp, "cons_prim.csv"), b)
		_, err = ReadCSV(context.Background(), []string{filepath.Join(dir, "sdn.csv"), filepath.Join(tmp, "cons_prim.csv")}, fileutil.Options{})
		if tripline.ErrorKind(err) != tripline.KindInvalid {
			t.Errorf("err = %v", err)
		}
	})
	t.Run("unknown name told by columns", func(t *testing.T) {
		tmp := t.TempDir()
		b, err := os.ReadFile(filepath.Join(dir, "sdn.csv"))
		if err != nil {
			t.Fatal(err)
		}
		p := filepath.Join(tmp, "sdn-2024.csv")
		readertest.WriteFile(t, p, b)
		ds, err := ReadCSV(context.Background(), []string{p}, fileutil.Options{})
		if err != nil || len(ds.Entities) != 5 || ds.Source != SourceSDN {
			t.Errorf("ds = %v, err = %v", ds, err)
		}
	})
	t.Run("source override", func(t *testing.T) {
		ds, err := ReadCSV(context.Background(), testFiles(dir, "sdn.csv"), fileutil.Options{Source: "mine"})
		if err != nil || ds.Source != "mine" || ds.Entities[0].ID != "mine:1001" {
			t.Errorf("ds = %+v, err = %v", ds, err)
		}
	})
}

func TestDetectCSV(t *testing.T) {
	tests := []struct {
		name string
		head string
		want bool
	}{
		{"sdn.csv", "36,\"AEROCARIBBEAN AIRLINES\",-0- ,", true},
		{"SDN.CSV", "36,\"AEROCARIBBEAN AIRLINES\",-0- ,", true},
		{"cons_prim.csv", "9639,\"HANIYA, Ismail\",", true},
		{"add.csv", "36,25,-0- ,\"Havana\",\"Cuba\",-0- \r\n", true},
		{"sdn_comments.csv", "\xef\xbb\xbf17016,\"tive Date\"", true},
		{"sdn.csv", "ent_num,SDN_Name,SDN_Type\r\n", false},
		{"list.csv", "36,\"AEROCARIBBEAN AIRLINES\",-0- ,", false},
		{"alt.csv", "", false},
	}
	for _, tt := range tests {
		if got := DetectCSV(tt.name, []byte(tt.head)); got != tt.want {
			t.Errorf("DetectCSV(%q, %q) = %v, want %v", tt.name, tt.head, got, tt.want)
		}
	}
}

func TestReadCSVProgress(t *testing.T) {
	files := testFiles(filepath.Join("testdata", "sdn"), testSet...)
	var last, total int64
	calls := 0
	_, err := ReadCSV(context.Background(), files, fileutil.Options{Progress: func(done, tot int64) {
		calls++
		last, total = done, tot
	}})
	if err != nil {
		t.Fatal(err)
	}
	if want := fileutil.TotalSize(files...); calls == 0 || last != want || total != want {
		t.Errorf("%d progress calls, last %d of %d; want the end at %d", calls, last, total, want)
	}
}

func TestReadCSVCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := ReadCSV(ctx, testFiles(filepath.Join("testdata", "sdn"), testSet...), fileutil.Options{})
	if !errors.Is(err, context.Canceled) {
		t.Errorf("err = %v, want context.Canceled", err)
	}
}
