package tabular

import (
	"context"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/tripline/tripline"
)

func mustRead(t *testing.T, files ...string) *tripline.NetworkRecords {
	t.Helper()
	var r NetworkReader
	for _, f := range files {
		if err := r.ReadFile(filepath.Join("testdata", "network", f)); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
	}
	if err := r.Err(); err != nil {
		t.Fatal(err)
	}
	return r.Records()
}

func TestReadNetworkJSONLAndCSVAgree(t *testing.T) {
	j := mustRead(t, "companies.jsonl", "people.jsonl", "shipments.jsonl")
	c := mustRead(t, "companies.csv", "people.csv", "shipments.csv")
	if len(j.Companies) != 2 || len(j.People) != 2 || len(j.Shipments) != 1 {
		t.Fatalf("jsonl: %d companies, %d people, %d shipments", len(j.Companies), len(j.People), len(j.Shipments))
	}
	// the CSV carries an identifier the JSON lacks
	if got := c.Companies[0].Identifiers; len(got) != 1 || got[0].Type != "registration" || got[0].Value != "AE-12345" {
		t.Errorf("csv identifiers = %+v", got)
	}
	c.Companies[0].Identifiers = nil
	if !reflect.DeepEqual(j, c) {
		t.Errorf("jsonl and csv differ:\n%+v\n%+v", j, c)
	}
	if o := c.Companies[0].Owners; o[0].Share != 0.6 || o[0].ID != "px01" || o[1].ID != "" {
		t.Errorf("owners = %+v", o)
	}
}

// TestReadNetworkBadRows: each bad row is reported with its file and line,
// and the rows after it are still read.
func TestReadNetworkBadRows(t *testing.T) {
	cases := []struct{ file, body, want string }{
		{"companies.jsonl", "{\"id\":\"a\",\"name\":\"A\"}\n{\"id\":", "companies.jsonl:2: bad companies record: invalid JSON"},
		{"companies.jsonl", `{"id":"a"}`, `companies.jsonl:1: bad companies record: missing "name"`},
		{"companies.jsonl", `{"id":"a","name":"A","owners":[{"name":"B","share":1.5}]}`, "outside 0..1"},
		{"companies.jsonl", `{"id":"a","name":"A","owners":[{"name":"B","share":"half"}]}`, `field owners.share must be float64`},
		{"companies.jsonl", `["a"]`, "bad companies record: invalid JSON"},
		{"people.jsonl", `{"name":"A"}`, `people.jsonl:1: bad people record: missing "id"`},
		{"shipments.jsonl", `{"id":"s"}`, `neither "shipper" nor "consignee" given`},
		{"companies.csv", "id,name,owners\na,A,B|lots\n", `companies.csv:2: bad companies row: owner "B": share "lots" is not a number`},
		{"companies.csv", "id,name,owners\na,A,B|NaN\n", "outside 0..1"},
		{"people.csv", "id,name\n,Nobody\n", `people.csv:2: bad people row: missing "id"`},
		{"shipments.csv", "id,shipper\ns1,\"A \"B\" C\"\n", "shipments.csv:2: field 1: text after a closing quote"},
		{"people.csv", "id,name\np1,A,B\n", "people.csv:2: 3 values, but the header has 2 columns"},
		{"companies.jsonl", "{\"id\":\"a\",\"name\":\"A\"}\n\n# note\n{\"id\":\"a\",\"name\":\"B\"}", `companies.jsonl:4: bad companies record: id "a" given twice (first at companies.jsonl:1)`},
		{"companies.jsonl", `{"id":"` + strings.Repeat("x", 300) + `","name":"A"}`, "id is 300 bytes long, the limit is 256"},
		{"companies.jsonl", `{"id":"a` + "\\u0000" + `","name":"A"}`, "id is not valid text"},
	}
	for _, c := range cases {
		var r NetworkReader
		// a good row after the bad one is still read
		good := map[string]string{"companies": `{"id":"zz","name":"Last"}`, "people": `{"id":"zz"}`, "shipments": `{"id":"zz","shipper":"X"}`}
		kind, format, _ := NetworkFileKind(c.file)
		body := c.body + "\n"
		if format == "csv" {
			body += "zz,Last\n"
			if kind == "shipments" {
				body = strings.Replace(body, "zz,Last", "zz,X", 1)
			}
		} else {
			body += good[kind] + "\n"
		}
		if err := r.Read(strings.NewReader(body), c.file); err != nil {
			t.Errorf("%s %q: Read failed for the file: %v", c.file, c.body, err)
			continue
		}
		err := r.Err()
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s %q: err = %v, want %q", c.file, c.body, err, c.want)
		}
		if tripline.ErrorKind(err) != tripline.KindInvalid {
			t.Errorf("%s: kind = %v, want invalid", c.file, tripline.ErrorKind(err))
		}
		recs := r.Records()
		n := len(recs.Companies) + len(recs.People) + len(recs.Shipments)
		last := ""
		switch kind {
		case "companies":
			last = recs.Companies[len(recs.Companies)-1].ID
		case "people":
			last = recs.People[len(recs.People)-1].ID
		default:
			last = recs.Shipments[len(recs.Shipments)-1].ID
		}
		if last != "zz" || n > 2 {
			t.Errorf("%s %q: records %+v, want the good rows only, the last one read", c.file, c.body, recs)
		}
	}
}

