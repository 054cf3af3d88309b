package purity

import (
	"bufio"
	"go/build"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// pure are the packages that must do no I/O, relative to the module root.
var pure = []string{".", "names", "match", "goods", "rules", "delta", "graph", "textflags"}

// banned says why an import means I/O. A prefix ending in "/" bans the
// packages below it too. Embedded data (embed, io/fs over an embed.FS) is
// allowed, and so are the parsers net/url, net/netip and net/mail; so are
// the standard and third-party packages the pure ones use, which are not
// walked (fmt itself imports os).
var banned = map[string]string{
	"os":            "files, environment and processes",
	"os/":           "processes, signals, users",
	"io/ioutil":     "files",
	"net":           "network",
	"net/http":      "network",
	"net/http/":     "network",
	"net/rpc":       "network",
	"net/smtp":      "network",
	"syscall":       "system calls",
	"database/sql":  "databases",
	"database/sql/": "databases",
	"plugin":        "loading code",
	"log":           "writes to stderr",
	"log/slog":      "writes to stderr",
	"log/syslog":    "writes to syslog",
}

func why(imp string) (string, bool) {
	if r, ok := banned[imp]; ok {
		return r, true
	}
	for p, r := range banned {
		if strings.HasSuffix(p, "/") && strings.HasPrefix(imp, p) {
			return r, true
		}
	}
	return "", false
}

// TestPurePackagesDoNoIO walks the pure packages and the packages of this
// module they import (their non-test Go files) and fails on any import
// that does I/O, naming the chain that leads to it.
func TestPurePackagesDoNoIO(t *testing.T) {
	root, module := moduleRoot(t)
	type item struct{ path, via string }
	var queue []item
	for _, p := range pure {
		ip := module
		if p != "." {
			ip += "/" + p
		}
		queue = append(queue, item{ip, ip})
	}
	seen := map[string]bool{}
	checked := 0
	for len(queue) > 0 {
		it := queue[0]
		queue = queue[1:]
		if seen[it.path] {
			continue
		}
		seen[it.path] = true
		dir := filepath.Join(root, strings.TrimPrefix(strings.TrimPrefix(it.path, module), "/"))
		pkg, err := build.ImportDir(dir, 0)
		if err != nil {
			t.Errorf("%s: %v", it.path, err)
			continue
		}
		checked++
		imps := append([]string(nil), pkg.Imports...)
		sort.Strings(imps)
		for _, imp := range imps {
			if r, bad := why(imp); bad {
				t.Errorf("%s imports %s (%s); the pure packages do no I/O (reached by %s)", it.path, imp, r, it.via)
			}
			if imp == module || strings.HasPrefix(imp, module+"/") {
				queue = append(queue, item{imp, it.via + " → " + imp})
			}
		}
	}
	if checked < len(pure) {
		t.Fatalf("checked %d packages, want at least %d", checked, len(pure))
	}
	t.Logf("%d packages checked", checked)
}

// TestBannedCatchesIO checks the checker on a package that does I/O.
func TestBannedCatchesIO(t *testing.T) {
	for _, imp := range []string{"os", "os/exec", "net/http", "database/sql", "syscall"} {
		if _, bad := why(imp); !bad {
			t.Errorf("%s not banned", imp)
		}
	}
	for _, imp := range []string{"embed", "io/fs", "io", "strings", "osext", "network", "net/url", "net/netip"} {
		if _, bad := why(imp); bad {
			t.Errorf("%s banned", imp)
		}
	}
}

// moduleRoot returns the directory of go.mod above the test and the
// module path it declares.
func moduleRoot(t *testing.T) (dir, module string) {
	t.Helper()
	dir, err := filepath.Abs(".")
	if err != nil {
		t.Fatal(err)
	}
	for {
		f, err := os.Open(filepath.Join(dir, "go.mod"))
		if err == nil {
			defer f.Close()
			sc := bufio.NewScanner(f)
			for sc.Scan() {
				if m, ok := strings.CutPrefix(strings.TrimSpace(sc.Text()), "module "); ok {
					return dir, strings.Trim(strings.TrimSpace(m), `"`)
				}
			}
			t.Fatal("go.mod without a module line")
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("no go.mod above the test")
		}
		dir = parent
	}
}
