-- Webhook subscriptions to the event outbox, and the outbox readers'
-- cursors (the webhook dispatcher's is "webhooks"). A removed webhook is
-- kept, marked, for the record of its deliveries.
CREATE TABLE webhooks (
	id            BIGSERIAL   PRIMARY KEY,
	url           TEXT        NOT NULL,
	secret        TEXT        NOT NULL,
	events        TEXT        NOT NULL DEFAULT '[]',
	allow_private BOOLEAN     NOT NULL DEFAULT FALSE,
	enabled       BOOLEAN     NOT NULL DEFAULT TRUE,
	created_at    TIMESTAMPTZ NOT NULL,
	removed_at    TIMESTAMPTZ
);

CREATE TABLE event_cursors (
	name TEXT   PRIMARY KEY,
	seq  BIGINT NOT NULL
);
