-- Alerts: what the monitor found about a pair of a book's party and a
-- listed entity. At most one alert per pair is not closed.
CREATE TABLE alerts (
	id               INTEGER PRIMARY KEY AUTOINCREMENT,
	book             TEXT    NOT NULL,
	party_id         TEXT    NOT NULL,
	party_name       TEXT    NOT NULL,
	entity_id        TEXT    NOT NULL,
	entity_name      TEXT    NOT NULL,
	source           TEXT    NOT NULL,
	programs         TEXT    NOT NULL DEFAULT '[]',
	score            REAL    NOT NULL,
	reason           TEXT    NOT NULL,
	status           TEXT    NOT NULL,
	resolution       TEXT    NOT NULL DEFAULT '',
	priority         INTEGER NOT NULL DEFAULT 0,
	snapshot_id      INTEGER NOT NULL,
	prev_snapshot_id INTEGER NOT NULL DEFAULT 0,
	matcher_version  TEXT    NOT NULL,
	party_hash       TEXT    NOT NULL,
	entity_hash      TEXT    NOT NULL,
	explanation      TEXT    NOT NULL DEFAULT '',
	created_at       TEXT    NOT NULL,
	updated_at       TEXT    NOT NULL,
	closed_at        TEXT
);
CREATE UNIQUE INDEX alerts_one_open ON alerts (book, party_id, entity_id) WHERE status <> 'closed';
CREATE INDEX alerts_party ON alerts (book, party_id);
CREATE INDEX alerts_status ON alerts (status, id);
CREATE INDEX alerts_created ON alerts (created_at);
