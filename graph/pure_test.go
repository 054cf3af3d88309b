package graph

import (
	"go/parser"
	"go/token"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestPure keeps the package free of file and network I/O: only its tests
// may open files.
func TestPure(t *testing.T) {
	files, _ := filepath.Glob("*.go")
	banned := map[string]bool{"os": true, "net": true, "net/http": true, "io/ioutil": true, "os/exec": true, "database/sql": true}
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		af, err := parser.ParseFile(token.NewFileSet(), f, nil, parser.ImportsOnly)
		if err != nil {
			t.Fatal(err)
		}
		for _, im := range af.Imports {
			p, _ := strconv.Unquote(im.Path.Value)
			if banned[p] {
				t.Errorf("%s imports %s; the graph package does no I/O", f, p)
			}
		}
	}
}
