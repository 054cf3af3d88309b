// Package readertest holds test helpers shared by the list readers'
// tests: finding the real list files in ../shared, reading test files,
// indexing entities by id and cutting fuzz seeds from the head of a real
// publication. Only _test.go files import it.
package readertest

import (
	"archive/zip"
	"bytes"
	"context"
	"io"
	"os"
	"path"
	"testing"

	"github.com/tripline/tripline"
	"github.com/tripline/tripline/ingest/fileutil"
	"github.com/tripline/tripline/ingest/internal/listutil"
)

// SharedFile returns the path of rel (for example
// "data/lists/us_csl/csl.csv") in the shared data folder next to the
// repository, skipping the test when it is absent.
func SharedFile(tb testing.TB, rel string) string {
	tb.Helper()
	path, ok := listutil.SharedFile(rel)
	if !ok {
		tb.Skipf("real file ../shared/%s is absent", rel)
	}
	return path
}

// SharedFiles returns the paths of the named files in dir (relative to
// the shared data folder, for example "data/lists/ofac_sdn"), skipping the
// test when any of them is absent.
func SharedFiles(tb testing.TB, dir string, names ...string) []string {
	tb.Helper()
	var out []string
	for _, n := range names {
		out = append(out, SharedFile(tb, path.Join(dir, n)))
	}
	return out
}

// ReadFile returns the contents of path, failing the test when it cannot
// be read.
func ReadFile(tb testing.TB, path string) []byte {
	tb.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		tb.Fatal(err)
	}
	return b
}

// ReadFunc is the signature of the readers' Read functions.
type ReadFunc func(ctx context.Context, files []string, opt fileutil.Options) (*tripline.Dataset, error)

// MustRead reads files with read and default options, failing the test on
// an error.
func MustRead(tb testing.TB, read ReadFunc, files ...string) *tripline.Dataset {
	tb.Helper()
	ds, err := read(context.Background(), files, fileutil.Options{})
	if err != nil {
		tb.Fatalf("Read(%v): %v", files, err)
	}
	return ds
}

// ByID indexes the entities of ds by their ID.
func ByID(ds *tripline.Dataset) map[string]*tripline.Entity {
	m := map[string]*tripline.Entity{}
	for _, e := range ds.Entities {
		m[e.ID] = e
	}
	return m
}

// IsParseError fails the test when err is neither nil nor a parse error
// (a KindInvalid *tripline.Error naming a place in a file). It reports
// whether err is non-nil, so that a fuzz function can stop checking a
// rejected input.
func IsParseError(t *testing.T, err error) bool {
	t.Helper()
	if err == nil {
		return false
	}
	if pe := tripline.ParseErrorOf(err); pe == nil || pe.Kind != tripline.KindInvalid {
		t.Fatalf("error %v (%T) is not a parse error", err, err)
	}
	return true
}

// Head returns at most max bytes from the start of the shared file rel,
// cut just after the last occurrence of cut in them (a line end, a closing
// tag) and followed by tail, so that a fuzz test can seed its corpus with
// a real excerpt. ok is false when the file is absent or unreadable, or
// when cut does not occur in its first max bytes.
func Head(rel string, max int, cut, tail string) (head []byte, ok bool) {
	return sharedHead(rel, max, cut, tail, func(path string) (io.ReadCloser, func(), error) {
		f, err := os.Open(path)
		return f, func() {}, err
	})
}

// ZipHead is Head for the member name of the shared zip file rel (an
// OOXML workbook, an ODS spreadsheet, a zipped XML file).
func ZipHead(rel, name string, max int, cut, tail string) (head []byte, ok bool) {
	return sharedHead(rel, max, cut, tail, func(path string) (io.ReadCloser, func(), error) {
		z, err := zip.OpenReader(path)
		if err != nil {
			return nil, nil, err
		}
		r, err := z.Open(name)
		if err != nil {
			z.Close()
			return nil, nil, err
		}
		return r, func() { z.Close() }, nil
	})
}

