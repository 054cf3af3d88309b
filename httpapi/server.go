// Package httpapi serves Tripline over HTTP: a JSON API for screening,
// search, entities, sources, imports and order checks, a yente-compatible
// /match endpoint, health probes and the OpenAPI document.
//
// Handlers return errors; one table maps tripline error kinds to status
// codes. Internal details are logged with the request id and never sent to
// the client.
package httpapi

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"runtime/debug"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/tripline/tripline"
	"github.com/tripline/tripline/ingest"
	"github.com/tripline/tripline/internal/strictjson"
	"github.com/tripline/tripline/match"
)

// Config holds the server's settings; the zero value of a field means its
// default.
type Config struct {
	// Addr is the listen address (default 127.0.0.1:8080).
	Addr string
	// MaxBodyBytes caps request bodies other than imports (default 4 MiB).
	MaxBodyBytes int64
	// MaxImportBytes caps POST /v1/imports bodies (default 1 GiB).
	MaxImportBytes int64
	// MaxQueries caps the queries of one screening request (default
	// tripline.MaxQueriesPerRequest).
	MaxQueries int
	// RequestTimeout bounds a request's handling and the reading of its
	// body, so that a slow body is cut off (default 30 s; imports get ten
	// times as long).
	RequestTimeout time.Duration
	// ReadHeaderTimeout bounds the reading of a request's headers
	// (default 10 s).
	ReadHeaderTimeout time.Duration
	// ReloadInterval is how often the server looks for new snapshots written
	// by other processes (default 10 s; negative disables polling).
	ReloadInterval time.Duration
	// RequireKeys demands an API key on every /v1 and /match request. It is
	// forced on when Addr is not a loopback address. Writes need a key
	// with their role once any key exists, whatever this says.
	RequireKeys bool
}

func (c Config) withDefaults() Config {
	if c.Addr == "" {
		c.Addr = "127.0.0.1:8080"
	}
	if c.MaxBodyBytes == 0 {
		c.MaxBodyBytes = 4 << 20
	}
	if c.MaxImportBytes == 0 {
		c.MaxImportBytes = 1 << 30
	}
	if c.MaxQueries == 0 || c.MaxQueries > tripline.MaxQueriesPerRequest {
		c.MaxQueries = tripline.MaxQueriesPerRequest
	}
	if c.RequestTimeout == 0 {
		c.RequestTimeout = 30 * time.Second
	}
	if c.ReadHeaderTimeout == 0 {
		c.ReadHeaderTimeout = 10 * time.Second
	}
	if c.ReloadInterval == 0 {
		c.ReloadInterval = 10 * time.Second
	}
	return c
}

// KeyVerifier checks API keys (tripline.KeyStore is one).
type KeyVerifier interface {
	// VerifyKey returns the record of the active key token, or an error
	// of kind Unauthorized.
	VerifyKey(ctx context.Context, token string) (tripline.APIKey, error)
	// HasKeys reports whether any key was ever created: from then on
	// every write needs a key with its role, on loopback too.
	HasKeys(ctx context.Context) (bool, error)
}

// Checker checks an order or shipment against parties, goods and red flags.
type Checker interface {
	Check(ctx context.Context, tx *tripline.Transaction) (*tripline.Decision, error)
}

// Server is the HTTP API.
type Server struct {
	Config Config
	Store  tripline.Store
	Index  *match.Live
	// Importer, when set, enables POST /v1/imports: the guarded import
	// path every import takes (see imports.go).
	Importer *ingest.Importer
	// Checker, when set, enables POST /v1/check.
	Checker Checker
	// Networks, when set, enables the /v1/graph endpoints.
	Networks Networks
	// Jobs, when set, enables /v1/jobs (jobs.go).
	Jobs *Jobs
	// Metrics, when set, records request latency and is served at
	// /metrics (metrics.go).
	Metrics *Metrics
	// Readiness, when set, adds its fields to the /readyz answer (which
	// snapshots are served, since when, how new ones are heard of).
	Readiness func() map[string]any
	// Keys verifies API keys when they are required.
	Keys KeyVerifier
	// SourceInfo, when set, describes a source (title, publisher,
	// address) for GET /catalog.
	SourceInfo func(source string) (tripline.SourceInfo, bool)
	Logger     *slog.Logger
	// UI, when set, serves the web interface under / (package webui).
	UI http.Handler

	mux      *http.ServeMux
	srv      *http.Server
	ln       net.Listener
	inflight atomic.Int64
}

