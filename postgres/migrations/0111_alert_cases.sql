-- Case management on alerts (issue 11): what produced the alert, who
-- works it, its latest decision, and the links of a reopened pair.
ALTER TABLE alerts
	ADD COLUMN snapshots         TEXT             NOT NULL DEFAULT '{}',
	ADD COLUMN rules_version     TEXT             NOT NULL DEFAULT '',
	ADD COLUMN threshold         DOUBLE PRECISION NOT NULL DEFAULT 0,
	ADD COLUMN party             TEXT             NOT NULL DEFAULT '',
	ADD COLUMN assignee          TEXT             NOT NULL DEFAULT '',
	ADD COLUMN assigned_at       TIMESTAMPTZ,
	ADD COLUMN escalated         BOOLEAN          NOT NULL DEFAULT false,
	ADD COLUMN decision_id       BIGINT           NOT NULL DEFAULT 0,
	ADD COLUMN prior_alert_id    BIGINT           NOT NULL DEFAULT 0,
	ADD COLUMN prior_decision_id BIGINT           NOT NULL DEFAULT 0,
	ADD COLUMN suppression_id    BIGINT           NOT NULL DEFAULT 0;

-- The queue: "alerts next" takes the first unassigned open alert in
-- (escalated first for reviewers) falling priority, oldest first.
CREATE INDEX alerts_next ON alerts (status, assignee, escalated DESC, priority DESC, id);
CREATE INDEX alerts_queue ON alerts (status, priority DESC, id);
CREATE INDEX alerts_pair ON alerts (book, party_id, entity_id, id);
