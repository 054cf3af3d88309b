-- Watches of register rows, article claims and network companies.
--
-- A watch remembers the last outbox event when it was added: a watch of
-- register rows and claims fires on later events only.
ALTER TABLE watches ADD COLUMN from_event BIGINT NOT NULL DEFAULT 0;

-- Firings gain the outbox event they fired on (a watch fires once per
-- event) and their details (the row or claim, the network change) as
-- JSON. The firings of list snapshots stay unique per watch, entity,
-- change and hash, those of events per watch and event.
ALTER TABLE watch_fires ADD COLUMN event_id TEXT NOT NULL DEFAULT '';
ALTER TABLE watch_fires ADD COLUMN detail TEXT NOT NULL DEFAULT '{}';
ALTER TABLE watch_fires DROP CONSTRAINT watch_fires_watch_id_entity_id_change_entity_hash_key;
CREATE UNIQUE INDEX watch_fires_change ON watch_fires (watch_id, entity_id, change, entity_hash) WHERE event_id = '';
CREATE UNIQUE INDEX watch_fires_event ON watch_fires (watch_id, event_id) WHERE event_id <> '';
CREATE INDEX watch_fires_by_watch ON watch_fires (watch_id, id);

-- The state a watch keeps between evaluations (a network company's last
-- reported risk and paths); hash changes whenever data does, so that an
-- update applies only over the state its evaluator read.
CREATE TABLE watch_states (
	watch_id   BIGINT      PRIMARY KEY REFERENCES watches (id),
	hash       TEXT        NOT NULL,
	data       TEXT        NOT NULL,
	updated_at TIMESTAMPTZ NOT NULL
);
