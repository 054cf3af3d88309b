-- Watches of register rows, article claims and network companies.
--
-- A watch remembers the last outbox event when it was added: a watch of
-- register rows and claims fires on later events only.
ALTER TABLE watches ADD COLUMN from_event INTEGER NOT NULL DEFAULT 0;

-- Firings gain the outbox event they fired on (a watch fires once per
-- event) and their details (the row or claim, the network change) as
-- JSON. SQLite cannot drop the old table-wide unique constraint, so the
-- table is rebuilt: the firings of list snapshots stay unique per watch,
-- entity, change and hash, those of events per watch and event.
CREATE TABLE watch_fires_v2 (
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
	event_id         TEXT    NOT NULL DEFAULT '',
	detail           TEXT    NOT NULL DEFAULT '{}'
);
INSERT INTO watch_fires_v2 (id, watch_id, entity_id, entity_name, change, diff, score, snapshot_id, prev_snapshot_id, entity_hash, created_at)
	SELECT id, watch_id, entity_id, entity_name, change, diff, score, snapshot_id, prev_snapshot_id, entity_hash, created_at FROM watch_fires;
DROP TABLE watch_fires;
ALTER TABLE watch_fires_v2 RENAME TO watch_fires;
CREATE UNIQUE INDEX watch_fires_change ON watch_fires (watch_id, entity_id, change, entity_hash) WHERE event_id = '';
CREATE UNIQUE INDEX watch_fires_event ON watch_fires (watch_id, event_id) WHERE event_id <> '';
CREATE INDEX watch_fires_by_watch ON watch_fires (watch_id, id);

-- The state a watch keeps between evaluations (a network company's last
-- reported risk and paths); hash changes whenever data does, so that an
-- update applies only over the state its evaluator read.
CREATE TABLE watch_states (
	watch_id   INTEGER PRIMARY KEY REFERENCES watches (id),
	hash       TEXT    NOT NULL,
	data       TEXT    NOT NULL,
	updated_at TEXT    NOT NULL
);