// NewServer returns a server with its routes; call Open to listen.
func NewServer(cfg Config, store tripline.Store, index *match.Live, logger *slog.Logger) *Server {
	if logger == nil {
		logger = slog.Default()
	}
	s := &Server{Config: cfg.withDefaults(), Store: store, Index: index, Logger: logger}
	s.routes()
	return s
}

// route is one endpoint; the table is also what the OpenAPI test checks.
type route struct {
	method, path string
	h            func(http.ResponseWriter, *http.Request) error
	// access is who may call it.
	access access
}

// access says who may call a route: anyone (probes, the OpenAPI
// document), a reader (a key is needed only where keys are required:
// beyond loopback or with --require-keys), or a writer of at least a role
// (a key with that role is needed as soon as any key exists, on loopback
// too). A request that sends a key is authenticated whatever the route,
// and the role is checked.
type access struct {
	// role is the least role that may call the route; "" for anyone.
	role tripline.Role
	// write marks a route that changes state.
	write bool
}

var (
	anyone = access{}
	reader = access{role: tripline.RoleAnalyst}
)

// writer is the access of a route that changes state.
func writer(r tripline.Role) access { return access{role: r, write: true} }

// routeTable lists every endpoint with who may call it: a new endpoint
// declares its role here.
func (s *Server) routeTable() []route {
	return []route{
		{"GET", "/healthz", s.healthz, anyone},
		{"GET", "/readyz", s.readyz, anyone},
		{"GET", "/openapi.json", s.openapi, anyone},
		{"POST", "/v1/screen", s.screen, reader},
		{"GET", "/v1/search", s.search, reader},
		{"GET", "/v1/entities/{id}", s.entity, reader},
		{"GET", "/v1/sources", s.sources, reader},
		{"POST", "/v1/imports", s.imports, writer(tripline.RoleReviewer)},
		{"POST", "/v1/check", s.check, writer(tripline.RoleAnalyst)},
		{"POST", "/match/{dataset}", s.yenteMatch, reader},
		{"GET", "/search/{dataset}", s.yenteSearch, reader},
		{"GET", "/entities/{id}", s.yenteEntityByID, reader},
		{"GET", "/catalog", s.yenteCatalog, reader},
		{"GET", "/algorithms", s.yenteAlgorithms, reader},
		{"GET", "/reconcile", s.reconcile, reader},
		{"POST", "/reconcile", s.reconcile, reader},
		{"GET", "/reconcile/preview", s.reconcilePreview, reader},
		{"GET", "/reconcile/suggest/entity", s.suggestEntity, reader},
		{"GET", "/reconcile/suggest/type", s.suggestType, reader},
		{"GET", "/reconcile/suggest/property", s.suggestProperty, reader},
		{"GET", "/v1/graph/entities/{id}", s.graphEntity, reader},
		{"GET", "/v1/graph/risk", s.graphRisk, reader},
		{"GET", "/v1/graph/export", s.graphExport, reader},
		{"GET", "/v1/alerts", s.alerts, reader},
		{"GET", "/v1/alerts/{id}", s.alert, reader},
		{"GET", "/v1/alerts/next", s.nextAlert, writer(tripline.RoleAnalyst)},
		{"GET", "/v1/alerts/{id}/case", s.alertCase, reader},
		{"POST", "/v1/alerts/{id}/decision", s.decide, writer(tripline.RoleAnalyst)},
		{"POST", "/v1/alerts/{id}/approve", s.approve, writer(tripline.RoleReviewer)},
		{"POST", "/v1/alerts/{id}/reject", s.reject, writer(tripline.RoleReviewer)},
		{"GET", "/v1/watches", s.watches, reader},
		{"POST", "/v1/watches", s.addWatch, writer(tripline.RoleAnalyst)},
		{"DELETE", "/v1/watches/{id}", s.deleteWatch, writer(tripline.RoleAnalyst)},
		{"GET", "/v1/watches/{id}/fires", s.watchFires, reader},
		{"GET", "/v1/transfers", s.transfers, reader},
		{"GET", "/v1/transfers/{id}", s.transferOne, reader},
		{"GET", "/v1/systems", s.systems, reader},
		{"GET", "/v1/systems/{id}", s.systemPage, reader},
		{"GET", "/v1/articles", s.articles, reader},
		{"GET", "/v1/articles/{id}", s.article, reader},
		{"GET", "/v1/claims", s.claims, reader},
		{"GET", "/metrics", s.metrics, anyone},
		{"POST", "/v1/jobs", s.jobsSubmit, writer(tripline.RoleAnalyst)},
		{"GET", "/v1/jobs", s.jobsList, reader},
		{"GET", "/v1/jobs/{id}", s.jobsGet, reader},
		{"GET", "/v1/jobs/{id}/results", s.jobsResults, reader},
		{"POST", "/v1/jobs/{id}/cancel", s.jobsCancel, writer(tripline.RoleAnalyst)},
		{"DELETE", "/v1/jobs/{id}", s.jobsDelete, writer(tripline.RoleAnalyst)},
	}
}

