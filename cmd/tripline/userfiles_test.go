package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/tripline/tripline"
)

// runCLIStdin runs tripline with stdin as its standard input.
func runCLIStdin(t *testing.T, db, stdin string, args ...string) cliResult {
	t.Helper()
	var out, errb bytes.Buffer
	m := &Main{Stdin: strings.NewReader(stdin), Stdout: &out, Stderr: &errb, Getenv: func(string) string { return "" }}
	code := m.Run(context.Background(), append([]string{"--db", db}, args...))
	if err := m.Close(); err != nil {
		t.Errorf("Close: %v", err)
	}
	return cliResult{out.String(), errb.String(), code}
}

// jsonLines parses each line of out as a JSON object.
func jsonLines(t *testing.T, out string) []map[string]any {
	t.Helper()
	var rows []map[string]any
	for _, l := range strings.Split(strings.TrimSpace(out), "\n") {
		var x map[string]any
		if err := json.Unmarshal([]byte(l), &x); err != nil {
			t.Fatalf("bad output line %q: %v", l, err)
		}
		rows = append(rows, x)
	}
	return rows
}

func postJSON(t *testing.T, url, body string) (int, []byte) {
	t.Helper()
	resp, err := http.Post(url, "application/json", strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var b bytes.Buffer
	b.ReadFrom(resp.Body)
	return resp.StatusCode, b.Bytes()
}

// TestIdentifierOnlyQueryAgreesEverywhere: a query with an identifier and
// no name is screened alike locally, through `screen --remote` and
// through POST /v1/screen (the API refused it with 400).
func TestIdentifierOnlyQueryAgreesEverywhere(t *testing.T) {
	db := filepath.Join(t.TempDir(), "demo.db")
	mustCLI(t, db, "demo")
	in := writeTemp(t, "ids.csv", "id,imo\nv1,9187655\n")
	local := jsonLines(t, mustCLI(t, db, "screen", "--input", in).Stdout)
	url := startServe(t, db)
	remote := jsonLines(t, mustCLI(t, db, "screen", "--input", in, "--remote", url).Stdout)
	code, body := postJSON(t, url+"/v1/screen", `{"queries":[{"id":"v1","identifiers":[{"type":"imo","value":"9187655"}]}]}`)
	if code != 200 {
		t.Fatalf("POST /v1/screen: %d %s", code, body)
	}
	var api struct{ Results []map[string]any }
	if err := json.Unmarshal(body, &api); err != nil {
		t.Fatal(err)
	}
	if len(local) != 1 || len(remote) != 1 || len(api.Results) != 1 {
		t.Fatalf("results: local %v remote %v api %v", local, remote, api.Results)
	}
	for _, r := range []map[string]any{local[0], remote[0], api.Results[0]} {
		delete(r, "snapshots") // only the server names them
	}
	ms, _ := local[0]["matches"].([]any)
	if len(ms) == 0 || ms[0].(map[string]any)["id"] != "demo-ofac-sdn:90008" {
		t.Fatalf("local: %v, want the vessel with IMO 9187655 first", local[0])
	}
	if !reflect.DeepEqual(local[0], remote[0]) || !reflect.DeepEqual(local[0], api.Results[0]) {
		t.Errorf("answers differ:\nlocal  %v\nremote %v\napi    %v", local[0], remote[0], api.Results[0])
	}
}

// TestCompareQuoteErrorIsARow: `printf 'a,b\n"x\n' | tripline compare
// --input -` panicked; the bad row is now reported in place.
func TestCompareQuoteErrorIsARow(t *testing.T) {
	db := filepath.Join(t.TempDir(), "t.db")
	r := runCLIStdin(t, db, "a,b\n\"x\nc,d\n", "compare", "--uniform", "--input", "-")
	rows := jsonLines(t, r.Stdout)
	if r.Code != 1 || len(rows) != 3 || rows[0]["score"] == nil || rows[1]["error"] == nil || rows[1]["row"] != 2.0 || rows[2]["score"] == nil {
		t.Fatalf("exit %d, stdout %s, stderr %s", r.Code, r.Stdout, r.Stderr)
	}
	if !strings.Contains(r.Stderr, "stdin:2:") {
		t.Errorf("stderr does not name the line: %s", r.Stderr)
	}
}

// TestScreenQuoteErrorGoesOn: a CSV quoting error costs its row, not the
// rest of the run (it ended `tripline screen`).
func TestScreenQuoteErrorGoesOn(t *testing.T) {
	db := filepath.Join(t.TempDir(), "demo.db")
	mustCLI(t, db, "demo")
	in := writeTemp(t, "q.csv", "id,name\n1,Farhad Moradi\n2,\"Golden Crescent\n3,Golden Crescent General Trading\n")
	r := runCLI(t, db, "screen", "--input", in)
	rows := jsonLines(t, r.Stdout)
	if r.Code != 1 || len(rows) != 3 || !strings.Contains(r.Stderr, "q.csv:3:") {
		t.Fatalf("exit %d, stdout %s, stderr %s", r.Code, r.Stdout, r.Stderr)
	}
	if rows[1]["error"] == nil || rows[2]["id"] != "3" || len(rows[2]["matches"].([]any)) == 0 || len(rows[0]["matches"].([]any)) == 0 {
		t.Errorf("rows %v", rows)
	}
}

// TestCheckBadRowInPlace: one bad order is reported in place with its line
// and the run goes on; the decisions before and after it are printed (a
// bad row ended the run and lost them).
func TestCheckBadRowInPlace(t *testing.T) {
	db := filepath.Join(t.TempDir(), "t.db")
	good := func(id string) string {
		return `{"id":"` + id + `","parties":[{"role":"buyer","name":"Example Bakery GmbH","country":"DE"}],"items":[{"description":"Almonds in shell","hs_code":"0802.11","quantity":100,"unit_value":5}]}`
	}
	jsonl := writeTemp(t, "o.jsonl", good("o1")+"\n"+`{"id":"o2","parties":[{"role":"customer","name":"x"}]}`+"\n"+`{"id":`+"\n"+good("o4")+"\n")
	csvIn := writeTemp(t, "o.csv", "id,buyer_name,item_description,item_hs_code\nc1,Example Bakery GmbH,Almonds,0802.11\nc2,\"Example\nc3,Example Bakery GmbH,Almonds,0802.11\n")
	for _, tc := range []struct {
		in      string
		ids     []string
		badLine []string
	}{
		{jsonl, []string{"o1", "o2", "", "o4"}, []string{"o.jsonl:2:", "o.jsonl:3:"}},
		{csvIn, []string{"c1", "c2", "c3"}, []string{"o.csv:3:"}},
	} {
		r := runCLI(t, db, "check", "--no-screen", "--input", tc.in)
		rows := jsonLines(t, r.Stdout)
		if r.Code != 1 || len(rows) != len(tc.ids) {
			t.Fatalf("%s: exit %d, stdout %s, stderr %s", tc.in, r.Code, r.Stdout, r.Stderr)
		}
		for i, id := range tc.ids {
			if rows[i]["id"] != id {
				t.Errorf("%s: line %d is %v, want %q", tc.in, i+1, rows[i], id)
			}
		}
		first, last := rows[0], rows[len(rows)-1]
		if first["risk"] != "clear" || last["risk"] != "clear" || rows[1]["error"] == nil {
			t.Errorf("%s: rows %v", tc.in, rows)
		}
		for _, l := range tc.badLine {
			if !strings.Contains(r.Stderr, l) || !strings.Contains(r.Stdout, l) {
				t.Errorf("%s: %s not reported in place and on stderr:\n%s\n%s", tc.in, l, r.Stdout, r.Stderr)
			}
		}
	}
}

// roleVariants rewrites each party role of orders-dev the way a
// spreadsheet or another system writes it.
var roleVariants = map[string]string{
	"seller": "Seller", "buyer": "Buyer", "consignee": "CONSIGNEE", "end_user": "End User",
	"freight_forwarder": "freight-forwarder", "payer": "Payer", "notify_party": "Notify Party",
}

// TestPartyRoleVariantsAgree: "Buyer" and "End User" mean buyer and
// end_user to `tripline check` and to POST /v1/check alike. The CLI
// refused them; the API took them as unknown roles and 30 of 302 dev
// orders dropped from high to medium risk.
func TestPartyRoleVariantsAgree(t *testing.T) {
	sdn := sharedData(t, "lists", "ofac_sdn")
	orders := ordersDevPath(t)
	db := filepath.Join(t.TempDir(), "t.db")
	mustCLI(t, db, "import", sdn)
	// --no-history: each order decided alone, as POST /v1/check with
	// "store": false decides it over the book of orders left empty.
	want := decisions(t, mustCLI(t, db, "check", "--no-history", "--input", orders).Stdout)

	raw, err := os.ReadFile(orders)
	if err != nil {
		t.Fatal(err)
	}
	var variant bytes.Buffer
	var lines []string
	sc := bufio.NewScanner(bytes.NewReader(raw))
	sc.Buffer(nil, 4<<20)
	for sc.Scan() {
		var o map[string]any
		if err := json.Unmarshal(sc.Bytes(), &o); err != nil {
			t.Fatal(err)
		}
		ps, _ := o["parties"].([]any)
		for _, p := range ps {
			p := p.(map[string]any)
			p["role"] = roleVariants[p["role"].(string)]
		}
		b, _ := json.Marshal(o)
		variant.Write(b)
		variant.WriteByte('\n')
		o["store"] = false // decided alone, as --no-history, over the empty book
		b, _ = json.Marshal(o)
		lines = append(lines, string(b))
	}
	in := writeTemp(t, "variants.jsonl", variant.String())
	got := decisions(t, mustCLI(t, db, "check", "--no-history", "--input", in).Stdout)
	if len(got) != 302 || !reflect.DeepEqual(got, want) {
		t.Fatalf("CLI: %d decisions with role variants differ from the canonical ones", len(got))
	}

	url := startServe(t, db)
	high, differ := 0, 0
	for _, l := range lines {
		code, body := postJSON(t, url+"/v1/check", l)
		if code != 200 {
			t.Fatalf("POST /v1/check: %d %s", code, body)
		}
		var d tripline.Decision
		if err := json.Unmarshal(body, &d); err != nil {
			t.Fatal(err)
		}
		w := want[d.ID]
		if d.Risk == tripline.RiskHigh {
			high++
		}
		if d.Risk != w.Risk || d.Score != w.Score || !reflect.DeepEqual(d.PartyHits, w.PartyHits) || !reflect.DeepEqual(d.Flags, w.Flags) {
			differ++
			if differ <= 3 {
				t.Errorf("%s: API %s %g %v, CLI %s %g %v", d.ID, d.Risk, d.Score, d.PartyHits, w.Risk, w.Score, w.PartyHits)
			}
		}
	}
	if differ > 0 {
		t.Errorf("%d of %d orders decided differently through the API (%d high)", differ, len(lines), high)
	}
}
