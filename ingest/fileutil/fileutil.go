// Package fileutil holds what every list reader needs: hashing the input
// files, counting progress, and building parse errors (KindInvalid
// *tripline.Error values) that name the file and line.
package fileutil

import (
	"crypto/sha256"
	"encoding/hex"
	"io"
	"os"
	"slices"

	"github.com/tripline/tripline"
)

// Options are passed to every reader.
type Options struct {
	// Progress, when not nil, is called now and then with the bytes read so
	// far and the total size of the input files.
	Progress func(done, total int64)
	// Source overrides the dataset's source id (user sources).
	Source string
}

// HashFiles returns the content hash of a publication read from paths: the
// hex SHA-256 of the file's bytes for one file (what sha256sum prints), and
// for several files the SHA-256 of their sorted hex digests, one a line
// (CombineHashes). File names and their order do not enter it: the same
// bytes under another name are the same content, so they make no new
// snapshot. (A set's files are told apart by their names when read; two
// sets whose files swapped contents would not parse as the same dataset.)
func HashFiles(paths ...string) (string, error) {
	digests, err := FileHashes(paths...)
	if err != nil {
		return "", err
	}
	return CombineHashes(digests), nil
}

// FileHashes returns the hex SHA-256 of each file of paths, in order.
func FileHashes(paths ...string) ([]string, error) {
	out := make([]string, 0, len(paths))
	for _, p := range paths {
		f, err := os.Open(p)
		if err != nil {
			return nil, err
		}
		h := sha256.New()
		_, err = io.Copy(h, f)
		f.Close()
		if err != nil {
			return nil, err
		}
		out = append(out, hex.EncodeToString(h.Sum(nil)))
	}
	return out, nil
}

// CombineHashes returns the content hash of a publication whose files have
// the hex SHA-256 digests given: the one digest itself, or the SHA-256 of
// the sorted digests, one a line.
func CombineHashes(digests []string) string {
	if len(digests) == 1 {
		return digests[0]
	}
	sorted := slices.Clone(digests)
	slices.Sort(sorted)
	h := sha256.New()
	for _, d := range sorted {
		io.WriteString(h, d+"\n")
	}
	return hex.EncodeToString(h.Sum(nil))
}

// TotalSize returns the summed size of paths.
func TotalSize(paths ...string) int64 {
	var n int64
	for _, p := range paths {
		if fi, err := os.Stat(p); err == nil {
			n += fi.Size()
		}
	}
	return n
}

// Counter wraps a reader and reports progress. Base is the byte count of
// files already read, Total the size of all input files.
type Counter struct {
	R        io.Reader
	N        int64
	Base     int64
	Total    int64
	Progress func(done, total int64)
	last     int64
}

func (c *Counter) Read(p []byte) (int, error) {
	n, err := c.R.Read(p)
	c.N += int64(n)
	if c.Progress != nil && (c.N-c.last >= 1<<20 || err == io.EOF) {
		c.last = c.N
		c.Progress(c.Base+c.N, c.Total)
	}
	return n, err
}

// Errf returns a parse error (tripline.ParseErrorf) for file at line (0
// if unknown).
func Errf(file string, line int, format string, args ...any) error {
	return tripline.ParseErrorf(file, line, format, args...)
}

// ErrAt returns a parse error (tripline.ParseErrorAt) for file at a byte
// offset.
func ErrAt(file string, offset int64, format string, args ...any) error {
	return tripline.ParseErrorAt(file, offset, format, args...)
}
