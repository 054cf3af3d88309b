package goods

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tripline/tripline"
)

func mustDefault(tb testing.TB) *Catalogue {
	tb.Helper()
	c, err := Default()
	if err != nil {
		tb.Fatal(err)
	}
	return c
}

func TestDefaultCounts(t *testing.T) {
	c := mustDefault(t)
	n := c.Counts()
	want := map[string]int{"hs2": 97, "hs4": 1229, "hs6": 5613, "chpl": 50}
	for k, v := range want {
		if n[k] != v {
			t.Errorf("%s: %d entries, want %d", k, n[k], v)
		}
	}
	if n["annex1"] < 384 || n["parts"] < 5 || n["uav"] < 30 {
		t.Errorf("counts %v too small", n)
	}
	if !strings.HasPrefix(c.Version, "hs2022+chpl-2024-02-23") {
		t.Errorf("version %q", c.Version)
	}
	if !c.InGroup("hub", "ae") || !c.InGroup("embargoed", "IR") || c.InGroup("embargoed", "DE") {
		t.Error("country groups wrong")
	}
}

func TestLookupHS(t *testing.T) {
	c := mustDefault(t)
	for _, tc := range []struct {
		in, hs6, heading, tier, national string
		ok                               bool
	}{
		{"8542.31", "8542.31", "8542", "1", "", true},
		{"85423100", "8542.31", "8542", "1", "00", true},
		{"8542.31.00.90", "8542.31", "8542", "1", "0090", true},
		{"8534", "8534.00", "8534", "4.A", "", true},
		{"8542", "", "8542", "", "", true},
		{"HS 8407.10", "8407.10", "8407", "", "", true},
		{"0101.21", "0101.21", "0101", "", "", true},
		{"8482.10", "8482.10", "8482", "3.B", "", true},
		{"0199.99", "", "", "", "", false},
		{"123", "", "", "", "", false},
	} {
		cl, ok := c.LookupHS(tc.in)
		if ok != tc.ok || cl.HS6 != tc.hs6 || cl.National != tc.national {
			t.Errorf("LookupHS(%q) = %q national %q ok %v, want %q %q %v", tc.in, cl.HS6, cl.National, ok, tc.hs6, tc.national, tc.ok)
			continue
		}
		if tc.heading != "" && (cl.Heading == nil || cl.Heading.Code != tc.heading) {
			t.Errorf("LookupHS(%q) heading %v, want %s", tc.in, cl.Heading, tc.heading)
		}
		tier := ""
		if cl.CHPL != nil {
			tier = cl.CHPL.Tier
		}
		if tier != tc.tier {
			t.Errorf("LookupHS(%q) tier %q, want %q", tc.in, tier, tc.tier)
		}
	}
}

func TestUAVCodes(t *testing.T) {
	c := mustDefault(t)
	cl, _ := c.LookupHS("8407.10")
	if cl.UAV == nil || cl.UAV.Category != "propulsion" {
		t.Errorf("8407.10 UAV = %+v, want propulsion", cl.UAV)
	}
	cl, _ = c.LookupHS("8501.31")
	if cl.UAV == nil || cl.CHPL != nil {
		t.Errorf("8501.31: uav %+v chpl %+v, want a UAV item off the CHPL", cl.UAV, cl.CHPL)
	}
}

func TestLookupControl(t *testing.T) {
	c := mustDefault(t)
	for _, tc := range []struct {
		in, first, last string
		ok              bool
	}{
		{"3A001", "3A001", "3A001", true},
		{"3a001.A.2", "3A001.a.2", "3A001", true},
		{"9A012", "9A012", "9A012", true},
		{"ECCN 7A105", "7A105", "7A105", true},
		{"3A001.a.2.c.9", "3A001.a.2", "3A001", true},
		{"5A992", "", "", false},
		{"EAR99", "", "", true},
	} {
		cl, ok := c.LookupControl(tc.in)
		if ok != tc.ok {
			t.Errorf("LookupControl(%q) ok %v, want %v (%v)", tc.in, ok, tc.ok, cl.Notes)
			continue
		}
		if tc.first == "" {
			continue
		}
		if len(cl.Controls) == 0 || cl.Controls[0].Number != tc.first || cl.Controls[len(cl.Controls)-1].Number != tc.last {
			t.Errorf("LookupControl(%q) = %+v", tc.in, cl.Controls)
		}
	}
	cl, _ := c.LookupControl("9A012")
	if cl.Controls[0].Regime != "Wassenaar Arrangement" || !strings.Contains(cl.Controls[0].Text, "UAV") {
		t.Errorf("9A012 = %+v", cl.Controls[0])
	}
	cl, _ = c.LookupControl("9A112")
	if cl.Controls[0].Regime != "MTCR" {
		t.Errorf("9A112 regime %q, want MTCR", cl.Controls[0].Regime)
	}
}

