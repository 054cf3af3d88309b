-- Ingested articles with what was extracted from them (data, as JSON,
-- without the text), and the claims of arms transfers they make: one row
-- per reported event, its reports in data.
CREATE TABLE articles (
	seq          INTEGER PRIMARY KEY AUTOINCREMENT,
	id           TEXT    NOT NULL UNIQUE,
	url          TEXT    NOT NULL DEFAULT '',
	title        TEXT    NOT NULL DEFAULT '',
	published_at TEXT    NOT NULL DEFAULT '',
	retrieved_at TEXT    NOT NULL,
	text_sha256  TEXT    NOT NULL,
	duplicate_of TEXT    NOT NULL DEFAULT '',
	signature    TEXT    NOT NULL DEFAULT '',
	text         TEXT    NOT NULL,
	data         TEXT    NOT NULL
);

-- What an article mentions, for the filters: kind is system, entity or
-- country.
CREATE TABLE article_refs (
	kind       TEXT NOT NULL,
	value      TEXT NOT NULL,
	article_id TEXT NOT NULL,
	PRIMARY KEY (kind, value, article_id)
);

CREATE TABLE claims (
	seq            INTEGER PRIMARY KEY AUTOINCREMENT,
	id             TEXT    NOT NULL UNIQUE,
	supplier_code  TEXT    NOT NULL,
	supplier_name  TEXT    NOT NULL,
	recipient_code TEXT    NOT NULL,
	recipient_name TEXT    NOT NULL,
	system         TEXT    NOT NULL,
	designation    TEXT    NOT NULL,
	updated_at     TEXT    NOT NULL,
	data           TEXT    NOT NULL
);

CREATE TABLE claim_reports (
	claim_id   TEXT NOT NULL,
	article_id TEXT NOT NULL,
	PRIMARY KEY (claim_id, article_id)
);
CREATE INDEX claim_reports_article ON claim_reports (article_id);
