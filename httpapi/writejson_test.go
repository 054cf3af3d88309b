package httpapi

import (
	"encoding/json"
	"math"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
)

// TestWriteJSON: a body goes out whole with its Content-Length and type,
// unescaped as before (no \u003c for <); a value that cannot be encoded is
// an error before anything is written, so that the caller can still
// answer with an error status.
func TestWriteJSON(t *testing.T) {
	for _, v := range []any{
		map[string]string{"a": "<b> & c"},
		[]string{strings.Repeat("x", 5000), "ü"},
		struct {
			N int `json:"n"`
		}{7},
	} {
		w := httptest.NewRecorder()
		if err := writeJSON(w, 201, v); err != nil {
			t.Fatal(err)
		}
		want, _ := json.Marshal(v)
		body := w.Body.String()
		if w.Code != 201 || body != strings.ReplaceAll(strings.ReplaceAll(strings.ReplaceAll(string(want), `\u003c`, "<"), `\u003e`, ">"), `\u0026`, "&")+"\n" {
			t.Errorf("%d %q, want 201 %s", w.Code, body, want)
		}
		if got := w.Header().Get("Content-Length"); got != strconv.Itoa(len(body)) {
			t.Errorf("Content-Length %q for %d bytes", got, len(body))
		}
		if got := w.Header().Get("Content-Type"); got != "application/json; charset=utf-8" {
			t.Errorf("Content-Type %q", got)
		}
	}
	w := httptest.NewRecorder()
	if err := writeJSON(w, 200, map[string]float64{"x": math.NaN()}); err == nil {
		t.Error("NaN encoded")
	}
	if w.Body.Len() != 0 || len(w.Header()) != 0 || w.Flushed {
		t.Errorf("a failed encoding wrote %q, headers %v", w.Body.String(), w.Header())
	}
}
