package postgres

import (
	"context"
	"encoding/json"
	"time"

	"github.com/jackc/pgx/v5"
)

// snapshotChannel is the channel the sources table's trigger notifies
// (migration 0081) when a source's current snapshot changes.
const snapshotChannel = "tripline_snapshots"

// SnapshotNotice says that a source's current snapshot changed.
type SnapshotNotice struct {
	Source   string `json:"source"`
	Snapshot int64  `json:"snapshot"`
	Schema   string `json:"schema"`
}

// WatchSnapshots calls fn for every change of a current snapshot committed
// in the store's schema, by any process (a replica's import, the CLI, a
// scheduled update), until ctx ends. It holds a connection of its own
// that LISTENs, and reconnects with backoff (0.1 s doubling to 5 s) when
// it is lost; connected is called with true on every (re)connection —
// notices sent while it was away are lost, so the caller should look for
// itself then — and with false when the connection is lost. It returns
// when ctx ends. (LISTEN needs a session: through a pooler such as
// PgBouncer it must run in session mode.)
func (s *Store) WatchSnapshots(ctx context.Context, fn func(SnapshotNotice), connected func(bool)) {
	backoff := 100 * time.Millisecond
	for ctx.Err() == nil {
		err := s.listen(ctx, fn, func() {
			backoff = 100 * time.Millisecond
			if connected != nil {
				connected(true)
			}
		})
		if ctx.Err() != nil {
			return
		}
		if connected != nil {
			connected(false)
		}
		_ = err
		select {
		case <-ctx.Done():
			return
		case <-time.After(backoff):
		}
		backoff = min(2*backoff, 5*time.Second)
	}
}

// listen connects, LISTENs and passes on notices until the connection
// fails or ctx ends.
func (s *Store) listen(ctx context.Context, fn func(SnapshotNotice), up func()) error {
	cfg := s.pool.Config().ConnConfig.Copy()
	cfg.RuntimeParams["application_name"] = "tripline-listen"
	cctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	conn, err := pgx.ConnectConfig(cctx, cfg)
	cancel()
	if err != nil {
		return err
	}
	defer conn.Close(context.WithoutCancel(ctx))
	var schema string
	if err := conn.QueryRow(ctx, `SELECT COALESCE(current_schema(), '')`).Scan(&schema); err != nil {
		return err
	}
	if _, err := conn.Exec(ctx, `LISTEN `+snapshotChannel); err != nil {
		return err
	}
	up()
	for {
		n, err := conn.WaitForNotification(ctx)
		if err != nil {
			return err
		}
		var sn SnapshotNotice
		if json.Unmarshal([]byte(n.Payload), &sn) != nil || sn.Schema != schema {
			continue
		}
		fn(sn)
	}
}
