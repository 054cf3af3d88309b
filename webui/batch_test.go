package webui

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"mime/multipart"
	"net/http"
	"strings"
	"testing"
	"time"
)

// postUpload sends a multipart form (fields in order, then the file) to
// path with the client's CSRF token in the address.
func postUpload(t testing.TB, f *fixture, c *http.Client, path string, fields [][2]string, filename, content string) (int, string, http.Header) {
	t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	for _, kv := range fields {
		mw.WriteField(kv[0], kv[1])
	}
	if filename != "" {
		fw, _ := mw.CreateFormFile("file", filename)
		io.WriteString(fw, content)
	}
	mw.Close()
	req, err := http.NewRequest("POST", f.url+path+"?csrf="+f.csrfOf(t, c), &buf)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", mw.FormDataContentType())
	resp, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b), resp.Header
}

const batchCSV = "id,name,country\nr1,Kaveh Sanat Arya Company,IR\nr2,Zhang Wei,\nr3,Nobody In Particular,\nr4,Alborz Marine Lines,\nr5,,\n"

// waitBatch waits until the store's job id has finished.
func waitBatch(t testing.TB, f *fixture, id int64) {
	t.Helper()
	deadline := time.Now().Add(time.Minute)
	for {
		j, err := f.store.BatchJob(context.Background(), id)
		if err != nil {
			t.Fatal(err)
		}
		if j.State.Finished() {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("batch job %d not finished after a minute: %+v", id, j)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// TestBatchPages: a CSV uploaded on the batch page becomes a stored job
// of /v1/jobs, worked in shards; its page shows its progress, its
// results download as the API's lines, byte for byte, or as CSV; bad
// uploads are refused next to the form.
func TestBatchPages(t *testing.T) {
	off := newFixture(t, fixtureOptions{noWatches: true})
	if status, body, _ := get(t, off.client(t), off.url+"/batch"); status != 404 || !strings.Contains(body, "batch jobs are not enabled") {
		t.Errorf("without jobs: %d\n%s", status, snippet(body))
	}
	f := newFixture(t, fixtureOptions{jobs: true, noWatches: true})
	c := f.client(t)
	status, body, _ := get(t, c, f.url+"/batch")
	if status != 200 || !strings.Contains(body, `id="batch-form"`) || !strings.Contains(body, "No batch job yet") || !strings.Contains(body, `href="/batch" aria-current="page"`) {
		t.Fatalf("GET /batch: %d\n%s", status, snippet(body))
	}
	for _, bad := range []struct {
		fields   [][2]string
		filename string
		want     string
	}{
		{nil, "", "choose a file"},
		{[][2]string{{"threshold", "high"}}, "x.csv", "must be a number"},
		{[][2]string{{"threshold", "7"}}, "x.csv", "threshold"},
	} {
		status, body, _ := postUpload(t, f, c, "/batch", bad.fields, bad.filename, batchCSV)
		if status != 400 || !strings.Contains(body, `id="batch-error"`) || !strings.Contains(body, bad.want) {
			t.Errorf("bad upload %v: %d\n%s", bad.fields, status, snippet(body))
		}
	}
	status, body, h := postUpload(t, f, c, "/batch", [][2]string{{"threshold", "0.8"}}, "customers.csv", batchCSV)
	if status != http.StatusSeeOther || h.Get("Location") != "/batch/1" {
		t.Fatalf("upload: %d to %q\n%s", status, h.Get("Location"), snippet(body))
	}
	waitBatch(t, f, 1)
	status, body, _ = get(t, c, f.url+"/batch/1")
	for _, w := range []string{"Batch job 1: customers.csv", "completed", `href="/batch/1/results.jsonl"`, `href="/batch/1/results.csv"`, "2 of 2 done", "0.800"} {
		if status != 200 || !strings.Contains(body, w) {
			t.Errorf("job page: %d, no %q\n%s", status, w, snippet(body))
		}
	}
	var st batchStatus
	_, js, _ := get(t, c, f.url+"/batch/1/status")
	if err := json.Unmarshal([]byte(js), &st); err != nil || !st.Done || st.Percent != 100 || st.RowsTotal != 5 || st.BadRows != 1 {
		t.Errorf("status %s: %+v %v", js, st, err)
	}
	_, lines, h := get(t, c, f.url+"/batch/1/results.jsonl")
	_, api, _ := get(t, c, f.url+"/v1/jobs/1/results")
	if lines != api || strings.Count(lines, "\n") != 5 || !strings.Contains(h.Get("Content-Disposition"), "batch-1.jsonl") {
		t.Errorf("the JSON lines are not the API's:\n%s\n---\n%s", lines, api)
	}
	_, csvBody, _ := get(t, c, f.url+"/batch/1/results.csv")
	if !strings.HasPrefix(csvBody, "id,match_id,source,source_id,name,matched_name,score,error\n") || !strings.Contains(csvBody, "r1,") || !strings.Contains(csvBody, "r3,,,,,,,") {
		t.Errorf("CSV:\n%s", csvBody)
	}
	if _, body, _ := get(t, c, f.url+"/batch"); !strings.Contains(body, `<a href="/batch/1">job 1</a>`) {
		t.Errorf("the list lacks job 1\n%s", snippet(body))
	}
	if status, _, _ := get(t, c, f.url+"/batch/9"); status != 404 {
		t.Errorf("GET /batch/9: %d", status)
	}
}
