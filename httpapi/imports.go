package httpapi

import (
	"crypto/sha256"
	"encoding/hex"
	"io"
	"mime"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"unicode"

	"github.com/tripline/tripline"
	"github.com/tripline/tripline/ingest"
)

// ImportResponse is the answer of POST /v1/imports.
type ImportResponse struct {
	// Snapshots are the snapshots written, or found unchanged.
	Snapshots []tripline.Snapshot `json:"snapshots"`
	// Created says whether a new snapshot was written.
	Created bool `json:"created"`
	// Filename is the uploaded file's name as the client gave it (or
	// "upload"), SHA256 the hex SHA-256 of its bytes.
	Filename string `json:"filename"`
	SHA256   string `json:"sha256"`
	// Overrides are the import guards overridden to store it.
	Overrides []string `json:"overrides,omitempty"`
	// Observed are what the after-commit steps did, a line each: the
	// books rescreened against the new snapshot and the watches fired.
	Observed []string `json:"observed,omitempty"`
	// ObserverErrors are failures of after-commit steps (the snapshot is
	// committed all the same).
	ObserverErrors []string `json:"observer_errors,omitempty"`
	// Reloaded says whether the screening index was swapped.
	Reloaded bool `json:"reloaded"`
	// Loaded names the snapshots the index now answers from.
	Loaded map[string]int64 `json:"loaded,omitempty"`
}

// imports takes a list file as the raw body and imports it through the
// guarded import path (ingest.Importer), whose after-commit hook rescreens
// the books before the request returns, then swaps the index. Query
// parameters: filename (else the Content-Disposition header's filename,
// else "upload"; the name matters for detection, e.g. sdn.csv), format,
// source, allow_shrink, allow_format_change, allow_incomplete and reason.
// The audit trail records the principal of the request (the authenticated
// key, else the client address), the file's name and its SHA-256; error
// messages name the file as the client did, never the server's temporary
// path.
func (s *Server) imports(w http.ResponseWriter, r *http.Request) error {
	if s.Importer == nil {
		return tripline.Errorf(tripline.KindNotFound, "imports are not enabled on this server")
	}
	q := r.URL.Query()
	name, err := uploadName(q.Get("filename"), r.Header.Get("Content-Disposition"))
	if err != nil {
		return err
	}
	o := ingest.ImportOptions{Format: q.Get("format"), Source: q.Get("source"), Reason: q.Get("reason")}
	for _, f := range []struct {
		param string
		v     *bool
	}{{"allow_shrink", &o.AllowShrink}, {"allow_format_change", &o.AllowFormatChange}, {"allow_incomplete", &o.AllowIncomplete}} {
		if *f.v, err = boolParam(f.param, q.Get(f.param)); err != nil {
			return err
		}
	}
	if _, ok := q["source"]; ok {
		if err := tripline.ValidateSourceID(o.Source); err != nil {
			return err
		}
	}
	p, ok := tripline.PrincipalFrom(r.Context())
	if !ok || p.Addr == "" {
		p.Addr = r.RemoteAddr
	}
	ctx := tripline.WithPrincipal(r.Context(), p)

	dir, err := os.MkdirTemp("", "tripline-upload-")
	if err != nil {
		return &tripline.Error{Op: "httpapi.imports", Kind: tripline.KindInternal, Err: err}
	}
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, name)
	f, err := os.Create(path)
	if err != nil {
		return &tripline.Error{Op: "httpapi.imports", Kind: tripline.KindInternal, Err: err}
	}
	h := sha256.New()
	n, err := io.Copy(io.MultiWriter(f, h), r.Body)
	if cerr := f.Close(); err == nil && cerr != nil {
		return &tripline.Error{Op: "httpapi.imports", Kind: tripline.KindInternal, Err: cerr}
	}
	if err != nil {
		return jsonError(err)
	}
	if n == 0 {
		return tripline.Errorf(tripline.KindInvalid, "empty body: send the list file as the request body")
	}
	o.Names = map[string]string{path: name}
	rep, err := s.Importer.Import(ctx, []string{path}, o)
	if err != nil {
		return safeError(err)
	}
	resp := ImportResponse{Snapshots: []tripline.Snapshot{}, Filename: name, SHA256: hex.EncodeToString(h.Sum(nil))}
	for _, res := range rep.Imports {
		if res.Error != "" {
			return safeError(res.Err)
		}
		if res.Snapshot != nil {
			resp.Snapshots = append(resp.Snapshots, *res.Snapshot)
		}
		resp.Created = resp.Created || res.Created
		resp.Overrides = append(resp.Overrides, res.Overrides...)
		resp.Observed = append(resp.Observed, res.Observed...)
		for _, e := range res.ObserverErrors {
			s.Logger.Warn("import: an after-commit step failed", "err", e)
			resp.ObserverErrors = append(resp.ObserverErrors, publicMessage(e))
		}
	}
	if resp.Reloaded, err = s.Index.Reload(r.Context(), false); err != nil {
		return err
	}
	_, resp.Loaded, _ = s.Index.Screener()
	return writeJSON(w, http.StatusOK, resp)
}

// safeError keeps err's kind and its message safe for users (the
// importer's messages name uploads as the client did), without the
// internal operation names and causes of err's text.
func safeError(err error) error {
	kind := tripline.ErrorKind(err)
	if kind == tripline.KindInternal {
		return err // logged with the request id; the client gets the id
	}
	return &tripline.Error{Kind: kind, Msg: tripline.ErrorMessage(err), Err: err}
}

// uploadName is the upload's file name: the filename parameter, else the
// Content-Disposition header's, else "upload". It must be a plain name.
func uploadName(param, disposition string) (string, error) {
	name := param
	if name == "" && disposition != "" {
		if _, params, err := mime.ParseMediaType(disposition); err == nil {
			name = params["filename"]
		}
	}
	if name == "" {
		return "upload", nil
	}
	bad := strings.ContainsAny(name, `/\`) || strings.HasPrefix(name, ".") || len(name) > 255 ||
		strings.ContainsFunc(name, func(r rune) bool { return unicode.IsControl(r) || r == unicode.ReplacementChar })
	if bad {
		return "", tripline.Errorf(tripline.KindInvalid, "filename must be a plain file name (no folders, not starting with a dot, at most 255 bytes), got %q", name)
	}
	return name, nil
}

func boolParam(name, v string) (bool, error) {
	if v == "" {
		return false, nil
	}
	b, err := strconv.ParseBool(v)
	if err != nil {
		return false, tripline.Errorf(tripline.KindInvalid, "%s must be true or false, got %q", name, v)
	}
	return b, nil
}
