-- Books: monitored sets of parties (issue 10). revision counts the imports
-- that changed the book; matcher_version is the matching configuration its
-- stored matches were computed with; parties counts the active parties.
CREATE TABLE books (
	name            TEXT    PRIMARY KEY,
	revision        INTEGER NOT NULL DEFAULT 0,
	matcher_version TEXT    NOT NULL DEFAULT '',
	parties         INTEGER NOT NULL DEFAULT 0,
	created_at      TEXT    NOT NULL,
	updated_at      TEXT    NOT NULL
);

-- The parties of a book: the columns of a screening query and their
-- material hash. A party no longer in the book is kept (alerts cite it)
-- with retired set to the revision that retired it.
CREATE TABLE book_parties (
	book        TEXT    NOT NULL REFERENCES books (name),
	id          TEXT    NOT NULL,
	name        TEXT    NOT NULL,
	type        TEXT    NOT NULL DEFAULT '',
	country     TEXT    NOT NULL DEFAULT '',
	birth_date  TEXT    NOT NULL DEFAULT '',
	identifiers TEXT    NOT NULL DEFAULT '',
	hash        TEXT    NOT NULL,
	revision    INTEGER NOT NULL,
	retired     INTEGER NOT NULL DEFAULT 0,
	PRIMARY KEY (book, id)
);

-- The snapshot of each source that a book's stored matches reflect.
CREATE TABLE book_snapshots (
	book        TEXT    NOT NULL REFERENCES books (name),
	source      TEXT    NOT NULL,
	snapshot_id INTEGER NOT NULL,
	PRIMARY KEY (book, source)
);

-- The stored screening results of a book: every pair that scored at least
-- the keep threshold (a margin under the alert threshold), with the
-- material hashes of both records when it was scored.
CREATE TABLE book_matches (
	book        TEXT    NOT NULL,
	party_id    TEXT    NOT NULL,
	entity_id   TEXT    NOT NULL,
	score       REAL    NOT NULL,
	party_hash  TEXT    NOT NULL,
	entity_hash TEXT    NOT NULL,
	PRIMARY KEY (book, party_id, entity_id)
);

-- Screening passes of a book, resumable from their cursor (the last party
-- done): a crash mid-pass loses and doubles nothing.
CREATE TABLE monitor_passes (
	book            TEXT    NOT NULL,
	key             TEXT    NOT NULL,
	kind            TEXT    NOT NULL,
	source          TEXT    NOT NULL DEFAULT '',
	old_snapshot    INTEGER NOT NULL DEFAULT 0,
	new_snapshot    INTEGER NOT NULL DEFAULT 0,
	revision        INTEGER NOT NULL DEFAULT 0,
	snapshots       TEXT    NOT NULL DEFAULT '{}',
	matcher_version TEXT    NOT NULL DEFAULT '',
	cursor          TEXT    NOT NULL DEFAULT '',
	done            INTEGER NOT NULL DEFAULT 0,
	stats           TEXT    NOT NULL DEFAULT '{}',
	started_at      TEXT    NOT NULL,
	finished_at     TEXT,
	PRIMARY KEY (book, key)
);
