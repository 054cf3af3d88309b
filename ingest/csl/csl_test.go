package csl

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tripline/tripline"
	"github.com/tripline/tripline/ingest/fileutil"
	"github.com/tripline/tripline/ingest/internal/readertest"
)

// realFile is the real publication, relative to ../shared.
const realFile = "data/lists/us_csl/csl.csv"

func TestReadRealCounts(t *testing.T) {
	ds := readertest.MustRead(t, Read, readertest.SharedFile(t, realFile))
	if got, want := len(ds.Entities), 14760; got != want {
		t.Errorf("entities = %d, want %d (PROVENANCE.txt)", got, want)
	}
	byList := map[string]int{}
	ids := map[string]bool{}
	for _, e := range ds.Entities {
		byList[listCodeOf(e)]++
		if ids[e.ID] {
			t.Errorf("duplicate id %s", e.ID)
		}
		ids[e.ID] = true
		if e.Source != Source || e.ID != Source+":"+e.SourceID {
			t.Errorf("bad id/source: %s %s %s", e.ID, e.Source, e.SourceID)
		}
		if len(e.Names) == 0 || e.Names[0].Kind != tripline.NamePrimary {
			t.Errorf("%s: no primary name", e.ID)
		}
	}
	want := map[string]int{"SDN": 10478, "EL": 2114, "DTC": 737, "DPL": 487, "SSI": 290, "UVL": 201,
		"ISN": 163, "PLC": 78, "MEU": 71, "CMIC": 68, "CAP": 53, "NS-MBS List": 17, "FSE": 3}
	for code, n := range want {
		if byList[code] != n {
			t.Errorf("list %s: %d entities, want %d", code, byList[code], n)
		}
	}
	if len(byList) != len(want) {
		t.Errorf("lists = %v, want the 13 of PROVENANCE.txt", byList)
	}
	// The one warning: BANK OF KUNLUN (15268) is on the CAP list twice.
	if len(ds.Warnings) != 1 || !strings.Contains(ds.Warnings[0], "15268") {
		t.Errorf("warnings = %q", ds.Warnings)
	}
}

func TestReadWarnings(t *testing.T) {
	good := readertest.ReadFile(t, filepath.Join("testdata", "excerpt.csv"))
	header := string(good[:strings.IndexByte(string(good), '\n')+1])
	rest := strings.Repeat(",", 23)
	data := header +
		"1,Specially Designated Nationals (SDN) - Treasury Department,1,Entity,X,,,,,,,,,,,,,,,,,,,,,,,,\n" + // no name
		",Specially Designated Nationals (SDN) - Treasury Department,1,Entity,X,NAME" + rest + "\n" + // no _id
		"2,Specially Designated Nationals (SDN) - Treasury Department,2,Individual,X,\"DOE, John\",,,,yesterday,,,,,,,,,,,,,,Atlantis,,Narnia,,,\n"
	path := filepath.Join(t.TempDir(), "csl.csv")
	readertest.WriteFile(t, path, []byte(data))
	ds := readertest.MustRead(t, Read, path)
	if len(ds.Entities) != 1 || ds.Entities[0].ID != "us-csl:2" {
		t.Fatalf("entities = %+v", ds.Entities)
	}
	want := []string{":2: _id 1 has no name", ":3: row without an _id", ":4: unknown nationality \"Narnia\"",
		":4: unknown citizenship \"Atlantis\"", ":4: start_date \"yesterday\""}
	joined := strings.Join(ds.Warnings, "\n")
	for _, w := range want {
		if !strings.Contains(joined, w) {
			t.Errorf("warnings = %q, want one containing %q", ds.Warnings, w)
		}
	}
}

