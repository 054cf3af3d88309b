package monitor

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"sort"
	"strings"

	"github.com/tripline/tripline"
)

// RiskStep is the smallest move of a watched company's risk that fires its
// watch: smaller moves (rarity weights drift with every import) are not
// reported, but they add up against the last risk reported.
const RiskStep = 0.01

// companyState is what a company watch keeps: the company's risk,
// flag and paths when it last reported them (or when it was added), and
// the inputs it last looked at.
type companyState struct {
	// Inputs names the records' version and the list snapshots last
	// evaluated; the watch is evaluated again when they change.
	Inputs   string                 `json:"inputs"`
	Present  bool                   `json:"present"`
	Name     string                 `json:"name,omitempty"`
	Risk     float64                `json:"risk"`
	Flagged  bool                   `json:"flagged"`
	Paths    []tripline.NetworkPath `json:"paths,omitempty"`
	LinkedTo []string               `json:"linked_to,omitempty"`
}

func (s companyState) encode(watchID int64) tripline.WatchState {
	b, _ := json.Marshal(s)
	h := sha256.Sum256(b)
	return tripline.WatchState{WatchID: watchID, Hash: hex.EncodeToString(h[:16]), Data: b}
}

// networkInputs reads what the network risks are computed from: the
// records' version and the current list snapshots.
func (e *Evaluator) networkInputs(ctx context.Context) (key string, version int64, snaps map[string]int64, err error) {
	st, err := e.Records.NetworkState(ctx)
	if err != nil {
		return "", 0, nil, err
	}
	cur, err := e.Lists.CurrentSnapshots(ctx)
	if err != nil {
		return "", 0, nil, err
	}
	snaps = map[string]int64{}
	for _, s := range cur {
		snaps[s.Source] = s.ID
	}
	return fmt.Sprintf("records=%d;%s", st.Version, snapKey(snaps)), st.Version, snaps, nil
}

// networks evaluates the company watches whose inputs changed
// since they last looked (all given ones when baseline is set: then none
// fires and only watches without a state get one).
func (e *Evaluator) networks(ctx context.Context, watches []tripline.Watch, baseline bool, rep *EvalReport) error {
	if e.Network == nil || e.Records == nil || e.Lists == nil {
		return nil
	}
	states, err := e.Store.WatchStates(ctx)
	if err != nil {
		return err
	}
	key, version, snaps, err := e.networkInputs(ctx)
	if err != nil {
		return err
	}
	type due struct {
		w      tripline.Watch
		stored tripline.WatchState
		old    *companyState
	}
	var todo []due
	for _, w := range watches {
		st, ok := states[w.ID]
		var old *companyState
		if ok {
			old = new(companyState)
			if json.Unmarshal(st.Data, old) != nil {
				old = nil
			}
		}
		switch {
		case baseline && ok:
		case old == nil || old.Inputs != key:
			todo = append(todo, due{w, st, old})
		}
	}
	if len(todo) == 0 {
		return nil
	}
	risks, err := e.Network.Risk(ctx, false, 0)
	if tripline.ErrorKind(err) == tripline.KindNotFound {
		risks, err = nil, nil // no records yet: every company is absent
	}
	if err != nil {
		return err
	}
	byID := make(map[string]*tripline.NetworkRisk, len(risks))
	for i := range risks {
		byID[risks[i].ID] = &risks[i]
	}
	var ups []tripline.WatchStateUpdate
	for _, d := range todo {
		cur := companyState{Inputs: key}
		if r := byID[d.w.Value]; r != nil {
			cur = companyState{Inputs: key, Present: true, Name: r.Name, Risk: r.Risk, Flagged: r.Flagged, Paths: r.Paths, LinkedTo: r.LinkedTo}
		}
		up := tripline.WatchStateUpdate{PrevHash: d.stored.Hash}
		switch {
		case d.old == nil:
			up.State = cur.encode(d.w.ID)
		case companyChanged(*d.old, cur):
			up.State = cur.encode(d.w.ID)
			up.Fires = []tripline.WatchFire{companyFire(d.w, *d.old, cur, d.stored.Hash, up.State.Hash, version, snaps)}
		default:
			// Nothing worth reporting: keep what was last reported, so that
			// small moves add up, and note the inputs seen.
			kept := *d.old
			kept.Inputs = key
			up.State = kept.encode(d.w.ID)
		}
		if up.State.Hash == d.stored.Hash {
			continue
		}
		ups = append(ups, up)
	}
	rep.Companies += len(todo)
	if len(ups) == 0 {
		return nil
	}
	stored, err := e.Store.CommitWatches(ctx, tripline.WatchCommit{States: ups})
	rep.Fires = append(rep.Fires, stored...)
	return err
}

// pathKey identifies a path by where it leads and the steps it takes,
// not by its score.
func pathKey(p tripline.NetworkPath) string {
	var b strings.Builder
	b.WriteString(p.To)
	for _, s := range p.Steps {
		fmt.Fprintf(&b, "|%s>%s:%s=%s", s.From, s.To, s.Relation, s.Value)
	}
	return b.String()
}

// pathsDiff returns the paths of b not in a (by pathKey).
func pathsDiff(a, b []tripline.NetworkPath) []tripline.NetworkPath {
	have := map[string]bool{}
	for _, p := range a {
		have[pathKey(p)] = true
	}
	out := []tripline.NetworkPath{}
	for _, p := range b {
		if !have[pathKey(p)] {
			out = append(out, p)
		}
	}
	return out
}

