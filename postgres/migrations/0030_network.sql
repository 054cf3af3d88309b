-- The user's network records (tripline graph import): companies, people
-- and shipment manifests, each kept as its JSON record. seq is the import
-- order (a record replaced by a merge keeps its seq); ids are unique per
-- kind, shipments may have none ('').
CREATE TABLE network_companies (
	seq  BIGINT PRIMARY KEY,
	id   TEXT   NOT NULL UNIQUE,
	data TEXT   NOT NULL
);
CREATE TABLE network_people (
	seq  BIGINT PRIMARY KEY,
	id   TEXT   NOT NULL UNIQUE,
	data TEXT   NOT NULL
);
CREATE TABLE network_shipments (
	seq  BIGINT PRIMARY KEY,
	id   TEXT   NOT NULL,
	data TEXT   NOT NULL
);
CREATE UNIQUE INDEX network_shipments_id ON network_shipments (id) WHERE id <> '';
-- One row: the change counter servers watch, and the counts. Imports
-- update it first, so its row lock serialises them.
CREATE TABLE network_state (
	one        INTEGER PRIMARY KEY CHECK (one = 1),
	version    BIGINT  NOT NULL,
	companies  INTEGER NOT NULL,
	people     INTEGER NOT NULL,
	shipments  INTEGER NOT NULL,
	changed_at TIMESTAMPTZ
);
INSERT INTO network_state (one, version, companies, people, shipments) VALUES (1, 0, 0, 0, 0);
