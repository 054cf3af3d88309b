package webui

import (
	"context"
	"html/template"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/tripline/tripline"
	"github.com/tripline/tripline/delta"
	"github.com/tripline/tripline/names"
)

// The alert queue and the alert page, over the store's alerts (the
// monitor's, GET /v1/alerts): the queue filtered by book, status and
// reason, a page at a time (oldest first, as the store keeps them), with
// keyboard triage; an alert shows its party and the listed record side
// by side with what agrees and what differs marked, the explanation, the
// listed record's change since the alert, and its trail.

const alertPage = 50

var (
	alertStatuses = []string{"", tripline.AlertOpen, tripline.AlertPendingApproval, tripline.AlertClosed}
	alertReasons  = []string{"", tripline.ReasonNewMatch, tripline.ReasonMatchChanged, tripline.ReasonDelisted, tripline.ReasonPartyChanged}
)

func (u *UI) alertStore() tripline.AlertStore {
	as, _ := u.store.(tripline.AlertStore)
	return as
}

type alertsData struct {
	Book, Status, Reason string
	Books                []string
	Statuses, Reasons    []string
	Alerts               []tripline.Alert
	// Next is the address of the next page, "" on the last.
	Next string
	// First is the address of the first page when this is a later one.
	First string
	After int64
	// Query is the filter, for the alert pages' next and back links.
	Query template.URL
}

// alertFilter reads the queue's filters; the default status is open.
func alertFilter(q url.Values) (tripline.AlertFilter, error) {
	f := tripline.AlertFilter{Book: q.Get("book"), Status: q.Get("status"), Reason: q.Get("reason"), Limit: alertPage}
	if _, ok := q["status"]; !ok {
		f.Status = tripline.AlertOpen
	}
	if !slices.Contains(alertStatuses, f.Status) {
		return f, tripline.Errorf(tripline.KindInvalid, "status must be open, pending_approval or closed")
	}
	if !slices.Contains(alertReasons, f.Reason) {
		return f, tripline.Errorf(tripline.KindInvalid, "reason must be new_match, match_changed, delisted or party_changed")
	}
	if v := q.Get("after"); v != "" {
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil || n < 0 {
			return f, tripline.Errorf(tripline.KindInvalid, "after must be an alert id")
		}
		f.After = n
	}
	return f, nil
}

func filterQuery(f tripline.AlertFilter, after int64) string {
	v := url.Values{}
	if f.Book != "" {
		v.Set("book", f.Book)
	}
	v.Set("status", f.Status)
	if f.Reason != "" {
		v.Set("reason", f.Reason)
	}
	if after > 0 {
		v.Set("after", strconv.FormatInt(after, 10))
	}
	return v.Encode()
}

func (u *UI) alertsPage(w http.ResponseWriter, r *http.Request, rq *request) error {
	as := u.alertStore()
	if as == nil {
		return tripline.Errorf(tripline.KindNotFound, "this server keeps no alerts")
	}
	f, err := alertFilter(r.URL.Query())
	if err != nil {
		return err
	}
	// one more than a page says whether there is a next one
	f.Limit = alertPage + 1
	list, err := as.Alerts(r.Context(), f)
	if err != nil {
		return err
	}
	f.Limit = alertPage
	d := alertsData{Book: f.Book, Status: f.Status, Reason: f.Reason, Statuses: alertStatuses, Reasons: alertReasons, After: f.After}
	if len(list) > alertPage {
		list = list[:alertPage]
		d.Next = "/alerts?" + filterQuery(f, list[len(list)-1].ID)
	}
	if f.After > 0 {
		d.First = "/alerts?" + filterQuery(f, 0)
	}
	d.Alerts = list
	d.Query = template.URL("?" + filterQuery(f, 0))
	if bs, ok := u.store.(tripline.BookStore); ok {
		books, err := bs.Books(r.Context())
		if err != nil {
			return err
		}
		for _, b := range books {
			d.Books = append(d.Books, b.Name)
		}
	}
	u.render(w, r, rq, http.StatusOK, "alerts.html", "Alerts", d)
	return nil
}