func TestLookupPart(t *testing.T) {
	c := mustDefault(t)
	for _, tc := range []struct{ pn, mfr, want string }{
		{"STM32F765VIT6", "", "STM32F765VIT6"},
		{"stm32f765vit6tr", "", "STM32F765VIT6"},
		{"STM32F765-VIT6", "", "STM32F765VIT6"},
		{"TMS320F28335PGFA", "Texas Instruments", "TMS320F28335"},
		{"912 iS", "BRP-Rotax", "ROTAX 912"},
		{"Rotax 914 UL", "", "ROTAX 914"},
		{"L550E", "Limbach", "L550E"},
		{"STM32F407VGT6", "", ""},
		{"912", "", ""},
		{"", "", ""},
	} {
		p, ok := c.LookupPart(tc.pn, tc.mfr)
		got := ""
		if ok {
			got = p.Part
		}
		if got != tc.want {
			t.Errorf("LookupPart(%q, %q) = %q, want %q", tc.pn, tc.mfr, got, tc.want)
		}
		if ok && (p.Source == "" || p.URL == "") {
			t.Errorf("part %s has no source", p.Part)
		}
	}
}

func TestSearch(t *testing.T) {
	c := mustDefault(t)
	for _, tc := range []struct{ text, want, word string }{
		{"32-bit MCU, LQFP64", "8542.31", "mcu"},
		{"Active GNSS patch antenna", "8529.10", "antenna"},
		{"GPS receiver module", "8526.91", "gps"},
		{"Brushless DC servo motor 70 W", "8501.31", "servomotor"},
		{"Sealed ball bearings", "8482.10", "ball"},
		{"Tantalum capacitors, fixed", "8532.21", "tantalum"},
		{"Centrifugal water pumps", "8413.70", "centrifugal"},
		{"Solid tantalum capacitor, SMD", "8532.21", "tantalum capacitor"},
		{"Thermal imaging camera core 640x512", "8525.89", "thermal imaging"},
		{"Aircraft engine, 4-cylinder", "8407.10", "aircraft engine"},
		{"Industrial ethernet switch, 8 ports", "8517.62", "ethernet switch"},
	} {
		s := c.Search(tc.text, 5)
		if len(s) == 0 || s[0].Code != tc.want {
			t.Errorf("Search(%q) top = %+v, want %s", tc.text, s, tc.want)
			continue
		}
		if !strings.Contains(strings.Join(s[0].Matched, " "), tc.word) {
			t.Errorf("Search(%q) matched %v, want %q among them", tc.text, s[0].Matched, tc.word)
		}
	}
	if s := c.Search("the of and", 5); len(s) != 0 {
		t.Errorf("stopwords matched %v", s)
	}
	s := c.Search("unmanned aerial vehicle flight endurance", 10)
	hasControl := false
	for _, x := range s {
		hasControl = hasControl || x.Kind == KindControl
	}
	if !hasControl {
		t.Errorf("no Annex I suggestion for a UAV description: %+v", s)
	}
}

func TestClassify(t *testing.T) {
	c := mustDefault(t)
	for _, tc := range []struct{ q, kind, hs6 string }{
		{"8542.31", KindHS, "8542.31"},
		{"9A012", KindControl, ""},
		{"STM32F765VIT6TR", KindPart, "8542.31"},
		{"microcontroller 32 bit", KindText, ""},
	} {
		cl := c.Classify(tc.q)
		if cl.Kind != tc.kind || cl.HS6 != tc.hs6 {
			t.Errorf("Classify(%q) = kind %s hs6 %s, want %s %s", tc.q, cl.Kind, cl.HS6, tc.kind, tc.hs6)
		}
	}
}

