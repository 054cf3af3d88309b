package ofac

import (
	"os"
	"path/filepath"
	"testing"
)

// sharedDir returns ../shared/<rel> next to the module root, skipping the
// test when it is absent.
func sharedDir(tb testing.TB, rel ...string) string {
	tb.Helper()
	dir, err := os.Getwd()
	if err != nil {
		tb.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			break
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			tb.Skip("module root not found")
		}
		dir = parent
	}
	p := filepath.Join(append([]string{filepath.Dir(dir), "shared"}, rel...)...)
	if _, err := os.Stat(p); err != nil {
		tb.Skipf("real OFAC files not available (%s absent): %v", p, err)
	}
	return p
}

// sharedFiles returns the named files in a shared directory.
func sharedFiles(tb testing.TB, dir string, names ...string) []string {
	tb.Helper()
	var out []string
	for _, n := range names {
		p := filepath.Join(dir, n)
		if _, err := os.Stat(p); err != nil {
			tb.Skipf("real OFAC file %s absent: %v", p, err)
		}
		out = append(out, p)
	}
	return out
}
