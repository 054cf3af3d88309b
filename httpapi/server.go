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
	"runtime/debug"
	"strings"
	"sync/atomic"
	"time"

	"github.com/tripline/tripline"
	"github.com/tripline/tripline/internal/strictjson"
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
	// MaxQueries caps the queries of one screening request (default 1000).
	MaxQueries int
	// RequestTimeout bounds a request's handling (default 30 s; imports get
	// ten times as long).
	RequestTimeout time.Duration
	// ReloadInterval is how often the server looks for new snapshots written
	// by other processes (default 10 s; negative disables polling).
	ReloadInterval time.Duration
	// RequireKeys demands an API key on every /v1 and /match request. It is
	// forced on when Addr is not a loopback address.
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
	if c.MaxQueries == 0 {
		c.MaxQueries = 1000
	}
	if c.RequestTimeout == 0 {
		c.RequestTimeout = 30 * time.Second
	}
	if c.ReloadInterval == 0 {
		c.ReloadInterval = 10 * time.Second
	}
	return c
}

// KeyVerifier checks API keys. Verify returns the key's name, or an error
// of kind Unauthorized.
type KeyVerifier interface {
	VerifyKey(ctx context.Context, token string) (name string, err error)
}

// Importer imports one uploaded file (format and source may be empty for
// detection) and returns the snapshots it wrote or found unchanged.
type Importer func(ctx context.Context, path, format, source string) ([]tripline.Snapshot, error)

// Checker checks an order or shipment against parties, goods and red flags.
type Checker interface {
	Check(ctx context.Context, tx *tripline.Transaction) (*tripline.Decision, error)
}

// Server is the HTTP API.
type Server struct {
	Config Config
	Store  tripline.Store
	Index  *Live
	// Import, when set, enables POST /v1/imports.
	Import Importer
	// Checker, when set, enables POST /v1/check.
	Checker Checker
	// Networks, when set, enables the /v1/graph endpoints.
	Networks Networks
	// Keys verifies API keys when they are required.
	Keys   KeyVerifier
	Logger *slog.Logger

	mux      *http.ServeMux
	srv      *http.Server
	ln       net.Listener
	inflight atomic.Int64
}

// NewServer returns a server with its routes; call Open to listen.
func NewServer(cfg Config, store tripline.Store, index *Live, logger *slog.Logger) *Server {
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
	auth         bool
}

func (s *Server) routeTable() []route {
	return []route{
		{"GET", "/healthz", s.healthz, false},
		{"GET", "/readyz", s.readyz, false},
		{"GET", "/openapi.json", s.openapi, false},
		{"POST", "/v1/screen", s.screen, true},
		{"GET", "/v1/search", s.search, true},
		{"GET", "/v1/entities/{id}", s.entity, true},
		{"GET", "/v1/sources", s.sources, true},
		{"POST", "/v1/imports", s.imports, true},
		{"POST", "/v1/check", s.check, true},
		{"POST", "/match/{dataset}", s.yenteMatch, true},
		{"GET", "/v1/graph/entities/{id}", s.graphEntity, true},
		{"GET", "/v1/graph/risk", s.graphRisk, true},
		{"GET", "/v1/transfers", s.transfers, true},
		{"GET", "/v1/transfers/{id}", s.transferOne, true},
		{"GET", "/v1/systems", s.systems, true},
		{"GET", "/v1/systems/{id}", s.systemPage, true},
		{"GET", "/v1/articles", s.articles, true},
		{"GET", "/v1/articles/{id}", s.article, true},
		{"GET", "/v1/claims", s.claims, true},
	}
}