func TestClassifyItem(t *testing.T) {
	c := mustDefault(t)
	for _, tc := range []struct {
		it             tripline.Item
		hs, src, tier  string
		uav, watchlist bool
	}{
		{tripline.Item{Description: "FPGA", HSCode: "8542.39"}, "8542.39", "declared", "1", true, false},
		{tripline.Item{Description: "controller board", PartNumber: "STM32F765VIT6"}, "8542.31", "part_number", "1", true, true},
		{tripline.Item{Description: "Processor STM32F765VIT6TR, tape and reel"}, "8542.31", "part_number", "1", true, true},
		{tripline.Item{Description: "Aircraft engine", PartNumber: "912 ULS", Manufacturer: "BRP-Rotax"}, "8407.10", "part_number", "", true, true},
		{tripline.Item{Description: "32-bit microcontroller, LQFP100"}, "8542.31", "description", "1", true, false},
		{tripline.Item{Description: "Cotton T-shirts, assorted sizes"}, "", "", "", false, false},
		{tripline.Item{Description: "Espresso machines", HSCode: "851671"}, "8516.71", "declared", "", false, false},
		{tripline.Item{Description: "Airframe parts", HSCode: "8803.30.00"}, "8807.30", "declared", "3.B", true, false},
	} {
		got := c.ClassifyItem(0, tc.it)
		if got.HSCode != tc.hs || got.HSSource != tc.src || got.CHPLTier != tc.tier || (got.UAV != "") != tc.uav || (got.Part != nil) != tc.watchlist {
			t.Errorf("ClassifyItem(%+v) = %+v", tc.it, got.GoodsLine)
		}
	}
}

func TestDataFilesHaveProvenance(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("data", "PROVENANCE.md"))
	if err != nil {
		t.Fatal(err)
	}
	entries, _ := os.ReadDir("data")
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".tsv") && !strings.Contains(string(b), "`"+e.Name()+"`") {
			t.Errorf("%s is not described in PROVENANCE.md", e.Name())
		}
	}
}

func FuzzClassify(f *testing.F) {
	c := mustDefault(f)
	for _, s := range []string{"8542.31", "85423100", "3A001.a.2", "EAR99", "STM32F765VIT6", "GNSS module", "", "9", "hs 84", "3a001..a", "ääø 8542"} {
		f.Add(s, "")
	}
	f.Fuzz(func(t *testing.T, q, mfr string) {
		cl := c.Classify(q)
		if cl.Kind == "" {
			t.Fatal("no kind")
		}
		c.ClassifyItem(0, tripline.Item{Description: q, HSCode: q, PartNumber: q, Manufacturer: mfr, ECCN: q})
	})
}

func TestPartFamily(t *testing.T) {
	c := mustDefault(t)
	for _, tc := range []struct{ pn, mfr, want string }{
		{"STM32H743ZIT6", "", "854231"},
		{"XC7K325T-2FFG900I", "", "854239"},
		{"XC7Z020-1CLG400C", "", "854231"},
		{"NEO-M8N-0", "", "852691"},
		{"GRM188R71H104KA93D", "", "853224"},
		{"T491D106K035AT", "", "853221"},
		{"6204-2RSH", "SKF", "848210"},
		{"6204", "SKF", ""},
		{"912 ULS", "BRP-Rotax", "840710"},
		{"912 ULS", "", ""},
		{"867114", "BRP-Rotax", "840910"},
		{"EC-i 40 70W", "maxon", "850131"},
		{"ABC123", "", ""},
	} {
		f, ok := c.PartFamily(tc.pn, tc.mfr)
		got := ""
		if ok {
			got = f.HS6
		}
		if got != tc.want {
			t.Errorf("PartFamily(%q, %q) = %q, want %q", tc.pn, tc.mfr, got, tc.want)
		}
	}
	it := c.ClassifyItem(0, tripline.Item{Description: "IC", PartNumber: "ATSAMD21G18A-AU"})
	if it.HSCode != "8542.31" || it.HSSource != "part_family" || it.CHPLTier != "1" {
		t.Errorf("ClassifyItem by family = %+v", it.GoodsLine)
	}
	if cl := c.Classify("XC7A35T-1CSG324C"); cl.Kind != KindPart || cl.HS6 != "8542.39" {
		t.Errorf("Classify family = %+v", cl)
	}
}

