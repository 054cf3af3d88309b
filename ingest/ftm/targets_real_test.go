package ftm

import (
	"bytes"
	"context"
	"encoding/csv"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/tripline/tripline/ingest/fileutil"
	"github.com/tripline/tripline/ingest/internal/readertest"
)

// TestTargetsRealRoundTrip reads OpenSanctions' own targets.simple.csv,
// writes it again and compares the files cell by cell: every cell is the
// one OpenSanctions wrote, except the id (the FtM export's, "os." before
// OpenSanctions' id), the dataset (the source first) and where the file
// is ambiguous to any reader: a sanction text with line breaks comes back
// as one text a line (a line repeated in the row's texts once), a value
// holding ";" as its parts.
func TestTargetsRealRoundTrip(t *testing.T) {
	path := readertest.SharedFile(t, "data/formats/opensanctions/targets.simple.csv")
	ds, err := ReadCSV(context.Background(), []string{path}, fileutil.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	tw := NewTargetsWriter(&buf)
	for _, e := range ds.Entities {
		if err := tw.Write(e); err != nil {
			t.Fatal(err)
		}
	}
	if err := tw.Flush(); err != nil {
		t.Fatal(err)
	}
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	orig, err := csv.NewReader(bytes.NewReader(raw)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	got, err := csv.NewReader(bytes.NewReader(buf.Bytes())).ReadAll()
	if err != nil {
		t.Fatalf("the export is not CSV: %v", err)
	}
	if len(got) != len(orig) || !slices.Equal(got[0], orig[0]) {
		t.Fatalf("%d rows, header %q; OpenSanctions' file %d rows, header %q", len(got), got[0], len(orig), orig[0])
	}
	lines := func(cell string) []string {
		var out []string
		for _, s := range sanctionTexts(cell) {
			for _, l := range strings.Split(s, "\n") {
				if l = strings.TrimSpace(l); l != "" && !slices.Contains(out, l) {
					out = append(out, l)
				}
			}
		}
		return out
	}
	bad := 0
	for i := 1; i < len(orig); i++ {
		o, g := orig[i], got[i]
		for c, col := range orig[0] {
			var same bool
			switch col {
			case "id":
				same = g[c] == "os."+o[c]
			case "dataset":
				same = g[c] == "os;"+o[c]
			case "sanctions":
				same = slices.Equal(lines(g[c]), lines(o[c])) && (g[c] == `""`) == (o[c] == `""`)
			default:
				same = g[c] == o[c] || slices.Equal(splitSemi(g[c]), splitSemi(o[c]))
			}
			if !same {
				if bad++; bad <= 10 {
					t.Errorf("row %d %s: %q, OpenSanctions wrote %q", i+1, col, g[c], o[c])
				}
			}
		}
	}
	if bad > 0 {
		t.Errorf("%d cells differ", bad)
	}
	t.Logf("%d rows of OpenSanctions' targets.simple.csv written back as they were", len(orig)-1)
}
