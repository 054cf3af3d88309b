package textflags

import "testing"

// TestConceptFamilies: the round-3 concept families (eval/notes/train2.jsonl)
// raise their indicator in any wording of the family, and negation, hedges
// and the not-negators ("sin embargo", 不同) keep to their scope.
func TestConceptFamilies(t *testing.T) {
	x := mustDefault(t)
	for _, tc := range []struct{ text, want string }{
		{"The money will come through a business partner in Baku.", "payment_reroute"},
		{"If a partner firm pays instead of the buyer, we need a new check.", ""},
		{"Bezahlen wird ein Vetter in Eriwan statt des Kunden.", "payment_reroute"},
		{"Kunde zahlt bar über eine Wechselstube.", "unusual_payment"},
		{"Accepted the price without haggling.", "overpricing"},
		{"Il a accepté le prix sans marchander.", "overpricing"},
		{"Ship to the bonded warehouse in Mersin.", "vague_delivery"},
		{"Die Ware geht an ein Zolllager.", "vague_delivery"},
		{"Lieferadresse: Werk Linz, Hafenstraße 4.", ""},
		{"Empfänger steht noch nicht fest.", "vague_delivery"},
		{"Split the 40 pumps into four orders.", "split_shipment"},
		{"Invoice split across two cost centres.", ""},
		{"把订单拆成三个订单。", "split_shipment"},
		{"客户要求把货分给不同的收货人。", "split_shipment"},
		{"Sin embargo, el cliente rechazó la formación.", "declined_services"},
		{"He could not explain what the controller does.", "unfamiliar_product"},
		{"He would not say what the pumps will be used for.", "end_use_missing"},
		{"Der Einkäufer konnte nicht erklären, wozu das Gerät dient.", "unfamiliar_product"},
	} {
		if got := indicators(x, tc.text); got != tc.want {
			t.Errorf("%q: %q, want %q", tc.text, got, tc.want)
		}
	}
}
