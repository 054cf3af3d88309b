package webui

import (
	"context"
	"net/http"
	"net/url"
	"sort"
	"strings"

	"github.com/tripline/tripline"
	"github.com/tripline/tripline/delta"
)

// The entity page: a listed entity's record (names by script,
// identifiers, programmes, addresses, links), its other records across
// the lists (found by screening its names and identifiers), what changed
// in it snapshot by snapshot (delta.Diff), and its network. A network id
// (company:c1, phone:…) shows the node's risk, paths and neighbourhood.

const maxHistory = 60

type entityData struct {
	ID       string
	Entity   *tripline.Entity
	Snapshot *tripline.Snapshot
	// Removed is set when the entity is in no current snapshot: the page
	// shows the last version found, from this snapshot.
	Removed    *tripline.Snapshot
	NameGroups []nameGroup
	Links      []linkView
	Properties []property
	Others     []otherRecord
	History    []historyRow
	Network    *graphData
	NetworkMsg string
	// Node is set for a network id: the node's kind and label.
	Node *tripline.NetworkNode
	Risk *tripline.NetworkRisk
}

type nameGroup struct {
	Script string
	Names  []tripline.Name
}

type linkView struct {
	Type, Name, URL string
	Share           float64
}

type property struct {
	Key    string
	Values []string
}

type otherRecord struct {
	tripline.Match
	ByIdentifier bool
}

type historyRow struct {
	Snapshot tripline.Snapshot
	// Event is listed, changed, unchanged or removed.
	Event    string
	Fields   []string
	Material bool
}

// scriptNames are the ISO 15924 codes sources use, in words.
var scriptNames = map[string]string{
	"": "Latin", "Latn": "Latin", "Arab": "Arabic", "Cyrl": "Cyrillic", "Hani": "Chinese (Han)", "Hans": "Chinese (simplified)",
	"Hant": "Chinese (traditional)", "Hang": "Korean (Hangul)", "Kore": "Korean", "Jpan": "Japanese", "Grek": "Greek",
	"Hebr": "Hebrew", "Thai": "Thai", "Deva": "Devanagari", "Geor": "Georgian", "Armn": "Armenian", "Ethi": "Ethiopic",
}

func scriptName(code string) string {
	if n, ok := scriptNames[code]; ok {
		return n
	}
	return code
}

func (u *UI) entityPage(w http.ResponseWriter, r *http.Request, rq *request) error {
	id := r.PathValue("id")
	if rest, ok := strings.CutPrefix(id, "listed:"); ok {
		http.Redirect(w, r, "/entities/"+url.PathEscape(rest)+"?"+r.URL.RawQuery, http.StatusSeeOther)
		return nil
	}
	ctx := r.Context()
	d := entityData{ID: id}
	if isNetworkID(id) {
		return u.networkPage(w, r, rq, &d)
	}
	if !strings.Contains(id, ":") {
		return tripline.Errorf(tripline.KindInvalid, "an entity id looks like SOURCE:NATIVE_ID (e.g. ofac-sdn:12345), not %q", id)
	}
	e, err := u.store.Entity(ctx, id, 0)
	if err != nil && tripline.ErrorKind(err) != tripline.KindNotFound {
		return err
	}
	source, _, _ := strings.Cut(id, ":")
	snaps, serr := u.store.Snapshots(ctx, source)
	if serr != nil && tripline.ErrorKind(serr) != tripline.KindNotFound {
		return serr
	}
	if e == nil {
		// delisted: the last version an older snapshot holds
		for i := range snaps {
			if old, err := u.store.Entity(ctx, id, snaps[i].ID); err == nil {
				e, d.Removed = old, &snaps[i]
				break
			}
		}
		if e == nil {
			return tripline.Errorf(tripline.KindNotFound, "no entity %s in any snapshot of %s", id, source)
		}
	}
	d.Entity = e
	for i := range snaps {
		if snaps[i].Current {
			d.Snapshot = &snaps[i]
		}
	}
	d.NameGroups = groupNames(e.Names)
	for _, l := range e.Links {
		lv := linkView{Type: strings.ReplaceAll(l.Type, "_", " "), Name: l.TargetName, Share: l.Share}
		if l.TargetID != "" {
			lv.URL = "/entities/" + url.PathEscape(l.TargetID)
			if lv.Name == "" {
				lv.Name = l.TargetID
				if t, err := u.store.Entity(ctx, l.TargetID, 0); err == nil {
					lv.Name = t.Caption()
				}
			}
		}
		d.Links = append(d.Links, lv)
	}
	for k, vs := range e.Properties {
		d.Properties = append(d.Properties, property{Key: strings.ReplaceAll(k, "_", " "), Values: vs})
	}
	sort.Slice(d.Properties, func(i, j int) bool { return d.Properties[i].Key < d.Properties[j].Key })
	if d.Others, err = u.otherRecords(ctx, e); err != nil {
		return err
	}
	if d.History, err = u.history(ctx, id, snaps); err != nil {
		return err
	}
	if d.Network, d.NetworkMsg, err = u.networkView(ctx, id, r.URL.Query()); err != nil {
		return err
	}
	u.render(w, r, rq, http.StatusOK, "entity.html", e.Caption(), d)
	return nil
}

