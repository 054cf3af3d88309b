-- Watches of register rows, article claims and network companies.
--
-- A watch remembers the last outbox event when it was added: a watch of
-- register rows and claims fires on later events only.
ALTER TABLE watches ADD COLUMN from_event INTEGER NOT NULL DEFAULT 0;

-- Firings gain the outbox event they fired on and their details (the row
-- or claim, the network change, the explanation) as JSON. They stay
-- unique per watch, entity, change and hash: a register row's hash is the
-- deal's content hash, a claim's its id, so that a watch fires once per
-- fact however often it is imported or reported.
ALTER TABLE watch_fires ADD COLUMN event_id TEXT NOT NULL DEFAULT '';
ALTER TABLE watch_fires ADD COLUMN detail TEXT NOT NULL DEFAULT '{}';

-- The state a watch keeps between evaluations (a network company's last
-- reported risk and paths); hash changes whenever data does, so that an
-- update applies only over the state its evaluator read.
CREATE TABLE watch_states (
	watch_id   INTEGER PRIMARY KEY REFERENCES watches (id),
	hash       TEXT    NOT NULL,
	data       TEXT    NOT NULL,
	updated_at TEXT    NOT NULL
);
