package httpapi

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"
	"time"

	"github.com/tripline/tripline"
)

// Client screens through a running Tripline server. It implements
// tripline.Screener, so the CLI screens locally or remotely with one code
// path.
type Client struct {
	// BaseURL is the server's address, e.g. http://127.0.0.1:8080.
	BaseURL string
	// Key is the API key, sent as a bearer token when not empty.
	Key string
	// HTTP is the client used; nil means one with a 60 s timeout.
	HTTP *http.Client
	// BatchSize caps the queries sent per request (default 500).
	BatchSize int
}

var _ tripline.Screener = (*Client)(nil)

// Screen sends the queries in batches to POST /v1/screen and returns the
// results in query order. Server errors come back as *tripline.Error with
// the kind the status code stands for and the server's message.
func (c *Client) Screen(ctx context.Context, queries []tripline.Query, opt tripline.ScreenOptions) ([]tripline.Result, error) {
	// The server applies the same rules; checked here, a bad query or
	// option is refused before anything is sent, as it is locally.
	if err := opt.Validate(); err != nil {
		return nil, err
	}
	for i := range queries {
		if err := queries[i].Validate(); err != nil {
			return nil, tripline.Errorf(tripline.ErrorKind(err), "query %q: %s", queries[i].ID, tripline.ErrorMessage(err))
		}
	}
	size := c.BatchSize
	if size <= 0 {
		size = 500
	}
	out := make([]tripline.Result, 0, len(queries))
	for start := 0; start < len(queries); start += size {
		end := min(start+size, len(queries))
		req := ScreenRequest{Queries: queries[start:end], Threshold: opt.Threshold, Limit: opt.Limit, Sources: opt.Sources}
		var resp ScreenResponse
		if err := c.post(ctx, "/v1/screen", req, &resp); err != nil {
			return nil, err
		}
		if len(resp.Results) != end-start {
			return nil, &tripline.Error{Op: "httpapi.Client.Screen", Kind: tripline.KindInternal, Msg: fmt.Sprintf("server answered %d results for %d queries", len(resp.Results), end-start)}
		}
		out = append(out, resp.Results...)
	}
	return out, nil
}

func (c *Client) post(ctx context.Context, path string, in, out any) error {
	const op = "httpapi.Client"
	body, err := json.Marshal(in)
	if err != nil {
		return &tripline.Error{Op: op, Kind: tripline.KindInvalid, Err: err}
	}
	req, err := http.NewRequestWithContext(ctx, "POST", strings.TrimRight(c.BaseURL, "/")+path, bytes.NewReader(body))
	if err != nil {
		return &tripline.Error{Op: op, Kind: tripline.KindInvalid, Msg: fmt.Sprintf("bad server URL %q", c.BaseURL), Err: err}
	}
	req.Header.Set("Content-Type", "application/json")
	if c.Key != "" {
		req.Header.Set("Authorization", "Bearer "+c.Key)
	}
	hc := c.HTTP
	if hc == nil {
		hc = &http.Client{Timeout: 60 * time.Second}
	}
	resp, err := hc.Do(req)
	if err != nil {
		return &tripline.Error{Op: op, Kind: tripline.KindUnavailable, Msg: fmt.Sprintf("cannot reach the Tripline server at %s", c.BaseURL), Err: err}
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		var eb errorBody
		raw, _ := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
		msg := strings.TrimSpace(string(raw))
		if json.Unmarshal(raw, &eb) == nil && eb.Error.Message != "" {
			msg = eb.Error.Message
		}
		return &tripline.Error{Op: op, Kind: kindOf(resp.StatusCode), Msg: fmt.Sprintf("server answered %d: %s", resp.StatusCode, msg)}
	}
	if err := json.NewDecoder(resp.Body).Decode(out); err != nil {
		return &tripline.Error{Op: op, Kind: tripline.KindInternal, Msg: "the server's answer is not valid JSON", Err: err}
	}
	return nil
}

// kindOf maps a status code back to an error kind.
func kindOf(status int) tripline.Kind {
	for k, s := range statusOf {
		if s == status {
			return k
		}
	}
	if status >= 500 {
		return tripline.KindInternal
	}
	return tripline.KindInvalid
}
