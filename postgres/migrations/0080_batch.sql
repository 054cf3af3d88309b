-- Batch jobs (tripline jobs submit screen): the job, its input in shards
-- (each worked as a job of the durable queue, leased to one worker at a
-- time; leases run on the database's clock, so replicas' clocks need not
-- agree), and one result line per input row, keyed by (job, row) so that
-- a shard worked twice writes each row once.
CREATE TABLE batch_jobs (
	id           BIGSERIAL   PRIMARY KEY,
	kind         TEXT        NOT NULL,
	input        TEXT        NOT NULL,
	options      TEXT        NOT NULL,
	created_by   TEXT        NOT NULL DEFAULT '',
	created_at   TIMESTAMPTZ NOT NULL,
	input_done   BOOLEAN     NOT NULL DEFAULT false,
	rows_total   BIGINT      NOT NULL DEFAULT 0,
	bad_rows     BIGINT      NOT NULL DEFAULT 0,
	cancelled_at TIMESTAMPTZ,
	error        TEXT        NOT NULL DEFAULT ''
);

CREATE TABLE batch_shards (
	job_id      BIGINT      NOT NULL REFERENCES batch_jobs (id) ON DELETE CASCADE,
	shard       INTEGER     NOT NULL,
	first_row   BIGINT      NOT NULL,
	row_count   INTEGER     NOT NULL,
	input       BYTEA       NOT NULL,
	state       TEXT        NOT NULL DEFAULT 'pending',
	owner       TEXT,
	lease_until TIMESTAMPTZ,
	attempts    INTEGER     NOT NULL DEFAULT 0,
	takeovers   INTEGER     NOT NULL DEFAULT 0,
	started_at  TIMESTAMPTZ,
	done_at     TIMESTAMPTZ,
	error       TEXT        NOT NULL DEFAULT '',
	PRIMARY KEY (job_id, shard)
);

CREATE INDEX batch_shards_leased ON batch_shards (lease_until) WHERE state = 'running';

CREATE TABLE batch_results (
	job_id BIGINT NOT NULL,
	row_no BIGINT NOT NULL,
	line   TEXT   NOT NULL,
	PRIMARY KEY (job_id, row_no)
);
