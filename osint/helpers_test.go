package osint

import (
	"context"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/tripline/tripline"
	"github.com/tripline/tripline/ingest"
	"github.com/tripline/tripline/match"
	"github.com/tripline/tripline/transfer"
)

var (
	sdnOnce sync.Once
	sdnEnts []*tripline.Entity
	sdnErr  error
)

// sdn returns the entities of the real SDN list in ../shared, or skips.
func sdn(t testing.TB) []*tripline.Entity {
	t.Helper()
	dir := filepath.Join("..", "..", "shared", "data", "lists", "ofac_sdn")
	if _, err := os.Stat(dir); err != nil {
		t.Skipf("the real SDN list is absent (%v): the shared data folder sits next to the repository", err)
	}
	sdnOnce.Do(func() {
		jobs, _, err := ingest.Plan([]string{dir}, "")
		if err != nil {
			sdnErr = err
			return
		}
		for _, j := range jobs {
			ds, err := ingest.Read(context.Background(), j, ingest.Options{})
			if err != nil {
				sdnErr = err
				return
			}
			sdnEnts = append(sdnEnts, ds.Entities...)
		}
	})
	if sdnErr != nil {
		t.Fatal(sdnErr)
	}
	return sdnEnts
}

// extractor returns an extractor over ents and register rows.
func extractor(t testing.TB, ents []*tripline.Entity, register []tripline.Transfer) *Extractor {
	t.Helper()
	sc := match.NewScreener(match.NewIndex(match.DefaultConfig(), ents))
	nm, err := NewNames(func(fn func(*tripline.Entity) error) error {
		for _, e := range ents {
			if err := fn(e); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return NewExtractor(transfer.MustDefault(), sc, nm, register)
}

// runeSlice returns the characters start..end of text.
func runeSlice(text string, start, end int) string {
	r := []rune(text)
	if start < 0 || end > len(r) || start > end {
		return "<out of range>"
	}
	return string(r[start:end])
}
