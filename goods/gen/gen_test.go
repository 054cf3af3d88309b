package gen

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// TestGeneratedDataIsCurrent regenerates the catalogue from ../shared and
// compares it with the shipped files in goods/data.
func TestGeneratedDataIsCurrent(t *testing.T) {
	shared := filepath.Join("..", "..", "..", "shared", "data", "dualuse")
	if _, err := os.Stat(filepath.Join(shared, "PROVENANCE.txt")); err != nil {
		t.Skip("../shared/data/dualuse is absent; cannot regenerate the catalogue")
	}
	out := t.TempDir()
	if err := Run(shared, out); err != nil {
		t.Fatal(err)
	}
	for _, name := range Files {
		got, err := os.ReadFile(filepath.Join(out, name))
		if err != nil {
			t.Fatal(err)
		}
		want, err := os.ReadFile(filepath.Join("..", "data", name))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("goods/data/%s is stale: run go generate ./goods", name)
		}
	}
}

func TestRunFailsWithoutSources(t *testing.T) {
	if err := Run(t.TempDir(), t.TempDir()); err == nil {
		t.Error("run over an empty directory succeeded")
	}
}
