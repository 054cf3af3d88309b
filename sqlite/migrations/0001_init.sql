-- Snapshots: one row per stored import of a source. Old snapshots are kept
-- so that diff and show can read history.
CREATE TABLE snapshots (
	id           INTEGER PRIMARY KEY AUTOINCREMENT,
	source       TEXT    NOT NULL,
	format       TEXT    NOT NULL,
	published_at TEXT    NOT NULL DEFAULT '',
	imported_at  TEXT    NOT NULL,
	hash         TEXT    NOT NULL,
	files        TEXT    NOT NULL DEFAULT '[]',
	entity_count INTEGER NOT NULL
);
CREATE INDEX snapshots_source ON snapshots (source, id);

-- Sources: the current snapshot of each source. Switching current is one
-- row update inside the import transaction.
CREATE TABLE sources (
	source           TEXT PRIMARY KEY,
	current_snapshot INTEGER NOT NULL REFERENCES snapshots (id)
);

-- Entities: one row per (snapshot, entity id); data is the canonical
-- entity as compact JSON, the other columns are for lookup.
CREATE TABLE entities (
	snapshot_id INTEGER NOT NULL REFERENCES snapshots (id),
	id          TEXT    NOT NULL,
	source      TEXT    NOT NULL,
	schema      TEXT    NOT NULL,
	caption     TEXT    NOT NULL,
	data        TEXT    NOT NULL,
	PRIMARY KEY (snapshot_id, id)
);
CREATE INDEX entities_id ON entities (id);

-- Imports: the audit trail of every import attempt, including those
-- rejected before or while storing.
CREATE TABLE imports (
	id           INTEGER PRIMARY KEY AUTOINCREMENT,
	at           TEXT    NOT NULL,
	actor        TEXT    NOT NULL DEFAULT '',
	source       TEXT    NOT NULL DEFAULT '',
	format       TEXT    NOT NULL DEFAULT '',
	files        TEXT    NOT NULL DEFAULT '[]',
	hash         TEXT    NOT NULL DEFAULT '',
	result       TEXT    NOT NULL,
	snapshot_id  INTEGER,
	entity_count INTEGER NOT NULL DEFAULT 0,
	error        TEXT    NOT NULL DEFAULT ''
);
