package webui

import (
	"context"
	"net/http"
	"strconv"

	"github.com/tripline/tripline"
	"github.com/tripline/tripline/delta"
)

// The sources: each list with its current snapshot (and the one the
// index answers from), its history of snapshots, the delta between any
// two (delta.Compare, as `tripline diff` shows it), and the import audit
// trail, rejected imports included.

const (
	auditShown = 200
	deltaShown = 300
)

type sourcesData struct {
	Sources []sourceRow
	Imports []tripline.ImportRecord
	Audit   bool
}

type sourceRow struct {
	tripline.Snapshot
	// Loaded is the snapshot the screening index answers from.
	Loaded int64
}

func (u *UI) sourcesPage(w http.ResponseWriter, r *http.Request, rq *request) error {
	ctx := r.Context()
	snaps, err := u.store.CurrentSnapshots(ctx)
	if err != nil {
		return err
	}
	var loaded map[string]int64
	if u.index != nil {
		_, loaded, _ = u.index.Screener()
	}
	d := sourcesData{}
	for _, s := range snaps {
		d.Sources = append(d.Sources, sourceRow{Snapshot: s, Loaded: loaded[s.Source]})
	}
	if al, ok := u.store.(tripline.AuditLog); ok {
		d.Audit = true
		if d.Imports, err = al.Imports(ctx, 50); err != nil {
			return err
		}
	}
	u.render(w, r, rq, http.StatusOK, "sources.html", "Sources", d)
	return nil
}

type sourceData struct {
	Source    string
	Snapshots []snapRow
	Imports   []tripline.ImportRecord
	Audit     bool
}

type snapRow struct {
	tripline.Snapshot
	// Prev is the snapshot imported before it, 0 for the first.
	Prev int64
}

func (u *UI) sourcePage(w http.ResponseWriter, r *http.Request, rq *request) error {
	ctx := r.Context()
	src := r.PathValue("source")
	snaps, err := u.store.Snapshots(ctx, src)
	if err != nil {
		return err
	}
	if len(snaps) == 0 {
		return tripline.Errorf(tripline.KindNotFound, "no source %q has been imported (see the sources page)", src)
	}
	d := sourceData{Source: src}
	for i, s := range snaps {
		row := snapRow{Snapshot: s}
		if i+1 < len(snaps) {
			row.Prev = snaps[i+1].ID
		}
		d.Snapshots = append(d.Snapshots, row)
	}
	if al, ok := u.store.(tripline.AuditLog); ok {
		d.Audit = true
		all, err := al.Imports(ctx, 0)
		if err != nil {
			return err
		}
		for _, im := range all {
			if im.Source == src && len(d.Imports) < auditShown {
				d.Imports = append(d.Imports, im)
			}
		}
	}
	u.render(w, r, rq, http.StatusOK, "source.html", src+" – source", d)
	return nil
}

type deltaData struct {
	Source      string
	From, To    tripline.Snapshot
	Counts      delta.Counts
	Material    bool
	Added       []deltaEntity
	Removed     []deltaEntity
	Changed     []deltaChange
	MoreAdded   int
	MoreRemoved int
	MoreChanged int
	FilesDiffer bool
}

type deltaEntity struct {
	ID, Name string
}

type deltaChange struct {
	delta.Change
	Name string
}

func (u *UI) deltaPage(w http.ResponseWriter, r *http.Request, rq *request) error {
	ctx := r.Context()
	src := r.PathValue("source")
	snaps, err := u.store.Snapshots(ctx, src)
	if err != nil {
		return err
	}
	if len(snaps) < 2 {
		return tripline.Errorf(tripline.KindNotFound, "%s has fewer than two snapshots: nothing to compare", src)
	}
	q := r.URL.Query()
	find := func(param string, def int) (tripline.Snapshot, error) {
		v := q.Get(param)
		if v == "" {
			return snaps[def], nil
		}
		id, err := strconv.ParseInt(v, 10, 64)
		if err == nil {
			for _, s := range snaps {
				if s.ID == id {
					return s, nil
				}
			}
		}
		return tripline.Snapshot{}, tripline.Errorf(tripline.KindNotFound, "%s has no snapshot %q", src, v)
	}
	to, err := find("to", 0)
	if err != nil {
		return err
	}
	def := 1
	for i, s := range snaps {
		if s.ID == to.ID && i+1 < len(snaps) {
			def = i + 1
		}
	}
	from, err := find("from", def)
	if err != nil {
		return err
	}
	olds, err := u.snapshotEntities(ctx, from.ID)
	if err != nil {
		return err
	}
	news, err := u.snapshotEntities(ctx, to.ID)
	if err != nil {
		return err
	}
	dl := delta.Compare(olds, news)
	d := deltaData{Source: src, From: from, To: to, Counts: dl.Counts(), Material: q.Get("material") == "1"}
	if d.Material {
		dl = dl.MaterialOnly()
	}
	names := map[string]string{}
	for _, e := range olds {
		names[e.ID] = e.Caption()
	}
	for _, e := range news {
		names[e.ID] = e.Caption()
	}
	for _, id := range dl.Added {
		if len(d.Added) == deltaShown {
			d.MoreAdded++
			continue
		}
		d.Added = append(d.Added, deltaEntity{ID: id, Name: names[id]})
	}
	for _, id := range dl.Removed {
		if len(d.Removed) == deltaShown {
			d.MoreRemoved++
			continue
		}
		d.Removed = append(d.Removed, deltaEntity{ID: id, Name: names[id]})
	}
	for _, ch := range dl.Changed {
		if len(d.Changed) == deltaShown {
			d.MoreChanged++
			continue
		}
		d.Changed = append(d.Changed, deltaChange{Change: ch, Name: names[ch.ID]})
	}
	d.FilesDiffer = len(from.Files) != len(to.Files)
	u.render(w, r, rq, http.StatusOK, "delta.html", src+" delta", d)
	return nil
}

func (u *UI) snapshotEntities(ctx context.Context, id int64) ([]*tripline.Entity, error) {
	var out []*tripline.Entity
	err := u.store.EachEntity(ctx, tripline.EntityFilter{SnapshotID: id}, func(e *tripline.Entity) error {
		out = append(out, e)
		return nil
	})
	return out, err
}
