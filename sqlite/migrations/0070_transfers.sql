-- Arms-transfer registers (SIPRI's trade register, users' own files),
-- kept as snapshots like lists: one row per edition of a register, the
-- current edition of each, one row per deal of each edition, and one row
-- per deal and delivery year for the sums by dyad and year.
CREATE TABLE transfer_snapshots (
	id           INTEGER PRIMARY KEY AUTOINCREMENT,
	source       TEXT    NOT NULL,
	format       TEXT    NOT NULL,
	published_at TEXT    NOT NULL DEFAULT '',
	imported_at  TEXT    NOT NULL,
	hash         TEXT    NOT NULL,
	files        TEXT    NOT NULL DEFAULT '[]',
	count        INTEGER NOT NULL,
	previous     INTEGER NOT NULL DEFAULT 0,
	added        INTEGER NOT NULL DEFAULT 0,
	removed      INTEGER NOT NULL DEFAULT 0,
	changed      INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX transfer_snapshots_source ON transfer_snapshots (source, id);

CREATE TABLE transfer_sources (
	source           TEXT PRIMARY KEY,
	current_snapshot INTEGER NOT NULL REFERENCES transfer_snapshots (id)
);

-- data is the deal as JSON; hash its content without the reports, which
-- tells a changed deal from an unchanged one in the next edition.
CREATE TABLE transfers (
	snapshot_id    INTEGER NOT NULL,
	seq            INTEGER NOT NULL,
	id             TEXT    NOT NULL,
	supplier_code  TEXT    NOT NULL,
	supplier_name  TEXT    NOT NULL,
	recipient_code TEXT    NOT NULL,
	recipient_name TEXT    NOT NULL,
	system         TEXT    NOT NULL,
	designation    TEXT    NOT NULL,
	order_year     INTEGER NOT NULL,
	first_year     INTEGER NOT NULL,
	last_year      INTEGER NOT NULL,
	hash           TEXT    NOT NULL,
	data           TEXT    NOT NULL,
	PRIMARY KEY (snapshot_id, seq)
);
CREATE UNIQUE INDEX transfers_id ON transfers (id, snapshot_id);

CREATE TABLE transfer_deliveries (
	snapshot_id    INTEGER NOT NULL,
	seq            INTEGER NOT NULL,
	year           INTEGER NOT NULL,
	supplier_code  TEXT    NOT NULL,
	supplier_name  TEXT    NOT NULL,
	supplier       TEXT    NOT NULL,
	recipient_code TEXT    NOT NULL,
	recipient_name TEXT    NOT NULL,
	recipient      TEXT    NOT NULL,
	system         TEXT    NOT NULL,
	designation    TEXT    NOT NULL,
	quantity       INTEGER NOT NULL,
	tiv            REAL    NOT NULL
);
CREATE INDEX transfer_deliveries_snapshot ON transfer_deliveries (snapshot_id, year);
