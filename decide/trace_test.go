package decide

import (
	"encoding/csv"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestRuleIDsAreOfficial checks every default rule against the research
// table of official indicators: an id is either there (with a source that
// names the same document family) or a project id (TRIPLINE-,
// DERIVED-RESIDENTIAL-, DERIVED-SPLIT-, DERIVED-ADDR-) whose source names
// the regulations it rests on.
func TestRuleIDsAreOfficial(t *testing.T) {
	path := filepath.Join("..", "..", "shared", "data", "dualuse", "red_flags_rules.csv")
	f, err := os.Open(path)
	if err != nil {
		t.Skipf("red flag table not available at %s", path)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	official := map[string]string{}
	for _, r := range recs[1:] {
		official[r[0]] = r[1]
	}
	_, s := mustDefault(t)
	for _, r := range s.Rules() {
		src, ok := official[r.ID]
		switch {
		case ok:
			family := strings.SplitN(r.ID, "-", 2)[0]
			if !strings.Contains(strings.ToUpper(r.Source), map[string]string{"BIS": "BIS", "FINCEN": "FINCEN", "IRAN": "IRAN", "DERIVED": "DERIVED"}[family]) {
				t.Errorf("%s: source %q does not name its document (%s)", r.ID, r.Source, src)
			}
		case strings.HasPrefix(r.ID, "TRIPLINE-") || strings.HasPrefix(r.ID, "DERIVED-RESIDENTIAL-") || strings.HasPrefix(r.ID, "DERIVED-SPLIT-") || strings.HasPrefix(r.ID, "DERIVED-ADDR-") || strings.HasPrefix(r.ID, "DERIVED-REORDER-"):
			if len(r.Source) < 20 {
				t.Errorf("%s: project rule with a thin source %q", r.ID, r.Source)
			}
		default:
			t.Errorf("%s is neither an official indicator nor a project id", r.ID)
		}
	}
}

// TestPure keeps the decide, rules and goods packages free of I/O: they
// read only what they are given.
func TestPure(t *testing.T) {
	banned := map[string]bool{"os": true, "net": true, "net/http": true, "os/exec": true, "database/sql": true, "syscall": true}
	for _, dir := range []string{".", filepath.Join("..", "rules"), filepath.Join("..", "goods")} {
		files, err := filepath.Glob(filepath.Join(dir, "*.go"))
		if err != nil {
			t.Fatal(err)
		}
		for _, name := range files {
			if strings.HasSuffix(name, "_test.go") {
				continue
			}
			f, err := parser.ParseFile(token.NewFileSet(), name, nil, parser.ImportsOnly)
			if err != nil {
				t.Fatal(err)
			}
			for _, imp := range f.Imports {
				if banned[strings.Trim(imp.Path.Value, `"`)] {
					t.Errorf("%s imports %s", name, imp.Path.Value)
				}
			}
		}
	}
}
