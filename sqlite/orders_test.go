package sqlite_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/tripline/tripline"
)

// BenchmarkRecordOrders stores 20,480 orders in batches of 256 (as
// tripline check does), each with two controlled lines and a buyer, and
// reports orders/s.
func BenchmarkRecordOrders(b *testing.B) {
	ctx := context.Background()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		s := mustOpenB(b)
		b.StartTimer()
		for batch := 0; batch < 80; batch++ {
			recs := make([]tripline.OrderRecord, 256)
			for k := range recs {
				n := batch*256 + k
				c := fmt.Sprintf("name:customer %d|DE", n%5000)
				recs[k] = tripline.OrderRecord{ID: fmt.Sprintf("o%06d", n), Date: fmt.Sprintf("2025-%02d-%02d", 1+n%12, 1+n%28), Risk: tripline.RiskLow,
					Flags: []string{"FINCEN-BIS-2022-23-09"}, RulesVersion: "rules-1", MatcherVersion: "m1",
					Lines: []tripline.OrderLine{{Key: c, Party: "Customer GmbH", Role: "buyer", HS6: "8542.31", Quantity: 10, ValueUSD: 300},
						{Key: c, Party: "Customer GmbH", Role: "buyer", HS6: "8504.40", Quantity: 5, ValueUSD: 80}},
					Buyer: c, BuyerName: "Customer GmbH", Consignee: c, Address: "1 main street stuttgart de", AddressText: "1 Main Street, Stuttgart", Controlled: true}
			}
			if _, err := s.RecordOrders(ctx, recs); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(80*256*b.N)/b.Elapsed().Seconds(), "orders/s")
}
