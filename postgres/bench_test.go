package postgres_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/tripline/tripline"
	"github.com/tripline/tripline/storetest"
)

// benchDataset returns n fictional entities shaped like OFAC records (the
// same as package sqlite's benchmark, for comparison).
func benchDataset(n int, hash string) *tripline.Dataset {
	es := make([]*tripline.Entity, n)
	for i := range es {
		e := storetest.Entity("bench", fmt.Sprint(i), fmt.Sprintf("TRADING COMPANY NUMBER %d LIMITED", i), fmt.Sprintf("TCN %d", i))
		e.Addresses = []tripline.Address{{Street: "Unit 1203, 88 Tai Yip Street", City: "Hong Kong", Country: "HK"}}
		e.Identifiers = []tripline.Identifier{{Type: "registration", Value: fmt.Sprint(1000000 + i), Country: "HK"}}
		e.Remarks = "Secondary sanctions risk: section 1(b) of Executive Order 13224; Linked To: SOMETHING."
		es[i] = e
	}
	return storetest.Dataset("bench", hash, es...)
}

// BenchmarkImport measures storing a 17,000-entity snapshot (the size of
// the OFAC SDN list) with COPY.
func BenchmarkImport(b *testing.B) {
	s := open(b, newSchema(b))
	ctx := context.Background()
	ds := benchDataset(17000, "")
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		ds.Hash = fmt.Sprint(i)
		if _, _, err := s.Import(ctx, ds); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkEachEntity measures reading a 17,000-entity snapshot back.
func BenchmarkEachEntity(b *testing.B) {
	s := open(b, newSchema(b))
	ctx := context.Background()
	if _, _, err := s.Import(ctx, benchDataset(17000, "h")); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		n := 0
		if err := s.EachEntity(ctx, tripline.EntityFilter{}, func(*tripline.Entity) error { n++; return nil }); err != nil || n != 17000 {
			b.Fatal(n, err)
		}
	}
}
