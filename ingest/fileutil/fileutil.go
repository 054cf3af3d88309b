// Package fileutil holds what every list reader needs: hashing the input
// files, counting progress, and building parse errors (KindInvalid
// *tripline.Error values) that name the file and line.
package fileutil

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"os"

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

// HashFiles returns the hex SHA-256 of the concatenated contents of paths,
// each preceded by its base name, so that the same bytes under other roles
// hash differently.
func HashFiles(paths ...string) (string, error) {
	h := sha256.New()
	for _, p := range paths {
		f, err := os.Open(p)
		if err != nil {
			return "", err
		}
		fmt.Fprintf(h, "%s\x00", baseName(p))
		_, err = io.Copy(h, f)
		f.Close()
		if err != nil {
			return "", err
		}
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

func baseName(p string) string {
	for i := len(p) - 1; i >= 0; i-- {
		if p[i] == '/' || p[i] == '\\' {
			return p[i+1:]
		}
	}
	return p
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
