// Package webui is Tripline's web interface: server-side pages for the
// analysts who search the lists, open an entity and its network, check an
// order and look at the sources, served by `tripline serve` from the same
// binary beside the JSON API.
//
// Pages are html/template; the stylesheet, the small script and the map
// data are embedded (embed.FS), so a plain `go build` gives a working
// interface that loads nothing from elsewhere. The script only enhances:
// every page works, and has an address that can be bookmarked, without it.
//
// The interface calls the library the API calls — the screening engine
// for search, the checker, the network graph, the stores — never HTTP to
// itself, and signs users in with the API's keys under the API's rule
// (see auth.go).
package webui

import (
	"context"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"log/slog"
	"net/http"
	"path"
	"runtime/debug"
	"strings"
	"time"

	"github.com/tripline/tripline"
	"github.com/tripline/tripline/httpapi"
)

//go:embed templates static
var files embed.FS

// screenerSource is the live screening index (httpapi.Server.Index).
type screenerSource interface {
	Screener() (tripline.Screener, map[string]int64, error)
}

// UI is the web interface; it is an http.Handler for every path the API
// does not serve (httpapi.Server.UI).
type UI struct {
	api    *httpapi.Server
	store  tripline.Store
	index  screenerSource
	logger *slog.Logger

	mux     *http.ServeMux
	handler http.Handler
	pages   map[string]*template.Template
	assets  map[string]string // name → content hash, for cache busting
	jobs    *jobs
	world   *worldMap
	// deliveries caches the transfer map's rows per register snapshot.
	deliveries deliveryCache
	// Now is the clock (tests set it); nil means time.Now.
	Now func() time.Time
}

// New returns the web interface over the API server's store, index,
// checker, networks and keys. Call it once the server's fields are set.
func New(api *httpapi.Server) (*UI, error) {
	u := &UI{api: api, store: api.Store, logger: api.Logger, assets: map[string]string{}}
	if u.logger == nil {
		u.logger = slog.Default()
	}
	if api.Index != nil {
		u.index = api.Index
	}
	if err := u.loadAssets(); err != nil {
		return nil, err
	}
	var err error
	if err = u.parseTemplates(); err != nil {
		return nil, err
	}
	if u.world, err = loadWorld(); err != nil {
		return nil, err
	}
	u.jobs = newJobs()
	u.routes()
	return u, nil
}

func (u *UI) now() time.Time {
	if u.Now != nil {
		return u.Now()
	}
	return time.Now()
}

// ServeHTTP serves a page, protected against cross-origin form posts.
func (u *UI) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	setSecurityHeaders(w)
	u.handler.ServeHTTP(w, r)
}

// access is who may open a page: at least role (an empty role: anyone the
// API would let read), and whether the page changes state (then it needs
// a signed-in user as soon as any key exists, as the API's writes do).
type access struct {
	role  tripline.Role
	write bool
}

var (
	reader = access{role: tripline.RoleAnalyst}
	// analystWrite is an analyst's change (watches: as POST and DELETE
	// /v1/watches need).
	analystWrite = access{role: tripline.RoleAnalyst, write: true}
	public       = access{}
)

func (u *UI) routes() {
	m := http.NewServeMux()
	handle := func(pattern string, a access, h handlerFunc) { m.Handle(pattern, u.wrap(a, h)) }
	m.HandleFunc("GET /static/{file}", u.static)
	handle("GET /{$}", public, func(w http.ResponseWriter, r *http.Request, rq *request) error {
		http.Redirect(w, r, "/search", http.StatusSeeOther)
		return nil
	})
	handle("GET /signin", public, u.signinPage)
	handle("POST /signin", public, u.signin)
	handle("POST /signout", public, u.signout)
	handle("GET /search", reader, u.searchPage)
	handle("POST /screen", reader, u.screenStart)
	handle("GET /screen/{job}", reader, u.screenJob)
	handle("GET /screen/{job}/status", reader, u.screenStatus)
	handle("GET /screen/{job}/{file}", reader, u.screenResults)
	handle("GET /batch", reader, u.batchList)
	handle("POST /batch", analystWrite, u.batchSubmit)
	handle("GET /batch/{id}", reader, u.batchShow)
	handle("GET /batch/{id}/status", reader, u.batchStatusJSON)
	handle("POST /batch/{id}/cancel", analystWrite, u.batchCancel)
	handle("GET /batch/{id}/{file}", reader, u.batchResults)
	handle("GET /entities/{id}", reader, u.entityPage)
	handle("GET /entities/{id}/{file}", reader, u.graphExport)
	handle("GET /check", reader, u.checkPage)
	handle("POST /check", reader, u.checkSubmit)
	handle("GET /alerts", reader, u.alertsPage)
	handle("GET /alerts/{id}", reader, u.alertPage)
	handle("POST /alerts/{id}/decision", decider, u.alertDecide)
	handle("POST /alerts/{id}/approve", reviewerWrite, u.alertApprove)
	handle("POST /alerts/{id}/reject", reviewerWrite, u.alertReject)
	handle("GET /transfers", reader, u.transfersPage)
	handle("GET /systems", reader, u.systemsPage)
	handle("GET /systems/{id}", reader, u.systemPage)
	handle("GET /articles", reader, u.articlesPage)
	handle("GET /articles/{id}", reader, u.articlePage)
	handle("GET /watches", reader, u.watchesPage)
	handle("POST /watches", analystWrite, u.watchAdd)
	handle("GET /watches/{id}", reader, u.watchPage)
	handle("POST /watches/{id}/delete", analystWrite, u.watchDelete)
	handle("GET /books", reader, u.booksPage)
	handle("GET /books/{name}", reader, u.bookPage)
	handle("GET /sources", reader, u.sourcesPage)
	handle("GET /sources/{source}", reader, u.sourcePage)
	handle("GET /sources/{source}/delta", reader, u.deltaPage)
	handle("/", public, func(w http.ResponseWriter, r *http.Request, rq *request) error {
		return tripline.Errorf(tripline.KindNotFound, "there is no page at %s", r.URL.Path)
	})
	u.mux = m
	u.handler = http.NewCrossOriginProtection().Handler(m)
}

