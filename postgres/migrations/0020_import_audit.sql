-- The audit trail records who imported (the principal: name in actor, its
-- role, API key id and client address), the SHA-256 of each file, and the
-- import guards overridden with the user's reason. A snapshot keeps the
-- guards overridden to store it (an accepted shrink is the new baseline).
ALTER TABLE imports
	ADD COLUMN role        TEXT   NOT NULL DEFAULT '',
	ADD COLUMN key_id      BIGINT NOT NULL DEFAULT 0,
	ADD COLUMN client      TEXT   NOT NULL DEFAULT '',
	ADD COLUMN file_hashes TEXT   NOT NULL DEFAULT '[]',
	ADD COLUMN overrides   TEXT   NOT NULL DEFAULT '[]',
	ADD COLUMN reason      TEXT   NOT NULL DEFAULT '';
ALTER TABLE snapshots ADD COLUMN overrides TEXT NOT NULL DEFAULT '[]';
