//go:build race

package httpapi_test

// raceEnabled: the race detector is on; tests that only read every real
// list (no concurrency to check, ten times slower) skip.
const raceEnabled = true
