package notify

import (
	"context"
	"encoding/json"
	"time"

	"github.com/tripline/tripline/jobs"
)

// Delivery is one event's delivery to one webhook, as the queue keeps it
// (finished ones for a day).
type Delivery struct {
	JobID     int64      `json:"job_id"`
	WebhookID int64      `json:"webhook_id"`
	EventID   string     `json:"event_id"`
	EventSeq  int64      `json:"event_seq"`
	State     jobs.State `json:"state"`
	Attempts  int        `json:"attempts"`
	LastError string     `json:"last_error,omitempty"`
	// Status is the receiver's HTTP status of the successful attempt.
	Status    int       `json:"status,omitempty"`
	CreatedAt time.Time `json:"created_at"`
	// NextAttempt is when an unfinished delivery is tried next.
	NextAttempt *time.Time `json:"next_attempt,omitempty"`
	FinishedAt  *time.Time `json:"finished_at,omitempty"`
}

// DeliveryFilter selects deliveries; empty fields select all.
type DeliveryFilter struct {
	WebhookID int64
	States    []jobs.State
	Limit     int
}

// Deliveries lists deliveries, oldest first.
func (n *Notifier) Deliveries(ctx context.Context, f DeliveryFilter) ([]Delivery, error) {
	return Deliveries(ctx, n.q, f)
}

// Deliveries lists the deliveries kept in q, oldest first (a queue opened
// only to read needs no notifier).
func Deliveries(ctx context.Context, q *jobs.Queue, f DeliveryFilter) ([]Delivery, error) {
	jf := jobs.Filter{Kinds: []string{KindDeliver}, States: f.States, Limit: f.Limit}
	if f.WebhookID > 0 {
		jf.Tag = webhookTag(f.WebhookID)
	}
	list, err := q.List(ctx, jf)
	if err != nil {
		return nil, err
	}
	out := make([]Delivery, 0, len(list))
	for _, j := range list {
		var a deliverArgs
		json.Unmarshal(j.Args, &a)
		d := Delivery{JobID: j.ID, WebhookID: a.WebhookID, EventID: a.EventID, EventSeq: a.EventSeq, State: j.State,
			Attempts: j.Attempt, LastError: j.LastError(), CreatedAt: j.CreatedAt, FinishedAt: j.FinalizedAt}
		if j.FinalizedAt == nil {
			next := j.ScheduledAt
			d.NextAttempt = &next
		}
		var o struct {
			Status int `json:"status"`
		}
		if json.Unmarshal(j.Output, &o) == nil {
			d.Status = o.Status
		}
		out = append(out, d)
	}
	return out, nil
}

// DrainReport says what Drain did and left.
type DrainReport struct {
	Dispatched
	// Delivered and Failed count the deliveries that finished during the
	// drain; Left those still to be made (by a server's workers, or the
	// next command that drains), with the latest error among them.
	Delivered, Failed, Left int
	LastError               string
}

// Drain is for a command that wrote events and has no server to deliver
// them: it dispatches the new events and works the deliveries that are
// due, with this process's workers, until none is due or wait has passed;
// deliveries waiting for a retry are left. The notifier's queue must not
// be started; Drain starts and stops it.
func (n *Notifier) Drain(ctx context.Context, wait time.Duration) (DrainReport, error) {
	var rep DrainReport
	d, err := n.Dispatch(ctx)
	rep.Dispatched = d
	if err != nil {
		return rep, err
	}
	before, err := n.Deliveries(ctx, DeliveryFilter{States: jobs.Unfinished, Limit: 10000})
	if err != nil || len(before) == 0 {
		return rep, err
	}
	if err := n.q.Start(ctx); err != nil {
		return rep, err
	}
	deadline := time.Now().Add(wait)
	for time.Now().Before(deadline) && ctx.Err() == nil {
		due, err := n.q.Count(ctx, []string{KindDeliver}, []jobs.State{jobs.StateAvailable, jobs.StateRunning})
		if err != nil || due == 0 {
			break
		}
		select {
		case <-ctx.Done():
		case <-time.After(50 * time.Millisecond):
		}
	}
	sctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), n.cfg.Timeout+5*time.Second)
	defer cancel()
	if err := n.q.Stop(sctx); err != nil {
		return rep, err
	}
	for _, b := range before {
		j, err := n.q.Get(ctx, b.JobID)
		if err != nil {
			continue
		}
		switch j.State {
		case jobs.StateCompleted:
			rep.Delivered++
		case jobs.StateCancelled, jobs.StateDiscarded:
			rep.Failed++
			rep.LastError = j.LastError()
		default:
			rep.Left++
			if e := j.LastError(); e != "" {
				rep.LastError = e
			}
		}
	}
	return rep, nil
}