type alertData struct {
	Alert tripline.Alert
	// Party is the book's row, nil when the party has left the book.
	Party *tripline.BookParty
	// Listed is the listed record in the snapshot that raised the alert;
	// Current its version now (nil when delisted), Changed the fields
	// that changed between them.
	Listed    *tripline.Entity
	Current   *tripline.Entity
	Changed   []fieldChange
	Material  bool
	Rows      []compareRow
	Trail     []trailRow
	Next      string
	Queue     string
	Snapshot  *tripline.Snapshot
	PrevSnap  *tripline.Snapshot
	ListedMsg string
	// Case is the case part: state, forms, decisions, audit trail (nil
	// when the store keeps no cases).
	Case *caseView
}

// compareRow is one line of the side-by-side view.
type compareRow struct {
	Field  string
	Party  []markedText
	Listed []markedText
	// Verdict is same, close, differs, party_only, listed_only or "".
	Verdict string
}

// markedText is a value whose words are marked where they matched the
// other side.
type markedText struct {
	Parts []textPart
	Note  string
}

type textPart struct {
	Text    string
	Matched bool
}

type trailRow struct {
	At   string
	What string
}

func (u *UI) alertPage(w http.ResponseWriter, r *http.Request, rq *request) error {
	return u.showAlert(w, r, rq, http.StatusOK, nil)
}

// showAlert renders the alert page with status; tweak, when set, changes
// the case part (a refused form shown again).
func (u *UI) showAlert(w http.ResponseWriter, r *http.Request, rq *request, status int, tweak func(*caseView)) error {
	as := u.alertStore()
	if as == nil {
		return tripline.Errorf(tripline.KindNotFound, "this server keeps no alerts")
	}
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		return tripline.Errorf(tripline.KindNotFound, "no alert %q", r.PathValue("id"))
	}
	ctx := r.Context()
	a, err := as.Alert(ctx, id)
	if err != nil {
		return err
	}
	d := alertData{Alert: a}
	if bs, ok := u.store.(tripline.BookStore); ok {
		if p, err := bs.Party(ctx, a.Book, a.PartyID); err == nil {
			d.Party = &p
		} else if tripline.ErrorKind(err) != tripline.KindNotFound {
			return err
		}
	}
	if e, err := u.store.Entity(ctx, a.EntityID, a.SnapshotID); err == nil {
		d.Listed = e
	} else if tripline.ErrorKind(err) != tripline.KindNotFound {
		return err
	}
	if e, err := u.store.Entity(ctx, a.EntityID, 0); err == nil {
		d.Current = e
	} else if tripline.ErrorKind(err) != tripline.KindNotFound {
		return err
	}
	switch {
	case d.Listed == nil && d.Current != nil:
		d.Listed = d.Current
	case d.Listed != nil && d.Current == nil:
		d.ListedMsg = "The listed record is in no current snapshot of " + a.Source + " any more."
	case d.Listed != nil && d.Current != nil:
		d.Changed, d.Material = listedChanges(d.Listed, d.Current)
	}
	if snaps, err := u.store.Snapshots(ctx, a.Source); err == nil {
		for i := range snaps {
			switch snaps[i].ID {
			case a.SnapshotID:
				d.Snapshot = &snaps[i]
			case a.PrevSnapshotID:
				d.PrevSnap = &snaps[i]
			}
		}
	}
	d.Rows = compareRecords(a, d.Party, d.Listed)
	d.Trail = alertTrail(a)
	q := r.URL.Query()
	f, err := alertFilter(q)
	if err != nil {
		return err
	}
	f.After = 0
	d.Queue = "/alerts?" + filterQuery(f, 0)
	if next, err := u.nextAlert(ctx, as, f, a.ID); err != nil {
		return err
	} else if next > 0 {
		d.Next = "/alerts/" + strconv.FormatInt(next, 10) + "?" + filterQuery(f, 0)
	}
	if d.Case, err = u.caseOf(r, rq, a.ID); err != nil {
		return err
	}
	if d.Case != nil && tweak != nil {
		tweak(d.Case)
	}
	u.render(w, r, rq, status, "alert.html", "Alert "+strconv.FormatInt(a.ID, 10)+": "+a.PartyName, d)
	return nil
}

