package ftm

import (
	"bytes"
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/tripline/tripline"
	"github.com/tripline/tripline/ingest/internal/readertest"
)

// TestWriteTargets writes entities as targets.simple.csv and reads the
// file back with the reader of OpenSanctions' own: the same header, ids as
// in the FtM export, names, aliases, countries, identifiers (IMO numbers
// typed again), programmes and remarks.
func TestWriteTargets(t *testing.T) {
	entities := syntheticEntities()
	var buf bytes.Buffer
	tw := NewTargetsWriter(&buf)
	for _, e := range entities {
		if err := tw.Write(e); err != nil {
			t.Fatal(err)
		}
	}
	if err := tw.Flush(); err != nil {
		t.Fatal(err)
	}
	head, _, _ := strings.Cut(buf.String(), "\n")
	want, _, _ := strings.Cut(string(readertest.ReadFile(t, "testdata/targets.simple.csv")), "\n")
	if head != want {
		t.Errorf("header %s, want OpenSanctions' %s", head, want)
	}
	if !DetectCSV("export.csv", buf.Bytes()) {
		t.Fatalf("the export is not detected as targets.simple.csv")
	}
	ds, err := ParseCSV(context.Background(), bytes.NewReader(buf.Bytes()), "export.csv")
	if err != nil {
		t.Fatal(err)
	}
	if len(ds.Entities) != len(entities) {
		t.Fatalf("%d rows back, want %d", len(ds.Entities), len(entities))
	}
	byID := readertest.ByID(ds)
	p := byID["os:demo.1"]
	if p == nil || p.Schema != tripline.SchemaPerson || p.Caption() != "Ivan Ilyich PETROVSKI" || len(p.Names) != 4 ||
		!slices.Equal(p.Countries, []string{"RU"}) || !slices.Equal(p.Programs, []string{"FIC-PROLIF", "FIC-ARMS"}) ||
		p.Remarks != "Procured parts.\nSecond line." || !slices.Equal(p.BirthDates, []string{"1961-08-03", "1962"}) {
		t.Errorf("person back = %+v", p)
	}
	v := byID["os:demo.4"]
	if v == nil || !slices.Contains(v.Identifiers, tripline.Identifier{Type: "imo", Value: "9999991"}) || !slices.Contains(v.Identifiers, tripline.Identifier{Type: "mmsi", Value: "636000001"}) {
		t.Errorf("vessel back = %+v", v)
	}
	// No rows: the header alone.
	var empty bytes.Buffer
	NewTargetsWriter(&empty).Flush()
	if empty.String() != want+"\n" {
		t.Errorf("empty export %q", empty.String())
	}
}
