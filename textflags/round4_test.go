package textflags

import (
	"sort"
	"strings"
	"testing"
	"testing/fstest"
)

// sortedIndicators lists the indicators of a text in name order.
func sortedIndicators(x *Extractor, text string) string {
	var out []string
	for _, f := range x.Extract(text) {
		out = append(out, f.Indicator)
	}
	sort.Strings(out)
	return strings.Join(out, ",")
}

// TestRound4Concepts: the round-4 concepts (eval/notes/train3.jsonl) in
// wordings that are in no note: evasion about the end user, a purpose
// answered with "secret", a correlative negation over purpose and
// destination, "instead of" re-routing, multiples and percentages paid,
// a new account paying, two models not told apart — and the harmless
// neighbours of each.
func TestRound4Concepts(t *testing.T) {
	x := mustDefault(t)
	for _, tc := range []struct{ text, want string }{
		{"Whenever the operator of the line comes up, the buyer dodges.", "evasive_customer"},
		{"We asked what the compressors are used for: 'an internal matter'.", "end_use_missing"},
		{"Nach dem Verwendungszweck gefragt, hieß es nur: Geschäftsgeheimnis.", "end_use_missing"},
		{"На вопрос о применении станков сказали, что это внутренняя информация.", "end_use_missing"},
		{"Il ne dit ni l'usage des pompes ni le pays où elles vont.", "end_use_missing,evasive_customer"},
		{"The pallets will now go to Minsk instead of Vilnius.", "shipping_change"},
		{"Die Kisten werden jetzt statt nach Wien nach Baku verschickt.", "shipping_change"},
		{"La mercancía saldrá hacia Ereván en lugar de Lisboa.", "shipping_change"},
		{"Offers to pay triple if the paperwork is fast.", "overpricing"},
		{"Готовы заплатить на 30 % больше за срочность.", "overpricing"},
		{"Die Anzahlung kommt jetzt von einem anderen Konto in Dubai.", "payment_reroute"},
		{"Le client ne sait pas distinguer les deux modèles de pompe.", "unfamiliar_product"},
		{"采购员分不清这两种传感器有什么区别。", "unfamiliar_product"},
		{"We heard two different versions of which country the analysers go to.", "evasive_customer"},
		{"Asked that the destination country not be printed on the invoice.", "evasive_customer"},
		{"Он просил не указывать страну назначения в накладной.", "evasive_customer"},
		{"Use declared as 'various applications' only.", "end_use_missing"},
		{"Verwendung: allgemeine Industriezwecke.", "end_use_missing"},
		{"Der Auftrag geht in Losen an vier verschiedene Empfänger.", "split_shipment"},
		{"The wire came from the owner's cousin in Tbilisi.", "payment_reroute"},
		{"Ship to a warehouse near the border, no further details.", "vague_delivery"},
		{"Покупатель растерялся, когда спросили о рабочем давлении и температуре.", "unfamiliar_product"},
		{"Der Einkäufer war ratlos bei der Frage nach der Temperatur.", "unfamiliar_product"},
		{"She asked why we need to know where the scanners are installed.", "evasive_customer"},
		{"Verwendungszweck im Formular durchgestrichen.", "end_use_missing"},
		{"Sobre la aplicación solo dijeron que es para un proyecto.", "end_use_missing"},
		{"Three orders this week, each one just below the licence limit.", "split_shipment"},
		{"Drei Aufträge, jeder knapp unter der Meldeschwelle.", "split_shipment"},
		{"Груз теперь везут уже не нам, а агенту в Ереване — так просили доставить.", "shipping_change"},
		{"现在不再交给买方，而是交给第比利斯的代理。", "shipping_change"},
		{"Not a single technical question about the drives got an answer.", "unfamiliar_product"},
		{"Mit den Spezifikationen kennt sich der Einkäufer überhaupt nicht aus.", "unfamiliar_product"},
		// neighbours that raise nothing
		{"Der Einkäufer kennt sich mit den Ventilen gut aus.", ""},
		{"Two technical questions about the drives were answered by their engineer.", ""},
		{"Груз доставят нам, а документы придут почтой.", ""},
		{"The order is below the licence limit.", ""},
		{"Le client reste vague sur le prix du transport.", ""},
		{"The owner's cousin works in our Tbilisi office.", ""},
		{"La transferencia llegó del comprador; el envío sale el lunes.", ""},
		{"Relay, general purpose, 24 V coil.", ""},
		{"Насос общего назначения, 2 кВт.", ""},
		{"The invoice states the destination country, Austria.", ""},
		{"The end user is a hospital; the signed statement came with the order.", ""},
		{"Invoice paid from our customer's usual account, as every year.", ""},
		{"Ship to Vilnius as agreed, nothing changed.", ""},
		{"Discount of 2 % for payment within 10 days.", ""},
		{"He explained the difference between the two models in detail.", ""},
	} {
		if got := sortedIndicators(x, tc.text); got != tc.want {
			t.Errorf("%q: %q, want %q", tc.text, got, tc.want)
		}
	}
}

