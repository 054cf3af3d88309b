package webui

import (
	"errors"
	"net/http"
	"sort"
	"strconv"
	"strings"

	"github.com/tripline/tripline"
	"github.com/tripline/tripline/monitor"
)

// Watches (the monitor's, /v1/watches): standing questions about the
// lists — a listed entity, a name, a programme, a country — each firing
// once per material change of a listed record that concerns it. The page
// lists them with their latest firings, adds one and removes one (an
// analyst's write, as POST and DELETE /v1/watches are); a watch's page
// shows its firings with each changed field old → new.

func (u *UI) watchStore() (tripline.WatchStore, error) {
	ws, ok := u.store.(tripline.WatchStore)
	if !ok {
		return nil, tripline.Errorf(tripline.KindNotFound, "this server's store keeps no watches")
	}
	return ws, nil
}

type watchRow struct {
	tripline.Watch
	Fires int
	Last  *tripline.WatchFire
}

type watchesData struct {
	Watches []watchRow
	Kinds   []string
	Recent  []tripline.WatchFire
	// Names are the watches' descriptions by id, for the recent firings.
	Names map[int64]string
	// Form is what was sent when adding failed, and why.
	Form  tripline.Watch
	Error string
	// Sources are the lists a watch may be narrowed to.
	Sources []string
}

const watchFiresShown = 200

func (u *UI) watchesPage(w http.ResponseWriter, r *http.Request, rq *request) error {
	return u.renderWatches(w, r, rq, http.StatusOK, tripline.Watch{Kind: tripline.WatchName}, "")
}

func (u *UI) renderWatches(w http.ResponseWriter, r *http.Request, rq *request, status int, form tripline.Watch, msg string) error {
	ws, err := u.watchStore()
	if err != nil {
		return err
	}
	list, err := ws.Watches(r.Context())
	if err != nil {
		return err
	}
	fires, err := ws.WatchFires(r.Context(), 0, 1000)
	if err != nil {
		return err
	}
	d := watchesData{Kinds: tripline.WatchKinds(), Names: map[int64]string{}, Form: form, Error: msg}
	count := map[int64]int{}
	last := map[int64]*tripline.WatchFire{}
	for i := range fires {
		f := &fires[i]
		count[f.WatchID]++
		if last[f.WatchID] == nil {
			last[f.WatchID] = f
		}
	}
	for _, wt := range list {
		d.Watches = append(d.Watches, watchRow{Watch: wt, Fires: count[wt.ID], Last: last[wt.ID]})
		d.Names[wt.ID] = describeWatch(wt)
	}
	if len(fires) > 20 {
		fires = fires[:20]
	}
	d.Recent = fires
	if snaps, err := u.store.CurrentSnapshots(r.Context()); err == nil {
		for _, s := range snaps {
			d.Sources = append(d.Sources, s.Source)
		}
		sort.Strings(d.Sources)
	}
	u.render(w, r, rq, status, "watches.html", "Watches", d)
	return nil
}

func describeWatch(w tripline.Watch) string {
	s := w.Kind + " " + w.Value
	if w.Label != "" {
		s = w.Label + " (" + s + ")"
	}
	return s
}

