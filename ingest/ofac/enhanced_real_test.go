package ofac

import (
	"archive/zip"
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/tripline/tripline"
	"github.com/tripline/tripline/ingest/fileutil"
	"github.com/tripline/tripline/ingest/internal/readertest"
)

// TestReadConsEnhancedReal reads the real CONS_ENHANCED.ZIP (PROVENANCE:
// dataAsOf 2025-01-10, 443 entities) and compares its ids with the
// ent_nums of cons_prim.csv.
func TestReadConsEnhancedReal(t *testing.T) {
	dir := "data/lists/ofac_cons"
	ds, err := ReadEnhanced(context.Background(), readertest.SharedFiles(t, dir, "CONS_ENHANCED.ZIP"), fileutil.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if ds.Source != SourceConsEnhanced || ds.PublishedAt != "2025-01-10" || ds.Format != FormatEnhanced {
		t.Errorf("source %q published %q format %q", ds.Source, ds.PublishedAt, ds.Format)
	}
	if len(ds.Entities) != 443 {
		t.Fatalf("entities = %d, want 443", len(ds.Entities))
	}
	bySchema := map[tripline.Schema]int{}
	names, weak, links, ownedBy := 0, 0, 0, 0
	for _, e := range ds.Entities {
		bySchema[e.Schema]++
		for _, n := range e.Names {
			names++
			if n.Kind == tripline.NameWeak {
				weak++
			}
		}
		for _, l := range e.Links {
			links++
			if l.Type == "owned_by" {
				ownedBy++
			}
		}
	}
	// 363 Entity + 80 Individual records; 283 relationships, 278 of them
	// "Owned or Controlled By" (domain primer §1.2).
	if bySchema[tripline.SchemaOrganization] != 363 || bySchema[tripline.SchemaPerson] != 80 {
		t.Errorf("schemata = %v, want 363 Organization, 80 Person", bySchema)
	}
	if links != 283 || ownedBy != 278 {
		t.Errorf("links = %d (want 283), owned_by = %d (want 278)", links, ownedBy)
	}
	// isLowQuality: 70 of the 1,579 names (per-script translations add
	// names, so count weak ones only).
	if weak < 70 {
		t.Errorf("weak names = %d, want at least the 70 low-quality names", weak)
	}

	csv, err := ReadCSV(context.Background(), readertest.SharedFiles(t, dir, "cons_prim.csv"), fileutil.Options{})
	if err != nil {
		t.Fatal(err)
	}
	inCSV := map[string]bool{}
	for _, e := range csv.Entities {
		inCSV[e.SourceID] = true
	}
	var onlyXML []string
	for _, e := range ds.Entities {
		if !inCSV[e.SourceID] {
			onlyXML = append(onlyXML, e.SourceID+" "+e.Caption())
		}
	}
	// The XML is of 2025-01-10 and the CSV of about 2025-12; they share
	// 442 ent_nums. The one XML entity missing from the later CSV is
	// 26182, KAYAKIRAN, Evren, on the FSE List (programme FSE-IR) since
	// 2019-02-07, and not on the SDN list either.
	const want = "26182 KAYAKIRAN, Evren"
	if len(onlyXML) != 1 || onlyXML[0] != want {
		t.Errorf("entities in the XML but not in cons_prim.csv: %q, want [%q]", onlyXML, want)
	}
	if shared := len(ds.Entities) - len(onlyXML); shared != 442 || len(csv.Entities) != 442 {
		t.Errorf("shared ent_nums = %d, CSV entities = %d; want 442 and 442", shared, len(csv.Entities))
	}
}

// TestReadConsEnhancedRealTruncated cuts the real archive and the XML in
// it and expects parse errors that name the file (and the line, for the
// XML).
func TestReadConsEnhancedRealTruncated(t *testing.T) {
	dir := "data/lists/ofac_cons"
	zpath := readertest.SharedFiles(t, dir, "CONS_ENHANCED.ZIP")[0]
	raw, err := os.ReadFile(zpath)
	if err != nil {
		t.Fatal(err)
	}
	zr, err := zip.OpenReader(zpath)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	rc, err := zr.File[0].Open()
	if err != nil {
		t.Fatal(err)
	}
	xmlData, err := io.ReadAll(rc)
	rc.Close()
	if err != nil {
		t.Fatal(err)
	}
	tmp := t.TempDir()
	cut := len(xmlData) * 2 / 3
	tests := []struct {
		name, file string
		data       []byte
		wantLine   int
	}{
		{"archive cut in half", "CONS_ENHANCED.ZIP", raw[:len(raw)/2], 0},
		{"xml cut at two thirds", "CONS_ENHANCED.XML", xmlData[:cut], bytes.Count(xmlData[:cut], []byte{'\n'}) + 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := filepath.Join(tmp, tt.file)
			readertest.WriteFile(t, p, tt.data)
			_, err := ReadEnhanced(context.Background(), []string{p}, fileutil.Options{})
			pe := tripline.ParseErrorOf(err)
			if pe == nil || pe.File != p || pe.Line != tt.wantLine {
				t.Fatalf("err = %v; want a parse error at %s:%d", err, p, tt.wantLine)
			}
			t.Logf("%v", err)
		})
	}
}

// BenchmarkReadConsEnhanced reads the real CONS_ENHANCED.ZIP (3.4 MB of XML).
func BenchmarkReadConsEnhanced(b *testing.B) {
	files := readertest.SharedFiles(b, "data/lists/ofac_cons", "CONS_ENHANCED.ZIP")
	b.ReportAllocs()
	for b.Loop() {
		ds, err := ReadEnhanced(context.Background(), files, fileutil.Options{})
		if err != nil {
			b.Fatal(err)
		}
		if len(ds.Entities) != 443 {
			b.Fatalf("entities = %d", len(ds.Entities))
		}
	}
}
