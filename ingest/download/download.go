// Package download fetches the files of official publications (as their
// format packages declare them, see ingest.OfficialSources) from the
// publishers or from a mirror, with timeouts, a size cap, a status and
// content-type check, and all-or-nothing placement: a source's files are
// written to temporary names and moved into place only when every one of
// them arrived whole. "tripline lists update" downloads with it and
// imports the result through ingest.Importer.
package download

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/tripline/tripline"
	"github.com/tripline/tripline/ingest/official"
)

// Limits of a Client made by New.
const (
	// MaxFileBytes caps one file; the largest list (the UK ODS) is about
	// 15 MB zipped.
	MaxFileBytes = 1 << 30
	// FileTimeout bounds the download of one file.
	FileTimeout = 10 * time.Minute
	// HeaderTimeout bounds the wait for a server's response headers.
	HeaderTimeout = 60 * time.Second
)

// Client downloads publications.
type Client struct {
	// HTTP is the client used; New gives one with dial, TLS and header
	// timeouts that honours the proxy environment variables.
	HTTP *http.Client
	// MaxBytes caps one file (MaxFileBytes when 0).
	MaxBytes int64
	// FileTimeout bounds one file (FileTimeout when 0).
	FileTimeout time.Duration
	// Base, when set, is a mirror: files are fetched from
	// BASE/SOURCE/FILE instead of the publishers' addresses.
	Base string
}

// New returns a client with the default limits, fetching from base (a
// mirror) when it is not empty. A base that is not an http(s) URL is an
// Invalid error.
func New(base string) (*Client, error) {
	if base != "" {
		u, err := url.Parse(base)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return nil, tripline.Errorf(tripline.KindInvalid, "mirror %q is not an http(s) URL", base)
		}
	}
	return &Client{
		HTTP: &http.Client{Transport: &http.Transport{
			Proxy:                 http.ProxyFromEnvironment,
			DialContext:           (&net.Dialer{Timeout: 30 * time.Second}).DialContext,
			TLSHandshakeTimeout:   30 * time.Second,
			ResponseHeaderTimeout: HeaderTimeout,
		}},
		Base: base,
	}, nil
}

// URL returns where f of src is fetched from: the publisher's address, or
// BASE/SOURCE/FILE with a mirror.
func (c *Client) URL(src official.Source, f official.File) string {
	if c.Base == "" {
		return f.URL
	}
	return strings.TrimSuffix(c.Base, "/") + "/" + src.ID + "/" + f.Name
}

// Source downloads every file of src into root/SOURCE/ and returns that
// directory and the bytes received. Files are written to a temporary
// directory under root first and renamed only when all of them arrived
// whole, so a failed download never leaves a mix of old and new files.
// Errors are Unavailable (network, status, an HTML page instead of the
// list, an incomplete body), TooLarge or Invalid.
func (c *Client) Source(ctx context.Context, src official.Source, root string) (dir string, n int64, err error) {
	if len(src.Files) == 0 {
		return "", 0, tripline.Errorf(tripline.KindInvalid, "%s has no download address; import its files with \"tripline import\"", src.ID)
	}
	if err := tripline.ValidateSourceID(src.ID); err != nil {
		return "", 0, err
	}
	dir = filepath.Join(root, src.ID)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", 0, err
	}
	tmp, err := os.MkdirTemp(root, "."+src.ID+"-download-")
	if err != nil {
		return "", 0, err
	}
	defer os.RemoveAll(tmp)
	for _, f := range src.Files {
		if f.Name != filepath.Base(f.Name) || strings.HasPrefix(f.Name, ".") {
			return "", n, tripline.Errorf(tripline.KindInvalid, "%s: file name %q is not a plain name", src.ID, f.Name)
		}
		k, err := c.File(ctx, c.URL(src, f), filepath.Join(tmp, f.Name))
		n += k
		if err != nil {
			return "", n, err
		}
	}
	for _, f := range src.Files {
		if err := os.Rename(filepath.Join(tmp, f.Name), filepath.Join(dir, f.Name)); err != nil {
			return "", n, err
		}
	}
	return dir, n, nil
}

// File fetches u into path, checking the status, the content type and the
// size, and returns the bytes received.
func (c *Client) File(ctx context.Context, u, path string) (int64, error) {
	limit := c.MaxBytes
	if limit <= 0 {
		limit = MaxFileBytes
	}
	timeout := c.FileTimeout
	if timeout <= 0 {
		timeout = FileTimeout
	}
	client := c.HTTP
	if client == nil {
		client = http.DefaultClient
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return 0, tripline.Errorf(tripline.KindInvalid, "bad URL %s: %v", u, err)
	}
	req.Header.Set("User-Agent", "tripline-lists-update/1 (+https://github.com/tripline/tripline)")
	resp, err := client.Do(req)
	if err != nil {
		return 0, &tripline.Error{Kind: tripline.KindUnavailable, Msg: "cannot download " + u, Err: unwrapURLError(err)}
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return 0, tripline.Errorf(tripline.KindUnavailable, "cannot download %s: the server answered %s", u, resp.Status)
	}
	if ct := resp.Header.Get("Content-Type"); strings.HasPrefix(ct, "text/html") {
		return 0, tripline.Errorf(tripline.KindUnavailable, "cannot download %s: the server sent a web page (%s), not the list; the address may have moved", u, ct)
	}
	if resp.ContentLength > limit {
		return 0, tripline.Errorf(tripline.KindTooLarge, "%s is %d bytes, over the %d-byte limit", u, resp.ContentLength, limit)
	}
	out, err := os.Create(path)
	if err != nil {
		return 0, err
	}
	n, err := io.Copy(out, io.LimitReader(resp.Body, limit+1))
	if cerr := out.Close(); err == nil {
		err = cerr
	}
	switch {
	case err != nil:
		return n, &tripline.Error{Kind: tripline.KindUnavailable, Msg: fmt.Sprintf("download of %s broke off after %d bytes", u, n), Err: unwrapURLError(err)}
	case n > limit:
		return n, tripline.Errorf(tripline.KindTooLarge, "%s is over the %d-byte limit", u, limit)
	case resp.ContentLength >= 0 && n != resp.ContentLength:
		return n, tripline.Errorf(tripline.KindUnavailable, "download of %s is incomplete: %d of %d bytes", u, n, resp.ContentLength)
	case n == 0:
		return n, tripline.Errorf(tripline.KindUnavailable, "%s is empty", u)
	}
	return n, nil
}

func unwrapURLError(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		return ue.Err
	}
	return err
}