func (s *Server) routes() {
	m := http.NewServeMux()
	for _, rt := range s.routeTable() {
		h := s.handle(rt)
		if rt.path == "/entities/{id}" {
			h = s.sharedWithUI(h)
		}
		m.HandleFunc(rt.method+" "+rt.path, h)
	}
	m.HandleFunc("/", s.fallback(s.handle(route{h: func(w http.ResponseWriter, r *http.Request) error {
		return tripline.Errorf(tripline.KindNotFound, "no such endpoint: %s %s (see /openapi.json)", r.Method, r.URL.Path)
	}})))
	s.mux = m
}

// Handler returns the server's root handler (for tests and embedding).
func (s *Server) Handler() http.Handler { return s.mux }

// Open starts listening on Config.Addr; it returns once the listener is
// bound. URL gives the bound address (useful with port 0).
func (s *Server) Open() error {
	ln, err := net.Listen("tcp", s.Config.Addr)
	if err != nil {
		return tripline.Errorf(tripline.KindInvalid, "cannot listen on %s: %v", s.Config.Addr, err)
	}
	if !isLoopback(ln.Addr()) {
		s.Config.RequireKeys = true
	}
	if s.Config.RequireKeys && s.Keys == nil {
		ln.Close()
		return tripline.Errorf(tripline.KindInvalid, "listening on %s (beyond loopback) requires API keys: no key store configured", s.Config.Addr)
	}
	s.ln = ln
	s.srv = &http.Server{
		Handler:           s.mux,
		ReadHeaderTimeout: s.Config.ReadHeaderTimeout,
		IdleTimeout:       120 * time.Second,
		ErrorLog:          slog.NewLogLogger(s.Logger.Handler(), slog.LevelWarn),
	}
	go s.srv.Serve(ln)
	return nil
}

// URL is the base URL of the listening server.
func (s *Server) URL() string {
	if s.ln == nil {
		return ""
	}
	return "http://" + s.ln.Addr().String()
}

// Close shuts the server down gracefully: it stops accepting connections
// and waits for in-flight requests until ctx ends.
func (s *Server) Close(ctx context.Context) error {
	if s.srv == nil {
		return nil
	}
	return s.srv.Shutdown(ctx)
}

func isLoopback(a net.Addr) bool {
	if ta, ok := a.(*net.TCPAddr); ok {
		return ta.IP.IsLoopback()
	}
	return false
}

type ctxKey int

const requestIDKey ctxKey = 1

// handle wraps a route's handler: request id, authentication and the
// principal in the context, timeout, body limit and read deadline, panic
// recovery, error mapping, access log.
func (s *Server) handle(rt route) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		s.inflight.Add(1)
		defer s.inflight.Add(-1)
		id := newRequestID()
		w.Header().Set("X-Request-Id", id)
		ctx := context.WithValue(r.Context(), requestIDKey, id)
		timeout := s.Config.RequestTimeout
		limit := s.Config.MaxBodyBytes
		if r.URL.Path == "/v1/imports" || longRequest(r) {
			timeout *= 10
			limit = s.Config.MaxImportBytes
		}
		ctx, cancel := context.WithTimeout(ctx, timeout)
		defer cancel()
		// A body that arrives too slowly is cut off at the same deadline
		// (not supported by every ResponseWriter, e.g. in tests).
		rc := http.NewResponseController(w)
		_ = rc.SetReadDeadline(start.Add(timeout))
		_ = rc.SetWriteDeadline(start.Add(timeout + 10*time.Second))
		r.Body = http.MaxBytesReader(w, r.Body, limit)
		rec := &statusRecorder{ResponseWriter: w}
		err := func() (err error) {
			defer func() {
				if p := recover(); p != nil {
					err = &tripline.Error{Op: "httpapi", Kind: tripline.KindInternal, Err: fmt.Errorf("panic: %v\n%s", p, debug.Stack())}
				}
			}()
			// The principal joins the context before the request is
			// copied with it: one copy a request.
			if rt.access != anyone {
				p, err := s.authenticate(ctx, r, rt.access)
				if err != nil {
					r = r.WithContext(ctx)
					return err
				}
				ctx = tripline.WithPrincipal(ctx, p)
			}
			r = r.WithContext(ctx)
			return rt.h(rec, r)
		}()
		if err != nil {
			s.writeError(rec, r, id, err)
		}
		d := time.Since(start)
		s.Metrics.observe(r, rec.status, d)
		if s.Logger.Enabled(ctx, slog.LevelDebug) {
			s.Logger.Debug("request", "id", id, "method", r.Method, "path", r.URL.Path, "status", rec.status, "dur", d)
		}
	}
}

