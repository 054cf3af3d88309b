package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/tripline/tripline"
)

var _ tripline.WebhookStore = (*Store)(nil)

// AddWebhook stores w and returns it with ID and CreatedAt set.
func (s *Store) AddWebhook(ctx context.Context, w tripline.Webhook) (tripline.Webhook, error) {
	const op = "sqlite.AddWebhook"
	if err := w.Validate(); err != nil {
		return tripline.Webhook{}, err
	}
	if w.Events == nil {
		w.Events = []string{}
	}
	events, _ := json.Marshal(w.Events)
	w.CreatedAt = s.Now().UTC().Truncate(time.Millisecond)
	w.Enabled, w.RemovedAt = true, nil
	res, err := s.db.ExecContext(ctx, `INSERT INTO webhooks (url, secret, events, allow_private, enabled, created_at) VALUES (?, ?, ?, ?, 1, ?)`,
		w.URL, w.Secret, string(events), w.AllowPrivate, w.CreatedAt.Format(time.RFC3339Nano))
	if err != nil {
		return tripline.Webhook{}, &tripline.Error{Op: op, Kind: tripline.KindInternal, Msg: "cannot store the webhook", Err: err}
	}
	if w.ID, err = res.LastInsertId(); err != nil {
		return tripline.Webhook{}, &tripline.Error{Op: op, Kind: tripline.KindInternal, Err: err}
	}
	return w, nil
}

const webhookColumns = `id, url, secret, events, allow_private, enabled, created_at, removed_at`

func scanWebhook(row interface{ Scan(...any) error }) (tripline.Webhook, error) {
	var w tripline.Webhook
	var events, created string
	var removed sql.NullString
	if err := row.Scan(&w.ID, &w.URL, &w.Secret, &events, &w.AllowPrivate, &w.Enabled, &created, &removed); err != nil {
		return w, err
	}
	if err := json.Unmarshal([]byte(events), &w.Events); err != nil {
		return w, err
	}
	w.CreatedAt, _ = time.Parse(time.RFC3339Nano, created)
	if removed.Valid {
		t, _ := time.Parse(time.RFC3339Nano, removed.String)
		w.RemovedAt = &t
	}
	return w, nil
}

// Webhooks lists the webhooks not removed, oldest first.
func (s *Store) Webhooks(ctx context.Context) ([]tripline.Webhook, error) {
	const op = "sqlite.Webhooks"
	rows, err := s.db.QueryContext(ctx, `SELECT `+webhookColumns+` FROM webhooks WHERE removed_at IS NULL ORDER BY id`)
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
	w, err := scanWebhook(s.db.QueryRowContext(ctx, `SELECT `+webhookColumns+` FROM webhooks WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return w, &tripline.Error{Op: "sqlite.Webhook", Kind: tripline.KindNotFound, Msg: fmt.Sprintf("no webhook %d (see tripline webhooks list)", id)}
	}
	if err != nil {
		return w, &tripline.Error{Op: "sqlite.Webhook", Kind: tripline.KindInternal, Err: err}
	}
	return w, nil
}

// SetWebhookEnabled enables or pauses deliveries to a webhook.
func (s *Store) SetWebhookEnabled(ctx context.Context, id int64, enabled bool) error {
	res, err := s.db.ExecContext(ctx, `UPDATE webhooks SET enabled = ? WHERE id = ? AND removed_at IS NULL`, enabled, id)
	return webhookChanged("sqlite.SetWebhookEnabled", id, res, err)
}

// RemoveWebhook marks a webhook removed.
func (s *Store) RemoveWebhook(ctx context.Context, id int64) error {
	res, err := s.db.ExecContext(ctx, `UPDATE webhooks SET removed_at = ?, enabled = 0 WHERE id = ? AND removed_at IS NULL`,
		s.Now().UTC().Truncate(time.Millisecond).Format(time.RFC3339Nano), id)
	return webhookChanged("sqlite.RemoveWebhook", id, res, err)
}

func webhookChanged(op string, id int64, res sql.Result, err error) error {
	if err != nil {
		return &tripline.Error{Op: op, Kind: tripline.KindInternal, Err: err}
	}
	if n, err := res.RowsAffected(); err != nil {
		return &tripline.Error{Op: op, Kind: tripline.KindInternal, Err: err}
	} else if n == 0 {
		return &tripline.Error{Op: op, Kind: tripline.KindNotFound, Msg: fmt.Sprintf("no webhook %d (see tripline webhooks list)", id)}
	}
	return nil
}

// EventCursor returns the last event seq the reader name has handled.
func (s *Store) EventCursor(ctx context.Context, name string) (int64, error) {
	var seq int64
	err := s.db.QueryRowContext(ctx, `SELECT seq FROM event_cursors WHERE name = ?`, name).Scan(&seq)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, nil
	}
	if err != nil {
		return 0, &tripline.Error{Op: "sqlite.EventCursor", Kind: tripline.KindInternal, Err: err}
	}
	return seq, nil
}

// AdvanceEventCursor moves the reader's cursor forward to seq.
func (s *Store) AdvanceEventCursor(ctx context.Context, name string, seq int64) error {
	_, err := s.db.ExecContext(ctx, `INSERT INTO event_cursors (name, seq) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET seq = max(seq, excluded.seq)`, name, seq)
	if err != nil {
		return &tripline.Error{Op: "sqlite.AdvanceEventCursor", Kind: tripline.KindInternal, Err: err}
	}
	return nil
}
