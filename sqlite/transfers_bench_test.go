package sqlite_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/tripline/tripline/ingest/sipri"
	"github.com/tripline/tripline/transfer"
)

// BenchmarkImportRegister reads SIPRI's whole trade register (29,916
// deals) from ../shared, links it to the catalogue and stores it as a new
// snapshot with its deliveries, in a fresh database each time.
func BenchmarkImportRegister(b *testing.B) {
	path := filepath.Join("..", "..", "shared", "data", "dualuse", "sipri_trade_register_all_20260518.csv")
	if _, err := os.Stat(path); err != nil {
		b.Skipf("SIPRI register absent: %v", err)
	}
	ctx := context.Background()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		st := mustOpenB(b)
		b.StartTimer()
		ts, err := sipri.ReadFile(path)
		if err != nil {
			b.Fatal(err)
		}
		transfer.MustDefault().Link(ts)
		snap, _, err := st.ImportTransfers(ctx, ts)
		if err != nil || snap.Count != 29916 {
			b.Fatalf("import: %+v, %v", snap, err)
		}
	}
}
