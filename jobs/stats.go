package jobs

import (
	"context"
	"log/slog"

	"github.com/tripline/tripline"
)

// Depth is how many jobs of a kind are in a state.
type Depth struct {
	Kind  string
	Queue string
	State State
	N     int64
}

// Depths counts the jobs kept, by kind, queue and state, in one query
// (for metrics: cheap however many jobs there are, unlike Count).
func (q *Queue) Depths(ctx context.Context) ([]Depth, error) {
	const op = "jobs.Depths"
	const query = `SELECT kind, queue, state, count(*) FROM river_job GROUP BY kind, queue, state ORDER BY kind, queue, state`
	var out []Depth
	if q.db != nil {
		rows, err := q.db.QueryContext(ctx, query)
		if err != nil {
			return nil, &tripline.Error{Op: op, Kind: tripline.KindInternal, Msg: "cannot count the jobs", Err: err}
		}
		defer rows.Close()
		for rows.Next() {
			var d Depth
			if err := rows.Scan(&d.Kind, &d.Queue, &d.State, &d.N); err != nil {
				return nil, &tripline.Error{Op: op, Kind: tripline.KindInternal, Msg: "cannot count the jobs", Err: err}
			}
			out = append(out, d)
		}
		if err := rows.Err(); err != nil {
			return nil, &tripline.Error{Op: op, Kind: tripline.KindInternal, Msg: "cannot count the jobs", Err: err}
		}
		return out, nil
	}
	rows, err := q.pool.Query(ctx, `SELECT kind, queue, state::text, count(*) FROM river_job GROUP BY kind, queue, state ORDER BY kind, queue, state`)
	if err != nil {
		return nil, &tripline.Error{Op: op, Kind: tripline.KindInternal, Msg: "cannot count the jobs", Err: err}
	}
	defer rows.Close()
	for rows.Next() {
		var d Depth
		var st string
		if err := rows.Scan(&d.Kind, &d.Queue, &st, &d.N); err != nil {
			return nil, &tripline.Error{Op: op, Kind: tripline.KindInternal, Msg: "cannot count the jobs", Err: err}
		}
		d.State = State(st)
		out = append(out, d)
	}
	if err := rows.Err(); err != nil {
		return nil, &tripline.Error{Op: op, Kind: tripline.KindInternal, Msg: "cannot count the jobs", Err: err}
	}
	return out, nil
}

// warnOnly passes on River's warnings and errors only: at info level it
// reports its producers' job counts every few seconds.
type warnOnly struct{ slog.Handler }

func (h warnOnly) Enabled(ctx context.Context, l slog.Level) bool {
	return l >= slog.LevelWarn && h.Handler.Enabled(ctx, l)
}
func (h warnOnly) WithAttrs(as []slog.Attr) slog.Handler { return warnOnly{h.Handler.WithAttrs(as)} }
func (h warnOnly) WithGroup(n string) slog.Handler       { return warnOnly{h.Handler.WithGroup(n)} }
