package main

import (
	"os"
	"runtime/pprof"
)

// startProfile writes a CPU profile of the whole command to the file named by
// TRIPLINE_CPUPROFILE, for measuring (docs/benchmarks.md); it returns the stop
// function, a no-op when the variable is unset or the file cannot be created.
func startProfile() func() {
	path := os.Getenv("TRIPLINE_CPUPROFILE")
	if path == "" {
		return func() {}
	}
	f, err := os.Create(path)
	if err != nil {
		return func() {}
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return func() {}
	}
	return func() {
		pprof.StopCPUProfile()
		f.Close()
	}
}
