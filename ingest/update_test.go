package ingest_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/tripline/tripline"
	"github.com/tripline/tripline/ingest"
	"github.com/tripline/tripline/ingest/download"
)

// TestUpdate: Importer.Update downloads each official source from a
// (loopback) mirror and imports it with the guards and the observers of
// Import; a source that fails keeps its snapshot and the others go on.
func TestUpdate(t *testing.T) {
	ctx := context.Background()
	xml, err := os.ReadFile(filepath.Join("..", "demo", "data", "un_sc", "consolidated.xml"))
	if err != nil {
		t.Fatal(err)
	}
	var served atomic.Value
	served.Store(xml)
	mirror := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/un-sc/consolidated.xml" {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "application/xml")
		w.Write(served.Load().([]byte))
	}))
	defer mirror.Close()
	dl, err := download.New(mirror.URL)
	if err != nil {
		t.Fatal(err)
	}
	srcs, err := ingest.Downloadable([]string{"un-sc", "us-bis-dpl"})
	if err != nil || len(srcs) != 2 {
		t.Fatalf("Downloadable: %v, %v", srcs, err)
	}
	if _, err := ingest.Downloadable([]string{"ofac-sdn-enhanced"}); tripline.ErrorKind(err) != tripline.KindInvalid || !strings.Contains(err.Error(), "known: ") {
		t.Errorf("a source without files: %v, want Invalid naming the known ones", err)
	}
	im, st := newImporter(t)
	rec := &recorder{}
	im.Observers = []tripline.SnapshotObserver{rec}
	var each []string
	res, err := im.Update(ctx, dl, srcs, "", ingest.ImportOptions{}, func(r ingest.UpdateResult) { each = append(each, r.Source) })
	if err != nil || len(res) != 2 || strings.Join(each, ",") != "un-sc,us-bis-dpl" {
		t.Fatalf("Update: %+v, %v (each %v)", res, err, each)
	}
	if r := res[0]; r.Error != "" || r.Import == nil || !r.Import.Created || r.Downloaded != int64(len(xml)) || len(rec.calls) != 1 {
		t.Errorf("un-sc: %+v (observer calls %v)", r, rec.calls)
	}
	if r := res[1]; !strings.Contains(r.Error, "404") || tripline.ErrorKind(r.Err) != tripline.KindUnavailable || r.Import != nil {
		t.Errorf("us-bis-dpl, not served: %+v", r)
	}
	first := currentOf(t, st, "un-sc")

	// The same publication again: unchanged, no observer call.
	res, err = im.Update(ctx, dl, srcs[:1], "", ingest.ImportOptions{}, nil)
	if err != nil || res[0].Error != "" || res[0].Import.Created || len(rec.calls) != 1 {
		t.Errorf("second update: %+v, %v (observer calls %v)", res, err, rec.calls)
	}
	// A cut file (the XML root not closed) is refused; the snapshot stays.
	served.Store(xml[:len(xml)*2/3])
	res, err = im.Update(ctx, dl, srcs[:1], "", ingest.ImportOptions{}, nil)
	if err != nil || res[0].Error == "" || tripline.ErrorKind(res[0].Err) != tripline.KindInvalid {
		t.Errorf("cut file: %+v, %v", res, err)
	}
	if cur := currentOf(t, st, "un-sc"); cur.ID != first.ID {
		t.Errorf("after the refused update the current snapshot is %d, want %d", cur.ID, first.ID)
	}
	// --source and --format do not apply to an update.
	if _, err := im.Update(ctx, dl, srcs[:1], "", ingest.ImportOptions{Source: "mine"}, nil); tripline.ErrorKind(err) != tripline.KindInvalid {
		t.Errorf("Update with a source: %v, want Invalid", err)
	}
}