func TestReadRealRecords(t *testing.T) {
	ds := readertest.MustRead(t, Read, readertest.SharedFile(t, realFile))
	m := readertest.ByID(ds)
	schemas := map[tripline.Schema]int{}
	for _, e := range ds.Entities {
		schemas[e.Schema]++
	}
	// type column: Individual 5,431, Entity 4,756, Vessel 514, Aircraft 286;
	// the 3,773 BIS/State rows without a type split by evidence.
	if schemas[tripline.SchemaVessel] != 514 || schemas[tripline.SchemaAirplane] != 286 {
		t.Errorf("schemas = %v", schemas)
	}
	if n := schemas[tripline.SchemaPerson] + schemas[tripline.SchemaOrganization] + schemas[tripline.SchemaLegalEntity]; n != 14760-800 {
		t.Errorf("party schemas = %v", schemas)
	}

	// An SDN individual with a passport carrying expiry and issue dates.
	e := m["us-csl:17291"]
	if e == nil {
		t.Fatal("us-csl:17291 missing")
	}
	var pass *tripline.Identifier
	for i := range e.Identifiers {
		if e.Identifiers[i].Type == "passport" {
			pass = &e.Identifiers[i]
		}
	}
	if pass == nil || pass.Value != "K475336" || pass.Country != "JO" || !strings.Contains(pass.Note, "expires 2014-08-30") {
		t.Errorf("17291 passport = %+v", pass)
	}
	if e.Schema != tripline.SchemaPerson || e.BirthDates[0] != "1989-07-13" || e.Nationalities[0] != "JO" {
		t.Errorf("17291 = %+v", e)
	}

	// A record on SDN, SSI and CAP: the SDN row keeps the bare id.
	for _, id := range []string{"us-csl:18725", "us-csl:18725:SSI", "us-csl:18725:CAP"} {
		if m[id] == nil {
			t.Fatalf("%s missing", id)
		}
	}
	if listCodeOf(m["us-csl:18725"]) != "SDN" {
		t.Errorf("us-csl:18725 is on %s, want SDN", listCodeOf(m["us-csl:18725"]))
	}
	if l := m["us-csl:18725:SSI"].Links; len(l) == 0 || l[len(l)-1].Type != "same_as" || l[len(l)-1].TargetID != "us-csl:18725" {
		t.Errorf("SSI row links = %+v", l)
	}
	if m["us-csl:18725"].Identifiers[0].Type != "swift_bic" || m["us-csl:18725"].Websites[0] != "www.vtb.ao" {
		t.Errorf("18725 ids = %+v %v", m["us-csl:18725"].Identifiers, m["us-csl:18725"].Websites)
	}

	// A DPL row: no type, BIS fields in properties, start_date as listing date.
	d := m["us-csl:deb7a1d5743a85c354ca1a2c7f2664e2104b32d7"]
	if d == nil || d.Schema != tripline.SchemaLegalEntity || d.ListedOn != "2003-06-19" ||
		d.Properties["standard_order"][0] != "Y" || d.Addresses[0].Country != "US" || d.Caption() != "I. ASH" {
		t.Errorf("DPL row = %+v", d)
	}
}

func TestReadExcerpt(t *testing.T) {
	ds := readertest.MustRead(t, Read, filepath.Join("testdata", "excerpt.csv"))
	m := readertest.ByID(ds)
	if len(ds.Entities) != 6 {
		t.Fatalf("entities = %d, want 6", len(ds.Entities))
	}
	p := m["us-csl:90001"]
	if p.Schema != tripline.SchemaPerson || p.Gender != "male" {
		t.Errorf("90001 schema/gender = %s %q", p.Schema, p.Gender)
	}
	if got := strings.Join(p.BirthDates, " "); got != "1970-05-06 1968 1960 1961 1962" {
		t.Errorf("birth dates = %s", got)
	}
	if got := strings.Join(p.Programs, " "); got != "NPWMD IFSR" {
		t.Errorf("programs = %s", got)
	}
	if len(p.Names) != 3 || p.Names[0].Parts[1].Value != "QARAVI" || p.Names[2].Kind != tripline.NameAlias {
		t.Errorf("names = %+v", p.Names)
	}
	if len(p.Links) != 1 || p.Links[0].TargetName != "EXAMPLE DRONE WORKS LLC" {
		t.Errorf("links = %+v", p.Links)
	}
	if p.Identifiers[0] != (tripline.Identifier{Type: "passport", Value: "X1234567", Country: "IR", Note: "Passport; expires 2020-01-31; issued 2015-02-01"}) {
		t.Errorf("passport = %+v", p.Identifiers[0])
	}
	if p.Properties["additional_sanctions_information"][0] != "Subject to Secondary Sanctions" {
		t.Errorf("properties = %v", p.Properties)
	}
	if p.Addresses[0].Country != "IR" || p.Properties["title"][0] != "Procurement Agent" {
		t.Errorf("address/title = %+v %v", p.Addresses, p.Properties["title"])
	}
	o := m["us-csl:90002"]
	if o.Schema != tripline.SchemaOrganization || strings.Join(o.Countries, ",") != "AE,RU" || o.Websites[0] != "www.example.invalid" {
		t.Errorf("90002 = %+v", o)
	}
	if s := m["us-csl:90002:SSI"]; s == nil || s.Links[0].TargetID != "us-csl:90002" {
		t.Errorf("90002:SSI = %+v", s)
	}
	v := m["us-csl:90003"]
	if v.Schema != tripline.SchemaVessel || v.Properties["flag"][0] != "Iran" {
		t.Errorf("vessel = %+v", v)
	}
	wantIDs := []tripline.Identifier{{Type: "call_sign", Value: "9ABC1"}, {Type: "imo", Value: "9999999", Note: "Vessel Registration Identification"}, {Type: "mmsi", Value: "123456789", Note: "MMSI"}}
	for i, w := range wantIDs {
		if i >= len(v.Identifiers) || v.Identifiers[i] != w {
			t.Errorf("vessel identifiers = %+v, want %+v", v.Identifiers, wantIDs)
			break
		}
	}
	el := m["us-csl:0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f"]
	if el.Schema != tripline.SchemaOrganization || el.ListedOn != "2023-03-01" || el.Properties["license_policy"][0] != "Presumption of denial." {
		t.Errorf("EL row = %+v", el)
	}
	if dp := m["us-csl:1e1e1e1e1e1e1e1e1e1e1e1e1e1e1e1e1e1e1e1e"]; dp.Schema != tripline.SchemaLegalEntity {
		t.Errorf("DPL row schema = %s, want LegalEntity", dp.Schema)
	}
}

