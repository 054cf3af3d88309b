-- Watches: standing questions about the lists (an entity, a name, a
-- programme, a country). A removed watch is kept for its firings.
CREATE TABLE watches (
	id         INTEGER PRIMARY KEY AUTOINCREMENT,
	kind       TEXT    NOT NULL,
	value      TEXT    NOT NULL,
	sources    TEXT    NOT NULL DEFAULT '[]',
	threshold  REAL    NOT NULL DEFAULT 0,
	label      TEXT    NOT NULL DEFAULT '',
	created_at TEXT    NOT NULL,
	deleted_at TEXT
);

-- Firings: one per watch, entity, change and material hash of the record,
-- so that a watch fires once per material change.
CREATE TABLE watch_fires (
	id               INTEGER PRIMARY KEY AUTOINCREMENT,
	watch_id         INTEGER NOT NULL REFERENCES watches (id),
	entity_id        TEXT    NOT NULL,
	entity_name      TEXT    NOT NULL,
	change           TEXT    NOT NULL,
	diff             TEXT    NOT NULL,
	score            REAL    NOT NULL DEFAULT 0,
	snapshot_id      INTEGER NOT NULL,
	prev_snapshot_id INTEGER NOT NULL DEFAULT 0,
	entity_hash      TEXT    NOT NULL,
	created_at       TEXT    NOT NULL,
	UNIQUE (watch_id, entity_id, change, entity_hash)
);
