-- Batch jobs (tripline jobs submit screen): the job, its input in shards
-- (each worked as a job of the durable queue, leased to one worker at a
-- time), and one result line per input row, keyed by (job, row) so that a
-- shard worked twice writes each row once. Shard times are Unix
-- milliseconds.
CREATE TABLE batch_jobs (
	id           INTEGER PRIMARY KEY AUTOINCREMENT,
	kind         TEXT    NOT NULL,
	input        TEXT    NOT NULL,
	options      TEXT    NOT NULL,
	created_by   TEXT    NOT NULL DEFAULT '',
	created_at   TEXT    NOT NULL,
	input_done   INTEGER NOT NULL DEFAULT 0,
	rows_total   INTEGER NOT NULL DEFAULT 0,
	bad_rows     INTEGER NOT NULL DEFAULT 0,
	cancelled_at TEXT,
	error        TEXT    NOT NULL DEFAULT ''
);

CREATE TABLE batch_shards (
	job_id      INTEGER NOT NULL REFERENCES batch_jobs (id) ON DELETE CASCADE,
	shard       INTEGER NOT NULL,
	first_row   INTEGER NOT NULL,
	row_count   INTEGER NOT NULL,
	input       BLOB    NOT NULL,
	state       TEXT    NOT NULL DEFAULT 'pending',
	owner       TEXT,
	lease_until INTEGER,
	attempts    INTEGER NOT NULL DEFAULT 0,
	takeovers   INTEGER NOT NULL DEFAULT 0,
	started_at  INTEGER,
	done_at     INTEGER,
	error       TEXT    NOT NULL DEFAULT '',
	PRIMARY KEY (job_id, shard)
);

CREATE INDEX batch_shards_leased ON batch_shards (lease_until) WHERE state = 'running';

CREATE TABLE batch_results (
	job_id INTEGER NOT NULL,
	row_no INTEGER NOT NULL,
	line   TEXT    NOT NULL,
	PRIMARY KEY (job_id, row_no)
) WITHOUT ROWID;
