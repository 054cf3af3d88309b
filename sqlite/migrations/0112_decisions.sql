-- Dispositions of alerts and their four-eyes approvals (issue 11). The
-- rules that make a decision defensible are the database's as well as the
-- store's: nobody approves their own decision (a check), an approver is
-- an active reviewer or admin and a decider an active user (triggers), a
-- true match never takes effect without approval (a check), an answered
-- decision is never rewritten, and an alert is closed as a person's
-- disposition only by a decision that allows it (triggers).
CREATE TABLE alert_decisions (
	id              INTEGER PRIMARY KEY AUTOINCREMENT,
	alert_id        INTEGER NOT NULL REFERENCES alerts (id),
	book            TEXT    NOT NULL,
	party_id        TEXT    NOT NULL,
	entity_id       TEXT    NOT NULL,
	disposition     TEXT    NOT NULL CHECK (disposition IN ('true_match', 'false_positive', 'escalate')),
	rationale       TEXT    NOT NULL CHECK (length(trim(rationale)) > 0),
	decided_by      TEXT    NOT NULL,
	decided_at      TEXT    NOT NULL,
	state           TEXT    NOT NULL CHECK (state IN ('final', 'pending', 'approved', 'rejected', 'superseded')),
	needs_approval  INTEGER NOT NULL,
	approval_reason TEXT    NOT NULL DEFAULT '',
	reviewed_by     TEXT,
	reviewed_at     TEXT,
	review_note     TEXT    NOT NULL DEFAULT '',
	suppress_until  TEXT,
	score           REAL    NOT NULL,
	source          TEXT    NOT NULL,
	snapshot_id     INTEGER NOT NULL,
	snapshots       TEXT    NOT NULL DEFAULT '{}',
	matcher_version TEXT    NOT NULL,
	rules_version   TEXT    NOT NULL DEFAULT '',
	policy_version  TEXT    NOT NULL,
	party_hash      TEXT    NOT NULL,
	entity_hash     TEXT    NOT NULL,
	bulk            TEXT    NOT NULL DEFAULT '',
	CHECK (reviewed_by IS NULL OR reviewed_by <> decided_by),
	CHECK (state NOT IN ('approved', 'rejected') OR reviewed_by IS NOT NULL),
	CHECK (disposition <> 'true_match' OR needs_approval = 1),
	CHECK (state <> 'final' OR needs_approval = 0),
	CHECK (state <> 'pending' OR needs_approval = 1)
);
CREATE INDEX alert_decisions_alert ON alert_decisions (alert_id);
CREATE INDEX alert_decisions_pair ON alert_decisions (book, party_id, entity_id);
CREATE UNIQUE INDEX alert_decisions_one_pending ON alert_decisions (alert_id) WHERE state = 'pending';

CREATE TRIGGER alert_decisions_decider BEFORE INSERT ON alert_decisions
WHEN NOT EXISTS (SELECT 1 FROM users WHERE name = NEW.decided_by AND disabled_at IS NULL)
BEGIN
	SELECT RAISE(ABORT, 'a decision needs an active user');
END;

CREATE TRIGGER alert_decisions_reviewer_insert BEFORE INSERT ON alert_decisions
WHEN NEW.reviewed_by IS NOT NULL
BEGIN
	SELECT RAISE(ABORT, 'four-eyes: a decision is approved or rejected after it is recorded, by another person');
END;

CREATE TRIGGER alert_decisions_reviewer BEFORE UPDATE OF reviewed_by ON alert_decisions
WHEN NEW.reviewed_by IS NOT NULL AND NOT EXISTS (
	SELECT 1 FROM users WHERE name = NEW.reviewed_by AND role IN ('reviewer', 'admin') AND disabled_at IS NULL)
BEGIN
	SELECT RAISE(ABORT, 'four-eyes: the approver must be an active user with the reviewer role');
END;

CREATE TRIGGER alert_decisions_answered BEFORE UPDATE ON alert_decisions
WHEN OLD.state <> 'pending' OR NEW.decided_by <> OLD.decided_by OR NEW.disposition <> OLD.disposition OR NEW.alert_id <> OLD.alert_id
BEGIN
	SELECT RAISE(ABORT, 'a decision is not rewritten once answered (only a pending one is approved, rejected or superseded)');
END;

CREATE TRIGGER alert_decisions_no_delete BEFORE DELETE ON alert_decisions
BEGIN
	SELECT RAISE(ABORT, 'decisions are kept');
END;

CREATE TRIGGER alerts_closed_by_decision BEFORE UPDATE OF status, resolution ON alerts
WHEN NEW.status = 'closed' AND NEW.resolution IN ('true_match', 'false_positive') AND NOT EXISTS (
	SELECT 1 FROM alert_decisions d WHERE d.alert_id = NEW.id AND d.disposition = NEW.resolution
	AND (d.state = 'approved' OR (d.state = 'final' AND d.needs_approval = 0)))
BEGIN
	SELECT RAISE(ABORT, 'four-eyes: an alert is closed as true_match or false_positive only by a decision that needed no approval or was approved');
END;

-- Suppressions: a closed false positive keeps its pair quiet while both
-- records keep these material hashes (and until "until", when set).
CREATE TABLE suppressions (
	id          INTEGER PRIMARY KEY AUTOINCREMENT,
	book        TEXT    NOT NULL,
	party_id    TEXT    NOT NULL,
	entity_id   TEXT    NOT NULL,
	party_hash  TEXT    NOT NULL,
	entity_hash TEXT    NOT NULL,
	alert_id    INTEGER NOT NULL REFERENCES alerts (id),
	decision_id INTEGER NOT NULL REFERENCES alert_decisions (id),
	created_at  TEXT    NOT NULL,
	until       TEXT,
	lifted_at   TEXT,
	lift_reason TEXT    NOT NULL DEFAULT '',
	reopened_by INTEGER NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX suppressions_one_active ON suppressions (book, party_id, entity_id) WHERE lifted_at IS NULL;
CREATE INDEX suppressions_until ON suppressions (until) WHERE lifted_at IS NULL AND until IS NOT NULL;

-- The review policy (the four-eyes rules), every version kept; the
-- newest is in force.
CREATE TABLE review_policies (
	id      INTEGER PRIMARY KEY AUTOINCREMENT,
	version TEXT    NOT NULL,
	policy  TEXT    NOT NULL,
	set_by  TEXT    NOT NULL,
	set_at  TEXT    NOT NULL
);