// networkPage is the page of a network node: its risk and paths (for a
// company of the records) and its neighbourhood.
func (u *UI) networkPage(w http.ResponseWriter, r *http.Request, rq *request, d *entityData) error {
	if u.api.Networks == nil {
		return tripline.Errorf(tripline.KindNotFound, "this server has no network graph")
	}
	var err error
	if d.Network, d.NetworkMsg, err = u.networkView(r.Context(), d.ID, r.URL.Query()); err != nil {
		return err
	}
	if d.Network == nil {
		return tripline.Errorf(tripline.KindNotFound, "%s", strings.TrimSuffix(d.NetworkMsg, "."))
	}
	for _, n := range d.Network.Nodes {
		if n.Center {
			d.Node = &tripline.NetworkNode{ID: n.ID, Kind: n.Kind, Label: n.Label, Holders: n.Holders}
		}
	}
	if c, ok := strings.CutPrefix(d.ID, "company:"); ok {
		rs, err := u.api.Networks.Risk(r.Context(), false, 0)
		if err != nil && tripline.ErrorKind(err) != tripline.KindNotFound {
			return err
		}
		for i := range rs {
			if rs[i].ID == c {
				d.Risk = &rs[i]
			}
		}
	}
	title := d.ID
	if d.Node != nil {
		title = d.Node.Label
	}
	u.render(w, r, rq, http.StatusOK, "entity.html", title, d)
	return nil
}

// groupNames groups names by script, Latin first, each group's primary
// names first.
func groupNames(ns []tripline.Name) []nameGroup {
	var out []nameGroup
	at := map[string]int{}
	for _, n := range ns {
		s := scriptName(n.Script)
		i, ok := at[s]
		if !ok {
			i = len(out)
			at[s] = i
			out = append(out, nameGroup{Script: s})
		}
		out[i].Names = append(out[i].Names, n)
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Script == "Latin" && out[j].Script != "Latin" })
	rank := map[tripline.NameKind]int{tripline.NamePrimary: 0, tripline.NameAlias: 1, tripline.NameWeak: 2}
	for _, g := range out {
		sort.SliceStable(g.Names, func(i, j int) bool { return rank[g.Names[i].Kind] < rank[g.Names[j].Kind] })
	}
	return out
}

// otherRecords screens the entity's primary name (with its type, country,
// birth date and identifiers) and, on their own, its identifiers, and
// returns the records of other sources it finds: the same party as other
// lists write it.
func (u *UI) otherRecords(ctx context.Context, e *tripline.Entity) ([]otherRecord, error) {
	if u.index == nil {
		return nil, nil
	}
	sc, _, err := u.index.Screener()
	if err != nil {
		if tripline.ErrorKind(err) == tripline.KindUnavailable {
			return nil, nil
		}
		return nil, err
	}
	q := tripline.Query{ID: "name", Name: e.Caption(), Type: queryType(e.Schema)}
	if len(e.Countries) > 0 {
		q.Country = e.Countries[0]
	} else if len(e.Nationalities) > 0 {
		q.Country = e.Nationalities[0]
	}
	if len(e.BirthDates) > 0 {
		q.BirthDate = e.BirthDates[0]
	}
	var ids []tripline.Identifier
	for _, id := range e.Identifiers {
		if len(ids) < tripline.MaxIdentifiers && strings.TrimSpace(id.Value) != "" {
			ids = append(ids, tripline.Identifier{Type: id.Type, Value: id.Value, Country: id.Country})
		}
	}
	q.Identifiers = ids
	qs := []tripline.Query{q}
	if len(ids) > 0 {
		qs = append(qs, tripline.Query{ID: "identifiers", Identifiers: ids, Type: q.Type})
	}
	valid := qs[:0]
	for _, q := range qs {
		if q.Validate() == nil {
			valid = append(valid, q)
		}
	}
	if len(valid) == 0 {
		return nil, nil
	}
	res, err := sc.Screen(ctx, valid, tripline.ScreenOptions{Limit: 20})
	if err != nil {
		return nil, err
	}
	best := map[string]int{}
	var out []otherRecord
	for _, rs := range res {
		for _, m := range rs.Matches {
			if m.ID == e.ID {
				continue
			}
			if i, ok := best[m.ID]; ok {
				if m.Score > out[i].Score {
					out[i].Match = m
				}
				out[i].ByIdentifier = out[i].ByIdentifier || rs.ID == "identifiers"
				continue
			}
			best[m.ID] = len(out)
			out = append(out, otherRecord{Match: m, ByIdentifier: rs.ID == "identifiers"})
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Score > out[j].Score })
	return out, nil
}

func queryType(s tripline.Schema) string {
	switch s {
	case tripline.SchemaPerson:
		return "person"
	case tripline.SchemaOrganization, tripline.SchemaCompany:
		return "organization"
	case tripline.SchemaVessel:
		return "vessel"
	case tripline.SchemaAirplane:
		return "aircraft"
	}
	return ""
}

// history says, for each snapshot of the source (newest first), what
// happened to the entity in it: listed, changed (which fields, material
// or not), unchanged, removed.
func (u *UI) history(ctx context.Context, id string, snaps []tripline.Snapshot) ([]historyRow, error) {
	if len(snaps) > maxHistory {
		snaps = snaps[:maxHistory]
	}
	var rows []historyRow
	var prev *tripline.Entity
	for i := len(snaps) - 1; i >= 0; i-- {
		e, err := u.store.Entity(ctx, id, snaps[i].ID)
		if err != nil {
			if tripline.ErrorKind(err) != tripline.KindNotFound {
				return nil, err
			}
			e = nil
		}
		row := historyRow{Snapshot: snaps[i]}
		switch {
		case e == nil && prev == nil:
			continue
		case e == nil:
			row.Event = "removed"
		case prev == nil:
			row.Event = "listed"
		default:
			if ch, changed := delta.Diff(prev, e); changed {
				row.Event, row.Fields, row.Material = "changed", ch.Fields, ch.Material
			} else {
				row.Event = "unchanged"
			}
		}
		rows = append(rows, row)
		prev = e
	}
	for i, j := 0, len(rows)-1; i < j; i, j = i+1, j-1 {
		rows[i], rows[j] = rows[j], rows[i]
	}
	return rows, nil
}
