-- Snapshot pins: a record (an alert, a decision) that cites a snapshot
-- pins it, and prune never removes a pinned snapshot. The foreign key
-- makes deleting a pinned snapshot fail even if a pin arrives while
-- prune runs.
CREATE TABLE snapshot_pins (
	snapshot_id BIGINT      NOT NULL REFERENCES snapshots (id),
	kind        TEXT        NOT NULL,
	ref         TEXT        NOT NULL,
	created_at  TIMESTAMPTZ NOT NULL,
	PRIMARY KEY (snapshot_id, kind, ref)
);
