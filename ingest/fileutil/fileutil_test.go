package fileutil

import (
	"crypto/sha256"
	"encoding/hex"
	"os"
	"path/filepath"
	"testing"
)

func write(t *testing.T, dir, name, content string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// TestHashFilesIgnoresNames: the same bytes under another file name (or
// in another order) hash the same, so they make no new snapshot; a one-file
// publication hashes to the SHA-256 of its bytes.
func TestHashFilesIgnoresNames(t *testing.T) {
	dir := t.TempDir()
	a := write(t, dir, "sdn.csv", "1,\"A\"\r\n\x1a")
	b := write(t, dir, "renamed/upload", "1,\"A\"\r\n\x1a")
	c := write(t, dir, "add.csv", "1,2,\"x\"\r\n\x1a")
	ha, err := HashFiles(a)
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256([]byte("1,\"A\"\r\n\x1a"))
	if ha != hex.EncodeToString(sum[:]) {
		t.Errorf("one file hashes to %s, want its SHA-256 %x", ha, sum)
	}
	if hb, _ := HashFiles(b); hb != ha {
		t.Errorf("the same bytes under another name hash to %s, want %s", hb, ha)
	}
	set1, _ := HashFiles(a, c)
	set2, _ := HashFiles(c, b)
	if set1 != set2 || set1 == ha {
		t.Errorf("sets: %s and %s, want equal and unlike the one file", set1, set2)
	}
	d := write(t, dir, "other.csv", "1,\"B\"\r\n\x1a")
	if hd, _ := HashFiles(d); hd == ha {
		t.Error("different bytes hash the same")
	}
	if _, err := HashFiles(filepath.Join(dir, "missing")); err == nil {
		t.Error("a missing file hashed")
	}
}