// TestEitherHead: a head written ~NAME stands either way, so a
// correlative negation ("neither … nor") does not switch it off; without
// the ~ the negated head raises nothing.
func TestEitherHead(t *testing.T) {
	lex := "lang: en\nnegators: not neither nor\n@TOPIC: purpose\n@NEITHER: neither\n@SAY: told\n"
	for _, tc := range []struct{ rule, want string }{
		{"end_use_missing: ~TOPIC NEITHER SAY", "end_use_missing"},
		{"end_use_missing: TOPIC NEITHER SAY", ""},
	} {
		x, err := Load(fstest.MapFS{"en.lex": {Data: []byte(lex + tc.rule + "\n")}})
		if err != nil {
			t.Fatal(err)
		}
		if got := sortedIndicators(x, "They told us neither the purpose nor the place."); got != tc.want {
			t.Errorf("%s: %q, want %q", tc.rule, got, tc.want)
		}
	}
}

// TestNegativeVerbs: a negative verb negates the word it governs
// ("refused to say" is a negated "say"), a negator before it turns it
// back ("did not refuse to say", "ohne Zögern genannt"), and a verb three
// words off governs another word.
func TestNegativeVerbs(t *testing.T) {
	x := mustDefault(t)
	for _, tc := range []struct{ text, want string }{
		{"She refused to say what the pumps will be used for.", "end_use_missing"},
		{"She did not refuse to say what the pumps will be used for; it is a brewery.", ""},
		{"Den Verwendungszweck hat sie ohne Zögern genannt.", ""},
		{"Il n'a pas hésité à nommer l'utilisateur final.", ""},
	} {
		if got := sortedIndicators(x, tc.text); got != tc.want {
			t.Errorf("%q: %q, want %q", tc.text, got, tc.want)
		}
	}
}

// TestOffers: a hedge after the customer's offer is the customer's
// condition and keeps the flag; our own conditional still turns it off.
func TestOffers(t *testing.T) {
	x := mustDefault(t)
	for _, tc := range []struct{ text, want string }{
		{"He is ready to pay more if we take cash.", "unusual_payment"},
		{"Готовы заплатить больше, если примем наличные.", "unusual_payment"},
		{"If the customer pays in cash, the order goes to compliance.", ""},
		{"Si el cliente paga en efectivo, hay que avisar a cumplimiento.", ""},
	} {
		if got := sortedIndicators(x, tc.text); !strings.Contains(","+got+",", ","+tc.want+",") || (tc.want == "" && got != "") {
			t.Errorf("%q: %q, want %q", tc.text, got, tc.want)
		}
	}
}

// TestInflect: with inflect, a plain word of five letters or more also
// matches with an ending (its last vowel replaced), and what follows the
// stem is read for the negative suffixes; shorter words and other stems
// do not.
func TestInflect(t *testing.T) {
	lex := "lang: xx\ninflect: 3\nvowels: ao\nneg_suffix: ^az$\n@CASH: vacío partija\n@BAR: bar\nunusual_payment: CASH\nunusual_payment: BAR\n"
	x, err := Load(fstest.MapFS{"xx.lex": {Data: []byte(lex)}})
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ text, want string }{
		{"vacío", "unusual_payment"},
		{"vacías", "unusual_payment"},
		{"partijami", "unusual_payment"},
		{"vacíaz", ""},            // the ending is a negative suffix
		{"vacíosxyz", ""},         // more than three letters of ending
		{"barra", ""},             // a short word matches only as written
		{"vacuum partitions", ""}, // another word
	} {
		if got := sortedIndicators(x, tc.text); got != tc.want {
			t.Errorf("%q: %q, want %q", tc.text, got, tc.want)
		}
	}
}
