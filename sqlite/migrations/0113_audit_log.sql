-- The tamper-evident audit log (issue 11): one entry per action, each
-- carrying the SHA-256 of the one before (tripline.AuditHash over the
-- canonical encoding, docs/review.md). audit_head records the last entry
-- apart from the entries, so that removing the last one is seen too.
-- Triggers make the log append-only for anyone who goes through SQL
-- without dropping them; the chain catches whoever does.
CREATE TABLE audit_log (
	seq       INTEGER PRIMARY KEY,
	at        TEXT    NOT NULL,
	actor     TEXT    NOT NULL,
	via       TEXT    NOT NULL DEFAULT '',
	action    TEXT    NOT NULL,
	subject   TEXT    NOT NULL DEFAULT '',
	payload   TEXT    NOT NULL,
	prev_hash TEXT    NOT NULL,
	hash      TEXT    NOT NULL
);
CREATE INDEX audit_log_subject ON audit_log (subject, seq);
CREATE INDEX audit_log_at ON audit_log (at);

CREATE TABLE audit_head (
	id   INTEGER PRIMARY KEY CHECK (id = 1),
	seq  INTEGER NOT NULL,
	hash TEXT    NOT NULL
);
INSERT INTO audit_head (id, seq, hash) VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');

CREATE TRIGGER audit_log_append BEFORE INSERT ON audit_log
WHEN NEW.seq <> COALESCE((SELECT max(seq) FROM audit_log), 0) + 1
	OR NEW.prev_hash <> COALESCE((SELECT hash FROM audit_log WHERE seq = NEW.seq - 1), '0000000000000000000000000000000000000000000000000000000000000000')
BEGIN
	SELECT RAISE(ABORT, 'the audit log is appended to in order: each entry follows the last and carries its hash');
END;

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
	SELECT RAISE(ABORT, 'the audit log is append-only');
END;

CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
	SELECT RAISE(ABORT, 'the audit log is append-only');
END;

CREATE TRIGGER audit_head_forward BEFORE UPDATE ON audit_head
WHEN NEW.seq <= OLD.seq OR NOT EXISTS (SELECT 1 FROM audit_log WHERE seq = NEW.seq AND hash = NEW.hash)
BEGIN
	SELECT RAISE(ABORT, 'the audit head only moves forward, to an entry of the log');
END;