// listedChanges are the fields of the listed record that changed from old
// to cur, each with its values before and after as delta renders them
// (the watches' diffs show them alike), and whether any is material.
func listedChanges(old, cur *tripline.Entity) ([]fieldChange, bool) {
	ch, changed := delta.Diff(old, cur)
	if !changed {
		return nil, false
	}
	out := make([]fieldChange, 0, len(ch.Fields))
	for _, f := range ch.Fields {
		out = append(out, diffValues(strings.ReplaceAll(f, "_", " "), tripline.FieldDiff{Old: delta.Values(old, f), New: delta.Values(cur, f)}))
	}
	return out, ch.Material
}

// nextAlert is the id of the alert after id in the queue f, 0 at its end.
func (u *UI) nextAlert(ctx context.Context, as tripline.AlertStore, f tripline.AlertFilter, id int64) (int64, error) {
	f.After, f.Limit = id, 1
	next, err := as.Alerts(ctx, f)
	if err != nil || len(next) == 0 {
		return 0, err
	}
	return next[0].ID, nil
}

// compareRecords lines the party up with the listed record: name (the
// words the explanation paired marked), type, country, birth date,
// identifiers.
func compareRecords(a tripline.Alert, p *tripline.BookParty, e *tripline.Entity) []compareRow {
	party := tripline.BookParty{ID: a.PartyID, Name: a.PartyName}
	if p != nil {
		party = *p
	}
	matchedQ, matchedL := map[string]bool{}, map[string]bool{}
	if a.Explanation != nil {
		for _, pm := range a.Explanation.Parts {
			if pm.Listed != "" && pm.How != "unmatched" {
				for _, w := range strings.Fields(names.Normalize(pm.Query)) {
					matchedQ[w] = true
				}
				for _, w := range strings.Fields(names.Normalize(pm.Listed)) {
					matchedL[w] = true
				}
			}
		}
	}
	var rows []compareRow
	// names
	nameRow := compareRow{Field: "name", Party: []markedText{markWords(party.Name, matchedQ)}}
	matchedName := a.EntityName
	if e != nil {
		for _, n := range e.Names {
			mt := markWords(n.Full, matchedL)
			mt.Note = string(n.Kind)
			nameRow.Listed = append(nameRow.Listed, mt)
		}
	} else {
		nameRow.Listed = []markedText{markWords(matchedName, matchedL)}
	}
	switch {
	case a.Explanation != nil && a.Explanation.NameScore >= 0.999:
		nameRow.Verdict = "same"
	case a.Explanation != nil && a.Explanation.NameScore >= 0.85:
		nameRow.Verdict = "close"
	default:
		nameRow.Verdict = "differs"
	}
	rows = append(rows, nameRow)
	if e == nil {
		return rows
	}
	plain := func(vs ...string) []markedText {
		var out []markedText
		for _, v := range vs {
			if v != "" {
				out = append(out, markedText{Parts: []textPart{{Text: v}}})
			}
		}
		return out
	}
	// type
	typ := compareRow{Field: "type", Party: plain(party.Type), Listed: plain(string(e.Schema))}
	if party.Type != "" {
		if queryType(e.Schema) == strings.ToLower(party.Type) || (party.Type == "organization" && e.Schema == tripline.SchemaLegalEntity) {
			typ.Verdict = "same"
		} else {
			typ.Verdict = "differs"
		}
	}
	rows = append(rows, typ)
	// country
	cs := entityCountries(e)
	country := compareRow{Field: "country", Party: plain(party.Country), Listed: plain(cs...)}
	country.Verdict = verdict(party.Country != "", len(cs) > 0, slices.Contains(cs, strings.ToUpper(party.Country)))
	rows = append(rows, country)
	// birth date
	if party.BirthDate != "" || len(e.BirthDates) > 0 {
		same := false
		for _, b := range e.BirthDates {
			if party.BirthDate != "" && (strings.HasPrefix(b, party.BirthDate) || strings.HasPrefix(party.BirthDate, b)) {
				same = true
			}
		}
		rows = append(rows, compareRow{Field: "birth date", Party: plain(party.BirthDate), Listed: plain(e.BirthDates...),
			Verdict: verdict(party.BirthDate != "", len(e.BirthDates) > 0, same)})
	}
	// identifiers
	if len(party.Identifiers) > 0 || len(e.Identifiers) > 0 {
		norm := func(s string) string { return strings.ToUpper(strings.Map(alnum, s)) }
		listed := map[string]bool{}
		var lv []markedText
		for _, id := range e.Identifiers {
			listed[norm(id.Value)] = true
		}
		same := false
		var pv []markedText
		pids := map[string]bool{}
		for _, id := range party.Identifiers {
			m := listed[norm(id.Value)]
			same = same || m
			pids[norm(id.Value)] = true
			pv = append(pv, markedText{Parts: []textPart{{Text: id.Value, Matched: m}}, Note: id.Type})
		}
		for _, id := range e.Identifiers {
			lv = append(lv, markedText{Parts: []textPart{{Text: id.Value, Matched: pids[norm(id.Value)]}}, Note: id.Type})
		}
		rows = append(rows, compareRow{Field: "identifiers", Party: pv, Listed: lv, Verdict: verdict(len(pv) > 0, len(lv) > 0, same)})
	}
	if len(e.Programs) > 0 {
		rows = append(rows, compareRow{Field: "programmes", Listed: plain(strings.Join(e.Programs, ", "))})
	}
	return rows
}

