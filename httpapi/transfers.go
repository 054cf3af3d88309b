package httpapi

import (
	"net/http"
	"strconv"

	"github.com/tripline/tripline"
	"github.com/tripline/tripline/goods"
	"github.com/tripline/tripline/transfer"
)

// The arms-transfer endpoints read the store's registers, articles and
// claims (when the store keeps them) and the embedded system catalogue.

var errNoTransfers = tripline.Errorf(tripline.KindUnavailable, "this server's store keeps no arms transfers")

func (s *Server) transferStore() (tripline.TransferStore, error) {
	ts, ok := s.Store.(tripline.TransferStore)
	if !ok {
		return nil, errNoTransfers
	}
	return ts, nil
}

func (s *Server) articleStore() (tripline.ArticleStore, error) {
	as, ok := s.Store.(tripline.ArticleStore)
	if !ok {
		return nil, errNoTransfers
	}
	return as, nil
}

// yearParam reads a year (or a date, for its year).
func yearParam(v string) (int, error) {
	if v == "" {
		return 0, nil
	}
	y, err := strconv.Atoi(v[:min(4, len(v))])
	if err != nil || y < 1900 || y > 2200 || (len(v) > 4 && v[4] != '-') {
		return 0, tripline.Errorf(tripline.KindInvalid, "expected a year (2020) or a date (2020-05-01), got %q", v)
	}
	return y, nil
}

func transferFilter(r *http.Request) (tripline.TransferFilter, error) {
	q := r.URL.Query()
	f := tripline.TransferFilter{Supplier: q.Get("supplier"), Recipient: q.Get("recipient"), Source: q.Get("source"), Systems: transfer.MustDefault().FilterValues(q.Get("system"))}
	var err error
	if f.Since, err = yearParam(q.Get("since")); err != nil {
		return f, err
	}
	if f.Until, err = yearParam(q.Get("until")); err != nil {
		return f, err
	}
	if f.Limit, err = intParam(q.Get("limit"), 100); err != nil {
		return f, err
	}
	if f.Offset, err = intParam(q.Get("offset"), 0); err != nil {
		return f, err
	}
	if f.Limit < 1 || f.Limit > 5000 || f.Offset < 0 {
		return f, tripline.Errorf(tripline.KindInvalid, "limit must be 1 to 5000 and offset 0 or more")
	}
	return f, nil
}

// transfers answers GET /v1/transfers: a page of deals, or with
// aggregate=dyad the deliveries of every supplier → recipient pair by
// year, for a map of flows.
func (s *Server) transfers(w http.ResponseWriter, r *http.Request) error {
	st, err := s.transferStore()
	if err != nil {
		return err
	}
	f, err := transferFilter(r)
	if err != nil {
		return err
	}
	switch agg := r.URL.Query().Get("aggregate"); agg {
	case "":
	case "dyad":
		dy, err := st.Deliveries(r.Context(), f)
		if err != nil {
			return err
		}
		return writeJSON(w, http.StatusOK, map[string]any{"dyads": transfer.Dyads(dy)})
	default:
		return tripline.Errorf(tripline.KindInvalid, "aggregate %q is not known (want dyad)", agg)
	}
	ts, total, err := st.Transfers(r.Context(), f)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, map[string]any{"transfers": ts, "total": total, "limit": f.Limit, "offset": f.Offset})
}

func (s *Server) transferOne(w http.ResponseWriter, r *http.Request) error {
	st, err := s.transferStore()
	if err != nil {
		return err
	}
	t, err := st.Transfer(r.Context(), r.PathValue("id"))
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, t)
}

func (s *Server) systems(w http.ResponseWriter, r *http.Request) error {
	return writeJSON(w, http.StatusOK, map[string]any{"systems": transfer.MustDefault().Systems()})
}

// systemPage answers GET /v1/systems/{id}: an id or a designation (a
// homonym is a 409 naming the systems).
func (s *Server) systemPage(w http.ResponseWriter, r *http.Request) error {
	c := transfer.MustDefault()
	sys, err := c.System(r.PathValue("id"))
	if err != nil {
		return err
	}
	src := transfer.PageSources{Lists: s.Store}
	src.Transfers, _ = s.Store.(tripline.TransferStore)
	src.Articles, _ = s.Store.(tripline.ArticleStore)
	if g, err := goods.Default(); err == nil {
		src.Goods = g
	}
	if s.Index != nil {
		if sc, _, err := s.Index.Screener(); err == nil {
			src.Screener = sc
		}
	}
	p, err := c.Page(r.Context(), sys, src)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, p)
}

func (s *Server) articles(w http.ResponseWriter, r *http.Request) error {
	st, err := s.articleStore()
	if err != nil {
		return err
	}
	q := r.URL.Query()
	f := tripline.ArticleFilter{Entity: q.Get("entity"), Country: q.Get("country")}
	if v := q.Get("system"); v != "" {
		f.System = v
		if sys, err := transfer.MustDefault().System(v); err == nil {
			f.System = sys.ID
		}
	}
	if v := q.Get("originals"); v != "" {
		if f.Originals, err = strconv.ParseBool(v); err != nil {
			return tripline.Errorf(tripline.KindInvalid, "originals must be true or false")
		}
	}
	if f.Limit, err = intParam(q.Get("limit"), 50); err != nil {
		return err
	}
	if f.Offset, err = intParam(q.Get("offset"), 0); err != nil {
		return err
	}
	if f.Limit < 1 || f.Limit > 1000 || f.Offset < 0 {
		return tripline.Errorf(tripline.KindInvalid, "limit must be 1 to 1000 and offset 0 or more")
	}
	as, total, err := st.Articles(r.Context(), f)
	if err != nil {
		return err
	}
	for i := range as {
		as[i].Signature = nil
	}
	return writeJSON(w, http.StatusOK, map[string]any{"articles": as, "total": total, "limit": f.Limit, "offset": f.Offset})
}

// article answers GET /v1/articles/{id}: the article with its stored
// text, every extraction's offsets counting characters of that text.
func (s *Server) article(w http.ResponseWriter, r *http.Request) error {
	st, err := s.articleStore()
	if err != nil {
		return err
	}
	a, err := st.Article(r.Context(), r.PathValue("id"))
	if err != nil {
		return err
	}
	a.Signature = nil
	return writeJSON(w, http.StatusOK, a)
}

func (s *Server) claims(w http.ResponseWriter, r *http.Request) error {
	st, err := s.articleStore()
	if err != nil {
		return err
	}
	q := r.URL.Query()
	f := tripline.ClaimFilter{Supplier: q.Get("supplier"), Recipient: q.Get("recipient"), Systems: transfer.MustDefault().FilterValues(q.Get("system")), Article: q.Get("article")}
	if f.Limit, err = intParam(q.Get("limit"), 100); err != nil {
		return err
	}
	if f.Limit < 1 || f.Limit > 1000 {
		return tripline.Errorf(tripline.KindInvalid, "limit must be 1 to 1000")
	}
	cs, err := st.Claims(r.Context(), f)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, map[string]any{"claims": cs})
}
