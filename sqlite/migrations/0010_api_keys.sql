-- API keys for the HTTP API. Only the SHA-256 of a key is stored; the key
-- itself is shown once, when it is created.
CREATE TABLE api_keys (
	id         INTEGER PRIMARY KEY AUTOINCREMENT,
	name       TEXT    NOT NULL,
	prefix     TEXT    NOT NULL,
	hash       TEXT    NOT NULL UNIQUE,
	created_at TEXT    NOT NULL,
	revoked_at TEXT
);
