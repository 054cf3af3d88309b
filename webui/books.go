package webui

import (
	"context"
	"errors"
	"net/http"
	"sort"

	"github.com/tripline/tripline"
)

// Books (the monitor's): the monitored sets of parties, each rescreened
// on every new snapshot. The page lists them with their alerts by status;
// a book's page shows the snapshots its matches reflect, its passes (the
// rescreens, what each screened and raised) and its parties, a page at a
// time in id order, each with its open alerts.

const bookPartiesShown = 100

func (u *UI) bookStore() (tripline.BookStore, error) {
	bs, ok := u.store.(tripline.BookStore)
	if !ok {
		return nil, tripline.Errorf(tripline.KindNotFound, "this server's store keeps no books")
	}
	return bs, nil
}

// alertCounter is the stores' count of alerts by book and status (the
// metrics read it too).
type alertCounter interface {
	AlertCounts(ctx context.Context) ([]tripline.AlertCount, error)
}

type bookRow struct {
	tripline.Book
	// Alerts counts the book's alerts by status.
	Alerts map[string]int64
}

type booksData struct {
	Books    []bookRow
	Statuses []string
}

func (u *UI) alertCounts(ctx context.Context) (map[string]map[string]int64, error) {
	out := map[string]map[string]int64{}
	ac, ok := u.store.(alertCounter)
	if !ok {
		return out, nil
	}
	counts, err := ac.AlertCounts(ctx)
	if err != nil {
		return nil, err
	}
	for _, c := range counts {
		if out[c.Book] == nil {
			out[c.Book] = map[string]int64{}
		}
		out[c.Book][c.Status] += c.N
	}
	return out, nil
}

func (u *UI) booksPage(w http.ResponseWriter, r *http.Request, rq *request) error {
	bs, err := u.bookStore()
	if err != nil {
		return err
	}
	books, err := bs.Books(r.Context())
	if err != nil {
		return err
	}
	counts, err := u.alertCounts(r.Context())
	if err != nil {
		return err
	}
	d := booksData{Statuses: alertStatuses[1:]}
	for _, b := range books {
		d.Books = append(d.Books, bookRow{Book: b, Alerts: counts[b.Name]})
	}
	u.render(w, r, rq, http.StatusOK, "books.html", "Books", d)
	return nil
}

type partyRow struct {
	tripline.BookParty
	Matched bool
	Open    []tripline.Alert
}

type bookData struct {
	Book      tripline.Book
	Alerts    map[string]int64
	Statuses  []string
	Snapshots []snapshotRef
	Passes    []tripline.Pass
	Parties   []partyRow
	// After is the id the page starts after; Next the next page's cursor.
	After, Next string
	Matched     int
}

type snapshotRef struct {
	Source string
	ID     int64
}

var errPageFull = errors.New("page full")

func (u *UI) bookPage(w http.ResponseWriter, r *http.Request, rq *request) error {
	bs, err := u.bookStore()
	if err != nil {
		return err
	}
	ctx := r.Context()
	b, err := bs.Book(ctx, r.PathValue("name"))
	if err != nil {
		return err
	}
	d := bookData{Book: b, Statuses: alertStatuses[1:], After: r.URL.Query().Get("after")}
	counts, err := u.alertCounts(ctx)
	if err != nil {
		return err
	}
	d.Alerts = counts[b.Name]
	for src, id := range b.Snapshots {
		d.Snapshots = append(d.Snapshots, snapshotRef{src, id})
	}
	sort.Slice(d.Snapshots, func(i, j int) bool { return d.Snapshots[i].Source < d.Snapshots[j].Source })
	// the parties of this page, in id order after the cursor
	err = bs.EachParty(ctx, b.Name, func(p tripline.BookParty) error {
		if d.After != "" && p.ID <= d.After {
			return nil
		}
		if len(d.Parties) == bookPartiesShown {
			d.Next = d.Parties[len(d.Parties)-1].ID
			return errPageFull
		}
		d.Parties = append(d.Parties, partyRow{BookParty: p})
		return nil
	})
	if err != nil && !errors.Is(err, errPageFull) {
		return err
	}
	if ms, ok := u.store.(tripline.MonitorStore); ok {
		matched, err := ms.MatchedParties(ctx, b.Name)
		if err != nil {
			return err
		}
		d.Matched = len(matched)
		set := map[string]bool{}
		for _, id := range matched {
			set[id] = true
		}
		ids := make([]string, len(d.Parties))
		for i := range d.Parties {
			ids[i] = d.Parties[i].ID
			d.Parties[i].Matched = set[d.Parties[i].ID]
		}
		if len(ids) > 0 {
			open, err := ms.OpenAlerts(ctx, b.Name, ids)
			if err != nil {
				return err
			}
			at := map[string]int{}
			for i, p := range d.Parties {
				at[p.ID] = i
			}
			for _, a := range open {
				if i, ok := at[a.PartyID]; ok {
					d.Parties[i].Open = append(d.Parties[i].Open, a)
				}
			}
		}
		passes, err := ms.Passes(ctx, b.Name, false)
		if err != nil {
			return err
		}
		// the newest first, the last 20
		for i := len(passes) - 1; i >= 0 && len(d.Passes) < 20; i-- {
			d.Passes = append(d.Passes, passes[i])
		}
	}
	u.render(w, r, rq, http.StatusOK, "book.html", "Book "+b.Name, d)
	return nil
}
