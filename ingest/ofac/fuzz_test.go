package ofac

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/tripline/tripline"
)

// FuzzReadCSV feeds arbitrary primary and address files to the CSV set
// parser: it must never panic, and every failure must be a ParseError.
func FuzzReadCSV(f *testing.F) {
	dir := filepath.Join("testdata", "sdn")
	sdn, err := os.ReadFile(filepath.Join(dir, "sdn.csv"))
	if err != nil {
		f.Fatal(err)
	}
	add, err := os.ReadFile(filepath.Join(dir, "add.csv"))
	if err != nil {
		f.Fatal(err)
	}
	alt, err := os.ReadFile(filepath.Join(dir, "alt.csv"))
	if err != nil {
		f.Fatal(err)
	}
	f.Add(sdn, add, alt)
	f.Add(sdn[:len(sdn)/2], add, alt)
	f.Add([]byte("1,\"A\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,\"DOB 1 Jan 1960 to 1962; a.k.a. ''\"\r\n\x1a"), []byte{}, []byte{0x1a})
	f.Fuzz(func(t *testing.T, sdn, add, alt []byte) {
		var byRole [numRoles]*csvFile
		byRole[rolePrimary] = &csvFile{path: "sdn.csv", role: rolePrimary, data: sdn}
		byRole[roleAddress] = &csvFile{path: "add.csv", role: roleAddress, data: add}
		byRole[roleAlias] = &csvFile{path: "alt.csv", role: roleAlias, data: alt}
		ds := &tripline.Dataset{Source: SourceSDN}
		_, err := parseSet(context.Background(), ds, byRole)
		if err != nil {
			var pe *tripline.ParseError
			if !errors.As(err, &pe) {
				t.Fatalf("error %v (%T) is not a ParseError", err, err)
			}
			return
		}
		for _, e := range ds.Entities {
			if e.ID == "" || len(e.Names) == 0 || e.Names[0].Full == "" {
				t.Fatalf("entity without id or name: %+v", e)
			}
		}
	})
}

// FuzzParseRemarks checks that the Remarks parser never panics.
func FuzzParseRemarks(f *testing.F) {
	for _, s := range []string{
		"DOB 10 Dec 1948; alt. DOB circa 1979-1982; POB Tehran, Iran; nationality Iran.",
		"Passport A123 (Iran) issued 01 Jan 2000 expires 01 Jan 2010; a.k.a. 'X'; Linked To: Y.",
		"Digital Currency Address - XBT; Listing Date (CMIC): ; Registration Number (Russia)",
		"a.k.a. ''; ;;; DOB  to ; .",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var e tripline.Entity
		ParseRemarks(&e, s)
	})
}

// FuzzReadEnhanced feeds arbitrary XML to the Enhanced XML parser: it must
// never panic, and every failure must be a ParseError.
func FuzzReadEnhanced(f *testing.F) {
	data, err := os.ReadFile(filepath.Join("testdata", "enhanced", "CONS_ENHANCED.XML"))
	if err != nil {
		f.Fatal(err)
	}
	f.Add(data)
	f.Add(data[:len(data)/2])
	f.Add([]byte(`<sanctionsData><entities><entity id="1"><names><name><isPrimary>true</isPrimary><translations><translation><formattedFullName>X</formattedFullName></translation></translations></name></names></entity></entities></sanctionsData>`))
	f.Fuzz(func(t *testing.T, data []byte) {
		ds := &tripline.Dataset{}
		err := parseEnhanced(context.Background(), bytes.NewReader(data), "CONS_ENHANCED.XML", ds)
		if err != nil {
			var pe *tripline.ParseError
			if !errors.As(err, &pe) {
				t.Fatalf("error %v (%T) is not a ParseError", err, err)
			}
			return
		}
		for _, e := range ds.Entities {
			if e.ID == "" || len(e.Names) == 0 {
				t.Fatalf("entity without id or name: %+v", e)
			}
		}
	})
}