func alnum(r rune) rune {
	if r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r > 127 {
		return r
	}
	return -1
}

func verdict(party, listed, same bool) string {
	switch {
	case party && listed && same:
		return "same"
	case party && listed:
		return "differs"
	case party:
		return "party_only"
	case listed:
		return "listed_only"
	}
	return ""
}

// markWords splits s into words and marks those whose folded form is in
// matched.
func markWords(s string, matched map[string]bool) markedText {
	var mt markedText
	for i, w := range strings.Fields(s) {
		if i > 0 {
			mt.Parts = append(mt.Parts, textPart{Text: " "})
		}
		m := false
		for _, k := range strings.Fields(names.Normalize(w)) {
			m = m || matched[k]
		}
		mt.Parts = append(mt.Parts, textPart{Text: w, Matched: m})
	}
	return mt
}

// alertTrail is what the alert's own record says happened to it.
func alertTrail(a tripline.Alert) []trailRow {
	at := func(t interface{ Format(string) string }) string { return t.Format("2006-01-02 15:04:05 UTC") }
	rows := []trailRow{{At: at(a.CreatedAt.UTC()), What: "raised (" + strings.ReplaceAll(a.Reason, "_", " ") + ") by the monitor from snapshot " + strconv.FormatInt(a.SnapshotID, 10) + " of " + a.Source + ", matcher " + a.MatcherVersion}}
	if !a.UpdatedAt.Equal(a.CreatedAt) && (a.ClosedAt == nil || !a.UpdatedAt.Equal(*a.ClosedAt)) {
		rows = append(rows, trailRow{At: at(a.UpdatedAt.UTC()), What: "new evidence: priority " + strconv.Itoa(a.Priority) + ", score " + strconv.FormatFloat(a.Score, 'f', 3, 64)})
	}
	if a.ClosedAt != nil {
		what := "closed"
		if a.Resolution != "" {
			what += ": " + strings.ReplaceAll(a.Resolution, "_", " ")
		}
		rows = append(rows, trailRow{At: at(a.ClosedAt.UTC()), What: what})
	}
	return rows
}