// setSecurityHeaders forbids what the pages never need: scripts, styles
// and images from elsewhere, inline script, framing, sniffing.
func setSecurityHeaders(w http.ResponseWriter) {
	h := w.Header()
	h.Set("Content-Security-Policy", "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("X-Frame-Options", "DENY")
	h.Set("Referrer-Policy", "same-origin")
}

// request is what a handler knows of its request beyond http.Request.
type request struct {
	ID        string
	Principal tripline.Principal
	// SignedIn says the user signed in with a key (else the anonymous
	// user of a loopback server that needs none).
	SignedIn bool
	// CSRF is the token every form of the page carries.
	CSRF string
}

type handlerFunc func(http.ResponseWriter, *http.Request, *request) error

// wrap gives a handler its request: id, principal (or the sign-in page),
// CSRF check of a post, role check, timeout, panic recovery and the error
// page.
func (u *UI) wrap(a access, h handlerFunc) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		rq := &request{ID: newID(8)}
		w.Header().Set("X-Request-Id", rq.ID)
		ctx, cancel := context.WithTimeout(r.Context(), 60*time.Second)
		defer cancel()
		r = r.WithContext(ctx)
		rec := &statusRecorder{ResponseWriter: w}
		err := func() (err error) {
			defer func() {
				if p := recover(); p != nil {
					err = &tripline.Error{Op: "webui", Kind: tripline.KindInternal, Err: fmt.Errorf("panic: %v\n%s", p, debug.Stack())}
				}
			}()
			rq.CSRF = u.csrfToken(rec, r)
			if r.Method == http.MethodPost {
				if err := checkCSRF(r, rq.CSRF); err != nil {
					return err
				}
			}
			if err := u.authenticate(r, rq, a); err != nil {
				return err
			}
			r = r.WithContext(tripline.WithPrincipal(r.Context(), rq.Principal))
			return h(rec, r, rq)
		}()
		if err != nil {
			u.renderError(rec, r, rq, err)
		}
		u.logger.Debug("page", "id", rq.ID, "method", r.Method, "path", r.URL.Path, "status", rec.status, "dur", time.Since(start))
	})
}

type statusRecorder struct {
	http.ResponseWriter
	status int
}

func (r *statusRecorder) WriteHeader(code int) {
	if r.status == 0 {
		r.status = code
	}
	r.ResponseWriter.WriteHeader(code)
}

func (r *statusRecorder) Write(b []byte) (int, error) {
	if r.status == 0 {
		r.status = http.StatusOK
	}
	return r.ResponseWriter.Write(b)
}

// Flush lets streamed downloads reach the client as they are written.
func (r *statusRecorder) Flush() {
	if f, ok := r.ResponseWriter.(http.Flusher); ok {
		f.Flush()
	}
}

// errForbidden is a signed-in user without the role a page needs.
type errForbidden struct{ need tripline.Role }

func (e *errForbidden) Error() string {
	return fmt.Sprintf("this page needs the %s role or above", e.need)
}

// errSignIn sends a user who must sign in to the sign-in page.
type errSignIn struct{ msg string }

func (e *errSignIn) Error() string { return e.msg }