// TestPartFamiliesOnOrdersDev classifies every orders-dev line that gives a
// part number from the part number and manufacturer alone and compares the
// result with the declared HS code.
func TestPartFamiliesOnOrdersDev(t *testing.T) {
	path := filepath.Join("..", "..", "shared", "eval", "orders-dev", "orders.jsonl")
	b, err := os.ReadFile(path)
	if err != nil {
		t.Skip("orders-dev not available")
	}
	c := mustDefault(t)
	n, found, right := 0, 0, 0
	for _, line := range strings.Split(strings.TrimSpace(string(b)), "\n") {
		var tx tripline.Transaction
		if err := json.Unmarshal([]byte(line), &tx); err != nil {
			t.Fatal(err)
		}
		for i, it := range tx.Items {
			if it.PartNumber == "" || it.HSCode == "" {
				continue
			}
			n++
			got := c.ClassifyItem(i, tripline.Item{Description: "part", PartNumber: it.PartNumber, Manufacturer: it.Manufacturer})
			if got.HSCode == "" {
				t.Logf("%s: %s (%s) not classified", tx.ID, it.PartNumber, it.Manufacturer)
				continue
			}
			found++
			if got.HSCode == it.HSCode {
				right++
			} else {
				t.Logf("%s: %s (%s) → %s, declared %s", tx.ID, it.PartNumber, it.Manufacturer, got.HSCode, it.HSCode)
			}
		}
	}
	t.Logf("%d lines with a part number: %d classified, %d as declared", n, found, right)
	if found < n*8/10 || right < found*95/100 {
		t.Errorf("%d of %d classified, %d right", found, n, right)
	}
}

// TestDescriptionsOnOrdersDev classifies every orders-dev line from its
// description alone (code, part number and manufacturer removed) and
// compares the CHPL tier with the declared code's. A description that names
// no goods unambiguously gets no tier; a wrong tier is worse than none.
func TestDescriptionsOnOrdersDev(t *testing.T) {
	path := filepath.Join("..", "..", "shared", "eval", "orders-dev", "orders.jsonl")
	b, err := os.ReadFile(path)
	if err != nil {
		t.Skip("orders-dev not available")
	}
	c := mustDefault(t)
	n, chpl, found, wrong := 0, 0, 0, 0
	for _, line := range strings.Split(strings.TrimSpace(string(b)), "\n") {
		var tx tripline.Transaction
		if err := json.Unmarshal([]byte(line), &tx); err != nil {
			t.Fatal(err)
		}
		for i, it := range tx.Items {
			if it.HSCode == "" {
				continue
			}
			n++
			want := c.ClassifyItem(i, tripline.Item{HSCode: it.HSCode}).CHPLTier
			got := c.ClassifyItem(i, tripline.Item{Description: it.Description})
			if want != "" {
				chpl++
				if got.CHPLTier == want {
					found++
				} else if got.CHPLTier == "" {
					t.Logf("%s %q: no tier, declared %s tier %q", tx.ID, it.Description, it.HSCode, want)
				}
			}
			if got.CHPLTier != want && got.CHPLTier != "" {
				wrong++
				t.Logf("%s %q: tier %q (HS %s), declared %s tier %q", tx.ID, it.Description, got.CHPLTier, got.HSCode, it.HSCode, want)
			}
		}
	}
	t.Logf("%d lines: %d CHPL lines, %d of them found from the description; %d lines given a wrong tier", n, chpl, found, wrong)
	if wrong > n/50 {
		t.Errorf("%d of %d lines given a wrong tier from their description", wrong, n)
	}
}