// sharedHead opens the shared file rel with open (which also returns what
// to do after closing the reader) and cuts its head.
func sharedHead(rel string, max int, cut, tail string, open func(path string) (io.ReadCloser, func(), error)) ([]byte, bool) {
	path, ok := listutil.SharedFile(rel)
	if !ok {
		return nil, false
	}
	r, done, err := open(path)
	if err != nil {
		return nil, false
	}
	defer done()
	defer r.Close()
	return cutHead(r, max, cut, tail)
}

func cutHead(r io.Reader, max int, cut, tail string) ([]byte, bool) {
	b, err := io.ReadAll(io.LimitReader(r, int64(max)))
	if err != nil {
		return nil, false
	}
	return Cut(b, max, cut, tail)
}

// Cut returns the first max bytes of b, cut just after the last occurrence
// of cut in them and followed by tail; ok is false when cut does not occur
// there.
func Cut(b []byte, max int, cut, tail string) (head []byte, ok bool) {
	b = b[:min(len(b), max)]
	i := bytes.LastIndex(b, []byte(cut))
	if i < 0 {
		return nil, false
	}
	head = append([]byte(nil), b[:i+len(cut)]...)
	return append(head, tail...), true
}

// Rezip rebuilds the shared zip file rel in memory, passing each member's
// contents through edit (which may return them unchanged), so that a fuzz
// test of a zip-based format can seed its corpus with a small valid file
// built from the first rows of a real one. ok is false when the file is
// absent or is not a readable zip file.
func Rezip(rel string, edit func(name string, data []byte) []byte) (zipped []byte, ok bool) {
	path, ok := listutil.SharedFile(rel)
	if !ok {
		return nil, false
	}
	z, err := zip.OpenReader(path)
	if err != nil {
		return nil, false
	}
	defer z.Close()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, f := range z.File {
		r, err := f.Open()
		if err != nil {
			return nil, false
		}
		data, err := io.ReadAll(r)
		r.Close()
		if err != nil {
			return nil, false
		}
		w, err := zw.CreateHeader(&zip.FileHeader{Name: f.Name, Method: f.Method})
		if err != nil {
			return nil, false
		}
		if _, err := w.Write(edit(f.Name, data)); err != nil {
			return nil, false
		}
	}
	if err := zw.Close(); err != nil {
		return nil, false
	}
	return buf.Bytes(), true
}

// WriteFile writes data to path, failing the test on an error.
func WriteFile(tb testing.TB, path string, data []byte) {
	tb.Helper()
	if err := os.WriteFile(path, data, 0o644); err != nil {
		tb.Fatal(err)
	}
}

// AddFileSeeds adds the test file at path and its first half to f's seed
// corpus, and returns its contents.
func AddFileSeeds(f *testing.F, path string) []byte {
	f.Helper()
	b := ReadFile(f, path)
	f.Add(b)
	f.Add(b[:len(b)/2])
	return b
}

// AddHeadSeed adds Head(rel, max, cut, tail) to f's seed corpus when the
// shared file is there.
func AddHeadSeed(f *testing.F, rel string, max int, cut, tail string) {
	if b, ok := Head(rel, max, cut, tail); ok {
		f.Add(b)
	}
}

// CheckUniqueIDs fails the test when two entities of ds share an ID.
func CheckUniqueIDs(t *testing.T, ds *tripline.Dataset) {
	t.Helper()
	seen := map[string]bool{}
	for _, e := range ds.Entities {
		if seen[e.ID] {
			t.Fatalf("duplicate id %s", e.ID)
		}
		seen[e.ID] = true
	}
}

// BenchmarkRead reads path with read b.N times, reporting the file's size
// as bytes per operation.
func BenchmarkRead(b *testing.B, read ReadFunc, path string) {
	b.Helper()
	fi, err := os.Stat(path)
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(fi.Size())
	for b.Loop() {
		MustRead(b, read, path)
	}
}
