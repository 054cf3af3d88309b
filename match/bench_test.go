package match

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/tripline/tripline"
	"github.com/tripline/tripline/ingest"
)

func BenchmarkIndexBuildSDN(b *testing.B) {
	ents := loadSDN(b)
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		NewIndex(DefaultConfig(), ents)
	}
}

func benchQueries(b *testing.B) []tripline.Query {
	var qs []tripline.Query
	for _, c := range loadDev(b) {
		qs = append(qs, c.q)
	}
	return qs
}

// BenchmarkScreenOneSDN screens dev-set queries one at a time against
// the SDN list (one core).
func BenchmarkScreenOneSDN(b *testing.B) {
	s := sdnScreener(b)
	qs := benchQueries(b)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := s.ScreenOne(qs[i%len(qs)], tripline.ScreenOptions{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkRetrieveSDN measures candidate retrieval alone.
func BenchmarkRetrieveSDN(b *testing.B) {
	s := sdnScreener(b)
	ix := s.Index()
	qs := benchQueries(b)
	parts := make([][]ptok, len(qs))
	for i, q := range qs {
		parts[i] = ix.queryParts(q.Name)
	}
	sc := newScratch(ix)
	accept := ix.acceptFunc("", nil)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		ix.candidates(context.Background(), parts[i%len(parts)], nil, accept, sc, pruneShare(ix.cfg.Threshold))
	}
}

// BenchmarkNameScore measures scoring one pair of parsed names.
func BenchmarkNameScore(b *testing.B) {
	ix := NewIndex(DefaultConfig(), fictional())
	q := ix.queryParts("Muhammad Ghasem Soleymani")
	l := ix.queryParts("SOLEIMANI, Haj Qasem Mohammad")
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		ix.cfg.nameScore(q, l, false)
	}
}

// BenchmarkScreenOneAllLists screens dev-set queries one at a time (one
// core) against every list in ../shared/data/lists, read with the ingest
// readers (about 50,000 entities; reading takes a while before the timer
// starts).
func BenchmarkScreenOneAllLists(b *testing.B) {
	dir := filepath.Join(sharedDir(b), "data", "lists")
	jobs, _, err := ingest.Plan([]string{dir}, "")
	if err != nil {
		b.Fatal(err)
	}
	var ents []*tripline.Entity
	for _, j := range jobs {
		ds, err := ingest.Read(context.Background(), j, ingest.Options{})
		if err != nil {
			b.Fatalf("%s: %v", j.Format.Name, err)
		}
		ents = append(ents, ds.Entities...)
	}
	s := NewScreener(NewIndex(DefaultConfig(), ents))
	qs := benchQueries(b)
	b.ReportMetric(float64(len(ents)), "entities")
	b.ReportAllocs()
	b.ResetTimer()
	c0 := cpuTime()
	for i := 0; i < b.N; i++ {
		if _, err := s.ScreenOne(qs[i%len(qs)], tripline.ScreenOptions{}); err != nil {
			b.Fatal(err)
		}
	}
	// Process CPU per name: steadier than wall time on a shared machine.
	b.ReportMetric(float64((cpuTime()-c0).Microseconds())/float64(b.N), "cpu-µs/op")
}
