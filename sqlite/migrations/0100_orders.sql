-- The book of orders (issue 13): every order checked, with its decision,
-- so that history rules look across runs, requests and batch jobs. seq is
-- the order of first check (kept when an order is checked again); record
-- the tripline.OrderRecord as JSON.
CREATE TABLE orders (
	seq             INTEGER PRIMARY KEY AUTOINCREMENT,
	id              TEXT    NOT NULL UNIQUE,
	date            TEXT    NOT NULL,
	checked_at      TEXT    NOT NULL,
	risk            TEXT    NOT NULL,
	rules_version   TEXT    NOT NULL,
	matcher_version TEXT    NOT NULL,
	record          TEXT    NOT NULL
);
-- One row per index key of an order (tripline.OrderRecord.Keys: a
-- customer identity and HS code, or a buyer), for bounded windows.
CREATE TABLE order_keys (
	key      TEXT NOT NULL,
	date     TEXT NOT NULL,
	order_id TEXT NOT NULL,
	PRIMARY KEY (key, date, order_id)
);
CREATE INDEX order_keys_order ON order_keys (order_id);
