package uksl

import (
	"archive/zip"
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

// realFile is the real publication, relative to ../shared.
const realFile = "data/lists/uk_sanctions_list/UK_Sanctions_List.ods"

// mustODS zips content as an ODS file in a temporary folder.
func mustODS(tb testing.TB, content []byte) string {
	tb.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, err := zw.CreateHeader(&zip.FileHeader{Name: "mimetype", Method: zip.Store})
	if err != nil {
		tb.Fatal(err)
	}
	w.Write([]byte(odsMime))
	w, err = zw.Create("content.xml")
	if err != nil {
		tb.Fatal(err)
	}
	w.Write(content)
	w, _ = zw.Create("META-INF/manifest.xml")
	w.Write([]byte(`<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"/>`))
	if err := zw.Close(); err != nil {
		tb.Fatal(err)
	}
	path := filepath.Join(tb.TempDir(), "UK_Sanctions_List.ods")
	readertest.WriteFile(tb, path, buf.Bytes())
	return path
}

func TestReadSample(t *testing.T) {
	path := mustODS(t, readertest.ReadFile(t, "testdata/content.xml"))
	ds, err := Read(context.Background(), []string{path}, fileutil.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if ds.Source != Source || ds.Format != FormatName || ds.PublishedAt != "2025-03-14" {
		t.Errorf("dataset = %s %s %s, want uk-sl uk-sl-ods 2025-03-14", ds.Source, ds.Format, ds.PublishedAt)
	}
	if len(ds.Entities) != 3 {
		t.Fatalf("got %d entities, want 3", len(ds.Entities))
	}
	if len(ds.Warnings) != 1 || !strings.Contains(ds.Warnings[0], "without Unique ID") {
		t.Errorf("warnings = %q, want one for the row without Unique ID", ds.Warnings)
	}
	m := readertest.ByID(ds)

	p := m["uk-sl:FIC0001"]
	if p == nil || p.Schema != tripline.SchemaPerson || p.SourceID != "FIC0001" {
		t.Fatalf("person = %+v", p)
	}
	wantNames := []tripline.Name{
		{Full: "Ivan Ilyich PETROVSKI", Kind: tripline.NamePrimary, Parts: []tripline.NamePart{{Type: "title", Value: "Dr"}, {Type: "given", Value: "Ivan"}, {Type: "middle", Value: "Ilyich"}, {Type: "family", Value: "PETROVSKI"}}},
		{Full: "Иван Ильич ПЕТРОВСКИЙ", Kind: tripline.NameAlias, Script: "Cyrl", Lang: "ru"},
		{Full: "Ivan PETROVSKY", Kind: tripline.NameAlias, Parts: []tripline.NamePart{{Type: "given", Value: "Ivan"}, {Type: "family", Value: "PETROVSKY"}}},
		{Full: "VANYA", Kind: tripline.NameWeak, Qualifier: "aka", Parts: []tripline.NamePart{{Type: "family", Value: "VANYA"}}},
	}
	if !namesEqual(p.Names, wantNames) {
		t.Errorf("names =\n%+v\nwant\n%+v", p.Names, wantNames)
	}
	if !slices.Equal(p.BirthDates, []string{"1961-08-03", "1962", "1961-08"}) {
		t.Errorf("birth dates = %q", p.BirthDates)
	}
	if p.ListedOn != "2020-05-04" || p.Gender != "male" || !slices.Equal(p.Programs, []string{"The Fictional Republic (Sanctions) (EU Exit) Regulations 2019"}) {
		t.Errorf("listed %q gender %q programs %q", p.ListedOn, p.Gender, p.Programs)
	}
	if !slices.Equal(p.BirthPlaces, []string{"Strelsau, Ruritania"}) || !slices.Equal(p.Nationalities, []string{"Ruritania"}) {
		t.Errorf("birth places %q nationalities %q", p.BirthPlaces, p.Nationalities)
	}
	wantIDs := []tripline.Identifier{
		{Type: "un_reference", Value: "FRi.001"},
		{Type: "passport", Value: "P1234567", Country: "RU"},
		{Type: "national_id", Value: "NI-42", Note: "Ruritanian national identity card"},
	}
	if !slices.Equal(p.Identifiers, wantIDs) {
		t.Errorf("identifiers = %+v, want %+v", p.Identifiers, wantIDs)
	}
	wantAddr := []tripline.Address{{Full: "12 Harbour Street, Zenda, 40100, Russia", PostalCode: "40100", Country: "RU"}}
	if !slices.Equal(p.Addresses, wantAddr) || !slices.Equal(p.Countries, []string{"RU"}) {
		t.Errorf("addresses %+v countries %q", p.Addresses, p.Countries)
	}
	if !slices.Equal(p.Phones, []string{"+7 495 000 0000"}) || !slices.Equal(p.Emails, []string{"ivan@example.org"}) {
		t.Errorf("phones %q emails %q", p.Phones, p.Emails)
	}
	wantRemarks := "Ivan PETROVSKI procured centrifuge parts for the fictional programme & its front companies.\nAlso  known as \"the Engineer\".\nSecond line"
	if p.Remarks != wantRemarks {
		t.Errorf("remarks = %q, want %q (annotations dropped, text:s expanded, spans kept)", p.Remarks, wantRemarks)
	}
	for k, want := range map[string][]string{
		"ofsi_group_id":       {"99001"},
		"un_reference_number": {"FRi.001"},
		"designation_source":  {"UK", "UN"},
		"sanctions_imposed":   {"Asset freeze", "Travel Ban"},
		"position":            {"Director of Procurement", "Former Deputy Minister"},
		"title":               {"Dr"},
		"last_updated":        {"2024-02-01"},
	} {
		if !slices.Equal(p.Properties[k], want) {
			t.Errorf("property %s = %q, want %q", k, p.Properties[k], want)
		}
	}

	o := m["uk-sl:FIC0002"]
	if o == nil || o.Schema != tripline.SchemaOrganization {
		t.Fatalf("organisation = %+v", o)
	}
	if o.Caption() != "ZENDA MACHINE TOOLS LLC" || len(o.Names) != 3 || o.Names[0].Parts != nil {
		t.Errorf("organisation names = %+v", o.Names)
	}
	if !namesEqual(o.Names[2:], []tripline.Name{{Full: "زندا", Kind: tripline.NameAlias, Script: "Arab", Lang: "fa"}}) {
		t.Errorf("non-Latin name = %+v", o.Names[2])
	}
	wantLinks := []tripline.Link{{Type: "owns", TargetName: "Zenda Optics"}, {Type: "owns", TargetName: "Strelsau Precision"}, {Type: "owned_by", TargetName: "Ruritanian Defence Holding"}}
	if !slices.Equal(o.Links, wantLinks) {
		t.Errorf("links = %+v", o.Links)
	}
	if !slices.Contains(o.Identifiers, tripline.Identifier{Type: "registration", Value: "1027700000042"}) || !slices.Equal(o.Websites, []string{"www.zenda-tools.example"}) {
		t.Errorf("identifiers %+v websites %q", o.Identifiers, o.Websites)
	}
	if len(o.Addresses) != 1 || o.Addresses[0].Full != "3 Castle Road, Strelsau, Ruritania" {
		t.Errorf("addresses = %+v", o.Addresses)
	}

	s := m["uk-sl:FIC0003"]
	if s == nil || s.Schema != tripline.SchemaVessel || s.Caption() != "SEA FICTION" {
		t.Fatalf("ship = %+v", s)
	}
	if !slices.Equal(s.Identifiers, []tripline.Identifier{{Type: "imo", Value: "9999991"}}) {
		t.Errorf("ship identifiers = %+v", s.Identifiers)
	}
	for k, want := range map[string][]string{"flag": {"PA"}, "past_flags": {"Malta", "Togo"}, "vessel_type": {"Oil Tanker"}, "tonnage": {"5000"}, "length": {"99.5"}, "build_date": {"1999"}, "past_owners": {"Old Owner Ltd"}} {
		if !slices.Equal(s.Properties[k], want) {
			t.Errorf("ship property %s = %q, want %q", k, s.Properties[k], want)
		}
	}
	if !slices.Equal(s.Links, []tripline.Link{{Type: "owned_by", TargetName: "Ruritania Shipping Co"}}) {
		t.Errorf("ship links = %+v", s.Links)
	}
}

func namesEqual(a, b []tripline.Name) bool {
	return slices.EqualFunc(a, b, func(x, y tripline.Name) bool {
		return x.Full == y.Full && x.Kind == y.Kind && x.Qualifier == y.Qualifier && x.Script == y.Script && x.Lang == y.Lang && slices.Equal(x.Parts, y.Parts)
	})
}

func TestSampleStats(t *testing.T) {
	p := newParser()
	if err := p.parse(context.Background(), bytes.NewReader(readertest.ReadFile(t, "testdata/content.xml")), "content.xml"); err != nil {
		t.Fatal(err)
	}
	// Sheet 1: 9 data rows of which the first stands for 2 (rows-repeated),
	// one without an id; sheet 2: 3 rows (2 + 1).
	if p.stats.Sheets != 2 || p.stats.DataRows != 12 {
		t.Errorf("sheets %d rows %d, want 2 and 12", p.stats.Sheets, p.stats.DataRows)
	}
	if p.stats.PrimaryRows["Individual"] != 4 || p.stats.PrimaryRows["Entity"] != 1 || p.stats.PrimaryRows["Ship"] != 1 {
		t.Errorf("primary rows = %v", p.stats.PrimaryRows)
	}
}

func TestDetectAndSniff(t *testing.T) {
	path := mustODS(t, readertest.ReadFile(t, "testdata/content.xml"))
	head := readertest.ReadFile(t, path)
	if len(head) > 4096 {
		head = head[:4096]
	}
	if !Detect("UK_Sanctions_List.ods", head) || !Sniff(path) {
		t.Errorf("Detect/Sniff rejected the sample")
	}
	other := mustODS(t, []byte(`<office:document-content><office:body><office:spreadsheet><table:table table:name="x"><table:table-row><table:table-cell><text:p>Name</text:p></table:table-cell></table:table-row></table:table></office:spreadsheet></office:body></office:document-content>`))
	if Sniff(other) {
		t.Errorf("Sniff accepted an ODS without the list's header")
	}
	if Detect("x.csv", []byte("Name 6,Group ID\n")) {
		t.Errorf("Detect accepted a CSV")
	}
}

func TestTruncated(t *testing.T) {
	content := readertest.ReadFile(t, "testdata/content.xml")
	full := readertest.ReadFile(t, mustODS(t, content))
	dir := t.TempDir()
	cutZip := filepath.Join(dir, "cut.ods")
	os.WriteFile(cutZip, full[:len(full)/2], 0o644)
	cutXML := mustODS(t, content[:len(content)*2/3])
	for name, path := range map[string]string{"zip cut": cutZip, "content.xml cut": cutXML} {
		t.Run(name, func(t *testing.T) {
			head := readertest.ReadFile(t, path)[:100]
			if !Detect(filepath.Base(path), head) || !Sniff(path) {
				t.Errorf("the truncated ODS is not claimed, so its import would skip it without saying where it is broken")
			}
			_, err := Read(context.Background(), []string{path}, fileutil.Options{})
			pe := tripline.ParseErrorOf(err)
			if pe == nil || pe.File != path {
				t.Fatalf("err = %v, want a parse error naming %s", err, path)
			}
			if tripline.ErrorKind(err) != tripline.KindInvalid {
				t.Errorf("kind = %v", tripline.ErrorKind(err))
			}
			t.Log(err)
		})
	}
}

func TestNotTheList(t *testing.T) {
	path := mustODS(t, []byte(`<office:document-content><office:body><office:spreadsheet><table:table table:name="x"><table:table-row><table:table-cell><text:p>Name</text:p></table:table-cell></table:table-row></table:table></office:spreadsheet></office:body></office:document-content>`))
	_, err := Read(context.Background(), []string{path}, fileutil.Options{})
	pe := tripline.ParseErrorOf(err)
	if pe == nil || !strings.Contains(pe.Msg, "Unique ID") {
		t.Fatalf("err = %v, want a parse error naming the missing header", err)
	}
}

// TestRepeatsDoNotAllocate checks that a row or cell repeated a million
// times costs no allocation.
func TestRepeatsDoNotAllocate(t *testing.T) {
	doc := []byte(`<office:document-content><office:body><office:spreadsheet><table:table table:name="s">` +
		`<table:table-row><table:table-cell><text:p>a</text:p></table:table-cell><table:table-cell table:number-columns-repeated="1000000"><text:p>b</text:p></table:table-cell><table:table-cell><text:p>c</text:p></table:table-cell></table:table-row>` +
		`<table:table-row table:number-rows-repeated="1000000"><table:table-cell table:number-columns-repeated="1000000"/></table:table-row>` +
		`<table:table-row table:number-rows-repeated="99999999999999999999"/>` +
		`</table:table></office:spreadsheet></office:body></office:document-content>`)
	r := bytes.NewReader(doc)
	s := newSheetScanner(r, maxCols)
	var rows []int64
	allocs := testing.AllocsPerRun(5, func() {
		r.Reset(doc)
		*s = sheetScanner{r: r, buf: s.buf, maxCols: maxCols, cellStart: s.cellStart, cellEnd: s.cellEnd, text: s.text[:0], nextRow: 1}
		rows = rows[:0]
		for {
			ok, err := s.Next()
			if err != nil {
				t.Fatal(err)
			}
			if !ok {
				break
			}
			rows = append(rows, s.Row, s.Repeat)
		}
	})
	if allocs > 2 {
		t.Errorf("%v allocations per scan, want at most 2 (the table name)", allocs)
	}
	if !slices.Equal(rows, []int64{1, 1, 2, 1000000}) {
		t.Errorf("rows (number, repeat) = %v", rows)
	}
	s = newSheetScanner(bytes.NewReader(doc), maxCols)
	s.Next()
	if string(s.Cell(0)) != "a" || string(s.Cell(1)) != "b" || string(s.Cell(maxCols-1)) != "b" {
		t.Errorf("cells = %q %q %q", s.Cell(0), s.Cell(1), s.Cell(maxCols-1))
	}
}

func TestScannerText(t *testing.T) {
	for _, tc := range []struct{ cell, want string }{
		{`<text:p>a&amp;b&#233;&#x41;</text:p>`, "a&béA"},
		{`<text:p>x<text:tab/>y<text:line-break/>z</text:p>`, "x\ty\nz"},
		{`<text:p><![CDATA[<raw>]]></text:p>`, "<raw>"},
		{`<text:p>one</text:p><text:p/><text:p>three</text:p>`, "one\n\nthree"},
		{`<text:p>k<text:a xlink:href="http://x/?a>b">link</text:a></text:p>`, "klink"},
	} {
		doc := `<table:table><table:table-row><table:table-cell>` + tc.cell + `</table:table-cell></table:table-row></table:table>`
		s := newSheetScanner(strings.NewReader(doc), 4)
		if ok, err := s.Next(); !ok || err != nil {
			t.Fatalf("%s: %v %v", tc.cell, ok, err)
		}
		if got := string(s.Cell(0)); got != tc.want {
			t.Errorf("%s: got %q, want %q", tc.cell, got, tc.want)
		}
	}
	for _, bad := range []string{
		`<table:table><table:table-row><table:table-cell><text:p>a&bogus;</text:p></table:table-cell></table:table-row></table:table>`,
		`<table:table><table:table-row><table:table-cell><text:p>a`,
		`<table:table><table:table-row><table:table-row>`,
		`<office:document-content/>`,
		`<office:document-content><office:body><office:spreadsheet><table:table></table:table>`,
	} {
		s := newSheetScanner(strings.NewReader(bad), 4)
		var err error
		for {
			var ok bool
			if ok, err = s.Next(); !ok || err != nil {
				break
			}
		}
		if err == nil {
			t.Errorf("%s: no error", bad)
		}
	}
}

// TestRealUKSL reads the real 2022-11-30 list and checks the counts that
// PROVENANCE.txt gives: 95,754 data rows (over the four sheets) = 3,728
// Unique IDs; primary-name rows 3,474 Individual and 1,032 Entity.
func TestRealUKSL(t *testing.T) {
	path := readertest.SharedFile(t, realFile)
	z, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	defer z.Close()
	p := newParser()
	if err := p.parseZip(context.Background(), &z.Reader, path, nil); err != nil {
		t.Fatal(err)
	}
	ds := p.dataset()
	if p.stats.Sheets != 4 || p.stats.DataRows != 95754 {
		t.Errorf("sheets %d data rows %d, want 4 and 95,754", p.stats.Sheets, p.stats.DataRows)
	}
	if p.stats.PrimaryRows["Individual"] != 3474 || p.stats.PrimaryRows["Entity"] != 1032 {
		t.Errorf("primary-name rows = %v, want Individual 3,474 Entity 1,032", p.stats.PrimaryRows)
	}
	if len(ds.Entities) != 3728 {
		t.Errorf("got %d entities, want 3,728", len(ds.Entities))
	}
	if ds.PublishedAt != "2022-11-30" {
		t.Errorf("published %q, want 2022-11-30", ds.PublishedAt)
	}
	if len(ds.Warnings) != 0 {
		t.Errorf("%d warnings, first %q", len(ds.Warnings), ds.Warnings[0])
	}
	kinds := map[tripline.Schema]int{}
	for _, e := range ds.Entities {
		kinds[e.Schema]++
		if e.Caption() == e.ID {
			t.Errorf("%s has no name", e.ID)
		}
	}
	t.Logf("schemata: %v", kinds)
	m := readertest.ByID(ds)
	e := m["uk-sl:AFG0001"]
	if e == nil {
		t.Fatal("AFG0001 missing")
	}
	if e.Caption() != "HAJI KHAIRULLAH HAJI SATTAR MONEY EXCHANGE" || e.Schema != tripline.SchemaOrganization ||
		!slices.Equal(e.Properties["ofsi_group_id"], []string{"12703"}) || !slices.Contains(e.Identifiers, tripline.Identifier{Type: "un_reference", Value: "TAe.010"}) ||
		!slices.ContainsFunc(e.Names, func(n tripline.Name) bool {
			return n.Full == "حاجی خيرالله و حاجی ستار صرافی" && n.Script == "Arab"
		}) ||
		e.ListedOn != "2012-06-29" || !slices.Contains(e.Emails, "helmand_exchange_msp@yahoo.com") || !slices.Contains(e.Countries, "PK") {
		t.Errorf("AFG0001 = %+v", e)
	}
	r := m["uk-sl:RUS0001"]
	if r == nil || r.Caption() != "Dmitry Konstantinovich Kiselyov" || !slices.Contains(r.BirthDates, "1954-04-26") || !slices.Contains(r.Nationalities, "RU") {
		t.Errorf("RUS0001 = %+v", r)
	}
	var ships, imo int
	for _, e := range ds.Entities {
		if e.Schema == tripline.SchemaVessel {
			ships++
			if slices.ContainsFunc(e.Identifiers, func(id tripline.Identifier) bool { return id.Type == "imo" }) {
				imo++
			}
		}
	}
	if ships == 0 || imo < ships*9/10 {
		t.Errorf("%d ships, %d with an IMO number", ships, imo)
	}
}

func BenchmarkRealUKSL(b *testing.B) {
	path := readertest.SharedFile(b, realFile)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Read(context.Background(), []string{path}, fileutil.Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

func FuzzParse(f *testing.F) {
	f.Add(readertest.ReadFile(f, "testdata/content.xml"))
	// The real list's first rows.
	if real, ok := readertest.ZipHead(realFile, "content.xml", 40<<10, "</table:table-row>", "</table:table></office:spreadsheet></office:body></office:document-content>"); ok {
		f.Add(real)
	}
	f.Add([]byte(`<table:table><table:table-row><table:table-cell table:number-columns-repeated="3"><text:p>a&amp;<text:s text:c="9"/></text:p></table:table-cell></table:table-row></table:table>`))
	f.Fuzz(func(t *testing.T, b []byte) {
		p := newParser()
		err := p.parse(context.Background(), bytes.NewReader(b), "fuzz.xml")
		if readertest.IsParseError(t, err) {
			return
		}
		for _, e := range p.dataset().Entities {
			if e.ID == "" || e.Source != Source {
				t.Fatalf("bad entity %+v", e)
			}
		}
	})
}
