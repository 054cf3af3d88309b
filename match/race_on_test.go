//go:build race

package match

// raceEnabled: the race detector is on; tests that only read every real
// list (no concurrency to check, ten times slower) skip.
const raceEnabled = true
