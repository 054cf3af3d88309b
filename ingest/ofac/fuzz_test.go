package ofac

import (
	"bytes"
	"context"
	"encoding/csv"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tripline/tripline"
	"github.com/tripline/tripline/ingest/internal/readertest"
)

// FuzzReadCSV feeds arbitrary primary and address files to the CSV set
// parser: it must never panic, and every failure must be a parse error.
func FuzzReadCSV(f *testing.F) {
	dir := filepath.Join("testdata", "sdn")
	sdn := readertest.ReadFile(f, filepath.Join(dir, "sdn.csv"))
	add := readertest.ReadFile(f, filepath.Join(dir, "add.csv"))
	alt := readertest.ReadFile(f, filepath.Join(dir, "alt.csv"))
	f.Add(sdn, add, alt)
	f.Add(sdn[:len(sdn)/2], add, alt)
	f.Add([]byte("1,\"A\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,\"DOB 1 Jan 1960 to 1962; a.k.a. ''\"\r\n\x1a"), []byte{}, []byte{0x1a})
	// The heads of the real SDN files.
	if sdn, ok := readertest.Head("data/lists/ofac_sdn/sdn.csv", 16<<10, "\n", ""); ok {
		add, _ := readertest.Head("data/lists/ofac_sdn/add.csv", 8<<10, "\n", "")
		alt, _ := readertest.Head("data/lists/ofac_sdn/alt.csv", 8<<10, "\n", "")
		f.Add(sdn, add, alt)
	}
	f.Fuzz(func(t *testing.T, sdn, add, alt []byte) {
		var byRole [numRoles]*csvFile
		byRole[rolePrimary] = &csvFile{path: "sdn.csv", role: rolePrimary, data: sdn}
		byRole[roleAddress] = &csvFile{path: "add.csv", role: roleAddress, data: add}
		byRole[roleAlias] = &csvFile{path: "alt.csv", role: roleAlias, data: alt}
		ds := &tripline.Dataset{Source: SourceSDN}
		_, err := parseSet(context.Background(), ds, byRole)
		if readertest.IsParseError(t, err) {
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
	// The remarks of the real SDN list's first entries.
	if head, ok := readertest.Head("data/lists/ofac_sdn/sdn.csv", 32<<10, "\n", ""); ok {
		r := csv.NewReader(bytes.NewReader(head))
		r.FieldsPerRecord = -1
		r.LazyQuotes = true
		for n := 0; n < 64; {
			rec, err := r.Read()
			if err != nil {
				break
			}
			if s := strings.TrimSpace(rec[len(rec)-1]); s != "-0-" && s != "" {
				f.Add(s)
				n++
			}
		}
	}
	f.Fuzz(func(t *testing.T, s string) {
		var e tripline.Entity
		ParseRemarks(&e, s)
	})
}

// FuzzReadEnhanced feeds arbitrary XML to the Enhanced XML parser: it must
// never panic, and every failure must be a parse error.
func FuzzReadEnhanced(f *testing.F) {
	data := readertest.ReadFile(f, filepath.Join("testdata", "enhanced", "CONS_ENHANCED.XML"))
	f.Add(data)
	f.Add(data[:len(data)/2])
	f.Add([]byte(`<sanctionsData><entities><entity id="1"><names><name><isPrimary>true</isPrimary><translations><translation><formattedFullName>X</formattedFullName></translation></translations></name></names></entity></entities></sanctionsData>`))
	// The real file's reference values and first entities.
	if real, ok := readertest.ZipHead("data/lists/ofac_cons/CONS_ENHANCED.ZIP", "CONS_ENHANCED.XML", 160<<10, "</entity>\n", "  </entities>\n</sanctionsData>\n"); ok {
		f.Add(real)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		ds := &tripline.Dataset{}
		err := parseEnhanced(context.Background(), bytes.NewReader(data), "CONS_ENHANCED.XML", ds)
		if readertest.IsParseError(t, err) {
			return
		}
		for _, e := range ds.Entities {
			if e.ID == "" || len(e.Names) == 0 {
				t.Fatalf("entity without id or name: %+v", e)
			}
		}
	})
}
