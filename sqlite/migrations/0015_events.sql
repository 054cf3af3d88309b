-- The event outbox: what happened, for webhooks and other subscribers.
-- Changes write their events in their own transaction; seq orders them.
CREATE TABLE events (
	seq        INTEGER PRIMARY KEY AUTOINCREMENT,
	id         TEXT    NOT NULL UNIQUE,
	type       TEXT    NOT NULL,
	created_at TEXT    NOT NULL,
	payload    TEXT    NOT NULL
);
