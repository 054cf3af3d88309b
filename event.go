package tripline

import (
	"context"
	"encoding/json"
	"time"
)

// Event is one entry of the store's outbox: something that happened (an
// alert raised or closed, a watch fired, a job finished) that subscribers —
// webhooks — must hear about. A change writes its events in the same
// transaction as the change itself, so no event is lost and none announces
// a change that was rolled back.
type Event struct {
	// Seq is the event's position in the outbox, increasing with every
	// event written; readers keep the last Seq they have handled.
	Seq int64 `json:"seq"`
	// ID is the event's stable public id ("evt_" and 26 characters), used
	// as the webhook-id of its deliveries so that receivers can drop
	// repeats.
	ID string `json:"id"`
	// Type names what happened, dotted: "alert.created", "alert.closed",
	// "watch.fired", "job.finished" …
	Type string `json:"type"`
	// CreatedAt is when the event was written, in UTC.
	CreatedAt time.Time `json:"created_at"`
	// Payload is the event's body, a JSON object.
	Payload json.RawMessage `json:"payload"`
}

// EventLog is implemented by stores that keep the event outbox.
//
// Errors are *Error values: Invalid for an event without a type or with a
// payload that is not a JSON object, Internal otherwise.
type EventLog interface {
	// AppendEvents writes events that belong to no other change (a test
	// message, a job's result) and returns them with Seq, ID and CreatedAt
	// set where they were empty. Changes that announce themselves write
	// their events inside their own transaction instead.
	AppendEvents(ctx context.Context, evs []Event) ([]Event, error)
	// EventsAfter returns up to limit events with Seq greater than after,
	// oldest first (limit <= 0 means 100).
	EventsAfter(ctx context.Context, after int64, limit int) ([]Event, error)
}
