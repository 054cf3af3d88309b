package sipri

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/tripline/tripline"
	"github.com/tripline/tripline/ingest/internal/readertest"
)

func TestReadExcerpt(t *testing.T) {
	ts, err := ReadFile(filepath.Join("testdata", "register_excerpt.csv"))
	if err != nil {
		t.Fatal(err)
	}
	if ts.Source != Source || ts.Format != Format || ts.PublishedAt != "2031-03-02" || len(ts.Hash) != 64 {
		t.Errorf("set = %s %s %q %q", ts.Source, ts.Format, ts.PublishedAt, ts.Hash)
	}
	if len(ts.Transfers) != 10 {
		t.Fatalf("%d deals, want 10", len(ts.Transfers))
	}
	if err := ts.Validate(); err != nil {
		t.Fatal(err)
	}
	boats := ts.Transfers[0]
	if boats.Supplier.Code != "IR" || boats.Recipient.Code != "VE" || boats.Designation != "Peykaap" || boats.Description != "missile boat" ||
		boats.OrderYear != 2021 || *boats.Ordered != 4 || *boats.Delivered != 4 || !slices.Equal(boats.DeliveryYears, []int{2022, 2023}) ||
		*boats.TIVUnit != 7 || *boats.TIVDelivered != 28 || boats.Status != "New" {
		t.Errorf("boats = %+v", boats)
	}
	if !slices.Equal(boats.Uncertain, []string{"order_year", "ordered", "delivered"}) {
		t.Errorf("boats uncertain = %v, want every ? kept", boats.Uncertain)
	}
	if got := boats.Deliveries; len(got) != 2 || got[0].Quantity != 2 || got[1].Quantity != 2 || !got[0].Estimated || got[0].TIV != 14 {
		t.Errorf("deliveries = %+v, want 2 + 2 estimated", got)
	}
	pending := ts.Transfers[2]
	if pending.Delivered != nil || pending.TIVDelivered != nil || len(pending.Deliveries) != 0 || !slices.Equal(pending.Uncertain, []string{"order_year"}) {
		t.Errorf("undelivered deal = %+v", pending)
	}
	shahed := ts.Transfers[3]
	if shahed.Ordered != nil || shahed.TIVOrder != nil || len(shahed.Deliveries) != 3 || shahed.Deliveries[0].Quantity != 400 {
		t.Errorf("no number ordered: %+v", shahed)
	}
	houthi := ts.Transfers[4].Recipient
	if houthi.Kind != tripline.PartyNonState || houthi.Name != "Houthi rebels (Yemen)" || houthi.Code != "" || houthi.Country != "YE" {
		t.Errorf("non-state party = %+v", houthi)
	}
	nato := ts.Transfers[5].Recipient
	if nato.Kind != tripline.PartyOrganisation || nato.Name != "NATO" || nato.Code != "" {
		t.Errorf("organisation = %+v", nato)
	}
	if c := ts.Transfers[6].Comments; !strings.Contains(c, "± 40 m") || !strings.Contains(c, `"Estrella"`) {
		t.Errorf("cp1252 comment with quotes read as %q", c)
	}
	if a, b := ts.Transfers[7].ID, ts.Transfers[8].ID; a == b || !strings.HasSuffix(b, "-2") {
		t.Errorf("two deals with one key got ids %s and %s", a, b)
	}
	civ := ts.Transfers[9]
	if civ.Recipient.Code != "CI" || civ.Supplier.Kind != tripline.PartyUnknown {
		t.Errorf("Côte d'Ivoire / unknown supplier = %+v / %+v", civ.Recipient, civ.Supplier)
	}
	// The same bytes in UTF-8 read the same.
	raw, _ := os.ReadFile(filepath.Join("testdata", "register_excerpt.csv"))
	u := bytes.ReplaceAll(raw, []byte{0xb1}, []byte("±"))
	u = bytes.ReplaceAll(u, []byte{0xf4}, []byte("ô"))
	ts2, err := Read(bytes.NewReader(u), "utf8.csv")
	if err != nil || ts2.Transfers[6].Comments != ts.Transfers[6].Comments || ts2.Transfers[9].Recipient != civ.Recipient {
		t.Errorf("UTF-8 copy: %v", err)
	}
}

func TestReadErrors(t *testing.T) {
	head := "Recipient,Supplier,Year of order, ,Number ordered, ,Weapon designation,Weapon description,Number delivered, ,Year(s) of delivery,status,Comments,SIPRI TIV per unit,SIPRI TIV for total order,SIPRI TIV of delivered weapons\n"
	for _, tc := range []struct {
		name, in string
		line     int
	}{
		{"no header", "just,some,text\n", 1},
		{"bad year", "pre\n" + head + "Chile,France,19x5,,1,,X-1,tank,1,,1990,New,,1,1,1\n", 3},
		{"bad flag", head + "Chile,France,1985,yes,1,,X-1,tank,1,,1990,New,,1,1,1\n", 2},
		{"bad delivery", head + "Chile,France,1985,,1,,X-1,tank,1,,1990; soon,New,,1,1,1\n", 2},
		{"too many values", head + "Chile,France,1985,,1,,X-1,tank,1,,1990,New,,1,1,1,extra\n", 2},
		{"broken quote", head + "Chile,France,1985,,1,,X-1,tank,1,,1990,New,\"open,1,1,1\n", 2},
		{"no rows", head, 0},
	} {
		_, err := Read(strings.NewReader(tc.in), "r.csv")
		pe := tripline.ParseErrorOf(err)
		if pe == nil || pe.Line != tc.line || pe.File != "r.csv" {
			t.Errorf("%s: err = %v, want a parse error at line %d", tc.name, err, tc.line)
		}
	}
}

