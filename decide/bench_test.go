package decide

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/tripline/tripline"
)

// ordersDev reads ../shared/eval/orders-dev/orders.jsonl from the package
// directory, or skips.
func ordersDev(tb testing.TB) []*tripline.Transaction {
	tb.Helper()
	path := filepath.Join("..", "..", "shared", "eval", "orders-dev", "orders.jsonl")
	if _, err := os.Stat(path); err != nil {
		tb.Skip("../shared/eval/orders-dev is absent")
	}
	return readOrders(tb, path)
}

// BenchmarkCheck measures goods classification, facts and rules per order
// (no party screening: the matching engine has its own benchmarks).
func BenchmarkCheck(b *testing.B) {
	txs := ordersDev(b)
	c := newChecker(b, nil)
	ctx := context.Background()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := c.Check(ctx, txs[i%len(txs)]); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "orders/s")
}

// BenchmarkCheckAll checks all of orders-dev per operation, as the CLI does
// with a batch (decisions are made in parallel).
func BenchmarkCheckAll(b *testing.B) {
	txs := ordersDev(b)
	c := newChecker(b, nil)
	ctx := context.Background()
	b.ResetTimer()
	n := 0
	for i := 0; i < b.N; i++ {
		if _, err := c.CheckAll(ctx, txs); err != nil {
			b.Fatal(err)
		}
		n += len(txs)
	}
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "orders/s")
}
