-- The event outbox: what happened, for webhooks and other subscribers.
-- Changes write their events in their own transaction; seq orders them.
CREATE TABLE events (
	seq        BIGSERIAL   PRIMARY KEY,
	id         TEXT        NOT NULL UNIQUE,
	type       TEXT        NOT NULL,
	created_at TIMESTAMPTZ NOT NULL,
	payload    TEXT        NOT NULL
);
