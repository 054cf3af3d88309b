package storetest

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"sync"
	"testing"

	"github.com/tripline/tripline"
)

// RunEvents runs the event-outbox tests; open must return a new, empty
// store and arrange for it to be closed.
func RunEvents(t *testing.T, open func(t *testing.T) tripline.EventLog) {
	t.Run("EventsAppendAndRead", func(t *testing.T) { testEvents(t, open(t)) })
	t.Run("EventsRefuseBadInput", func(t *testing.T) { testEventsInvalid(t, open(t)) })
	t.Run("EventsConcurrentAppends", func(t *testing.T) { testEventsConcurrent(t, open(t)) })
}

func testEvents(t *testing.T, s tripline.EventLog) {
	ctx := context.Background()
	if evs, err := s.EventsAfter(ctx, 0, 0); err != nil || len(evs) != 0 {
		t.Fatalf("EventsAfter on an empty store = %v, %v; want none", evs, err)
	}
	in := []tripline.Event{
		{Type: "alert.created", Payload: json.RawMessage(`{"alert_id": 1, "b": "ü"}`)},
		{Type: "alert.closed"},
		{Type: "test", ID: "evt_given"},
	}
	out, err := s.AppendEvents(ctx, in)
	if err != nil {
		t.Fatalf("AppendEvents: %v", err)
	}
	if len(out) != 3 {
		t.Fatalf("AppendEvents returned %d events, want 3", len(out))
	}
	for i, ev := range out {
		if ev.Seq <= 0 || (i > 0 && ev.Seq <= out[i-1].Seq) {
			t.Errorf("event %d: Seq %d does not increase", i, ev.Seq)
		}
		if ev.CreatedAt.IsZero() || ev.CreatedAt.Location().String() != "UTC" {
			t.Errorf("event %d: CreatedAt %v, want a UTC time", i, ev.CreatedAt)
		}
		if i < 2 && (!strings.HasPrefix(ev.ID, "evt_") || len(ev.ID) != 30) {
			t.Errorf("event %d: ID %q, want evt_ and 26 characters", i, ev.ID)
		}
	}
	if out[0].ID == out[1].ID {
		t.Errorf("two events got the same id %q", out[0].ID)
	}
	if out[2].ID != "evt_given" {
		t.Errorf("a given id was replaced: %q", out[2].ID)
	}
	got, err := s.EventsAfter(ctx, 0, 0)
	if err != nil || len(got) != 3 {
		t.Fatalf("EventsAfter(0) = %d events, %v; want 3", len(got), err)
	}
	for i := range got {
		if got[i].Seq != out[i].Seq || got[i].ID != out[i].ID || got[i].Type != out[i].Type || !got[i].CreatedAt.Equal(out[i].CreatedAt) {
			t.Errorf("event %d read back as %+v, written as %+v", i, got[i], out[i])
		}
	}
	if string(got[0].Payload) != `{"alert_id": 1, "b": "ü"}` {
		t.Errorf("payload read back as %s; want the bytes written", got[0].Payload)
	}
	if string(got[1].Payload) != `{}` {
		t.Errorf("empty payload read back as %s; want {}", got[1].Payload)
	}
	rest, err := s.EventsAfter(ctx, out[0].Seq, 1)
	if err != nil || len(rest) != 1 || rest[0].Seq != out[1].Seq {
		t.Errorf("EventsAfter(first, 1) = %+v, %v; want the second event only", rest, err)
	}
	if _, err := s.AppendEvents(ctx, []tripline.Event{{Type: "x", ID: "evt_given"}}); err == nil {
		t.Error("AppendEvents accepted a second event with the same id")
	}
}

func testEventsInvalid(t *testing.T, s tripline.EventLog) {
	ctx := context.Background()
	for _, ev := range []tripline.Event{
		{Type: ""},
		{Type: "x", Payload: json.RawMessage(`[1]`)},
		{Type: "x", Payload: json.RawMessage(`{"a":`)},
	} {
		_, err := s.AppendEvents(ctx, []tripline.Event{{Type: "ok"}, ev})
		if tripline.ErrorKind(err) != tripline.KindInvalid {
			t.Errorf("AppendEvents(%+v) = %v; want an Invalid error", ev, err)
		}
	}
	if evs, _ := s.EventsAfter(ctx, 0, 0); len(evs) != 0 {
		t.Errorf("a refused batch left %d events; want none (one transaction)", len(evs))
	}
}

func testEventsConcurrent(t *testing.T, s tripline.EventLog) {
	ctx := context.Background()
	const writers, each = 8, 10
	var wg sync.WaitGroup
	errs := make(chan error, writers)
	for w := 0; w < writers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			for i := 0; i < each; i++ {
				if _, err := s.AppendEvents(ctx, []tripline.Event{{Type: fmt.Sprintf("w%d", w)}}); err != nil {
					errs <- err
					return
				}
			}
		}(w)
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatalf("concurrent AppendEvents: %v", err)
	}
	seen := map[int64]bool{}
	var after int64
	for {
		evs, err := s.EventsAfter(ctx, after, 7)
		if err != nil {
			t.Fatal(err)
		}
		if len(evs) == 0 {
			break
		}
		for _, ev := range evs {
			if seen[ev.Seq] {
				t.Fatalf("event %d read twice", ev.Seq)
			}
			seen[ev.Seq] = true
			after = ev.Seq
		}
	}
	if len(seen) != writers*each {
		t.Errorf("read %d events, want %d", len(seen), writers*each)
	}
}
