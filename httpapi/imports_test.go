package httpapi_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"strings"
	"testing"

	"github.com/tripline/tripline"
	"github.com/tripline/tripline/ingest"
	"github.com/tripline/tripline/ingest/ftm"
)

// fictionalSDNCSV is an OFAC sdn.csv of fictional entries, the last a
// listed airline, with the 0x1A end-of-file marker.
func fictionalSDNCSV(n int) []byte {
	var b bytes.Buffer
	for i := 1; i < n; i++ {
		fmt.Fprintf(&b, "%d,\"ZAGROS TRADING %d LLC\",-0- ,\"NPWMD\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\n", 90000+i, i)
	}
	fmt.Fprintf(&b, "%d,\"QESHM SKY AIRLINES\",-0- ,\"SDGT\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,\"Website www.qeshmsky.example.\"\r\n", 90000+n)
	b.WriteByte(0x1a)
	return b.Bytes()
}

// importFixture is the API with imports enabled through the importer.
func importFixture(t *testing.T) *fixture {
	t.Helper()
	f := newFixture(t, true)
	f.srv.Importer = &ingest.Importer{Store: f.store}
	return f
}

// post sends body to path on base and returns the status and the decoded
// answer.
func post(t *testing.T, base, path string, body []byte, hdr ...string) (int, map[string]any) {
	t.Helper()
	req, _ := http.NewRequest("POST", base+path, bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/octet-stream")
	for i := 0; i+1 < len(hdr); i += 2 {
		req.Header.Set(hdr[i], hdr[i+1])
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	var m map[string]any
	if err := json.Unmarshal(raw, &m); err != nil {
		t.Fatalf("POST %s: bad JSON %q", path, raw)
	}
	return resp.StatusCode, m
}

// noInternals fails when an API message shows a server path or an
// internal name.
func noInternals(t *testing.T, msg string) {
	t.Helper()
	for _, bad := range []string{os.TempDir(), "tripline-upload-", "sqlite.", "ingest.", "ofac.Read", "postgres."} {
		if strings.Contains(msg, bad) {
			t.Errorf("message shows %q: %s", bad, msg)
		}
	}
}

func screenNames(t *testing.T, f *fixture, name string) []string {
	t.Helper()
	code, body := f.do(t, "POST", "/v1/screen", `{"queries":[{"id":"q","name":"`+name+`"}]}`)
	if code != 200 {
		t.Fatalf("screen: %d %v", code, body)
	}
	var ids []string
	for _, m := range body["results"].([]any)[0].(map[string]any)["matches"].([]any) {
		ids = append(ids, m.(map[string]any)["id"].(string))
	}
	return ids
}

// TestImportFtMDoesNotReplaceOfficialSource is the reproduction:
// an FtM export of ofac-sdn with an airline removed, posted without
// parameters, replaced ofac-sdn on old main and the airline stopped
// matching. Now the format change is refused and the list stays.
func TestImportFtMDoesNotReplaceOfficialSource(t *testing.T) {
	f := importFixture(t)
	sdn := fictionalSDNCSV(6)
	code, body := post(t, f.ts.URL, "/v1/imports?filename=sdn.csv", sdn)
	if code != 200 {
		t.Fatalf("import sdn.csv: %d %v", code, body)
	}
	sum := sha256.Sum256(sdn)
	snaps := body["snapshots"].([]any)
	if len(snaps) != 1 || snaps[0].(map[string]any)["source"] != "ofac-sdn" || body["created"] != true || body["reloaded"] != true ||
		body["filename"] != "sdn.csv" || body["sha256"] != hex.EncodeToString(sum[:]) {
		t.Fatalf("import answer %v", body)
	}
	if files := snaps[0].(map[string]any)["files"].([]any); len(files) != 1 || files[0] != "sdn.csv" {
		t.Errorf("the snapshot names the file %v, want the client's name", files)
	}
	if ids := screenNames(t, f, "Qeshm Sky Airlines"); len(ids) == 0 || ids[0] != "ofac-sdn:90006" {
		t.Fatalf("the airline does not match: %v", ids)
	}

	// An FtM export of the list without the airline, posted bare.
	var es []*tripline.Entity
	f.store.EachEntity(context.Background(), tripline.EntityFilter{Sources: []string{"ofac-sdn"}}, func(e *tripline.Entity) error {
		if !strings.Contains(e.Caption(), "AIRLINES") {
			es = append(es, e)
		}
		return nil
	})
	var buf bytes.Buffer
	if err := ftm.Write(&buf, es); err != nil {
		t.Fatal(err)
	}
	code, body = post(t, f.ts.URL, "/v1/imports", buf.Bytes())
	msg := errMsg(body)
	if code != 400 || !strings.Contains(msg, "official source published as ofac-csv") || !strings.Contains(msg, "allow_format_change=true&reason=TEXT") || !strings.Contains(msg, "source=NAME") {
		t.Fatalf("bare FtM post: %d %q; want 400 refusing the format change and saying how", code, msg)
	}
	noInternals(t, msg)
	if ids := screenNames(t, f, "Qeshm Sky Airlines"); len(ids) == 0 || ids[0] != "ofac-sdn:90006" {
		t.Errorf("after the refused post the airline does not match: %v", ids)
	}
	recs, _ := f.store.Imports(context.Background(), 1)
	if len(recs) != 1 || recs[0].Result != "rejected" || recs[0].Source != "ofac-sdn" || recs[0].Format != "ftm-json" ||
		len(recs[0].Files) != 1 || recs[0].Files[0] != "upload" || len(recs[0].FileHashes) != 1 || !strings.HasPrefix(recs[0].Client, "127.0.0.1") || recs[0].Actor != "anonymous" {
		t.Errorf("audit record of the refusal: %+v", recs)
	}
	// Under a source of one's own the same file is welcome.
	if code, body := post(t, f.ts.URL, "/v1/imports?source=my-export", buf.Bytes()); code != 200 {
		t.Errorf("source=my-export: %d %v", code, body)
	}
}

// TestImportAdminRule: a reviewer's key may import (the route's role) but
// cannot replace an official source, which needs an admin (403, on
// loopback too); it may import a source of its own. The audit records the
// key, its role and the client address.
func TestImportAdminRule(t *testing.T) {
	f := importFixture(t)
	reviewer, rk := f.newKey(t, "order-system", tripline.RoleReviewer)
	admin, ak := f.newKey(t, "ops", tripline.RoleAdmin)
	bearer := func(token string) []string { return []string{"Authorization", "Bearer " + token} }
	code, body := post(t, f.ts.URL, "/v1/imports?filename=sdn.csv", fictionalSDNCSV(4), bearer(reviewer)...)
	if code != 403 || !strings.Contains(errMsg(body), "needs the admin role") || !strings.Contains(errMsg(body), "source=NAME") {
		t.Fatalf("reviewer replacing ofac-sdn: %d %v", code, body)
	}
	recs, _ := f.store.Imports(context.Background(), 1)
	if r := recs[0]; r.Result != "rejected" || r.Actor != "order-system" || r.KeyID != rk.ID || r.Role != "reviewer" || !strings.HasPrefix(r.Client, "127.0.0.1") || r.Files[0] != "sdn.csv" {
		t.Errorf("audit of the refusal: %+v", r)
	}
	if code, body := post(t, f.ts.URL, "/v1/imports?filename=sdn.csv&source=order-system-list", fictionalSDNCSV(4), bearer(reviewer)...); code != 200 {
		t.Errorf("reviewer's own source: %d %v", code, body)
	}
	if code, body := post(t, f.ts.URL, "/v1/imports?filename=sdn.csv", fictionalSDNCSV(4), bearer(admin)...); code != 200 {
		t.Errorf("admin: %d %v", code, body)
	}
	recs, _ = f.store.Imports(context.Background(), 1)
	if r := recs[0]; r.Result != "created" || r.Actor != "ops" || r.KeyID != ak.ID || r.Role != "admin" || !strings.HasPrefix(r.Client, "127.0.0.1") {
		t.Errorf("audit of the admin's import: %+v", r)
	}
	// Without a key, once keys exist: 401 before anything is read.
	if code, _ := post(t, f.ts.URL, "/v1/imports?filename=sdn.csv", fictionalSDNCSV(4)); code != 401 {
		t.Errorf("key-less import once keys exist: %d, want 401", code)
	}
}

// TestImportParametersAndErrors: the file name from Content-Disposition,
// bad parameters, guards over the API, and error messages without server
// paths or internal names (old main showed both).
func TestImportParametersAndErrors(t *testing.T) {
	f := importFixture(t)
	full := fictionalSDNCSV(40)
	if code, body := post(t, f.ts.URL, "/v1/imports", full, "Content-Disposition", `attachment; filename="sdn.csv"`); code != 200 || body["filename"] != "sdn.csv" {
		t.Fatalf("Content-Disposition filename: %d %v", code, body)
	}
	cut := append(bytes.Join(bytes.SplitAfter(full, []byte("\n"))[:20], nil), 0x1a)
	for _, tc := range []struct {
		name, path string
		body       []byte
		code       int
		msg        string
	}{
		{"malformed file", "/v1/imports?filename=sdn.csv", []byte("90001,\"ZAGROS"), 400, "sdn.csv:1:"},
		{"path in filename", "/v1/imports?filename=../sdn.csv", full, 400, "plain file name"},
		{"hidden filename", "/v1/imports?filename=.sdn.csv", full, 400, "plain file name"},
		{"bad source id", "/v1/imports?filename=sdn.csv&source=a:b", full, 400, `source id "a:b" is not valid`},
		{"empty source id", "/v1/imports?filename=sdn.csv&source=", full, 400, "source id is empty"},
		{"bad boolean", "/v1/imports?filename=sdn.csv&allow_shrink=yes", full, 400, "allow_shrink must be true or false"},
		{"override without reason", "/v1/imports?filename=sdn.csv&allow_shrink=true", cut, 400, "needs a reason"},
		{"shrunk list", "/v1/imports?filename=sdn.csv", cut, 400, "allow_shrink=true&reason=TEXT"},
		{"unknown format", "/v1/imports?filename=notes.txt", []byte("hello"), 400, "notes.txt: not a known list format"},
		{"empty body", "/v1/imports?filename=sdn.csv", nil, 400, "empty body"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, body := post(t, f.ts.URL, tc.path, tc.body)
			if code != tc.code || !strings.Contains(errMsg(body), tc.msg) {
				t.Errorf("%d %q, want %d with %q", code, errMsg(body), tc.code, tc.msg)
			}
			noInternals(t, errMsg(body))
		})
	}
	code, body := post(t, f.ts.URL, "/v1/imports?filename=sdn.csv&allow_shrink=true&reason=OFAC+delisting", cut)
	if code != 200 || fmt.Sprint(body["overrides"]) != "[shrink]" {
		t.Errorf("override over the API: %d %v", code, body)
	}
	recs, _ := f.store.Imports(context.Background(), 1)
	if recs[0].Reason != "OFAC delisting" || len(recs[0].Overrides) != 1 {
		t.Errorf("the override's audit record: %+v", recs[0])
	}
}