// watchAdd adds the watch of the form; a watch that does not validate
// shows the page again with the form as sent and the reason.
func (u *UI) watchAdd(w http.ResponseWriter, r *http.Request, rq *request) error {
	ws, err := u.watchStore()
	if err != nil {
		return err
	}
	if err := r.ParseForm(); err != nil {
		return tripline.Errorf(tripline.KindInvalid, "cannot read the form")
	}
	wt := tripline.Watch{Kind: r.PostForm.Get("kind"), Value: r.PostForm.Get("value"), Label: strings.TrimSpace(r.PostForm.Get("label"))}
	for _, s := range r.PostForm["source"] {
		if s = strings.TrimSpace(s); s != "" {
			wt.Sources = append(wt.Sources, s)
		}
	}
	if v := strings.TrimSpace(r.PostForm.Get("threshold")); v != "" {
		f, err := strconv.ParseFloat(v, 64)
		if err != nil {
			return u.renderWatches(w, r, rq, http.StatusBadRequest, wt, "the threshold must be a number between 0 and 1")
		}
		wt.Threshold = f
	}
	// the same checks as POST /v1/watches: the kind's value resolved
	// (a system's designations, a producer), a company watch started
	// from the company's current risk
	refused := func(err error) error {
		var te *tripline.Error
		if errors.As(err, &te) && (te.Kind == tripline.KindInvalid || te.Kind == tripline.KindTooLarge || te.Kind == tripline.KindConflict) {
			return u.renderWatches(w, r, rq, http.StatusBadRequest, wt, te.Msg)
		}
		return err
	}
	if _, err := monitor.CheckWatch(&wt, nil); err != nil {
		return refused(err)
	}
	added, err := ws.AddWatch(r.Context(), wt)
	if err != nil {
		return refused(err)
	}
	if added.Kind == tripline.WatchNetworkCompany {
		es, ok1 := ws.(tripline.WatchEvalStore)
		ns, ok2 := u.store.(tripline.NetworkStore)
		if ok1 && ok2 && u.api.Networks != nil {
			e := &monitor.Evaluator{Store: es, Lists: u.store, Records: ns, Network: u.api.Networks}
			if err := e.Baseline(r.Context(), added); err != nil {
				return err
			}
		}
	}
	u.logger.Info("watch added", "id", rq.ID, "watch", added.ID, "kind", added.Kind, "principal", rq.Principal.Name)
	http.Redirect(w, r, "/watches/"+strconv.FormatInt(added.ID, 10), http.StatusSeeOther)
	return nil
}

func (u *UI) watchDelete(w http.ResponseWriter, r *http.Request, rq *request) error {
	ws, err := u.watchStore()
	if err != nil {
		return err
	}
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		return tripline.Errorf(tripline.KindNotFound, "no watch %q", r.PathValue("id"))
	}
	if err := ws.DeleteWatch(r.Context(), id); err != nil {
		return err
	}
	u.logger.Info("watch removed", "id", rq.ID, "watch", id, "principal", rq.Principal.Name)
	http.Redirect(w, r, "/watches", http.StatusSeeOther)
	return nil
}

type watchData struct {
	Watch tripline.Watch
	Fires []fireView
	More  bool
}

type fireView struct {
	tripline.WatchFire
	Fields []fieldChange
}

// fieldChange is one field's values before and after, each marked when
// it is not on the other side.
type fieldChange struct {
	Field    string
	Old, New []diffValue
}

type diffValue struct {
	Text string
	// Changed: removed (on the old side) or added (on the new side).
	Changed bool
}

func diffValues(field string, d tripline.FieldDiff) fieldChange {
	in := func(xs []string) map[string]bool {
		m := map[string]bool{}
		for _, x := range xs {
			m[x] = true
		}
		return m
	}
	oldSet, newSet := in(d.Old), in(d.New)
	fc := fieldChange{Field: field}
	for _, v := range d.Old {
		fc.Old = append(fc.Old, diffValue{v, !newSet[v]})
	}
	for _, v := range d.New {
		fc.New = append(fc.New, diffValue{v, !oldSet[v]})
	}
	return fc
}

func (u *UI) watchPage(w http.ResponseWriter, r *http.Request, rq *request) error {
	ws, err := u.watchStore()
	if err != nil {
		return err
	}
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		return tripline.Errorf(tripline.KindNotFound, "no watch %q", r.PathValue("id"))
	}
	list, err := ws.Watches(r.Context())
	if err != nil {
		return err
	}
	d := watchData{}
	found := false
	for _, wt := range list {
		if wt.ID == id {
			d.Watch, found = wt, true
		}
	}
	if !found {
		return tripline.Errorf(tripline.KindNotFound, "no watch %d (it may have been removed)", id)
	}
	fires, err := ws.WatchFires(r.Context(), id, watchFiresShown+1)
	if err != nil {
		return err
	}
	if len(fires) > watchFiresShown {
		fires, d.More = fires[:watchFiresShown], true
	}
	for _, f := range fires {
		fv := fireView{WatchFire: f}
		for k, v := range f.Diff {
			fv.Fields = append(fv.Fields, diffValues(k, v))
		}
		sort.Slice(fv.Fields, func(i, j int) bool { return fv.Fields[i].Field < fv.Fields[j].Field })
		d.Fires = append(d.Fires, fv)
	}
	u.render(w, r, rq, http.StatusOK, "watch.html", describeWatch(d.Watch), d)
	return nil
}
