package match

import (
	"context"
	"runtime"
	"syscall"
	"testing"
	"time"

	"github.com/tripline/tripline"
)

func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// TestCPUCost reports the CPU time of index build and of screening the
// dev set (robust to a busy machine, unlike wall-clock benchmarks). A
// measurement aid: it asserts nothing about speed. TRIPLINE_CPU=1 runs it.
func TestCPUCost(t *testing.T) {
	if !envSet("TRIPLINE_CPU") {
		t.Skip("set TRIPLINE_CPU=1")
	}
	ents := loadSDN(t)
	var m0, m1 runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&m0)
	c0 := cpuTime()
	ix := NewIndex(DefaultConfig(), ents)
	c1 := cpuTime()
	runtime.GC()
	runtime.ReadMemStats(&m1)
	t.Logf("index heap: %.1f MB (entities themselves excluded)", float64(int64(m1.HeapAlloc)-int64(m0.HeapAlloc))/1e6)
	s := NewScreener(ix)
	var qs []tripline.Query
	for _, c := range loadDev(t) {
		qs = append(qs, c.q)
	}
	if _, err := s.Screen(context.Background(), qs, tripline.ScreenOptions{}); err != nil {
		t.Fatal(err)
	}
	c2 := cpuTime()
	t.Logf("index build: %d entities, %d names, CPU %v", ix.Len(), ix.NameCount(), c1-c0)
	t.Logf("screening: %d queries, CPU %v = %.3f ms/query", len(qs), c2-c1, float64((c2-c1).Microseconds())/1000/float64(len(qs)))
}
