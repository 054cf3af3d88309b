package review

import (
	"context"
	"fmt"

	"github.com/tripline/tripline"
)

// TrailCheck is what the hash chain says of one entry of a subject's
// trail (an alert's entries, which lie scattered along the one log).
type TrailCheck struct {
	Seq int64 `json:"seq"`
	// OK is set when the entry's content hashes to its recorded hash and
	// its prev_hash is the recorded hash of entry Seq-1, whose own content
	// hashes to it (the genesis hash for entry 1).
	OK bool `json:"ok"`
	// Problem says what does not fit ("" when OK).
	Problem string `json:"problem,omitempty"`
}

// CheckTrail checks each of entries against the chain around it: its own
// hash and its link to the entry before. It reads one entry per entry
// checked, so a page can show the state of an alert's trail without
// walking the whole log (Verify does that: a change elsewhere in the log
// is only seen there).
func CheckTrail(ctx context.Context, st tripline.AuditStore, entries []tripline.AuditEntry) ([]TrailCheck, error) {
	out := make([]TrailCheck, 0, len(entries))
	for _, e := range entries {
		c := TrailCheck{Seq: e.Seq}
		switch {
		case tripline.AuditHash(e) != e.Hash:
			c.Problem = fmt.Sprintf("entry %d does not hash to its recorded hash: it was changed after it was written", e.Seq)
		case e.Seq == 1 && e.PrevHash != tripline.AuditGenesis:
			c.Problem = "entry 1 does not start the chain"
		case e.Seq > 1:
			prev, err := st.AuditEntries(ctx, tripline.AuditFilter{After: e.Seq - 2, Limit: 1})
			if err != nil {
				return nil, err
			}
			switch {
			case len(prev) == 0 || prev[0].Seq != e.Seq-1:
				c.Problem = fmt.Sprintf("entry %d, the one before entry %d, is missing", e.Seq-1, e.Seq)
			case tripline.AuditHash(prev[0]) != prev[0].Hash:
				c.Problem = fmt.Sprintf("entry %d, the one before entry %d, does not hash to its recorded hash", e.Seq-1, e.Seq)
			case prev[0].Hash != e.PrevHash:
				c.Problem = fmt.Sprintf("entry %d's prev_hash is not the hash of entry %d", e.Seq, e.Seq-1)
			}
		}
		c.OK = c.Problem == ""
		out = append(out, c)
	}
	return out, nil
}