// stringsDiff returns the strings of b not in a, sorted.
func stringsDiff(a, b []string) []string {
	out := []string{}
	for _, s := range b {
		if !slices.Contains(a, s) && !slices.Contains(out, s) {
			out = append(out, s)
		}
	}
	sort.Strings(out)
	return out
}

func companyChanged(old, cur companyState) bool {
	return old.Present != cur.Present || old.Flagged != cur.Flagged || math.Abs(old.Risk-cur.Risk) >= RiskStep-1e-9 ||
		len(pathsDiff(old.Paths, cur.Paths)) > 0 || len(pathsDiff(cur.Paths, old.Paths)) > 0 ||
		len(stringsDiff(old.LinkedTo, cur.LinkedTo)) > 0 || len(stringsDiff(cur.LinkedTo, old.LinkedTo)) > 0
}

// companyFire is the firing of a watched company's change old → cur; its
// hash names the transition, so that it is recorded once.
func companyFire(w tripline.Watch, old, cur companyState, oldHash, newHash string, version int64, snaps map[string]int64) tripline.WatchFire {
	nc := &tripline.NetworkChange{OldRisk: old.Risk, NewRisk: cur.Risk, OldFlagged: old.Flagged, NewFlagged: cur.Flagged,
		OldPresent: old.Present, NewPresent: cur.Present,
		PathsAdded: pathsDiff(old.Paths, cur.Paths), PathsRemoved: pathsDiff(cur.Paths, old.Paths),
		LinkedAdded: stringsDiff(old.LinkedTo, cur.LinkedTo), LinkedRemoved: stringsDiff(cur.LinkedTo, old.LinkedTo),
		RecordsVersion: version, Snapshots: snaps}
	change := "changed"
	switch {
	case !old.Present && cur.Present:
		change = "added"
	case old.Present && !cur.Present:
		change = "removed"
	case !old.Flagged && cur.Flagged:
		change = "flagged"
	case old.Flagged && !cur.Flagged:
		change = "unflagged"
	}
	name := cur.Name
	if name == "" {
		name = old.Name
	}
	if name == "" {
		name = w.Value
	}
	diff := map[string]tripline.FieldDiff{
		"risk": {Old: []string{riskText(old.Risk)}, New: []string{riskText(cur.Risk)}},
	}
	if old.Flagged != cur.Flagged {
		diff["flagged"] = tripline.FieldDiff{Old: []string{fmt.Sprint(old.Flagged)}, New: []string{fmt.Sprint(cur.Flagged)}}
	}
	if old.Present != cur.Present {
		diff["present"] = tripline.FieldDiff{Old: []string{fmt.Sprint(old.Present)}, New: []string{fmt.Sprint(cur.Present)}}
	}
	if len(nc.PathsAdded)+len(nc.PathsRemoved) > 0 {
		diff["paths"] = tripline.FieldDiff{Old: pathTexts(old.Paths), New: pathTexts(cur.Paths)}
	}
	if len(nc.LinkedAdded)+len(nc.LinkedRemoved) > 0 {
		diff["linked_to"] = tripline.FieldDiff{Old: nonNilStrings(old.LinkedTo), New: nonNilStrings(cur.LinkedTo)}
	}
	h := sha256.Sum256([]byte(oldHash + ">" + newHash))
	return tripline.WatchFire{WatchID: w.ID, EntityID: w.Value, EntityName: name, Change: change, Diff: diff,
		EntityHash: hex.EncodeToString(h[:16]), Network: nc, Explanation: explainCompany(w.Value, name, change, nc)}
}

// explainCompany says for people how a watched company's network risk
// changed.
func explainCompany(id, name, change string, nc *tripline.NetworkChange) string {
	var b strings.Builder
	fmt.Fprintf(&b, "company %s (%s) of the network records", id, name)
	switch change {
	case "added":
		b.WriteString(" appeared in the records")
	case "removed":
		b.WriteString(" left the records")
	case "flagged":
		b.WriteString(" is now flagged")
	case "unflagged":
		b.WriteString(" is no longer flagged")
	default:
		b.WriteString(" changed")
	}
	fmt.Fprintf(&b, ": network risk %s → %s", riskText(nc.OldRisk), riskText(nc.NewRisk))
	if len(nc.LinkedAdded) > 0 {
		fmt.Fprintf(&b, "; now linked to listed %s", strings.Join(nc.LinkedAdded, ", "))
	}
	if len(nc.LinkedRemoved) > 0 {
		fmt.Fprintf(&b, "; no longer linked to %s", strings.Join(nc.LinkedRemoved, ", "))
	}
	if n := len(nc.PathsAdded); n > 0 {
		fmt.Fprintf(&b, "; %d new paths (%s)", n, strings.Join(pathTexts(nc.PathsAdded[:1]), ""))
	}
	if n := len(nc.PathsRemoved); n > 0 {
		fmt.Fprintf(&b, "; %d paths gone", n)
	}
	fmt.Fprintf(&b, " (records version %d)", nc.RecordsVersion)
	return b.String()
}

func riskText(r float64) string { return fmt.Sprintf("%.4f", r) }

// pathTexts renders paths for a diff: where each leads, its score and
// its steps' evidence.
func pathTexts(ps []tripline.NetworkPath) []string {
	out := []string{}
	for _, p := range ps {
		var ev []string
		for _, s := range p.Steps {
			ev = append(ev, s.Evidence)
		}
		to := p.To
		if p.ToName != "" {
			to = p.ToName + " (" + p.To + ")"
		}
		out = append(out, fmt.Sprintf("→ %s %.4f: %s", to, p.Score, strings.Join(ev, "; ")))
	}
	return out
}
