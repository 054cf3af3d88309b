package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tripline/tripline"
	"github.com/tripline/tripline/transfer"
)

func TestTransfersCLI(t *testing.T) {
	db := filepath.Join(t.TempDir(), "t.db")
	excerpt := filepath.Join("..", "..", "ingest", "sipri", "testdata", "register_excerpt.csv")
	r := mustCLI(t, db, "transfers", "import", excerpt)
	if !strings.Contains(r.Stdout, "sipri-at: snapshot 1, 10 deals") {
		t.Errorf("import said %q", r.Stdout)
	}
	if r := mustCLI(t, db, "transfers", "import", excerpt); !strings.Contains(r.Stdout, "unchanged") {
		t.Errorf("re-import said %q", r.Stdout)
	}
	r = mustCLI(t, db, "transfers", "list", "--supplier", "IR", "--recipient", "VE")
	for _, want := range []string{"Peykaap", "missile boat", "zolfaghar-fac", "CM-90 Nasr", "nasr-1", "2021?", "Mohajer-6"} {
		if !strings.Contains(r.Stdout, want) {
			t.Errorf("Iran → Venezuela lacks %q:\n%s", want, r.Stdout)
		}
	}
	r = mustCLI(t, db, "transfers", "list", "--system", "Geran-2", "--json")
	var n int
	sc := bufio.NewScanner(strings.NewReader(r.Stdout))
	for sc.Scan() {
		var tr tripline.Transfer
		if err := json.Unmarshal(sc.Bytes(), &tr); err != nil {
			t.Fatal(err)
		}
		if tr.System != "shahed-136" || !tr.IsUncertain("order_year") || len(tr.Producers) == 0 {
			t.Errorf("Geran-2 row %+v", tr)
		}
		n++
	}
	if n != 3 {
		t.Errorf("--system Geran-2 gave %d deals, want the 3 Shahed-136 rows", n)
	}
	r = mustCLI(t, db, "transfers", "stats", "--supplier", "IR")
	if !strings.Contains(r.Stdout, "RU Russia") || !strings.Contains(r.Stdout, "1200") {
		t.Errorf("stats:\n%s", r.Stdout)
	}
	// A new edition: one deal changed, one removed.
	raw, _ := os.ReadFile(excerpt)
	raw = bytes.Replace(raw, []byte("Shahed-136,one-way attack drone,1200"), []byte("Shahed-136,one-way attack drone,1500"), 1)
	raw = bytes.Replace(raw, []byte("Houthi rebels (Yemen)*,Iran,2019"), []byte("Houthi rebels (Yemen)*,Iran,2018"), 1)
	edition := filepath.Join(t.TempDir(), "edition2.csv")
	os.WriteFile(edition, raw, 0o644)
	r = mustCLI(t, db, "transfers", "import", edition)
	if !strings.Contains(r.Stdout, "1 added, 1 removed, 1 changed") {
		t.Errorf("second edition said %q", r.Stdout)
	}
	if r := mustCLI(t, db, "transfers", "history"); strings.Count(r.Stdout, "sipri-at") != 2 {
		t.Errorf("history:\n%s", r.Stdout)
	}
	// Users' own transfers.
	r = mustCLI(t, db, "transfers", "import", filepath.Join("..", "..", "ingest", "sipri", "testdata", "transfers.jsonl"))
	if !strings.Contains(r.Stdout, "user: snapshot") {
		t.Errorf("jsonl import said %q", r.Stdout)
	}
	if r := mustCLI(t, db, "transfers", "list", "--recipient", "Hezbollah (Lebanon)", "--source", "user"); !strings.Contains(r.Stdout, "almas-1") {
		t.Errorf("user rows:\n%s", r.Stdout)
	}
	bad := filepath.Join(t.TempDir(), "bad.jsonl")
	os.WriteFile(bad, []byte("{\"supplier\":\"Iran\"}\n"), 0o644)
	if r := runCLI(t, db, "transfers", "import", bad); r.Code != 1 || !strings.Contains(r.Stderr, "bad.jsonl:1") {
		t.Errorf("bad file: exit %d, %q", r.Code, r.Stderr)
	}
	if r := runCLI(t, db, "transfers", "list", "--since", "soon"); r.Code != 2 {
		t.Errorf("bad --since: exit %d", r.Code)
	}
	if r := mustCLI(t, db, "transfers", "demo"); !strings.Contains(r.Stdout, "fictional deals") {
		t.Errorf("demo said %q", r.Stdout)
	}
}

// TestTransfersRealRegister imports SIPRI's whole trade register and
// lists what Iran delivered to Venezuela: the boats and missiles the seed
// article describes.
func TestTransfersRealRegister(t *testing.T) {
	path := sharedData(t, "dualuse", "sipri_trade_register_all_20260518.csv")
	db := filepath.Join(t.TempDir(), "t.db")
	r := mustCLI(t, db, "transfers", "import", path)
	if !strings.Contains(r.Stdout, "29916 deals") {
		t.Fatalf("import said %q", r.Stdout)
	}
	r = mustCLI(t, db, "transfers", "list", "--supplier", "IR", "--recipient", "VE", "--json")
	var systems []string
	for _, line := range strings.Split(strings.TrimSpace(r.Stdout), "\n") {
		var tr tripline.Transfer
		if err := json.Unmarshal([]byte(line), &tr); err != nil {
			t.Fatal(err)
		}
		systems = append(systems, tr.System)
		s, _ := transfer.MustDefault().ByID(tr.System)
		if s == nil {
			t.Errorf("%s not linked", tr.Designation)
		}
	}
	if strings.Join(systems, ",") != "zolfaghar-fac,nasr-1" && strings.Join(systems, ",") != "nasr-1,zolfaghar-fac" {
		t.Errorf("Iran → Venezuela systems = %v, want the boats and their missiles", systems)
	}
}