var statusOf = map[tripline.Kind]int{
	tripline.KindInvalid:      http.StatusBadRequest,
	tripline.KindNotFound:     http.StatusNotFound,
	tripline.KindConflict:     http.StatusConflict,
	tripline.KindUnauthorized: http.StatusUnauthorized,
	tripline.KindForbidden:    http.StatusForbidden,
	tripline.KindTooLarge:     http.StatusRequestEntityTooLarge,
	tripline.KindUnavailable:  http.StatusServiceUnavailable,
	tripline.KindInternal:     http.StatusInternalServerError,
}

// errorPage is the data of the error page.
type errorPage struct {
	Status  int
	Heading string
	Message string
}

// renderError shows err as a page: a message safe for users, never the
// cause of an internal error (logged with the request id instead).
func (u *UI) renderError(w *statusRecorder, r *http.Request, rq *request, err error) {
	var si *errSignIn
	if errors.As(err, &si) {
		if r.Method == http.MethodGet && w.status == 0 {
			http.Redirect(w, r, "/signin?next="+template.URLQueryEscaper(r.URL.RequestURI()), http.StatusSeeOther)
			return
		}
		err = tripline.Errorf(tripline.KindUnauthorized, "%s", si.msg)
	}
	if w.status != 0 {
		u.logger.Error("page failed after its headers were sent", "id", rq.ID, "path", r.URL.Path, "err", err)
		return
	}
	p := errorPage{Status: http.StatusInternalServerError}
	var fb *errForbidden
	var mbe *http.MaxBytesError
	switch {
	case errors.As(err, &fb):
		p.Status, p.Heading, p.Message = http.StatusForbidden, "Not allowed", fb.Error()+"; your key has the "+string(rq.Principal.Role)+" role."
	case errors.As(err, &mbe):
		p.Status, p.Heading, p.Message = http.StatusRequestEntityTooLarge, "Too large", fmt.Sprintf("the upload is over the limit of %d bytes", mbe.Limit)
	case errors.Is(err, context.DeadlineExceeded) && tripline.ErrorKind(err) == tripline.KindInternal:
		p.Status, p.Heading, p.Message = http.StatusServiceUnavailable, "Too slow", "the page took too long and was stopped; try a narrower request"
	default:
		kind := tripline.ErrorKind(err)
		if s, ok := statusOf[kind]; ok {
			p.Status = s
		}
		p.Heading = http.StatusText(p.Status)
		if p.Status >= 500 && kind != tripline.KindUnavailable {
			u.logger.Error("page failed", "id", rq.ID, "method", r.Method, "path", r.URL.Path, "err", err)
			p.Message = "internal error; quote request id " + rq.ID + " to the operator"
		} else {
			p.Message = tripline.ErrorMessage(err)
		}
	}
	w.Header().Del("Content-Disposition")
	u.render(w, r, rq, p.Status, "error.html", p.Heading, p)
}

// static serves an embedded asset; a request naming the asset's current
// hash (?v=, as the pages do) may be cached for good.
func (u *UI) static(w http.ResponseWriter, r *http.Request) {
	setSecurityHeaders(w)
	name := r.PathValue("file")
	sum, ok := u.assets[name]
	if !ok {
		http.NotFound(w, r)
		return
	}
	b, _ := files.ReadFile("static/" + name)
	switch path.Ext(name) {
	case ".css":
		w.Header().Set("Content-Type", "text/css; charset=utf-8")
	case ".js":
		w.Header().Set("Content-Type", "text/javascript; charset=utf-8")
	case ".json":
		w.Header().Set("Content-Type", "application/json")
	case ".svg":
		w.Header().Set("Content-Type", "image/svg+xml")
	}
	if r.URL.Query().Get("v") == sum {
		w.Header().Set("Cache-Control", "public, max-age=31536000, immutable")
	} else {
		w.Header().Set("Cache-Control", "no-cache")
	}
	w.Write(b)
}

func (u *UI) loadAssets() error {
	return fs.WalkDir(files, "static", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := files.ReadFile(p)
		if err != nil {
			return err
		}
		sum := sha256.Sum256(b)
		u.assets[strings.TrimPrefix(p, "static/")] = hex.EncodeToString(sum[:6])
		return nil
	})
}

// assetURL is the address of an embedded asset with its hash.
func (u *UI) assetURL(name string) string {
	return "/static/" + name + "?v=" + u.assets[name]
}

// Mount serves a new web interface over api under / (api.UI); call it
// once api's store, index, checker, networks and keys are set.
func Mount(api *httpapi.Server) error {
	u, err := New(api)
	if err != nil {
		return err
	}
	api.UI = u
	return nil
}
