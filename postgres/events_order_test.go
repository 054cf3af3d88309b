package postgres

import (
	"context"
	"os"
	"testing"
	"time"

	"github.com/tripline/tripline"
	"github.com/tripline/tripline/internal/pgtest"
)

// TestEventsVisibleInSeqOrder: a reader of the outbox never sees an event
// while one with a lower seq is still uncommitted, or a reader keeping a
// cursor would skip that one for good once it commits.
func TestEventsVisibleInSeqOrder(t *testing.T) {
	if os.Getenv("TRIPLINE_TEST_POSTGRES") == "" {
		t.Skip("TRIPLINE_TEST_POSTGRES is not set (scripts/with-postgres go test ./postgres/)")
	}
	ctx := context.Background()
	s, err := Open(ctx, pgtest.Schema(t))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	tx, err := s.pool.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback(ctx)
	first, err := s.insertEvents(ctx, tx, []tripline.Event{{Type: "test.slow"}})
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan []tripline.Event)
	go func() {
		evs, err := s.AppendEvents(ctx, []tripline.Event{{Type: "test.fast"}})
		if err != nil {
			t.Error(err)
		}
		done <- evs
	}()
	time.Sleep(300 * time.Millisecond) // give the second writer its chance to overtake
	if evs, _ := s.EventsAfter(ctx, 0, 0); len(evs) != 0 {
		t.Fatalf("while event %d is uncommitted a reader sees %+v", first[0].Seq, evs)
	}
	if err := tx.Commit(ctx); err != nil {
		t.Fatal(err)
	}
	second := <-done
	if second[0].Seq <= first[0].Seq {
		t.Errorf("the later commit got seq %d, not above %d", second[0].Seq, first[0].Seq)
	}
}