func TestReadMalformed(t *testing.T) {
	good := readertest.ReadFile(t, filepath.Join("testdata", "excerpt.csv"))
	header := string(good[:strings.IndexByte(string(good), '\n')+1])
	cut := strings.Index(string(good), "Unit 4, Free") // inside a quoted field on line 3
	tests := []struct {
		name     string
		data     string
		wantLine int
		wantMsg  string
	}{
		{"truncated inside a quoted field", string(good[:cut]), 3, "malformed CSV"},
		{"truncated row", header + "1,Specially Designated Nationals (SDN) - Treasury Department,1,Entity,X,NAME\n", 2, "6 fields"},
		{"stray quote", header + "1,SDN,1,Entity,X,NA\"ME" + strings.Repeat(",", 23) + "\n", 2, "malformed CSV"},
		{"truncated in the last field", string(good[:len(good)-1]), 7, "without a line break"},
		{"wrong header", "id,list,name\n1,2,3\n", 1, `no "_id" column`},
		{"empty", "", 1, "empty"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "csl.csv")
			readertest.WriteFile(t, path, []byte(tt.data))
			_, err := Read(context.Background(), []string{path}, fileutil.Options{})
			pe := tripline.ParseErrorOf(err)
			if pe == nil {
				t.Fatalf("err = %v, want a parse error", err)
			}
			if pe.File != path || pe.Line != tt.wantLine || !strings.Contains(pe.Msg, tt.wantMsg) {
				t.Errorf("err = %v, want %s:%d ... %q", err, path, tt.wantLine, tt.wantMsg)
			}
			if tripline.ErrorKind(err) != tripline.KindInvalid {
				t.Errorf("kind = %v, want invalid", tripline.ErrorKind(err))
			}
		})
	}
}

