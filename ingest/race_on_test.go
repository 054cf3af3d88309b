//go:build race

package ingest_test

// underRace is true when the tests run with the race detector, which makes
// reading every real list (the 632 MB XML of the UK ODS among them) take
// many minutes; the importer's concurrency is raced on the fictional tests.
const underRace = true
