-- Webhook subscriptions to the event outbox, and the outbox readers'
-- cursors (the webhook dispatcher's is "webhooks"). A removed webhook is
-- kept, marked, for the record of its deliveries.
CREATE TABLE webhooks (
	id            INTEGER PRIMARY KEY AUTOINCREMENT,
	url           TEXT    NOT NULL,
	secret        TEXT    NOT NULL,
	events        TEXT    NOT NULL DEFAULT '[]',
	allow_private INTEGER NOT NULL DEFAULT 0,
	enabled       INTEGER NOT NULL DEFAULT 1,
	created_at    TEXT    NOT NULL,
	removed_at    TEXT
);

CREATE TABLE event_cursors (
	name TEXT    PRIMARY KEY,
	seq  INTEGER NOT NULL
);
