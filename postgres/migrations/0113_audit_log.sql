-- The tamper-evident audit log (issue 11): one entry per action, each
-- carrying the SHA-256 of the one before (tripline.AuditHash over the
-- canonical encoding, docs/review.md). "at" is kept as the exact text
-- that was hashed. audit_head records the last entry apart from the
-- entries, so that removing the last one is seen too; writers lock its
-- row, so the chain has one head. Triggers make the log append-only for
-- whoever goes through SQL without dropping them; the chain catches
-- whoever does.
CREATE TABLE audit_log (
	seq       BIGINT PRIMARY KEY,
	at        TEXT NOT NULL,
	actor     TEXT NOT NULL,
	via       TEXT NOT NULL DEFAULT '',
	action    TEXT NOT NULL,
	subject   TEXT NOT NULL DEFAULT '',
	payload   TEXT NOT NULL,
	prev_hash TEXT NOT NULL,
	hash      TEXT NOT NULL
);
CREATE INDEX audit_log_subject ON audit_log (subject, seq);
CREATE INDEX audit_log_at ON audit_log (at);

CREATE TABLE audit_head (
	id   INTEGER PRIMARY KEY CHECK (id = 1),
	seq  BIGINT NOT NULL,
	hash TEXT   NOT NULL
);
INSERT INTO audit_head (id, seq, hash) VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');

CREATE FUNCTION audit_log_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	IF TG_OP <> 'INSERT' THEN
		RAISE EXCEPTION 'the audit log is append-only';
	END IF;
	IF NEW.seq <> COALESCE((SELECT max(seq) FROM audit_log), 0) + 1
		OR NEW.prev_hash <> COALESCE((SELECT hash FROM audit_log WHERE seq = NEW.seq - 1), '0000000000000000000000000000000000000000000000000000000000000000') THEN
		RAISE EXCEPTION 'the audit log is appended to in order: each entry follows the last and carries its hash';
	END IF;
	RETURN NEW;
END $$;
CREATE TRIGGER audit_log_guard BEFORE INSERT OR UPDATE OR DELETE ON audit_log
	FOR EACH ROW EXECUTE FUNCTION audit_log_guard();

CREATE FUNCTION audit_head_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	IF TG_OP <> 'UPDATE' THEN
		RAISE EXCEPTION 'the audit head is kept';
	END IF;
	IF NEW.seq <= OLD.seq OR NOT EXISTS (SELECT 1 FROM audit_log WHERE seq = NEW.seq AND hash = NEW.hash) THEN
		RAISE EXCEPTION 'the audit head only moves forward, to an entry of the log';
	END IF;
	RETURN NEW;
END $$;
CREATE TRIGGER audit_head_guard BEFORE UPDATE OR DELETE ON audit_head
	FOR EACH ROW EXECUTE FUNCTION audit_head_guard();
