package sqlite

import (
	"context"

	"github.com/tripline/tripline"
)

// AlertCounts counts the alerts by book and status (for metrics).
func (s *Store) AlertCounts(ctx context.Context) ([]tripline.AlertCount, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT book, status, count(*) FROM alerts GROUP BY book, status ORDER BY book, status`)
	if err != nil {
		return nil, batchErr("sqlite.AlertCounts", "cannot count the alerts", err)
	}
	defer rows.Close()
	var out []tripline.AlertCount
	for rows.Next() {
		var c tripline.AlertCount
		if err := rows.Scan(&c.Book, &c.Status, &c.N); err != nil {
			return nil, batchErr("sqlite.AlertCounts", "cannot count the alerts", err)
		}
		out = append(out, c)
	}
	if err := rows.Err(); err != nil {
		return nil, batchErr("sqlite.AlertCounts", "cannot count the alerts", err)
	}
	return out, nil
}
