package ftm

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/tripline/tripline"
	"github.com/tripline/tripline/ingest/fileutil"
	"github.com/tripline/tripline/ingest/internal/listutil"
	"github.com/tripline/tripline/ingest/internal/readertest"
	"github.com/tripline/tripline/ingest/ofac"
	"github.com/tripline/tripline/ingest/uksl"
	"github.com/tripline/tripline/ingest/un"
)

func mustReadJSON(tb testing.TB, b []byte, opt Options) *tripline.Dataset {
	tb.Helper()
	ds, err := ReadJSON(context.Background(), bytes.NewReader(b), "test.json", opt)
	if err != nil {
		tb.Fatal(err)
	}
	return ds
}

func TestReadJSONSample(t *testing.T) {
	ds, err := Read(context.Background(), []string{"testdata/sample.ftm.json"}, fileutil.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if ds.Source != "os" || ds.Format != FormatJSON || len(ds.Entities) != 5 {
		t.Fatalf("dataset %s %s with %d entities, want os ftm-json 5", ds.Source, ds.Format, len(ds.Entities))
	}
	if len(ds.Warnings) != 1 || !strings.Contains(ds.Warnings[0], "Note 1") {
		t.Errorf("warnings = %q, want one naming the skipped Note", ds.Warnings)
	}
	m := readertest.ByID(ds)

	p := m["os:p-ivanov"]
	if p == nil || p.Schema != tripline.SchemaPerson || p.SourceID != "p-ivanov" || p.Source != "os" {
		t.Fatalf("person = %+v", p)
	}
	wantNames := []tripline.Name{
		{Full: "Ivan Petrovich Ruritansky", Kind: tripline.NamePrimary, Parts: []tripline.NamePart{{Type: "given", Value: "Ivan"}, {Type: "patronymic", Value: "Petrovich"}, {Type: "family", Value: "Ruritansky"}}},
		{Full: "Ivan Ruritanski", Kind: tripline.NameAlias, Qualifier: "aka"},
		{Full: "Иван Руританский", Kind: tripline.NameAlias, Qualifier: "aka", Script: "Cyrl"},
		{Full: "Ivan Petrov", Kind: tripline.NameAlias, Qualifier: "fka"},
		{Full: "Vanya", Kind: tripline.NameWeak},
	}
	if !slices.EqualFunc(p.Names, wantNames, func(a, b tripline.Name) bool {
		return a.Full == b.Full && a.Kind == b.Kind && a.Qualifier == b.Qualifier && a.Script == b.Script && slices.Equal(a.Parts, b.Parts)
	}) {
		t.Errorf("names =\n%+v\nwant\n%+v", p.Names, wantNames)
	}
	if !slices.Equal(p.Nationalities, []string{"RU", "Ruritania"}) || !slices.Equal(p.BirthDates, []string{"1961-08-03"}) ||
		!slices.Equal(p.BirthPlaces, []string{"Strelsau"}) || p.Gender != "male" {
		t.Errorf("nationalities %q birth %q %q gender %q", p.Nationalities, p.BirthDates, p.BirthPlaces, p.Gender)
	}
	wantIDs := []tripline.Identifier{
		{Type: "passport", Value: "P1234567"}, {Type: "national_id", Value: "NI-42"}, {Type: "inn", Value: "770000000001"},
		{Type: "passport", Value: "P7654321", Country: "RU", Note: "Diplomatic"},
	}
	if !slices.Equal(p.Identifiers, wantIDs) {
		t.Errorf("identifiers = %+v, want %+v", p.Identifiers, wantIDs)
	}
	if !slices.Equal(p.Addresses, []tripline.Address{{Full: "12 Harbour Street, Zenda, 40100", Street: "12 Harbour Street", City: "Zenda", PostalCode: "40100", Country: "RU"}}) ||
		!slices.Equal(p.Countries, []string{"RU"}) {
		t.Errorf("addresses %+v countries %q", p.Addresses, p.Countries)
	}
	if p.Remarks != "Procured fictional centrifuge parts." || !slices.Equal(p.Programs, []string{"FIC-PROLIF"}) ||
		!slices.Equal(p.Emails, []string{"ivan@example.org"}) || !slices.Equal(p.Phones, []string{"+7 495 000 0000"}) {
		t.Errorf("remarks %q programs %q emails %q phones %q", p.Remarks, p.Programs, p.Emails, p.Phones)
	}
	wantLinks := []tripline.Link{
		{Type: "director_of", TargetID: "os:c-zenda", TargetName: "Zenda Machine Tools LLC"},
		{Type: "family", TargetID: "os:p-outside"},
	}
	if !slices.Equal(p.Links, wantLinks) {
		t.Errorf("person links = %+v, want %+v", p.Links, wantLinks)
	}
	for k, want := range map[string][]string{
		"title": {"Dr"}, "topics": {"sanction"}, "sourceUrl": {"https://example.org/ivan"},
		"position": {"Director of Procurement", "Deputy Minister of Fiction"}, "datasets": {"fictional_sanctions"},
		"referents": {"old-ivan"}, "target": {"true"}, "first_seen": {"2024-01-02T00:00:00"},
	} {
		if !slices.Equal(p.Properties[k], want) {
			t.Errorf("property %s = %q, want %q", k, p.Properties[k], want)
		}
	}

	c := m["os:c-zenda"]
	if c == nil || c.Schema != tripline.SchemaCompany {
		t.Fatalf("company = %+v", c)
	}
	if c.ListedOn != "2020-01-15" || !slices.Equal(c.Programs, []string{"FIC-PROLIF", "FIC-ARMS"}) || c.Remarks != "Supplies dual-use machine tools." {
		t.Errorf("company sanction: listed %q programs %q remarks %q", c.ListedOn, c.Programs, c.Remarks)
	}
	if !slices.Equal(c.Links, []tripline.Link{{Type: "owned_by", TargetID: "os:c-holding", TargetName: "Ruritanian Defence Holding", Share: 0.51}}) {
		t.Errorf("company links = %+v", c.Links)
	}
	for _, id := range []tripline.Identifier{{Type: "registration", Value: "1027700000042"}, {Type: "ogrn", Value: "1027700000042"}, {Type: "lei", Value: "5493000FICTIONAL0042"}, {Type: "swift_bic", Value: "ZENDRUMM"}, {Type: "tax", Value: "7700000042", Country: "RU"}} {
		if !slices.Contains(c.Identifiers, id) {
			t.Errorf("company lacks identifier %+v: %+v", id, c.Identifiers)
		}
	}
	if !slices.Equal(c.Addresses, []tripline.Address{{Full: "3 Castle Road, Strelsau, Ruritania"}}) || !slices.Equal(c.Properties["incorporationDate"], []string{"2001-05-04"}) {
		t.Errorf("company address %+v properties %v", c.Addresses, c.Properties)
	}

	v := m["os:v-fable"]
	if v == nil || v.Schema != tripline.SchemaVessel || !slices.Equal(v.Identifiers, []tripline.Identifier{{Type: "imo", Value: "9999991"}, {Type: "mmsi", Value: "636000001"}, {Type: "call_sign", Value: "5LXX9"}}) ||
		!slices.Equal(v.Links, []tripline.Link{{Type: "owned_by", TargetID: "os:c-zenda", TargetName: "Zenda Machine Tools LLC"}}) || !slices.Equal(v.Properties["flag"], []string{"pa"}) {
		t.Errorf("vessel = %+v", v)
	}
	a := m["os:a-kite"]
	if a == nil || a.Schema != tripline.SchemaAirplane || !slices.Equal(a.Identifiers, []tripline.Identifier{{Type: "aircraft_tail", Value: "EP-FIC"}, {Type: "aircraft_serial", Value: "MSN 4242"}}) ||
		!slices.Equal(a.Links, []tripline.Link{{Type: "linked_to", TargetID: "os:c-zenda", TargetName: "Zenda Machine Tools LLC"}}) {
		t.Errorf("airplane = %+v", a)
	}
}

func TestReadJSONLenient(t *testing.T) {
	// FtM data in the wild writes single values as bare strings and puts
	// objects where strings belong.
	in := `{"id":"x","schema":"Person","caption":"A B","properties":{"name":"A B","birthPlace":"Somewhere","relatives":[{"relation":"spouse","name":"C D"}],"motherName":""}}` + "\n\n"
	ds := mustReadJSON(t, []byte(in), Options{Source: "os"})
	e := ds.Entities[0]
	if e.Caption() != "A B" || !slices.Equal(e.BirthPlaces, []string{"Somewhere"}) || !slices.Equal(e.Properties["relatives"], []string{`{"relation":"spouse","name":"C D"}`}) {
		t.Errorf("entity = %+v", e)
	}
	if _, ok := e.Properties["motherName"]; ok {
		t.Errorf("empty property kept")
	}
}

func TestReadJSONErrors(t *testing.T) {
	good := readertest.ReadFile(t, "testdata/sample.ftm.json")
	lines := bytes.Count(good, []byte("\n"))
	for _, tc := range []struct {
		name string
		in   []byte
		line int
	}{
		{"truncated last line", good[:len(good)-40], lines},
		{"bad JSON on line 2", []byte("{\"id\":\"a\",\"schema\":\"Person\",\"properties\":{}}\n{\"id\":\"b\",\"schema\":\n"), 2},
		{"no schema", []byte("{\"id\":\"a\",\"properties\":{}}\n"), 1},
		{"not an object", []byte("[1,2]\n"), 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ReadJSON(context.Background(), bytes.NewReader(tc.in), "in.json", Options{Source: "os"})
			pe := tripline.ParseErrorOf(err)
			if pe == nil || pe.Line != tc.line || pe.File != "in.json" {
				t.Fatalf("err = %v, want a parse error at in.json:%d", err, tc.line)
			}
		})
	}
}

