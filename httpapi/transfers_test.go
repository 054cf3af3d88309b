package httpapi_test

import (
	"context"
	"encoding/json"
	"net/http"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tripline/tripline/ingest/sipri"
	"github.com/tripline/tripline/osint"
	"github.com/tripline/tripline/transfer"
)

func getJSON(t *testing.T, url string, want int, v any) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != want {
		t.Fatalf("GET %s: %d, want %d", url, resp.StatusCode, want)
	}
	if v != nil {
		if err := json.NewDecoder(resp.Body).Decode(v); err != nil {
			t.Fatalf("GET %s: %v", url, err)
		}
	}
}

func TestTransferEndpoints(t *testing.T) {
	f := newFixture(t, true)
	ctx := context.Background()
	ts, err := sipri.ReadFile(filepath.Join("..", "ingest", "sipri", "testdata", "register_excerpt.csv"))
	if err != nil {
		t.Fatal(err)
	}
	transfer.MustDefault().Link(ts)
	if _, _, err := f.store.ImportTransfers(ctx, ts); err != nil {
		t.Fatal(err)
	}
	x := osint.NewExtractor(transfer.MustDefault(), nil, nil, nil)
	doc, err := osint.ReadFile(filepath.Join("..", "osint", "testdata", "belarus-kochevnik.txt"))
	if err != nil {
		t.Fatal(err)
	}
	var artID string
	if _, err := x.Ingest(ctx, f.store, []*osint.Doc{doc}, func(r osint.Result) {
		if r.Err != nil {
			t.Fatal(r.Err)
		}
		artID = r.Article.ID
	}); err != nil {
		t.Fatal(err)
	}
	base := f.ts.URL
	var list struct {
		Transfers []struct {
			ID        string   `json:"id"`
			System    string   `json:"system"`
			Uncertain []string `json:"uncertain"`
		} `json:"transfers"`
		Total int `json:"total"`
	}
	getJSON(t, base+"/v1/transfers?supplier=IR&recipient=VE", 200, &list)
	if list.Total != 3 || len(list.Transfers) != 3 {
		t.Errorf("IR → VE = %+v", list)
	}
	getJSON(t, base+"/v1/transfers?system=Geran-2&limit=1", 200, &list)
	if list.Total != 3 || len(list.Transfers) != 1 || list.Transfers[0].System != "shahed-136" {
		t.Errorf("Geran-2, one of a page = %+v", list)
	}
	var one struct {
		ID string `json:"id"`
	}
	getJSON(t, base+"/v1/transfers/"+list.Transfers[0].ID, 200, &one)
	getJSON(t, base+"/v1/transfers/sipri-at:none", 404, nil)
	getJSON(t, base+"/v1/transfers?since=soon", 400, nil)
	getJSON(t, base+"/v1/transfers?aggregate=country", 400, nil)
	var agg struct {
		Dyads []struct {
			Supplier  struct{ Code string } `json:"supplier"`
			Recipient struct {
				Code, Name, Kind string
			} `json:"recipient"`
			Quantity int `json:"quantity"`
			Years    []struct {
				Year int `json:"year"`
			} `json:"years"`
		} `json:"dyads"`
	}
	getJSON(t, base+"/v1/transfers?aggregate=dyad", 200, &agg)
	found := false
	for _, d := range agg.Dyads {
		if d.Supplier.Code == "IR" && d.Recipient.Code == "RU" && d.Quantity == 1200 && len(d.Years) == 3 {
			found = true
		}
	}
	if !found {
		t.Errorf("dyads = %+v; want IR → RU, 1200 over 3 years", agg.Dyads)
	}
	var page map[string]any
	getJSON(t, base+"/v1/systems/Geran-2", 200, &page)
	if page["id"] != "shahed-136" || len(page["transfers"].([]any)) != 3 || len(page["component_pages"].([]any)) == 0 {
		t.Errorf("system page: id %v, %d transfers", page["id"], len(page["transfers"].([]any)))
	}
	getJSON(t, base+"/v1/systems/Zolfaghar", 409, nil)
	getJSON(t, base+"/v1/systems/nothing", 404, nil)
	getJSON(t, base+"/v1/systems", 200, nil)
	var arts struct {
		Articles []map[string]any `json:"articles"`
		Total    int              `json:"total"`
	}
	getJSON(t, base+"/v1/articles?system=kochevnik", 200, &arts)
	if arts.Total != 1 || arts.Articles[0]["id"] != artID || arts.Articles[0]["text"] != nil {
		t.Errorf("articles = %+v", arts)
	}
	var art map[string]any
	getJSON(t, base+"/v1/articles/"+artID, 200, &art)
	if !strings.Contains(art["text"].(string), "Minsk") || art["signature"] != nil {
		t.Errorf("article = %v", art)
	}
	getJSON(t, base+"/v1/articles/art_none", 404, nil)
	var cl struct {
		Claims []map[string]any `json:"claims"`
	}
	getJSON(t, base+"/v1/claims?recipient=BY&system=shahed-136", 200, &cl)
	if len(cl.Claims) != 1 {
		t.Errorf("claims = %+v", cl)
	}
}
