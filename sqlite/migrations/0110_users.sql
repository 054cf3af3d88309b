-- Users (issue 11): the people who work alerts. Every decision, approval
-- and change is attributed to one; users are disabled, never deleted, so
-- that the audit log's names stay resolvable.
CREATE TABLE users (
	id          INTEGER PRIMARY KEY AUTOINCREMENT,
	name        TEXT    NOT NULL UNIQUE,
	role        TEXT    NOT NULL CHECK (role IN ('analyst', 'reviewer', 'admin')),
	created_by  TEXT    NOT NULL,
	created_at  TEXT    NOT NULL,
	disabled_at TEXT
);

-- A key may belong to a user: its requests act as that user, with the
-- user's current role. Keys made before users existed belong to none and
-- keep working as before.
ALTER TABLE api_keys ADD COLUMN user_id INTEGER REFERENCES users (id);
CREATE INDEX api_keys_user ON api_keys (user_id);