func TestReadCSVSample(t *testing.T) {
	ds, err := ReadCSV(context.Background(), []string{"testdata/targets.simple.csv"}, fileutil.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if ds.Source != "os" || ds.Format != FormatCSV || len(ds.Entities) != 4 {
		t.Fatalf("dataset %s %s %d entities", ds.Source, ds.Format, len(ds.Entities))
	}
	m := readertest.ByID(ds)
	p := m["os:fic-p-1"]
	if p.Schema != tripline.SchemaPerson || p.Caption() != "Ivan Ruritansky" || len(p.Names) != 3 || p.Names[2].Script != "Cyrl" {
		t.Errorf("person names = %+v", p.Names)
	}
	if !slices.Equal(p.BirthDates, []string{"1961-08-03", "1962"}) || !slices.Equal(p.Countries, []string{"RU"}) ||
		!slices.Equal(p.Addresses, []tripline.Address{{Full: "12 Harbour Street, Zenda"}}) || p.Remarks != "Procured fictional centrifuge parts." ||
		!slices.Equal(p.Programs, []string{"FIC-PROLIF"}) || !slices.Equal(p.Phones, []string{"+7 495 000 0000"}) || !slices.Equal(p.Emails, []string{"ivan@example.org"}) ||
		!slices.Equal(p.Identifiers, []tripline.Identifier{{Type: "other", Value: "770000000001"}}) || !slices.Equal(p.Properties["datasets"], []string{"Fictional Sanctions"}) {
		t.Errorf("person = %+v", p)
	}
	v := m["os:fic-v-1"]
	if v.Schema != tripline.SchemaVessel || v.Remarks != "" ||
		!slices.Equal(v.Identifiers, []tripline.Identifier{{Type: "imo", Value: "9999991"}, {Type: "mmsi", Value: "636000001"}, {Type: "other", Value: "5LXX9"}}) {
		t.Errorf("vessel = %+v", v)
	}
	c := m["os:fic-c-1"]
	if c.Remarks != "Supplies machine tools.\nSecond line with \"quotes\".\nAnother reason." {
		t.Errorf("company remarks = %q", c.Remarks)
	}
	if x := m["os:fic-x-1"]; x.Schema != tripline.SchemaLegalEntity {
		t.Errorf("unknown schema read as %s", x.Schema)
	}
}

func TestReadCSVErrors(t *testing.T) {
	good := readertest.ReadFile(t, "testdata/targets.simple.csv")
	for _, tc := range []struct {
		name string
		in   []byte
		line int
	}{
		{"truncated in a quoted field", good[:len(good)-30], 6},
		{"truncated mid-row", good[:bytes.Index(good, []byte(`"fic-v-1"`))+30], 3},
		{"wrong header", []byte("a,b,c\n1,2,3\n"), 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ParseCSV(context.Background(), bytes.NewReader(tc.in), "t.csv")
			pe := tripline.ParseErrorOf(err)
			if pe == nil || pe.Line != tc.line {
				t.Fatalf("err = %v, want a parse error at line %d", err, tc.line)
			}
		})
	}
}

