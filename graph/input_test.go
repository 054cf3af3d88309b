package graph

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/tripline/tripline"
)

func readBook(t *testing.T, files ...string) *Book {
	t.Helper()
	b := &Book{}
	for _, f := range files {
		fh, err := os.Open(filepath.Join("testdata", f))
		if err != nil {
			t.Fatal(err)
		}
		err = b.Read(fh, f)
		fh.Close()
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
	}
	return b
}

func TestReadJSONLAndCSVAgree(t *testing.T) {
	j := readBook(t, "companies.jsonl", "people.jsonl", "shipments.jsonl")
	c := readBook(t, "companies.csv", "people.csv", "shipments.csv")
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

func TestReadErrors(t *testing.T) {
	cases := []struct{ file, body, want string }{
		{"companies.jsonl", "{\"id\":\"a\",\"name\":\"A\"}\n{\"id\":", "companies.jsonl:2"},
		{"companies.jsonl", `{"id":"a"}`, `missing "name"`},
		{"companies.jsonl", `{"id":"a","name":"A","owners":[{"name":"B","share":1.5}]}`, "outside 0..1"},
		{"people.jsonl", `{"name":"A"}`, `missing "id"`},
		{"shipments.jsonl", `{"id":"s"}`, "neither"},
		{"companies.csv", "name\nA\n", `no "id" column`},
		{"companies.csv", "id,name,owners\na,A,B|lots\n", "companies.csv:2"},
		{"notes.txt", "", "not a companies"},
	}
	for _, c := range cases {
		err := (&Book{}).Read(strings.NewReader(c.body), c.file)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s %q: err = %v, want %q", c.file, c.body, err, c.want)
		}
		if tripline.ErrorKind(err) != tripline.KindInvalid {
			t.Errorf("%s: kind = %v, want invalid", c.file, tripline.ErrorKind(err))
		}
	}
}

func TestRecordKind(t *testing.T) {
	for in, want := range map[string]string{"dir/companies.jsonl": "companies jsonl", "People-2025.CSV": "people csv",
		"shipments.ndjson": "shipments jsonl", "orders.jsonl": "", "companies.xlsx": ""} {
		k, f, ok := RecordKind(in)
		got := ""
		if ok {
			got = k + " " + f
		}
		if got != want {
			t.Errorf("RecordKind(%q) = %q, want %q", in, got, want)
		}
	}
}

func FuzzRead(f *testing.F) {
	for _, n := range []string{"companies.jsonl", "people.jsonl", "shipments.jsonl", "companies.csv", "people.csv", "shipments.csv"} {
		b, err := os.ReadFile(filepath.Join("testdata", n))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(n, b)
	}
	f.Fuzz(func(t *testing.T, name string, data []byte) {
		b := &Book{}
		if err := b.Read(strings.NewReader(string(data)), name); err != nil {
			if tripline.ErrorKind(err) != tripline.KindInvalid {
				t.Fatalf("error of kind %v: %v", tripline.ErrorKind(err), err)
			}
			return
		}
		for _, c := range b.Companies {
			if c.ID == "" || c.Name == "" {
				t.Fatalf("accepted company without id or name: %+v", c)
			}
		}
	})
}

func FuzzNormalise(f *testing.F) {
	for _, s := range []string{"No. 190 Changjiang Road, Dalian City", "+31 010-4951863", "G.M.B.H.", "a@b.c", "ул. Ленина д. 5",
		"DOB 30 Jan 1957; alt. DOB 1982; nationality Russia; Telephone (971) (4) (3248000); Email Address x@y.ru; Website www.izh-bs.ru."} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		k := NormAddress(s, "")
		if NormAddress(k, "") != k {
			t.Fatalf("NormAddress not idempotent on %q", s)
		}
		if p, _ := NormPhone(s); len(p) > 9 {
			t.Fatalf("phone key %q longer than 9", p)
		}
		NormEmail(s)
		NormDomain(s)
		f := entityFacts(&tripline.Entity{Remarks: s})
		for _, d := range f.birthDates {
			if len(d) < 4 {
				t.Fatalf("birth date %q from %q", d, s)
			}
		}
		toks := nameTokens(s, true)
		if sim := nameSimilarity(toks, toks); len(toks) > 0 && sim != 1 {
			t.Fatalf("self-similarity of %q = %v", s, sim)
		}
	})
}

func TestBookJSONRoundTrip(t *testing.T) {
	b := readBook(t, "companies.csv", "people.csv", "shipments.csv")
	var buf strings.Builder
	if err := b.WriteJSON(&buf); err != nil {
		t.Fatal(err)
	}
	got, err := ReadBookJSON(strings.NewReader(buf.String()))
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, b) {
		t.Errorf("round trip differs:\n%+v\n%+v", got, b)
	}
	if _, err := ReadBookJSON(strings.NewReader("{")); tripline.ErrorKind(err) != tripline.KindInvalid {
		t.Errorf("truncated book: %v", err)
	}
}