func (s *Server) routes() {
	m := http.NewServeMux()
	for _, rt := range s.routeTable() {
		m.HandleFunc(rt.method+" "+rt.path, s.handle(rt.h, rt.auth))
	}
	m.HandleFunc("/", s.handle(func(w http.ResponseWriter, r *http.Request) error {
		return tripline.Errorf(tripline.KindNotFound, "no such endpoint: %s %s (see /openapi.json)", r.Method, r.URL.Path)
	}, false))
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
		ReadHeaderTimeout: 10 * time.Second,
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

// handle wraps a handler: request id, auth, timeout, body limit, panic
// recovery, error mapping, access log.
func (s *Server) handle(h func(http.ResponseWriter, *http.Request) error, auth bool) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		s.inflight.Add(1)
		defer s.inflight.Add(-1)
		id := newRequestID()
		w.Header().Set("X-Request-Id", id)
		ctx := context.WithValue(r.Context(), requestIDKey, id)
		timeout := s.Config.RequestTimeout
		limit := s.Config.MaxBodyBytes
		if r.URL.Path == "/v1/imports" {
			timeout *= 10
			limit = s.Config.MaxImportBytes
		}
		ctx, cancel := context.WithTimeout(ctx, timeout)
		defer cancel()
		r = r.WithContext(ctx)
		r.Body = http.MaxBytesReader(w, r.Body, limit)
		rec := &statusRecorder{ResponseWriter: w}
		err := func() (err error) {
			defer func() {
				if p := recover(); p != nil {
					err = &tripline.Error{Op: "httpapi", Kind: tripline.KindInternal, Err: fmt.Errorf("panic: %v\n%s", p, debug.Stack())}
				}
			}()
			if auth && s.Config.RequireKeys {
				if err := s.authenticate(r); err != nil {
					return err
				}
			}
			return h(rec, r)
		}()
		if err != nil {
			s.writeError(rec, r, id, err)
		}
		s.Logger.Debug("request", "id", id, "method", r.Method, "path", r.URL.Path, "status", rec.status, "dur", time.Since(start))
	}
}

func (s *Server) authenticate(r *http.Request) error {
	token := r.Header.Get("X-Api-Key")
	if token == "" {
		a := r.Header.Get("Authorization")
		for _, p := range []string{"Bearer ", "ApiKey ", "bearer ", "apikey "} {
			if strings.HasPrefix(a, p) {
				token = strings.TrimSpace(a[len(p):])
			}
		}
	}
	if token == "" {
		return tripline.Errorf(tripline.KindUnauthorized, "an API key is required: send it as 'Authorization: Bearer KEY' (create one with 'tripline keys create')")
	}
	if s.Keys == nil {
		return tripline.Errorf(tripline.KindUnauthorized, "invalid API key")
	}
	if _, err := s.Keys.VerifyKey(r.Context(), token); err != nil {
		if tripline.ErrorKind(err) == tripline.KindUnauthorized {
			return tripline.Errorf(tripline.KindUnauthorized, "invalid or revoked API key")
		}
		return err
	}
	return nil
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
	if errors.Is(err, context.DeadlineExceeded) && tripline.ErrorKind(err) == tripline.KindInternal {
		err = &tripline.Error{Kind: tripline.KindUnavailable, Msg: "the request took too long and was stopped", Err: err}
	}
	kind := tripline.ErrorKind(err)
	status, ok := statusOf[kind]
	if !ok {
		status = http.StatusInternalServerError
	}
	var body errorBody
	body.Error.Code = kind.String()
	body.Error.RequestID = id
	if status >= 500 && kind != tripline.KindUnavailable {
		s.Logger.Error("request failed", "id", id, "method", r.Method, "path", r.URL.Path, "err", err)
		body.Error.Message = "internal error; quote request id " + id + " to the operator"
	} else {
		body.Error.Message = tripline.ErrorMessage(err)
	}
	if w.status != 0 {
		return // headers already sent; nothing sane to add
	}
	if kind == tripline.KindUnauthorized {
		w.Header().Set("WWW-Authenticate", `Bearer realm="tripline"`)
	}
	writeJSON(w, status, body)
}

func writeJSON(w http.ResponseWriter, status int, v any) error {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

// decode reads a JSON body into v. With strict set, unknown fields are an
// error that names the field.
func decode(r *http.Request, v any, strict bool) error {
	if ct := r.Header.Get("Content-Type"); ct != "" && !strings.Contains(ct, "json") {
		return tripline.Errorf(tripline.KindInvalid, "expected a JSON body (Content-Type: application/json), got %q", ct)
	}
	body, err := io.ReadAll(r.Body) // bounded by the server's MaxBytesReader
	if err != nil {
		return jsonError(err)
	}
	if len(bytes.TrimSpace(body)) == 0 {
		return tripline.Errorf(tripline.KindInvalid, "empty body: expected a JSON object")
	}
	return strictjson.Decode(body, v, strict)
}

// jsonError is the error for a body that could not be read: an oversized
// one stays a MaxBytesError (413).
func jsonError(err error) error {
	var mbe *http.MaxBytesError
	if errors.As(err, &mbe) {
		return err
	}
	return &tripline.Error{Kind: tripline.KindInvalid, Msg: "cannot read the request body", Err: err}
}