// anonymous is the name of the principal of a request without a key,
// where none is needed.
const anonymous = "anonymous"

// authenticate returns who makes request r, or why it may not call a
// route with access a: Unauthorized without a (valid) key where one is
// needed, Forbidden when the key's role is too small. A request without a
// key where none is needed is the anonymous principal, whose empty role
// is not restricted: that is the single-user setup on loopback before any
// key exists.
func (s *Server) authenticate(ctx context.Context, r *http.Request, a access) (tripline.Principal, error) {
	p := tripline.Principal{Name: anonymous, Addr: clientAddr(r)}
	token := bearer(r)
	if token == "" {
		need := s.Config.RequireKeys
		if !need && a.write && s.Keys != nil {
			has, err := s.Keys.HasKeys(ctx)
			if err != nil {
				return p, err
			}
			need = has
		}
		if need {
			return p, tripline.Errorf(tripline.KindUnauthorized, "an API key with the %s role is required: send it as 'Authorization: Bearer KEY' (create one with 'tripline keys create NAME --role %s')", a.role, a.role)
		}
		return p, nil
	}
	if s.Keys == nil {
		return p, tripline.Errorf(tripline.KindUnauthorized, "invalid API key")
	}
	k, err := s.Keys.VerifyKey(ctx, token)
	if err != nil {
		if tripline.ErrorKind(err) == tripline.KindUnauthorized {
			return p, tripline.Errorf(tripline.KindUnauthorized, "invalid or revoked API key")
		}
		return p, err
	}
	p = tripline.Principal{Name: k.Name, User: k.User, Role: k.Role, KeyID: k.ID, Addr: p.Addr}
	if !k.Role.Allows(a.role) {
		return p, tripline.Errorf(tripline.KindForbidden, "API key %q has the %s role; %s %s needs %s or above", k.Name, k.Role, r.Method, r.URL.Path, a.role)
	}
	return p, nil
}

// bearer returns the API key a request sends, or "".
func bearer(r *http.Request) string {
	if token := r.Header.Get("X-Api-Key"); token != "" {
		return strings.TrimSpace(token)
	}
	a := r.Header.Get("Authorization")
	if i := strings.IndexByte(a, ' '); i > 0 {
		switch strings.ToLower(a[:i]) {
		case "bearer", "apikey":
			return strings.TrimSpace(a[i+1:])
		}
	}
	return ""
}

