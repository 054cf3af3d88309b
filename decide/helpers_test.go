package decide

import "testing"

func TestHelpers(t *testing.T) {
	for _, tc := range []struct {
		email string
		want  bool
	}{
		{"someone@gmail.com", true}, {"a@yahoo.co.uk", true}, {"x@mail.ru", true}, {"y@qq.com", true},
		{"orders@example-components.de", false}, {"", false}, {"not-an-email", false}, {"a@outlook.com.tr", true},
	} {
		if got := FreeMail(tc.email); got != tc.want {
			t.Errorf("FreeMail(%q) = %v", tc.email, got)
		}
	}
	for _, tc := range []struct {
		addr string
		want bool
	}{
		{"229 Example St., apt. 39, Yerevan", true}, {"Flat 18, 12/F, Block 5, Kowloon", true},
		{"Example Sok. A Blok Daire 63, Istanbul", true}, {"Abay Ave. 13, kv. 65, Almaty", true},
		{"Villa 25, Street 24, Dubai", true}, {"46 Example Ave., office 58, Yerevan", false},
		{"Industriestrasse 12, 70565 Stuttgart", false}, {"Unit 5, Example Business Park", false},
	} {
		if got := Residential(tc.addr); got != tc.want {
			t.Errorf("Residential(%q) = %v", tc.addr, got)
		}
	}
	for _, tc := range []struct {
		phone, country string
		want           bool
	}{
		{"+49 30 1234567", "DE", true}, {"0049 351 5244886", "DE", true}, {"+7 495 1234567", "AE", false},
		{"+98 21 5555", "TR", false}, {"+7 727 1234567", "KZ", true}, {"+996 312 127 0266", "KG", true},
		{"030 1234567", "DE", true}, {"", "DE", true}, {"+852 1234 5678", "HK", true}, {"+1 303 274 2190", "US", true},
	} {
		if got := PhoneMatchesCountry(tc.phone, tc.country); got != tc.want {
			t.Errorf("PhoneMatchesCountry(%q, %q) = %v (code %q)", tc.phone, tc.country, got, PhoneCode(tc.phone))
		}
	}
	if d := AgeDays("2024-12-01", "2025-03-01"); d != 90 {
		t.Errorf("AgeDays = %d", d)
	}
	if d := AgeDays("", "2025-03-01"); d != -1 {
		t.Errorf("AgeDays of nothing = %d", d)
	}
	for _, s := range []string{"", "N/A", "for resale", "Trading purposes", "stock", "general trading",
		"Stock for our customers", "general industrial use", "trading and distribution", "for the local market", "re-export"} {
		if !VagueEndUse(s) {
			t.Errorf("VagueEndUse(%q) = false", s)
		}
	}
	for _, s := range []string{"RTK base stations for farm guidance", "Production of smart-meter PCBs under contract",
		"Own use in our Hong Kong facilities", "Resale to our retail customers in Belgium", "Spare parts for our flight school fleet",
		"internal use", "own use"} {
		if VagueEndUse(s) {
			t.Errorf("VagueEndUse(%q) = true", s)
		}
	}
}

func TestNotesSay(t *testing.T) {
	for _, tc := range []struct{ notes, topic string }{
		{"The client turned down installation and operator training.", "declined_services"},
		{"Customer declined commissioning.", "declined_services"},
		{"Buyer was unable to explain the required interface.", "unfamiliar_product"},
		{"Asked whether the goods will be re-exported, the buyer was evasive.", "evasive_customer"},
		{"They offered 3x the list price.", "overpricing"},
		{"Payment was first to come from Iran; now a company in Malaysia pays.", "payment_reroute"},
		{"Ship-to address switched to Armenia after confirmation.", "shipping_change"},
		{"Delivery whenever possible.", "vague_delivery"},
		{"Signed end-user statement on file.", "documented_end_use"},
	} {
		if !NotesSay(tc.notes, tc.topic) {
			t.Errorf("NotesSay(%q, %s) = false", tc.notes, tc.topic)
		}
	}
	for _, notes := range []string{"Repeat customer since 2013.", "Please include certificates of conformity.", "Deliver to goods-in dock 3.", ""} {
		for _, topic := range NoteTopics() {
			if NotesSay(notes, topic) {
				t.Errorf("NotesSay(%q, %s) = true", notes, topic)
			}
		}
	}
}

func TestIndustryFit(t *testing.T) {
	for _, tc := range []struct{ industry, hs, want string }{
		{"electronic component distribution", "8542.31", "fit"},
		{"furniture trading", "8542.31", "mismatch"},
		{"general trading", "8542.31", "unknown"},
		{"general trading", "8407.10", "mismatch"},
		{"flight training organisation", "8407.10", "fit"},
		{"RC model shop", "8501.31", "mismatch"},
		{"packaging machinery manufacturer", "8501.31", "fit"},
		{"construction contractor", "9014.20", "mismatch"},
		{"precision agriculture services", "8526.91", "fit"},
		{"", "8542.31", "unknown"},
		{"bakery", "0802.11", "unknown"},
	} {
		if got := IndustryFit(tc.industry, Family(tc.hs)); got != tc.want {
			t.Errorf("IndustryFit(%q, %s/%s) = %s, want %s", tc.industry, tc.hs, Family(tc.hs), got, tc.want)
		}
	}
}

