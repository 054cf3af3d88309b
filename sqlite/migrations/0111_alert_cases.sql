-- Case management on alerts (issue 11): what produced the alert (all the
-- snapshots screened against, the alerting rule, the party as screened),
-- who works it, its latest decision, and the links of a reopened pair to
-- its earlier alert, decision and the suppression it lifted.
ALTER TABLE alerts ADD COLUMN snapshots         TEXT    NOT NULL DEFAULT '{}';
ALTER TABLE alerts ADD COLUMN rules_version     TEXT    NOT NULL DEFAULT '';
ALTER TABLE alerts ADD COLUMN threshold         REAL    NOT NULL DEFAULT 0;
ALTER TABLE alerts ADD COLUMN party             TEXT    NOT NULL DEFAULT '';
ALTER TABLE alerts ADD COLUMN assignee          TEXT    NOT NULL DEFAULT '';
ALTER TABLE alerts ADD COLUMN assigned_at       TEXT;
ALTER TABLE alerts ADD COLUMN escalated         INTEGER NOT NULL DEFAULT 0;
ALTER TABLE alerts ADD COLUMN decision_id       INTEGER NOT NULL DEFAULT 0;
ALTER TABLE alerts ADD COLUMN prior_alert_id    INTEGER NOT NULL DEFAULT 0;
ALTER TABLE alerts ADD COLUMN prior_decision_id INTEGER NOT NULL DEFAULT 0;
ALTER TABLE alerts ADD COLUMN suppression_id    INTEGER NOT NULL DEFAULT 0;

-- The queue: "alerts next" takes the first unassigned open alert in
-- (escalated first for reviewers) falling priority, oldest first; a list
-- of the queue reads the same order whoever is assigned.
CREATE INDEX alerts_next ON alerts (status, assignee, escalated DESC, priority DESC, id);
CREATE INDEX alerts_queue ON alerts (status, priority DESC, id);
CREATE INDEX alerts_pair ON alerts (book, party_id, entity_id, id);