// clientAddr is the client's IP address as the connection gives it.
func clientAddr(r *http.Request) string {
	if host, _, err := net.SplitHostPort(r.RemoteAddr); err == nil {
		return host
	}
	return r.RemoteAddr
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

func newRequestID() string {
	var b [8]byte
	rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

// statusOf maps error kinds to HTTP status codes.
var statusOf = map[tripline.Kind]int{
	tripline.KindInvalid:      http.StatusBadRequest,
	tripline.KindNotFound:     http.StatusNotFound,
	tripline.KindConflict:     http.StatusConflict,
	tripline.KindUnauthorized: http.StatusUnauthorized,
	tripline.KindTooLarge:     http.StatusRequestEntityTooLarge,
	tripline.KindUnavailable:  http.StatusServiceUnavailable,
	tripline.KindInternal:     http.StatusInternalServerError,
	tripline.KindForbidden:    http.StatusForbidden,
}

// errorBody is the JSON shape of every error response.
type errorBody struct {
	Error struct {
		Code      string `json:"code"`
		Message   string `json:"message"`
		RequestID string `json:"request_id"`
	} `json:"error"`
}

func (s *Server) writeError(w *statusRecorder, r *http.Request, id string, err error) {
	var mbe *http.MaxBytesError
	if errors.As(err, &mbe) {
		err = tripline.Errorf(tripline.KindTooLarge, "request body over the limit of %d bytes", mbe.Limit)
	}
	status := 0
	if errors.Is(err, os.ErrDeadlineExceeded) {
		// The body did not arrive before the request's deadline.
		err = &tripline.Error{Kind: tripline.KindInvalid, Msg: "the request body arrived too slowly and was cut off", Err: err}
		status = http.StatusRequestTimeout
	}
	if errors.Is(err, context.DeadlineExceeded) && tripline.ErrorKind(err) == tripline.KindInternal {
		err = &tripline.Error{Kind: tripline.KindUnavailable, Msg: "the request took too long and was stopped", Err: err}
	}
	kind := tripline.ErrorKind(err)
	if status == 0 {
		var ok bool
		if status, ok = statusOf[kind]; !ok {
			status = http.StatusInternalServerError
		}
	}
	var body errorBody
	body.Error.Code = kind.String()
	body.Error.RequestID = id
	if status >= 500 && kind != tripline.KindUnavailable {
		s.Logger.Error("request failed", "id", id, "method", r.Method, "path", r.URL.Path, "err", err)
		body.Error.Message = "internal error; quote request id " + id + " to the operator"
	} else {
		body.Error.Message = publicMessage(tripline.ErrorMessage(err))
		if kind != tripline.KindUnavailable {
			s.Logger.Debug("request refused", "id", id, "method", r.Method, "path", r.URL.Path, "err", err)
		}
	}
	if w.status != 0 {
		return // headers already sent; nothing sane to add
	}
	if kind == tripline.KindUnauthorized {
		w.Header().Set("WWW-Authenticate", `Bearer realm="tripline"`)
	}
	if isYentePath(r.URL.Path) {
		// yente's clients read its ErrorResponse, {"detail": "..."}.
		writeJSON(w, status, yenteError{errorBody: body, Detail: body.Error.Message})
		return
	}
	writeJSON(w, status, body)
}

// writeJSON writes v as the JSON body of a response with status. The
// body is encoded whole before anything is sent (as encoding/json does
// anyway), so that it goes out with its Content-Length, unchunked, in one
// write; an encoding error is returned before the status is written.
func writeJSON(w http.ResponseWriter, status int, v any) error {
	buf := jsonBufs.Get().(*bytes.Buffer)
	defer putJSONBuf(buf)
	buf.Reset()
	enc := json.NewEncoder(buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return err
	}
	h := w.Header()
	h["Content-Type"] = jsonContentType
	h["Content-Length"] = []string{strconv.Itoa(buf.Len())}
	w.WriteHeader(status)
	_, err := w.Write(buf.Bytes())
	return err
}

var jsonContentType = []string{"application/json; charset=utf-8"}

// jsonBufs holds the buffers responses are encoded into.
var jsonBufs = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// putJSONBuf returns a buffer to the pool unless it grew large (an
// export, a big batch): those are left to the collector.
func putJSONBuf(b *bytes.Buffer) {
	if b.Cap() <= 1<<20 {
		jsonBufs.Put(b)
	}
}

// decode reads a JSON body into v. With strict set, unknown fields are an
// error that names the field.
func decode(r *http.Request, v any, strict bool) error {
	body, err := jsonBody(r)
	if err != nil {
		return err
	}
	return strictjson.Decode(body, v, strict)
}

// jsonBody reads the JSON body of r: an error for another content type,
// a body that cannot be read, or an empty one.
func jsonBody(r *http.Request) ([]byte, error) {
	if ct := r.Header.Get("Content-Type"); ct != "" && !strings.Contains(ct, "json") {
		return nil, tripline.Errorf(tripline.KindInvalid, "expected a JSON body (Content-Type: application/json), got %q", ct)
	}
	body, err := io.ReadAll(r.Body) // bounded by the server's MaxBytesReader
	if err != nil {
		return nil, jsonError(err)
	}
	if len(bytes.TrimSpace(body)) == 0 {
		return nil, tripline.Errorf(tripline.KindInvalid, "empty body: expected a JSON object")
	}
	return body, nil
}

// jsonError is the error for a body that could not be read: an oversized
// one stays a MaxBytesError (413).
func jsonError(err error) error {
	var mbe *http.MaxBytesError
	if errors.As(err, &mbe) || errors.Is(err, os.ErrDeadlineExceeded) {
		return err
	}
	return &tripline.Error{Kind: tripline.KindInvalid, Msg: "cannot read the request body", Err: err}
}
