package postgres

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/tripline/tripline"
)

var _ tripline.WebhookStore = (*Store)(nil)

// AddWebhook stores w and returns it with ID and CreatedAt set.
func (s *Store) AddWebhook(ctx context.Context, w tripline.Webhook) (tripline.Webhook, error) {
	const op = "postgres.AddWebhook"
	if err := w.Validate(); err != nil {
		return tripline.Webhook{}, err
	}
	if w.Events == nil {
		w.Events = []string{}
	}
	events, _ := json.Marshal(w.Events)
	w.CreatedAt = s.Now().UTC().Truncate(time.Millisecond)
	w.Enabled, w.RemovedAt = true, nil
	if err := s.pool.QueryRow(ctx, `INSERT INTO webhooks (url, secret, events, allow_private, enabled, created_at) VALUES ($1, $2, $3, $4, TRUE, $5) RETURNING id`,
		w.URL, w.Secret, string(events), w.AllowPrivate, w.CreatedAt).Scan(&w.ID); err != nil {
		return tripline.Webhook{}, &tripline.Error{Op: op, Kind: tripline.KindInternal, Msg: "cannot store the webhook", Err: err}
	}
	return w, nil
}

const webhookColumns = `id, url, secret, events, allow_private, enabled, created_at, removed_at`

func scanWebhook(row pgx.Row) (tripline.Webhook, error) {
	var w tripline.Webhook
	var events string
	if err := row.Scan(&w.ID, &w.URL, &w.Secret, &events, &w.AllowPrivate, &w.Enabled, &w.CreatedAt, &w.RemovedAt); err != nil {
		return w, err
	}
	if err := json.Unmarshal([]byte(events), &w.Events); err != nil {
		return w, err
	}
	w.CreatedAt = w.CreatedAt.UTC()
	if w.RemovedAt != nil {
		t := w.RemovedAt.UTC()
		w.RemovedAt = &t
	}
	return w, nil
}

// Webhooks lists the webhooks not removed, oldest first.
func (s *Store) Webhooks(ctx context.Context) ([]tripline.Webhook, error) {
	const op = "postgres.Webhooks"
	rows, err := s.pool.Query(ctx, `SELECT `+webhookColumns+` FROM webhooks WHERE removed_at IS NULL ORDER BY id`)
	if err != nil {
		return nil, &tripline.Error{Op: op, Kind: tripline.KindInternal, Err: err}
	}
	defer rows.Close()
	out := []tripline.Webhook{}
	for rows.Next() {
		w, err := scanWebhook(rows)
		if err != nil {
			return nil, &tripline.Error{Op: op, Kind: tripline.KindInternal, Err: err}
		}
		out = append(out, w)
	}
	if err := rows.Err(); err != nil {
		return nil, &tripline.Error{Op: op, Kind: tripline.KindInternal, Err: err}
	}
	return out, nil
}

// Webhook returns one webhook, a removed one too.
func (s *Store) Webhook(ctx context.Context, id int64) (tripline.Webhook, error) {
	w, err := scanWebhook(s.pool.QueryRow(ctx, `SELECT `+webhookColumns+` FROM webhooks WHERE id = $1`, id))
	if errors.Is(err, pgx.ErrNoRows) {
		return w, &tripline.Error{Op: "postgres.Webhook", Kind: tripline.KindNotFound, Msg: fmt.Sprintf("no webhook %d (see tripline webhooks list)", id)}
	}
	if err != nil {
		return w, &tripline.Error{Op: "postgres.Webhook", Kind: tripline.KindInternal, Err: err}
	}
	return w, nil
}

// SetWebhookEnabled enables or pauses deliveries to a webhook.
func (s *Store) SetWebhookEnabled(ctx context.Context, id int64, enabled bool) error {
	tag, err := s.pool.Exec(ctx, `UPDATE webhooks SET enabled = $1 WHERE id = $2 AND removed_at IS NULL`, enabled, id)
	return webhookChanged("postgres.SetWebhookEnabled", id, tag, err)
}

// RemoveWebhook marks a webhook removed.
func (s *Store) RemoveWebhook(ctx context.Context, id int64) error {
	tag, err := s.pool.Exec(ctx, `UPDATE webhooks SET removed_at = $1, enabled = FALSE WHERE id = $2 AND removed_at IS NULL`,
		s.Now().UTC().Truncate(time.Millisecond), id)
	return webhookChanged("postgres.RemoveWebhook", id, tag, err)
}

func webhookChanged(op string, id int64, tag pgconn.CommandTag, err error) error {
	if err != nil {
		return &tripline.Error{Op: op, Kind: tripline.KindInternal, Err: err}
	}
	if tag.RowsAffected() == 0 {
		return &tripline.Error{Op: op, Kind: tripline.KindNotFound, Msg: fmt.Sprintf("no webhook %d (see tripline webhooks list)", id)}
	}
	return nil
}

// EventCursor returns the last event seq the reader name has handled.
func (s *Store) EventCursor(ctx context.Context, name string) (int64, error) {
	var seq int64
	err := s.pool.QueryRow(ctx, `SELECT seq FROM event_cursors WHERE name = $1`, name).Scan(&seq)
	if errors.Is(err, pgx.ErrNoRows) {
		return 0, nil
	}
	if err != nil {
		return 0, &tripline.Error{Op: "postgres.EventCursor", Kind: tripline.KindInternal, Err: err}
	}
	return seq, nil
}

// AdvanceEventCursor moves the reader's cursor forward to seq.
func (s *Store) AdvanceEventCursor(ctx context.Context, name string, seq int64) error {
	_, err := s.pool.Exec(ctx, `INSERT INTO event_cursors (name, seq) VALUES ($1, $2) ON CONFLICT (name) DO UPDATE SET seq = GREATEST(event_cursors.seq, excluded.seq)`, name, seq)
	if err != nil {
		return &tripline.Error{Op: "postgres.AdvanceEventCursor", Kind: tripline.KindInternal, Err: err}
	}
	return nil
}
