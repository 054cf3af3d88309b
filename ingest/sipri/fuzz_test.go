package sipri

import (
	"bytes"
	"path/filepath"
	"testing"

	"github.com/tripline/tripline/ingest/internal/readertest"
)

// FuzzRead feeds arbitrary bytes to the register reader: it must never
// panic, a failure must be a parse error, and a set it returns must
// validate.
func FuzzRead(f *testing.F) {
	readertest.AddFileSeeds(f, filepath.Join("testdata", "register_excerpt.csv"))
	readertest.AddHeadSeed(f, "data/dualuse/sipri_trade_register_all_20260518.csv", 8<<10, "\n", "")
	f.Add([]byte("Recipient,Supplier,Year of order, ,Weapon designation\nA*,B**,2000,?,X\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		ts, err := Read(bytes.NewReader(data), "f.csv")
		if readertest.IsParseError(t, err) {
			return
		}
		if err := ts.Validate(); err != nil {
			t.Fatalf("a set read without error does not validate: %v", err)
		}
	})
}

// FuzzReadJSONL: arbitrary lines never panic, and a set returned
// validates.
func FuzzReadJSONL(f *testing.F) {
	readertest.AddFileSeeds(f, filepath.Join("testdata", "transfers.jsonl"))
	f.Fuzz(func(t *testing.T, data []byte) {
		ts, err := ReadJSONL(bytes.NewReader(data), "f.jsonl", "")
		if err != nil {
			return
		}
		if err := ts.Validate(); err != nil {
			t.Fatalf("a set read without error does not validate: %v", err)
		}
	})
}
