package textflags

import "testing"

// TestWiderCoverage: the concepts added in round 2 (eval/notes/train.jsonl)
// raise their indicator, and negation and hedges still turn them off.
func TestWiderCoverage(t *testing.T) {
	x := mustDefault(t)
	for _, tc := range []struct{ text, want string }{
		{"The shipment was redirected to a forwarder in Almaty.", "shipping_change"},
		{"The shipment was not redirected.", ""},
		{"If the shipment is redirected, a new licence check is needed.", ""},
		{"Customer confused volts and amps.", "unfamiliar_product"},
		{"Their engineer knew the connector pinout by heart.", ""},
		{"Insisted on paying a premium.", "overpricing"},
		{"Customer asked whether express shipping costs a surcharge.", ""},
		{"An affiliate in Armenia will pay instead of the buyer.", "payment_reroute"},
		{"Die Sendung wurde zu einem Spediteur umgeleitet.", "shipping_change"},
		{"Die Sendung wurde nicht umgeleitet.", ""},
		{"L'envoi a été redirigé vers un transitaire.", "shipping_change"},
		{"El envío se desvió a un transitario.", "shipping_change"},
		{"Груз перенаправили экспедитору.", "shipping_change"},
		{"Sevkiyat bir nakliyeciye yönlendirildi.", "shipping_change"},
		{"货物被改发给一家货代。", "shipping_change"},
	} {
		if got := indicators(x, tc.text); got != tc.want {
			t.Errorf("%q: %q, want %q", tc.text, got, tc.want)
		}
	}
}

// BenchmarkExtract reads the development notes one after another, the
// cache bypassed (each note read afresh): the cost per order's notes.
func BenchmarkExtract(b *testing.B) {
	x := mustDefault(b)
	var texts []string
	for _, f := range []string{"../eval/notes/dev.jsonl", "../eval/notes/dev2.jsonl", "../eval/notes/dev3.jsonl"} {
		for _, n := range readNotes(b, f) {
			texts = append(texts, n.Text)
		}
	}
	if len(texts) == 0 {
		b.Skip("no eval/notes")
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		x.extract(texts[i%len(texts)])
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "notes/s")
}