func TestDetect(t *testing.T) {
	good := readertest.ReadFile(t, filepath.Join("testdata", "excerpt.csv"))
	tests := []struct {
		name string
		head []byte
		want bool
	}{
		{"excerpt", good, true},
		{"with BOM", append([]byte("\xef\xbb\xbf"), good...), true},
		{"OFAC sdn.csv", []byte("36,AEROCARIBBEAN AIRLINES,-0- ,CUBA,-0- \n"), false},
		{"DPL", []byte("\"Name\"\t\"Street_Address\"\n"), false},
		{"other CSV with _id", []byte("_id,name\n"), false},
	}
	for _, tt := range tests {
		if got := Detect("x.csv", tt.head); got != tt.want {
			t.Errorf("%s: Detect = %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestReadCanceled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := Read(ctx, []string{filepath.Join("testdata", "excerpt.csv")}, fileutil.Options{})
	if !errors.Is(err, context.Canceled) {
		t.Errorf("err = %v, want context.Canceled", err)
	}
}

func FuzzRead(f *testing.F) {
	readertest.AddFileSeeds(f, filepath.Join("testdata", "excerpt.csv"))
	readertest.AddHeadSeed(f, realFile, 32<<10, "\n", "")
	f.Add([]byte("_id,source,name\n1,2,3\n,,\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		ds, err := ReadReader(context.Background(), "fuzz.csv", strings.NewReader(string(data)))
		if readertest.IsParseError(t, err) {
			return
		}
		readertest.CheckUniqueIDs(t, ds)
		for _, e := range ds.Entities {
			if len(e.Names) == 0 || e.Names[0].Full == "" {
				t.Fatalf("entity %s without a name", e.ID)
			}
		}
	})
}

func TestAddID(t *testing.T) {
	tests := []struct {
		item string
		id   *tripline.Identifier // nil: not an identifier
		prop [2]string            // property key and value, when not an identifier
	}{
		{"CA, BC166787, Passport", &tripline.Identifier{Type: "passport", Value: "BC166787", Country: "CA", Note: "Passport"}, [2]string{}},
		{"MM, 2017-01-16, 110364903, Registration Number", &tripline.Identifier{Type: "registration", Value: "110364903", Country: "MM", Note: "Registration Number; date 2017-01-16"}, [2]string{}},
		{"2004-02-05, 1999-06-23, G025057, Passport", &tripline.Identifier{Type: "passport", Value: "G025057", Note: "Passport; expires 2004-02-05; issued 1999-06-23"}, [2]string{}},
		{"IT, 2012-10-30, AO 2879097, Identification Number", &tripline.Identifier{Type: "national_id", Value: "AO 2879097", Country: "IT", Note: "Identification Number; date 2012-10-30"}, [2]string{}},
		{"0x12ab, Digital Currency Address - ETH", &tripline.Identifier{Type: "crypto_wallet", Value: "0x12ab", Note: "ETH"}, [2]string{}},
		{"XK, 1234, Kosovo ID No.", &tripline.Identifier{Type: "national_id", Value: "1234", Country: "XK", Note: "Kosovo ID No."}, [2]string{}},
		{"RU, 99, Some Unknown Permit", &tripline.Identifier{Type: "other", Value: "99", Country: "RU", Note: "Some Unknown Permit"}, [2]string{}},
		{"Aerospace Communications Holdings Co., Ltd., Issuer Name", nil, [2]string{"issuer_name", "Aerospace Communications Holdings Co., Ltd."}},
		{"Ukraine-/Russia-Related Sanctions Regulations, 31 CFR 589.201, Secondary sanctions risk:", nil,
			[2]string{"secondary_sanctions_risk", "Ukraine-/Russia-Related Sanctions Regulations, 31 CFR 589.201"}},
		{"lonely", nil, [2]string{"ids_text", "lonely"}},
	}
	for _, tt := range tests {
		e := &tripline.Entity{}
		addID(e, tt.item)
		if tt.id != nil {
			if len(e.Identifiers) != 1 || e.Identifiers[0] != *tt.id {
				t.Errorf("addID(%q) = %+v, want %+v", tt.item, e.Identifiers, *tt.id)
			}
			continue
		}
		if len(e.Identifiers) != 0 || len(e.Properties[tt.prop[0]]) != 1 || e.Properties[tt.prop[0]][0] != tt.prop[1] {
			t.Errorf("addID(%q) = ids %+v, properties %v; want %s=%q", tt.item, e.Identifiers, e.Properties, tt.prop[0], tt.prop[1])
		}
	}
	e := &tripline.Entity{}
	for _, item := range []string{"Female, Gender", "a@b.example, Email Address", "+1 555, Phone Number", "www.x.example, Website"} {
		addID(e, item)
	}
	if e.Gender != "female" || e.Emails[0] != "a@b.example" || e.Phones[0] != "+1 555" || e.Websites[0] != "www.x.example" {
		t.Errorf("facts = %+v", e)
	}
}

func BenchmarkRead(b *testing.B) {
	path := readertest.SharedFile(b, realFile)
	for b.Loop() {
		if _, err := Read(context.Background(), []string{path}, fileutil.Options{}); err != nil {
			b.Fatal(err)
		}
	}
}
