package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestCheckIndicatorsOnly: --indicators-only reads {"id", "text"} lines
// without a database, flags each indicator with its span, and names a bad
// line by its number while the rest go on.
func TestCheckIndicatorsOnly(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "notes.jsonl")
	os.WriteFile(in, []byte(strings.Join([]string{
		`{"id": "ru", "text": "Клиент отказался от монтажа и хочет платить наличными."}`,
		`{"id": "zh", "text": "客户没有拒绝培训。"}`,
		`not json`,
		`{"id": "es", "notes": "El pago iba a venir de Irán; ahora lo hará una empresa en Panamá."}`,
	}, "\n")+"\n"), 0o644)
	r := runCLI(t, filepath.Join(dir, "t.db"), "check", "--indicators-only", "--input", in)
	if r.Code != 1 || !strings.Contains(r.Stderr, "notes.jsonl:3") {
		t.Errorf("exit %d, stderr %q: want the bad line named", r.Code, r.Stderr)
	}
	want := map[string]string{"ru": "declined_services,unusual_payment", "zh": "", "es": "payment_reroute"}
	for _, line := range strings.Split(strings.TrimSpace(r.Stdout), "\n") {
		var out struct {
			ID         string   `json:"id"`
			Indicators []string `json:"indicators"`
			Flags      []struct {
				Start, End int
				Span, Lang string
			} `json:"flags"`
		}
		if err := json.Unmarshal([]byte(line), &out); err != nil {
			t.Fatalf("%q: %v", line, err)
		}
		if got := strings.Join(out.Indicators, ","); got != want[out.ID] {
			t.Errorf("%s: indicators %q, want %q", out.ID, got, want[out.ID])
		}
		for _, f := range out.Flags {
			if f.Span == "" || f.End <= f.Start || f.Lang != out.ID {
				t.Errorf("%s: flag %+v", out.ID, f)
			}
		}
		delete(want, out.ID)
	}
	if len(want) > 0 {
		t.Errorf("no output for %v", want)
	}
}

// TestCheckTextFlagsInDecision: a German note that declines the
// commissioning raises BIS-KYC-08 with the span as evidence, and the
// decision records the lexicons' version.
func TestCheckTextFlagsInDecision(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "orders.jsonl")
	os.WriteFile(in, []byte(`{"id": "t1", "date": "2025-03-01", "parties": [{"role": "buyer", "name": "Muster GmbH", "country": "DE"}], `+
		`"items": [{"description": "servo motor", "quantity": 5, "unit_value": 100, "currency": "EUR"}], `+
		`"notes": "Der Kunde lehnte die Inbetriebnahme ab. Lieferung bitte in zwei Teilen an verschiedene Empfänger aufteilen."}`+"\n"), 0o644)
	d := decisions(t, mustCLI(t, filepath.Join(dir, "t.db"), "check", "--no-screen", "--input", in).Stdout)["t1"]
	rules := map[string]string{}
	for _, f := range d.Flags {
		rules[f.Rule] = f.Evidence
	}
	if ev := rules["BIS-KYC-08"]; !strings.Contains(ev, "notes[") || !strings.Contains(ev, "lehnte die Inbetriebnahme") {
		t.Errorf("BIS-KYC-08 evidence %q (flags %+v)", ev, d.Flags)
	}
	if _, ok := rules["DERIVED-SPLIT-01"]; !ok {
		t.Errorf("no split-shipment flag in %+v", d.Flags)
	}
	if !strings.HasPrefix(d.Versions["text"], "textflags-") {
		t.Errorf("versions %v lack the lexicons", d.Versions)
	}
}