func TestNotesSayMore(t *testing.T) {
	if !NotesSay("Payer changed after invoice from a bank in one country to a trader in another.", "payment_reroute") {
		t.Error("payer change not seen")
	}
}

func TestNotesSayVariants(t *testing.T) {
	for _, tc := range []struct{ notes, topic string }{
		{"They said it doesn't matter where the goods end up.", "evasive_customer"},
		{"Shipment to be redirected to Armenia after booking; consignee changed.", "shipping_change"},
		{"Delivery date: TBD.", "vague_delivery"},
		{"Payment will now come from a company in Dubai instead of the buyer.", "payment_reroute"},
		{"Customer refused to sign an end-user statement.", "end_use_refused"},
		{"Price offered is 40% above our list price.", "overpricing"},
	} {
		if !NotesSay(tc.notes, tc.topic) {
			t.Errorf("NotesSay(%q, %s) = false", tc.notes, tc.topic)
		}
	}
	for _, tc := range []struct{ notes, topic string }{
		{"No end-user certificate received.", "documented_end_use"},
		{"End-user statement pending.", "documented_end_use"},
		{"End-user certificate received and verified.", "end_use_refused"},
	} {
		if NotesSay(tc.notes, tc.topic) {
			t.Errorf("NotesSay(%q, %s) = true", tc.notes, tc.topic)
		}
	}
}

func TestOtherScripts(t *testing.T) {
	for _, tc := range []struct {
		name, industry string
		logistics      bool
		trading        bool
	}{
		{"深圳市华联物流有限公司", "", true, false},
		{"ООО «Трансэкспедиция»", "", true, false},
		{"Anka Lojistik ve Nakliyat A.S.", "", true, false},
		{"Silver Dis Ticaret Ltd. Sti.", "", false, true},
		{"香港宏达贸易有限公司", "", false, true},
		{"ООО Торговый дом Восток", "", false, true},
		{"Müller Spedition GmbH", "", true, false},
		{"Example Bakery GmbH", "bakery", false, false},
	} {
		if got := Logistics(tc.name, tc.industry); got != tc.logistics {
			t.Errorf("Logistics(%q) = %v", tc.name, got)
		}
		if got := Trading(tc.name, tc.industry); got != tc.trading {
			t.Errorf("Trading(%q) = %v", tc.name, got)
		}
	}
	if !Residential("ул. Ленина 5, кв. 12, Москва") || !Residential("Calle Mayor 3, apto 4B, Madrid") {
		t.Error("residential addresses in other languages missed")
	}
}

func TestNotesSayOtherWordings(t *testing.T) {
	for _, tc := range []struct{ notes, topic string }{
		{"Customer does not require installation or training; they will do it themselves.", "declined_services"},
		{"Buyer waived the commissioning visit.", "declined_services"},
		{"Buyer could not say which frequency band they need.", "unfamiliar_product"},
		{"The customer seemed unaware of the specifications.", "unfamiliar_product"},
		{"Customer was vague about the final destination.", "evasive_customer"},
		{"Customer offered to pay double to ship this week.", "overpricing"},
		{"They accepted a price 40% higher than our quote.", "overpricing"},
		{"Funds were first to come from Iran, now a Malaysian company will wire them.", "payment_reroute"},
		{"Customer asked to change the delivery address to a warehouse in Dubai after confirmation.", "shipping_change"},
		{"No firm delivery date.", "vague_delivery"},
	} {
		if !NotesSay(tc.notes, tc.topic) {
			t.Errorf("NotesSay(%q, %s) = false", tc.notes, tc.topic)
		}
	}
	for _, tc := range []struct{ notes, topic string }{
		{"Customer was vague about the final destination.", "vague_delivery"},
		{"Installation by our field engineer booked for May.", "declined_services"},
		{"Paid by wire as usual.", "payment_reroute"},
		{"Please include certificates of conformity.", "overpricing"},
		{"Deliver to goods-in dock 3.", "shipping_change"},
	} {
		if NotesSay(tc.notes, tc.topic) {
			t.Errorf("NotesSay(%q, %s) = true", tc.notes, tc.topic)
		}
	}
}

func TestMarkingsAndIncubators(t *testing.T) {
	if !NotesSay("Customer asked for the chips without manufacturer markings.", "markings_removed") ||
		!NotesSay("Returned units had their serial numbers lasered off.", "markings_removed") {
		t.Error("markings not seen")
	}
	if NotesSay("Please include certificates of conformity.", "markings_removed") || NotesSay("No part numbers given, only descriptions.", "markings_removed") {
		t.Error("markings false positive")
	}
	if !Incubator("EPFL Innovation Park, Building C, 1015 Lausanne") || !Incubator("Science Park 4, Cambridge") || Incubator("Industriestrasse 12, Stuttgart") {
		t.Error("incubator detection")
	}
}