func TestDetect(t *testing.T) {
	j := readertest.ReadFile(t, "testdata/sample.ftm.json")
	c := readertest.ReadFile(t, "testdata/targets.simple.csv")
	if !DetectJSON("x.json", j) || DetectJSON("x.csv", c) || !DetectCSV("x.csv", c) || DetectCSV("x.json", j) {
		t.Errorf("detection mixed up the samples")
	}
	if DetectJSON("x.json", []byte(`{"a":1}`)) || DetectCSV("x.csv", []byte("id,name\n")) {
		t.Errorf("detection accepted other files")
	}
}

// TestRealFtM reads the OpenSanctions FtM sample: 1,565 lines = 607
// Person, 756 Family, 102 Occupancy and 100 Position entities. The persons
// become entities, the families their links, the occupancies "position"
// properties; Position entities are not kept.
func TestRealFtM(t *testing.T) {
	path := readertest.SharedFile(t, "data/formats/opensanctions/entities.ftm.json")
	ds, err := Read(context.Background(), []string{path}, fileutil.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(ds.Entities) != 607 || ds.PublishedAt != "2024-03-14" {
		t.Errorf("got %d entities published %q, want 607 and 2024-03-14", len(ds.Entities), ds.PublishedAt)
	}
	var links, family, positions int
	for _, e := range ds.Entities {
		if e.Schema != tripline.SchemaPerson || !strings.HasPrefix(e.ID, "os:Q") {
			t.Errorf("unexpected entity %s %s", e.ID, e.Schema)
		}
		links += len(e.Links)
		for _, l := range e.Links {
			if l.Type == "family" {
				family++
			}
		}
		if len(e.Properties["position"]) > 0 {
			positions++
		}
	}
	if family != 756 || links != 756 {
		t.Errorf("%d links, %d family, want 756 (one per Family entity)", links, family)
	}
	if positions == 0 {
		t.Errorf("no occupancy folded into a position")
	}
	if !slices.ContainsFunc(ds.Warnings, func(w string) bool { return strings.Contains(w, "Position 100") }) {
		t.Errorf("warnings = %q", ds.Warnings)
	}
}

// TestRealTargets reads the OpenSanctions targets.simple.csv: 5,600 rows
// (1,543 Person, 1,524 Company, 1,340 Vessel, 1,193 LegalEntity).
func TestRealTargets(t *testing.T) {
	path := readertest.SharedFile(t, "data/formats/opensanctions/targets.simple.csv")
	ds, err := ReadCSV(context.Background(), []string{path}, fileutil.Options{})
	if err != nil {
		t.Fatal(err)
	}
	n := map[tripline.Schema]int{}
	var imo int
	for _, e := range ds.Entities {
		n[e.Schema]++
		if slices.ContainsFunc(e.Identifiers, func(id tripline.Identifier) bool { return id.Type == "imo" }) {
			imo++
		}
	}
	want := map[tripline.Schema]int{tripline.SchemaPerson: 1543, tripline.SchemaCompany: 1524, tripline.SchemaVessel: 1340, tripline.SchemaLegalEntity: 1193}
	if ds.PublishedAt != "2026-03-13" {
		t.Errorf("published %q, want 2026-03-13", ds.PublishedAt)
	}
	if len(ds.Entities) != 5600 || len(n) != len(want) {
		t.Errorf("got %d entities %v, want 5,600 %v", len(ds.Entities), n, want)
	}
	for s, c := range want {
		if n[s] != c {
			t.Errorf("%s: %d, want %d", s, n[s], c)
		}
	}
	if imo < 1340 {
		t.Errorf("%d entities with an IMO number, want at least one per vessel", imo)
	}
	if len(ds.Warnings) != 0 {
		t.Errorf("warnings: %q", ds.Warnings[:min(3, len(ds.Warnings))])
	}
}

// normalized projects an entity onto what FtM carries, in a canonical
// order: name scripts and languages, alias qualifiers other than fka, the
// name a part belongs to (parts become one set, titles join the "title"
// property), the target name of a link with a target id, bare-country
// addresses (they live in Countries), a second kind or qualifier of the
// same name, repeated values and value order are not carried.
func normalized(e *tripline.Entity) *tripline.Entity {
	n := &tripline.Entity{ID: e.ID, Source: e.Source, SourceID: e.SourceID, Schema: e.Schema, Gender: e.Gender, ListedOn: e.ListedOn, Remarks: strings.TrimSpace(e.Remarks)}
	if n.Schema == "" {
		n.Schema = tripline.SchemaLegalEntity
	}
	var parts []tripline.NamePart
	props := map[string][]string{}
	for k, vs := range e.Properties {
		for _, v := range vs {
			if v != "" && !slices.Contains(props[k], v) {
				props[k] = append(props[k], v)
			}
		}
	}
	// A name given twice with one kind is one FtM value: its first
	// occurrence's qualifier and language hold.
	first := map[[2]string]tripline.Name{}
	for _, nm := range e.Names {
		k := [2]string{string(nm.Kind), strings.TrimSpace(nm.Full)}
		if _, ok := first[k]; !ok {
			first[k] = nm
		}
		f := first[k]
		n.Names = append(n.Names, tripline.Name{Full: k[1], Kind: nm.Kind, Qualifier: f.Qualifier, Lang: f.Lang})
		for _, p := range nm.Parts {
			if p.Type == "title" {
				if !slices.Contains(props["title"], p.Value) {
					props["title"] = append(props["title"], p.Value)
				}
				continue
			}
			if !slices.Contains(parts, p) {
				parts = append(parts, p)
			}
		}
	}
	slices.SortFunc(n.Names, func(a, b tripline.Name) int {
		return strings.Compare(string(a.Kind)+"\x00"+a.Full+"\x00"+a.Qualifier, string(b.Kind)+"\x00"+b.Full+"\x00"+b.Qualifier)
	})
	// A name given twice under different kinds (OFAC repeats some primary
	// names as aliases) is one FtM value: keep its strongest kind.
	rank := map[tripline.NameKind]int{tripline.NamePrimary: 3, tripline.NameAlias: 2, tripline.NameWeak: 1}
	best := map[string]tripline.NameKind{}
	for _, nm := range n.Names {
		if rank[nm.Kind] > rank[best[nm.Full]] {
			best[nm.Full] = nm.Kind
		}
	}
	n.Names = slices.DeleteFunc(n.Names, func(nm tripline.Name) bool { return nm.Kind != best[nm.Full] })
	n.Names = slices.CompactFunc(n.Names, func(a, b tripline.Name) bool { return a.Full == b.Full && a.Kind == b.Kind })
	if len(parts) > 0 {
		slices.SortFunc(parts, func(a, b tripline.NamePart) int { return strings.Compare(a.Type+a.Value, b.Type+b.Value) })
		n.Names = append(n.Names, tripline.Name{Full: "(parts)", Parts: parts})
	}
	for k, vs := range props {
		slices.Sort(vs)
		props[k] = vs
	}
	if len(props) > 0 {
		n.Properties = props
	}
	set := func(vs []string) []string {
		out := slices.Clone(vs)
		slices.Sort(out)
		return slices.Compact(out)
	}
	countries := slices.Clone(e.Countries)
	for _, a := range e.Addresses {
		if a.Country != "" {
			countries = append(countries, a.Country)
		}
		if (a.Full != "" || a.Street != "" || a.City != "" || a.Region != "" || a.PostalCode != "") && !slices.Contains(n.Addresses, a) {
			n.Addresses = append(n.Addresses, a)
		}
	}
	slices.SortFunc(n.Addresses, func(a, b tripline.Address) int {
		return strings.Compare(fmt.Sprintf("%q", a), fmt.Sprintf("%q", b))
	})
	n.Countries = set(countries)
	n.Nationalities = set(e.Nationalities)
	n.BirthDates = set(e.BirthDates)
	n.BirthPlaces = set(e.BirthPlaces)
	n.Emails = set(e.Emails)
	n.Phones = set(e.Phones)
	n.Websites = set(e.Websites)
	n.Programs = set(e.Programs)
	for _, id := range e.Identifiers {
		if id.Value != "" && !slices.Contains(n.Identifiers, id) {
			n.Identifiers = append(n.Identifiers, id)
		}
	}
	slices.SortFunc(n.Identifiers, func(a, b tripline.Identifier) int {
		return strings.Compare(a.Type+"\x00"+a.Value+"\x00"+a.Country+"\x00"+a.Note, b.Type+"\x00"+b.Value+"\x00"+b.Country+"\x00"+b.Note)
	})
	for _, l := range e.Links {
		if l.TargetID != "" {
			l.TargetName = ""
		}
		l.Share = math.Round(l.Share*1e9) / 1e9
		if !slices.Contains(n.Links, l) {
			n.Links = append(n.Links, l)
		}
	}
	slices.SortFunc(n.Links, func(a, b tripline.Link) int {
		return strings.Compare(a.Type+"\x00"+a.TargetID+"\x00"+a.TargetName, b.Type+"\x00"+b.TargetID+"\x00"+b.TargetName)
	})
	return n
}

// roundTrip writes entities as FtM and reads them back in round-trip mode.
func roundTrip(tb testing.TB, entities []*tripline.Entity) (*tripline.Dataset, []byte) {
	tb.Helper()
	var buf bytes.Buffer
	if err := Write(&buf, entities); err != nil {
		tb.Fatal(err)
	}
	ds, err := ReadJSON(context.Background(), bytes.NewReader(buf.Bytes()), "export.ftm.json", Options{})
	if err != nil {
		tb.Fatalf("reading the export: %v", err)
	}
	return ds, buf.Bytes()
}

func checkRoundTrip(tb testing.TB, entities []*tripline.Entity) {
	tb.Helper()
	ds, out := roundTrip(tb, entities)
	checkValid(tb, out)
	if len(ds.Entities) != len(entities) {
		tb.Fatalf("%d entities back, want %d", len(ds.Entities), len(entities))
	}
	got := readertest.ByID(ds)
	bad := 0
	for _, e := range entities {
		g := got[e.ID]
		if g == nil {
			tb.Errorf("%s missing after the round trip", e.ID)
			continue
		}
		want, have := normalized(e), normalized(g)
		if diff := diffEntities(want, have); diff != "" {
			if bad++; bad <= 5 {
				tb.Errorf("%s changed in the round trip: %s", e.ID, diff)
			}
		}
	}
	if bad > 0 {
		tb.Errorf("%d of %d entities changed; export size %d bytes", bad, len(entities), len(out))
	}
}

// syntheticEntities are entities with every field the writer carries, and
// links of every type, outside the export and against FtM's ranges.
func syntheticEntities() []*tripline.Entity {
	return []*tripline.Entity{
		{
			ID: "demo:1", Source: "demo", SourceID: "1", Schema: tripline.SchemaPerson,
			Names: []tripline.Name{
				{Full: "Ivan Ilyich PETROVSKI", Kind: tripline.NamePrimary, Parts: []tripline.NamePart{{Type: "title", Value: "Dr"}, {Type: "given", Value: "Ivan"}, {Type: "middle", Value: "Ilyich"}, {Type: "family", Value: "PETROVSKI"}, {Type: "suffix", Value: "Jr"}, {Type: "matronymic", Value: "Annovna"}}},
				{Full: "Иван ПЕТРОВСКИЙ", Kind: tripline.NameAlias, Script: "Cyrl", Lang: "ru"},
				{Full: "Ivan PETROV", Kind: tripline.NameAlias, Qualifier: "fka"},
				{Full: "VANYA", Kind: tripline.NameWeak, Qualifier: "aka"},
			},
			Addresses:     []tripline.Address{{Full: "12 Harbour Street, Zenda", Street: "12 Harbour Street", City: "Zenda", Region: "North", PostalCode: "40100", Country: "RU"}, {Full: "Somewhere only as text"}},
			Countries:     []string{"RU", "Ruritania"},
			Nationalities: []string{"RU", "Ruritania"},
			BirthDates:    []string{"1961-08-03", "1962"},
			BirthPlaces:   []string{"Strelsau, Ruritania"},
			Gender:        "male",
			Identifiers: []tripline.Identifier{
				{Type: "passport", Value: "P1"}, {Type: "passport", Value: "P2", Country: "RU", Note: "Diplomatic"},
				{Type: "national_id", Value: "NI-42"}, {Type: "tax", Value: "T-1", Country: "ZZ-text"}, {Type: "un_reference", Value: "FRi.001"}, {Type: "crypto_wallet", Value: "bc1fictional"},
			},
			Emails: []string{"ivan@example.org"}, Phones: []string{"+7 495 000 0000"}, Websites: []string{"https://example.org"},
			Programs: []string{"FIC-PROLIF", "FIC-ARMS"}, ListedOn: "2020-05-04",
			Remarks: "Procured parts.\nSecond line.",
			Links: []tripline.Link{
				{Type: "director_of", TargetID: "demo:2"}, {Type: "family", TargetID: "demo:9"}, {Type: "associate", TargetID: "demo:2"},
				{Type: "linked_to", TargetName: "Some Name | With Bar"}, {Type: "same_as", TargetID: "un-sc:FRi.001"}, {Type: "acting_for", TargetID: "demo:2"},
				{Type: "member_of", TargetID: "demo:2"}, {Type: "employee_of", TargetID: "demo:2"},
			},
			Properties: map[string][]string{"title": {"Dr"}, "position": {"Director"}, "notes": {"a property called notes"}, "datasets": {"extra"}, "first_seen": {"2024-01-01", "2023-01-01"}, "target": {"true"}},
		},
		{
			ID: "demo:2", Source: "demo", SourceID: "2", Schema: tripline.SchemaCompany,
			Names:       []tripline.Name{{Full: "ZENDA MACHINE TOOLS", Kind: tripline.NamePrimary}, {Full: "ZMT", Kind: tripline.NameAlias, Qualifier: "aka"}},
			Identifiers: []tripline.Identifier{{Type: "registration", Value: "1027700000042"}, {Type: "swift_bic", Value: "ZENDRUMM"}, {Type: "lei", Value: "LEI1"}},
			Links: []tripline.Link{
				{Type: "owned_by", TargetID: "demo:3", Share: 0.51}, {Type: "owns", TargetID: "demo:4", Share: 1}, {Type: "successor_of", TargetID: "demo:3"},
				{Type: "predecessor_of", TargetID: "demo:9"}, {Type: "directed_by", TargetID: "demo:1"}, {Type: "owned_by", TargetName: "Unlisted Parent", Share: 0.25},
			},
		},
		{ID: "demo:3", Source: "demo", SourceID: "3", Schema: tripline.SchemaOrganization, Names: []tripline.Name{{Full: "Holding", Kind: tripline.NamePrimary}}, Links: []tripline.Link{{Type: "has_member", TargetID: "demo:1"}, {Type: "employer_of", TargetID: "demo:1"}, {Type: "represented_by", TargetID: "demo:1"}}},
		{ID: "demo:4", Source: "demo", SourceID: "4", Schema: tripline.SchemaVessel, Names: []tripline.Name{{Full: "SEA FICTION", Kind: tripline.NamePrimary}}, Identifiers: []tripline.Identifier{{Type: "imo", Value: "9999991"}, {Type: "mmsi", Value: "636000001"}, {Type: "call_sign", Value: "5L"}}, Properties: map[string][]string{"flag": {"PA"}, "vessel_type": {"Oil Tanker"}}},
		{ID: "demo:5", Source: "demo", SourceID: "5", Schema: tripline.SchemaAirplane, Names: []tripline.Name{{Full: "EP-FIC", Kind: tripline.NamePrimary}}, Identifiers: []tripline.Identifier{{Type: "aircraft_tail", Value: "EP-FIC"}, {Type: "aircraft_serial", Value: "4242"}, {Type: "registration", Value: "R-1"}}},
		{ID: "other:a:b", Source: "other", SourceID: "a:b", Schema: tripline.SchemaLegalEntity, Names: []tripline.Name{{Full: "Colon Id", Kind: tripline.NamePrimary}}, Links: []tripline.Link{{Type: "linked_to", TargetID: "demo:1"}}},
	}
}

func TestRoundTripSynthetic(t *testing.T) {
	entities := syntheticEntities()
	checkRoundTrip(t, entities)

	// The export is FtM: every line has id, schema and properties, and the
	// relationship entities use FtM's property names.
	_, out := roundTrip(t, entities)
	for i, line := range bytes.Split(bytes.TrimSpace(out), []byte("\n")) {
		if !DetectJSON("", line) {
			t.Errorf("line %d is not an FtM entity: %s", i+1, line)
		}
	}
	for _, want := range []string{
		`"schema":"Ownership","properties":{"asset":["demo.2"],"owner":["demo.3"],"percentage":["51"]}`,
		`"id":"demo.1..link-1","schema":"Directorship","properties":{"director":["demo.1"],"organization":["demo.2"]}`,
		// a link outside the export, a link whose range FtM excludes
		`[tripline link] [\"same_as\",\"\",\"un-sc:FRi.001\",\"\"]`,
		`"schema":"UnknownLink","properties":{"object":["demo.2"],"role":["associate"],"subject":["demo.1"]}`,
		`"datasets":["demo","extra"]`,
	} {
		if !bytes.Contains(out, []byte(want)) {
			t.Errorf("export lacks %s", want)
		}
	}
}

func TestRoundTripFtMSample(t *testing.T) {
	ds, err := Read(context.Background(), []string{"testdata/sample.ftm.json"}, fileutil.Options{})
	if err != nil {
		t.Fatal(err)
	}
	checkRoundTrip(t, ds.Entities)
}

func TestRoundTripRealFtM(t *testing.T) {
	path := readertest.SharedFile(t, "data/formats/opensanctions/entities.ftm.json")
	ds, err := Read(context.Background(), []string{path}, fileutil.Options{})
	if err != nil {
		t.Fatal(err)
	}
	checkRoundTrip(t, ds.Entities)
}

func TestRoundTripRealTargets(t *testing.T) {
	path := readertest.SharedFile(t, "data/formats/opensanctions/targets.simple.csv")
	ds, err := ReadCSV(context.Background(), []string{path}, fileutil.Options{})
	if err != nil {
		t.Fatal(err)
	}
	checkRoundTrip(t, ds.Entities)
}

func FuzzReadJSON(f *testing.F) {
	f.Add(readertest.ReadFile(f, "testdata/sample.ftm.json"))
	if real, ok := readertest.Head("data/formats/opensanctions/entities.ftm.json", 32<<10, "\n", ""); ok {
		f.Add(real)
	}
	f.Add([]byte(`{"id":"x","schema":"Person","properties":{"name":"A","tripline:link":["owns|0.5|B"]}}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		ds, err := ReadJSON(context.Background(), bytes.NewReader(b), "fuzz.json", Options{Source: "os"})
		if readertest.IsParseError(t, err) {
			return
		}
		// Whatever was read survives a write and a read.
		checkRoundTrip(t, ds.Entities)
	})
}

func FuzzReadCSV(f *testing.F) {
	f.Add(readertest.ReadFile(f, "testdata/targets.simple.csv"))
	if real, ok := readertest.Head("data/formats/opensanctions/targets.simple.csv", 32<<10, "\n", ""); ok {
		f.Add(real)
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		ds, err := ParseCSV(context.Background(), bytes.NewReader(b), "fuzz.csv")
		if readertest.IsParseError(t, err) {
			return
		}
		for _, e := range ds.Entities {
			if e.ID != "os:"+e.SourceID || e.SourceID == "" {
				t.Fatalf("bad id %q", e.ID)
			}
		}
	})
}

// diffEntities names the fields in which a and b differ, with both values.
func diffEntities(a, b *tripline.Entity) string {
	ja, _ := json.Marshal(a)
	jb, _ := json.Marshal(b)
	if bytes.Equal(ja, jb) {
		return ""
	}
	var ma, mb map[string]json.RawMessage
	json.Unmarshal(ja, &ma)
	json.Unmarshal(jb, &mb)
	var out []string
	for k := range ma {
		if !bytes.Equal(ma[k], mb[k]) {
			out = append(out, fmt.Sprintf("%s: %s -> %s", k, ma[k], mb[k]))
		}
	}
	for k := range mb {
		if _, ok := ma[k]; !ok {
			out = append(out, fmt.Sprintf("%s: (none) -> %s", k, mb[k]))
		}
	}
	slices.Sort(out)
	return strings.Join(out, "; ")
}

// TestRoundTripOFAC writes the real OFAC SDN set (16,989 entities with
// weak aliases, fka names, addresses, documents and "Linked To" links) as
// FtM and reads it back.
func TestRoundTripOFAC(t *testing.T) {
	dir := readertest.SharedFile(t, "data/lists/ofac_sdn")
	var files []string
	for _, f := range []string{"sdn.csv", "add.csv", "alt.csv", "sdn_comments.csv"} {
		files = append(files, filepath.Join(dir, f))
	}
	ds, err := ofac.ReadCSV(context.Background(), files, fileutil.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(ds.Entities) != 16989 {
		t.Fatalf("OFAC reader gave %d entities", len(ds.Entities))
	}
	checkRoundTrip(t, ds.Entities)
}

// TestRoundTripUNAndUKSL writes the real UN list (original-script names,
// dated documents, name parts) and UK Sanctions List (ships, owners named
// only, programmes, statements of reasons) as FtM and reads them back.
func TestRoundTripUNAndUKSL(t *testing.T) {
	for _, tc := range []struct {
		file  string
		read  func(context.Context, []string, fileutil.Options) (*tripline.Dataset, error)
		slow  bool
		count int
	}{
		{"data/lists/un_sc/UN_consolidated.xml", un.Read, false, 1003},
		{"data/lists/uk_sanctions_list/UK_Sanctions_List.ods", uksl.Read, true, 3728},
	} {
		t.Run(filepath.Base(tc.file), func(t *testing.T) {
			if tc.slow && testing.Short() {
				t.Skip("-short: the UK Sanctions List takes seconds to read")
			}
			ds, err := tc.read(context.Background(), []string{readertest.SharedFile(t, tc.file)}, fileutil.Options{})
			if err != nil {
				t.Fatal(err)
			}
			if len(ds.Entities) != tc.count {
				t.Fatalf("reader gave %d entities, want %d", len(ds.Entities), tc.count)
			}
			checkRoundTrip(t, ds.Entities)
		})
	}
}

// TestRoundTripRandom is a property test: any entity as the readers make
// them (trimmed values, a primary name first, parts on persons) comes back
// from a write and a read with the same FtM-carried fields.
func TestRoundTripRandom(t *testing.T) {
	checkRoundTrip(t, randomEntities(1, 300))
}

// randomEntities makes n entities as the readers make them, with values
// of every kind FtM refuses as they stand.
func randomEntities(seed uint64, n int) []*tripline.Entity {
	rng := rand.New(rand.NewPCG(seed, 2))
	pick := func(vs ...string) string { return vs[rng.IntN(len(vs))] }
	text := func() string {
		return pick("Zenda", "Иван Петров", "محمد", "金正恩", "A|B|C", "x:y:z", "O'Brien & Sons", `"quoted"`, "multi\nline", "0.5", "tripline:link", "owns|0.5|X")
	}
	some := func(n int, f func() string) []string {
		var out []string
		for i := rng.IntN(n + 1); i > 0; i-- {
			out = append(out, f())
		}
		return out
	}
	countryPool := func() string { return pick("RU", "IR", "KP", "GB", "Ruritania", "Zenda Free State") }
	schemata := []tripline.Schema{tripline.SchemaPerson, tripline.SchemaCompany, tripline.SchemaOrganization, tripline.SchemaLegalEntity, tripline.SchemaVessel, tripline.SchemaAirplane}
	linkTypes := []string{"owns", "owned_by", "director_of", "directed_by", "family", "associate", "linked_to", "successor_of", "predecessor_of", "member_of", "has_member", "employee_of", "employer_of", "acting_for", "represented_by", "same_as", "supplier_of"}
	idTypes := []string{"passport", "national_id", "tax", "registration", "inn", "ogrn", "imo", "mmsi", "swift_bic", "lei", "call_sign", "aircraft_serial", "aircraft_tail", "crypto_wallet", "un_reference", "other"}
	ids := make([]string, n)
	for i := range ids {
		src := pick("alpha", "beta-list", "os")
		ids[i] = src + ":" + strconv.Itoa(i) + pick("", ":x", "-y")
	}
	var entities []*tripline.Entity
	for i, id := range ids {
		src, sid, _ := strings.Cut(id, ":")
		e := &tripline.Entity{ID: id, Source: src, SourceID: sid, Schema: schemata[rng.IntN(len(schemata))]}
		e.Names = append(e.Names, tripline.Name{Full: "Primary " + strconv.Itoa(i), Kind: tripline.NamePrimary})
		for j := rng.IntN(4); j > 0; j-- {
			nm := tripline.Name{Full: text(), Kind: tripline.NameKind(pick("primary", "alias", "weak")), Qualifier: pick("", "aka", "fka", "nka"), Lang: pick("", "ru")}
			nm.Script = listutil.Script(nm.Full)
			e.Names = append(e.Names, nm)
		}
		if e.Schema == tripline.SchemaPerson {
			for j := rng.IntN(4); j > 0; j-- {
				e.Names[0].Parts = append(e.Names[0].Parts, tripline.NamePart{Type: pick("given", "middle", "family", "patronymic", "matronymic", "title", "suffix", "other"), Value: text()})
			}
			e.Gender = pick("", "male", "female")
			e.BirthDates = some(2, func() string {
				return pick("1961", "1961-08", "1961-08-03", "circa 1960", "21.04.1975", "1961-13-45", "unknown")
			})
			e.BirthPlaces = some(2, text)
			e.Nationalities = some(2, countryPool)
		}
		e.Countries = some(2, countryPool)
		for j := rng.IntN(3); j > 0; j-- {
			a := tripline.Address{Full: pick("", text(), strings.TrimSpace(strings.Repeat("Far Street ", 30))), Street: pick("", text()), City: pick("", "Zenda"), Region: pick("", "North"), PostalCode: pick("", "40100"), Country: pick("", countryPool())}
			listutil.AddAddress(e, a)
		}
		for j := rng.IntN(4); j > 0; j-- {
			listutil.AddIdentifier(e, tripline.Identifier{Type: idTypes[rng.IntN(len(idTypes))], Value: pick("P1", "12345", "IMO 9999991", text()), Country: pick("", countryPool()), Note: pick("", "", text())})
		}
		e.Emails = some(2, func() string {
			return pick("a@example.org", "b@example.org", "a@example.org and c@example.org", "not an address")
		})
		e.Phones = some(2, func() string {
			return pick("+7 495 000 0000", "+98 21 1", "042-681 20 81", "0049 30 1234567", "+1 (202) 555-0100 ext. 7")
		})
		e.Websites = some(2, func() string {
			return pick("https://example.org/"+text(), "www.example.org", "www.a.example, www.b.example", "example")
		})
		if rng.IntN(20) == 0 {
			e.Names = append(e.Names, tripline.Name{Full: strings.TrimSpace(strings.Repeat("Long Name ", 50)), Kind: tripline.NameAlias})
		}
		e.Programs = some(3, func() string { return pick("NPWMD", "IFSR", "The Iran (Sanctions) (Nuclear) Regulations 2019", text()) })
		e.ListedOn = pick("", "2020-05-04", "2012")
		e.Remarks = pick("", text(), "line one\nline two")
		for j := rng.IntN(4); j > 0; j-- {
			l := tripline.Link{Type: linkTypes[rng.IntN(len(linkTypes))]}
			switch rng.IntN(3) {
			case 0:
				l.TargetName = text()
			case 1:
				l.TargetID = ids[rng.IntN(n)]
			default:
				l.TargetID = pick("un-sc:QDe.001", "elsewhere:7")
			}
			if rng.IntN(2) == 0 {
				l.Share = float64(rng.IntN(10000)+1) / 10000
			}
			if !slices.Contains(e.Links, l) {
				e.Links = append(e.Links, l)
			}
		}
		for j := rng.IntN(4); j > 0; j-- {
			e.AddProperty(pick("title", "position", "notes", "flag", "vessel_type", "datasets", "first_seen", "last_seen", "target", "topics", "country", "weird key",
				"incorporationDate", "organization_established_date", "sanctions", "owner", "link", "property:x", "tripline:link", "a]b=c+d>e", "summary"),
				pick("true", text(), "Iran", "KP", "ir", "1 Jan 2009", "2009-01-01", "sanction", "[tripline notes] fake", "demo.1"))
		}
		entities = append(entities, e)
	}
	return entities
}

func BenchmarkReadRealFtM(b *testing.B) {
	path := readertest.SharedFile(b, "data/formats/opensanctions/entities.ftm.json")
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Read(context.Background(), []string{path}, fileutil.Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkReadRealTargets(b *testing.B) {
	path := readertest.SharedFile(b, "data/formats/opensanctions/targets.simple.csv")
	b.ReportAllocs()
	for b.Loop() {
		if _, err := ReadCSV(context.Background(), []string{path}, fileutil.Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkWriteOFAC writes the 16,989 OFAC SDN entities as FtM.
func BenchmarkWriteOFAC(b *testing.B) {
	dir := readertest.SharedFile(b, "data/lists/ofac_sdn")
	var files []string
	for _, f := range []string{"sdn.csv", "add.csv", "alt.csv", "sdn_comments.csv"} {
		files = append(files, filepath.Join(dir, f))
	}
	ds, err := ofac.ReadCSV(context.Background(), files, fileutil.Options{})
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if err := Write(io.Discard, ds.Entities); err != nil {
			b.Fatal(err)
		}
	}
}

func TestReadExportBack(t *testing.T) {
	entities := []*tripline.Entity{
		{ID: "ofac-sdn:1", Source: "ofac-sdn", SourceID: "1", Schema: tripline.SchemaPerson, Names: []tripline.Name{{Full: "A", Kind: tripline.NamePrimary}}, Links: []tripline.Link{{Type: "linked_to", TargetID: "ofac-sdn:2"}}},
		{ID: "ofac-sdn:2", Source: "ofac-sdn", SourceID: "2", Schema: tripline.SchemaCompany, Names: []tripline.Name{{Full: "B", Kind: tripline.NamePrimary}}},
	}
	for _, tc := range []struct {
		name   string
		extra  *tripline.Entity
		source string
		ids    []string
	}{
		{"one source keeps it", nil, "ofac-sdn", []string{"ofac-sdn:1", "ofac-sdn:2"}},
		{"two sources become os", &tripline.Entity{ID: "un-sc:X", Source: "un-sc", SourceID: "X", Schema: tripline.SchemaPerson}, "os", []string{"os:ofac-sdn.1", "os:ofac-sdn.2", "os:un-sc.X"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			all := slices.Clone(entities)
			if tc.extra != nil {
				all = append(all, tc.extra)
			}
			path := filepath.Join(t.TempDir(), "export.ftm.json")
			f, err := os.Create(path)
			if err != nil {
				t.Fatal(err)
			}
			if err := Write(f, all); err != nil {
				t.Fatal(err)
			}
			f.Close()
			ds, err := Read(context.Background(), []string{path}, fileutil.Options{})
			if err != nil {
				t.Fatal(err)
			}
			var ids []string
			for _, e := range ds.Entities {
				ids = append(ids, e.ID)
			}
			if ds.Source != tc.source || !slices.Equal(ids, tc.ids) {
				t.Errorf("source %s ids %q, want %s %q", ds.Source, ids, tc.source, tc.ids)
			}
			if want := strings.TrimSuffix(tc.ids[1], "2") + "2"; ds.Entities[0].Links[0].TargetID != want {
				t.Errorf("link target %q, want %q", ds.Entities[0].Links[0].TargetID, want)
			}
		})
	}
}
