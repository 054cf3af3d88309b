package webui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestBrowserBatch: a CSV uploaded on the batch page is screened as a
// stored job; its page follows the progress to the end and offers both
// downloads, which hold every row. axe-core checks both pages.
func TestBrowserBatch(t *testing.T) {
	src := axeSource(t)
	f := newFixture(t, fixtureOptions{jobs: true, noWatches: true})
	file := filepath.Join(t.TempDir(), "customers.csv")
	if err := os.WriteFile(file, []byte(batchCSV), 0o644); err != nil {
		t.Fatal(err)
	}
	b := newBrowser(t, f.url)
	b.open("/batch", "#batch-form")
	b.shot("batch-empty")
	b.axe(src, "the batch page")
	b.do("upload", chromedp.SetUploadFiles(chromedp.CSS("#b-file"), []string{file}), chromedp.Click(chromedp.CSS("#b-submit")))
	b.waitJS("the job's page", `location.pathname === '/batch/1' && document.readyState === 'complete'`)
	b.waitJS("the job done", `document.querySelector('.downloads') !== null`)
	if s := b.text("#bj-line"); !strings.Contains(s, "5 of 5 rows screened, 1 could not be screened") {
		t.Errorf("job line %q", s)
	}
	csv := eval[string](b, `fetch(document.querySelector('.downloads a[href$=".csv"]').href).then(function (r) { return r.text(); })`)
	for _, w := range []string{"r1,", "r2,", "r3,", "r4,", "r5,"} {
		if !strings.Contains(csv, w) {
			t.Errorf("the CSV lacks row %s:\n%s", w, csv)
		}
	}
	b.shot("batch-done")
	b.axe(src, "a completed batch job")
	b.open("/batch", "table.batches")
	if s := b.text("table.batches"); !strings.Contains(s, "customers.csv") || !strings.Contains(s, "completed") {
		t.Errorf("the job list: %q", s)
	}
	b.shot("batch")
}
