// Package review is case management on top of the monitor's alerts: the
// review queue (filters, "next" with atomic assignment), dispositions with
// four-eyes approval, bulk decisions, suppressions that reopen when either
// record changes materially, the case view of an alert (party and listed
// record side by side, the record's history across snapshots, earlier
// decisions on the pair, network paths), replay of a past alert with the
// snapshots and configuration that produced it, reports, and the
// tamper-evident audit log's verification and signed export.
//
// The rules that make decisions defensible (who may decide, who may
// approve, what the policy sends for approval) are enforced by the stores
// inside their transactions (tripline.CaseStore), so that no path around
// this package escapes them; this package composes the stores' answers.
// docs/review.md describes the workflow, the audit log's canonical
// encoding and the checkpoint signature.
package review
