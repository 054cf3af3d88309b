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

// BenchmarkDevSetCPU builds the SDN index and screens the whole dev set,
// reporting process CPU time (steadier than wall time on a busy machine)
// and the index's heap:
//
//	go test ./match -run X -bench DevSetCPU -benchtime 1x
func BenchmarkDevSetCPU(b *testing.B) {
	ents := loadSDN(b)
	var qs []tripline.Query
	for _, c := range loadDev(b) {
		qs = append(qs, c.q)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		var m0, m1 runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&m0)
		c0 := cpuTime()
		ix := NewIndex(DefaultConfig(), ents)
		c1 := cpuTime()
		runtime.GC()
		runtime.ReadMemStats(&m1)
		s := NewScreener(ix)
		if _, err := s.Screen(context.Background(), qs, tripline.ScreenOptions{}); err != nil {
			b.Fatal(err)
		}
		c2 := cpuTime()
		b.ReportMetric(float64(int64(m1.HeapAlloc)-int64(m0.HeapAlloc))/1e6, "index-MB")
		b.ReportMetric((c1 - c0).Seconds(), "build-cpu-s")
		b.ReportMetric(float64((c2-c1).Microseconds())/1000/float64(len(qs)), "cpu-ms/query")
	}
}
