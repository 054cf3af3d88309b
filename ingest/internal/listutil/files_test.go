package listutil

import (
	"context"
	"encoding/csv"
	"errors"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/tripline/tripline"
	"github.com/tripline/tripline/ingest/fileutil"
)

func TestReadFilesProgressAndMissing(t *testing.T) {
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a"), filepath.Join(dir, "b")
	if err := os.WriteFile(a, []byte("12345"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(b, []byte("678"), 0o644); err != nil {
		t.Fatal(err)
	}
	var got []string
	var last, total int64
	opt := fileutil.Options{Progress: func(done, all int64) { last, total = done, all }}
	err := ReadFiles([]string{a, b}, opt, "x.Read", func(path string, r io.Reader) error {
		data, err := io.ReadAll(r)
		got = append(got, filepath.Base(path)+":"+string(data))
		return err
	})
	if err != nil || !slices.Equal(got, []string{"a:12345", "b:678"}) {
		t.Fatalf("ReadFiles = %v, read %q", err, got)
	}
	if last != 8 || total != 8 {
		t.Errorf("progress = %d of %d, want 8 of 8", last, total)
	}
	err = ReadFiles([]string{filepath.Join(dir, "absent")}, opt, "x.Read", func(string, io.Reader) error { return nil })
	if tripline.ErrorKind(err) != tripline.KindInvalid || !strings.Contains(err.Error(), "cannot open") {
		t.Errorf("missing file: err = %v", err)
	}
}

func TestCSVRows(t *testing.T) {
	csvErr := func(path string, err error) error { return err }
	read := func(data string) ([]string, error) {
		tail := &TailReader{R: strings.NewReader(data)}
		cr := csv.NewReader(tail)
		cr.FieldsPerRecord = -1
		header, err := cr.Read()
		if err != nil {
			return nil, err
		}
		col, _ := NewColumns(header)
		var out []string
		err = CSVRows(context.Background(), cr, tail, "t.csv", col, len(header), 2, csvErr, func(line int, get func(string) string) error {
			if get("b") == "stop" {
				return errors.New("stopped")
			}
			out = append(out, get("a")+get("b")+get("zz"))
			return nil
		})
		return out, err
	}
	if got, err := read("a,b\n1, 2 \n3,4\n"); err != nil || !slices.Equal(got, []string{"12", "34"}) {
		t.Errorf("rows = %q, %v", got, err)
	}
	for data, want := range map[string]string{
		"a,b\n1,2\n3,4":     "ends inside a row",
		"a,b\n1,2,3\n":      "row has 3 fields",
		"a,b\n1,stop\n":     "stopped",
		"a,b\n1,\"2\n3,4\n": "extraneous or missing",
	} {
		if _, err := read(data); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%q: err = %v, want %q", data, err, want)
		}
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	tail := &TailReader{R: strings.NewReader("1\n")}
	err := CSVRows(ctx, csv.NewReader(tail), tail, "t.csv", nil, 1, 1, csvErr, func(int, func(string) string) error { return nil })
	if !errors.Is(err, context.Canceled) {
		t.Errorf("canceled: err = %v", err)
	}
}

func TestIsISODate(t *testing.T) {
	for s, want := range map[string]bool{"2024-01-31": true, "2024-1-31": false, "2024-01-3x": false, "20240131": false, "": false} {
		if IsISODate(s) != want {
			t.Errorf("IsISODate(%q) = %v", s, !want)
		}
	}
}

func TestEnsurePrimaryAndParts(t *testing.T) {
	e := &tripline.Entity{Names: []tripline.Name{{Full: "Иван", Kind: tripline.NameAlias, Script: "Cyrl"}, {Full: "Ivan", Kind: tripline.NameAlias}}}
	EnsurePrimary(e)
	if e.Names[0].Kind != tripline.NameAlias || e.Names[1].Kind != tripline.NamePrimary {
		t.Errorf("names = %+v, want the Latin alias primary", e.Names)
	}
	parts := PersonNameParts("Dr", "", []string{"A", "B"}, "Z")
	var types []string
	for _, p := range parts {
		types = append(types, p.Type+"="+p.Value)
	}
	if !slices.Equal(types, []string{"title=Dr", "middle=A", "middle=B", "family=Z"}) {
		t.Errorf("parts = %v", types)
	}
	AddProp(e, "k", "v", "", "v", "w")
	if !slices.Equal(e.Properties["k"], []string{"v", "w"}) {
		t.Errorf("property = %v", e.Properties["k"])
	}
}