func TestReadNetworkFileErrors(t *testing.T) {
	cases := []struct{ file, body, want string }{
		{"companies.csv", "name\nA\n", "companies.csv:1: the header has no id column"},
		{"companies.csv", "id,name,ID\n", `companies.csv:1: column "id" appears twice`},
		{"notes.txt", "", "not a companies"},
	}
	for _, c := range cases {
		var r NetworkReader
		err := r.Read(strings.NewReader(c.body), c.file)
		if err == nil || !strings.Contains(err.Error(), c.want) || tripline.ErrorKind(err) != tripline.KindInvalid {
			t.Errorf("%s %q: err = %v, want an Invalid error with %q", c.file, c.body, err, c.want)
		}
	}
}

func TestReadNetworkLongLine(t *testing.T) {
	var r NetworkReader
	body := `{"id":"a","name":"` + strings.Repeat("x", MaxNetworkLine) + "\"}\n" + `{"id":"b","name":"B"}` + "\n"
	if err := r.Read(strings.NewReader(body), "companies.jsonl"); err != nil {
		t.Fatal(err)
	}
	if err := r.Err(); err == nil || !strings.Contains(err.Error(), "companies.jsonl:1: the line is longer than 1 MiB") {
		t.Errorf("err = %v", err)
	}
	if got := r.Records().Companies; len(got) != 1 || got[0].ID != "b" {
		t.Errorf("records after a long line: %+v", got)
	}
}

func TestReadNetworkManyBadRows(t *testing.T) {
	var r NetworkReader
	if err := r.Read(strings.NewReader(strings.Repeat("{}\n", 250)), "people.jsonl"); err != nil {
		t.Fatal(err)
	}
	err := r.Err()
	if len(r.RowErrors()) != maxRowErrors || err == nil || !strings.HasPrefix(tripline.ErrorMessage(err), "250 bad rows") ||
		!strings.Contains(err.Error(), "… and 240 more") || strings.Count(err.Error(), "\n") != 11 {
		t.Errorf("%d row errors kept; err = %v", len(r.RowErrors()), err)
	}
}

func TestNetworkFileKind(t *testing.T) {
	for in, want := range map[string]string{"dir/companies.jsonl": "companies jsonl", "People-2025.CSV": "people csv",
		`C:\data\shipments.ndjson`: "shipments jsonl", "orders.jsonl": "", "companies.xlsx": "", "truth.jsonl": ""} {
		k, f, ok := NetworkFileKind(in)
		got := ""
		if ok {
			got = k + " " + f
		}
		if got != want {
			t.Errorf("NetworkFileKind(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestReadNetworkFiles(t *testing.T) {
	dir := t.TempDir()
	write := func(name, body string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	write("companies-a.jsonl", `{"id":"c1","name":"One"}`+"\n")
	write("truth.jsonl", `{"id":"c1","front_for":""}`+"\n")
	b := write("companies-b.csv", "id,name\nc2,Two\n")
	recs, files, err := ReadNetworkFiles(context.Background(), []string{dir})
	if err != nil || len(files) != 2 || len(recs.Companies) != 2 || recs.Companies[0].ID != "c1" || recs.Companies[1].ID != "c2" {
		t.Fatalf("folder: %v %v %+v", err, files, recs)
	}
	// the same id in two files of one import is a bad row of the second
	write("companies-c.csv", "id,name\nc1,Again\n")
	if _, _, err := ReadNetworkFiles(context.Background(), []string{dir}); err == nil ||
		!strings.Contains(err.Error(), `companies-c.csv:2: bad companies row: id "c1" given twice (first at `) {
		t.Errorf("duplicate across files: %v", err)
	}
	for _, paths := range [][]string{{filepath.Join(dir, "truth.jsonl")}, {filepath.Join(dir, "nothing-here")}, {t.TempDir()}} {
		if _, _, err := ReadNetworkFiles(context.Background(), paths); tripline.ErrorKind(err) != tripline.KindInvalid {
			t.Errorf("%v: %v, want Invalid", paths, err)
		}
	}
	if _, files, err := ReadNetworkFiles(context.Background(), []string{b}); err != nil || len(files) != 1 {
		t.Errorf("one file: %v %v", files, err)
	}
}

func FuzzReadNetwork(f *testing.F) {
	for _, n := range []string{"companies.jsonl", "people.jsonl", "shipments.jsonl", "companies.csv", "people.csv", "shipments.csv"} {
		b, err := os.ReadFile(filepath.Join("testdata", "network", n))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(n, b)
	}
	f.Fuzz(func(t *testing.T, name string, data []byte) {
		var r NetworkReader
		err := r.Read(strings.NewReader(string(data)), name)
		if err != nil && tripline.ErrorKind(err) != tripline.KindInvalid {
			t.Fatalf("error of kind %v: %v", tripline.ErrorKind(err), err)
		}
		if err := r.Err(); err != nil && tripline.ErrorKind(err) != tripline.KindInvalid {
			t.Fatalf("row errors of kind %v: %v", tripline.ErrorKind(err), err)
		}
		for _, e := range r.RowErrors() {
			if e.Line <= 0 || e.File != name {
				t.Fatalf("row error without its file and line: %v", e)
			}
		}
		// what was kept is storable as it is
		if err := r.Records().Validate(); err != nil {
			t.Fatalf("kept records fail Validate: %v", err)
		}
	})
}