// TestRealRegister reads SIPRI's whole trade register from ../shared.
func TestRealRegister(t *testing.T) {
	path := readertest.SharedFile(t, "data/dualuse/sipri_trade_register_all_20260518.csv")
	ts, err := ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if len(ts.Transfers) != 29916 || ts.PublishedAt != "2026-05-18" {
		t.Fatalf("%d deals published %s, want 29,916 of 2026-05-18", len(ts.Transfers), ts.PublishedAt)
	}
	if err := ts.Validate(); err != nil {
		t.Fatal(err)
	}
	// Every "?" of the three uncertainty columns is kept (counted in the
	// file independently).
	counts := map[string]int{}
	unknownStates := map[string]bool{}
	for _, tr := range ts.Transfers {
		for _, f := range tr.Uncertain {
			counts[f]++
		}
		for _, p := range []tripline.TransferParty{tr.Supplier, tr.Recipient} {
			if p.Kind == tripline.PartyUnknown && !strings.HasPrefix(p.Name, "unknown") {
				unknownStates[p.Name] = true
			}
		}
	}
	want := map[string]int{"order_year": 15736, "ordered": 12438, "delivered": 16680}
	for f, n := range want {
		if counts[f] != n {
			t.Errorf("%d deals with %s uncertain, want %d", counts[f], f, n)
		}
	}
	if len(unknownStates) > 0 {
		t.Errorf("states without a code: %v", unknownStates)
	}
	var ve []string
	for _, tr := range ts.Transfers {
		if tr.Supplier.Code == "IR" && tr.Recipient.Code == "VE" {
			ve = append(ve, tr.Designation+" ("+tr.Description+")")
		}
	}
	slices.Sort(ve)
	if !slices.Equal(ve, []string{"CM-90 Nasr (anti-ship missile)", "Peykaap (missile boat)"}) {
		t.Errorf("Iran → Venezuela = %v", ve)
	}
}

func TestJSONL(t *testing.T) {
	ts, err := ReadJSONLFile(filepath.Join("testdata", "transfers.jsonl"), "")
	if err != nil {
		t.Fatal(err)
	}
	if ts.Source != "user" || len(ts.Transfers) != 3 || ts.Hash == "" {
		t.Fatalf("set = %s, %d transfers", ts.Source, len(ts.Transfers))
	}
	a := ts.Transfers[0]
	if a.ID != "user:u1" || a.Supplier.Code != "IR" || a.Supplier.Name != "Iran" || a.Recipient.Code != "VE" ||
		!a.IsUncertain("delivered") || a.Reports[0].URL == "" || a.Reports[0].Confidence != "medium" || len(a.Deliveries) != 1 {
		t.Errorf("row 1 = %+v", a)
	}
	if b := ts.Transfers[1]; b.Recipient.Kind != tripline.PartyNonState || b.Designation != "almas-1" {
		t.Errorf("row 2 = %+v", b)
	}
	if c := ts.Transfers[2]; !strings.HasPrefix(c.ID, "user:") || len(c.ID) < 10 {
		t.Errorf("row without id got id %q", c.ID)
	}
	bad := `{"supplier":"Iran","recipient":"Syria","designation":"X","order_year":2020}
{"supplier":"Iran","designation":"X"}
{"supplier":"Iran","recipient":"Syria","designation":"X","colour":"red"}
{"supplier":"Iran","recipient":"Syria","designation":"X","uncertain":["mood"]}
{"supplier":"Iran","recipient":"Syria","designation":"X","order_year":20}
{"id":"a","supplier":"Iran","recipient":"Syria","designation":"X"}
{"id":"a","supplier":"Iran","recipient":"Syria","designation":"Y"}
not json
`
	_, err = ReadJSONL(strings.NewReader(bad), "bad.jsonl", "mine")
	if err == nil {
		t.Fatal("a file with bad lines was read")
	}
	msg := err.Error()
	for _, want := range []string{"bad.jsonl:2", "bad.jsonl:3", `"colour"`, "bad.jsonl:4", `"mood"`, "bad.jsonl:5", "bad.jsonl:7", "bad.jsonl:8"} {
		if !strings.Contains(msg, want) {
			t.Errorf("errors do not name %s:\n%s", want, msg)
		}
	}
	if strings.Contains(msg, "bad.jsonl:1:") || strings.Contains(msg, "bad.jsonl:6:") {
		t.Errorf("a good line was reported:\n%s", msg)
	}
}

func BenchmarkReadRegister(b *testing.B) {
	path := readertest.SharedFile(b, "data/dualuse/sipri_trade_register_all_20260518.csv")
	data := readertest.ReadFile(b, path)
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if _, err := Read(bytes.NewReader(data), path); err != nil {
			b.Fatal(err)
		}
	}
}
