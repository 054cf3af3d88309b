-- The user's network records (tripline graph import): companies, people
-- and shipment manifests, each kept as its JSON record. seq is the import
-- order (a record replaced by a merge keeps its seq); ids are unique per
-- kind, shipments may have none ('').
CREATE TABLE network_companies (
	seq  INTEGER PRIMARY KEY,
	id   TEXT    NOT NULL UNIQUE,
	data TEXT    NOT NULL
);
CREATE TABLE network_people (
	seq  INTEGER PRIMARY KEY,
	id   TEXT    NOT NULL UNIQUE,
	data TEXT    NOT NULL
);
CREATE TABLE network_shipments (
	seq  INTEGER PRIMARY KEY,
	id   TEXT    NOT NULL,
	data TEXT    NOT NULL
);
CREATE UNIQUE INDEX network_shipments_id ON network_shipments (id) WHERE id <> '';
-- One row: the change counter servers watch, and the counts.
CREATE TABLE network_state (
	one        INTEGER PRIMARY KEY CHECK (one = 1),
	version    INTEGER NOT NULL,
	companies  INTEGER NOT NULL,
	people     INTEGER NOT NULL,
	shipments  INTEGER NOT NULL,
	changed_at TEXT    NOT NULL
);
INSERT INTO network_state (one, version, companies, people, shipments, changed_at) VALUES (1, 0, 0, 0, 0, '');
