package textflags

import (
	"go/parser"
	gotoken "go/token"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"
)

func mustDefault(tb testing.TB) *Extractor {
	tb.Helper()
	x, err := Default()
	if err != nil {
		tb.Fatal(err)
	}
	return x
}

func indicators(x *Extractor, text string) string {
	var out []string
	for _, f := range x.Extract(text) {
		out = append(out, f.Indicator)
	}
	return strings.Join(out, ",")
}

// TestNegationAndHedges: the same words raise a flag or not by negation
// and hedging, within their scope only.
func TestNegationAndHedges(t *testing.T) {
	x := mustDefault(t)
	for _, tc := range []struct{ text, want string }{
		{"Customer declined the installation.", "declined_services"},
		{"Customer did not decline the installation.", ""},
		{"Customer didn't refuse the training.", ""},
		{"Customer is not interested in the training.", "declined_services"},
		{"If the customer declines the training, invoice the visit.", ""},
		{"Buyer could not answer basic questions about the interface.", "unfamiliar_product"},
		{"Buyer answered every question about the interface.", ""},
		{"Customer could not answer and declined the training.", "declined_services"},
		{"Buyer asked if they could pay the 80,000 EUR in cash.", "unusual_payment"},
		{"2% cash discount for payment within 10 days.", ""},
		{"Payment by wire, not in cash.", ""},
		{"The consignee was changed after booking.", "shipping_change"},
		{"The customer did not change the consignee.", ""},
		{"Der Kunde hat die Schulung nicht abgelehnt.", ""},
		{"Der Kunde lehnte die Schulung ab.", "declined_services"},
		{"Le client n'a pas refusé la formation.", ""},
		{"Le client a refusé la formation.", "declined_services"},
		{"El cliente rechazó la garantía.", "declined_services"},
		{"El cliente no rechazó la garantía.", ""},
		{"Si el cliente rechaza la formación, facturar la visita.", ""},
		{"Quiere pagar todo en efectivo.", "unusual_payment"},
		{"Клиент отказался от гарантии.", "declined_services"},
		{"Клиент не отказался от гарантии.", ""},
		{"Если клиент откажется от обучения, выставить счёт за визит.", ""},
		{"Цена для заказчика значения не имеет.", "overpricing"},
		{"Müşteri garantiyi reddetti.", "declined_services"},
		{"Müşteri garantiyi reddetmedi.", ""},
		{"Müşteri eğitimi reddederse ziyareti faturalayın.", ""},
		{"Fiyat müşteri için önemli değil.", "overpricing"},
		{"رفض العميل الضمان.", "declined_services"},
		{"لم يرفض العميل الضمان.", ""},
		{"إذا رفض العميل التدريب، تتم فوترة الزيارة.", ""},
		{"يريد المشتري الدفع نقدا.", "unusual_payment"},
		{"客户拒绝了质保。", "declined_services"},
		{"客户没有拒绝质保。", ""},
		{"如果客户拒绝培训，按次收费。", ""},
		{"对他们来说价格无所谓。", "overpricing"},
	} {
		if got := indicators(x, tc.text); got != tc.want {
			t.Errorf("%q: %q, want %q", tc.text, got, tc.want)
		}
	}
}

// TestSpans: a flag cites the words that raised it, as written.
func TestSpans(t *testing.T) {
	x := mustDefault(t)
	text := "Repeat customer. The buyer couldn't explain the supply voltage; he also waived the warranty."
	fl := x.Extract(text)
	if len(fl) != 2 {
		t.Fatalf("flags %+v", fl)
	}
	for _, f := range fl {
		if text[f.Start:f.End] != f.Span || f.Lang != "en" || !strings.HasPrefix(f.Rule, "en.lex:") {
			t.Errorf("flag %+v: span not the text at its offsets", f)
		}
	}
	if fl[0].Indicator != "unfamiliar_product" || !strings.HasPrefix(fl[0].Span, "couldn't explain") {
		t.Errorf("first flag %+v, want the negated explain", fl[0])
	}
	if fl[1].Indicator != "declined_services" || fl[1].Span != "waived the warranty" {
		t.Errorf("second flag %+v", fl[1])
	}
}

func TestLexiconErrors(t *testing.T) {
	for _, tc := range []struct{ text, want string }{
		{"@A: x\ndeclined_services: A", "no lang"},
		{"lang: xx\nnonsense line", "KEY: VALUE"},
		{"lang: xx\ndeclined_services: B", "unknown concept"},
		{"lang: xx\n@A: x\nshouting: A", "unknown indicator"},
		{"lang: xx\n@A: x\ndeclined_services: -A", "head"},
		{"lang: xx\n@A: /[/\ndeclined_services: A", "error parsing"},
		{"lang: xx\nwindow: many", "number"},
	} {
		_, err := parseLexicon("t.lex", strings.NewReader(tc.text))
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%q: err %v, want %q", tc.text, err, tc.want)
		}
	}
}

func TestEveryLanguageLoads(t *testing.T) {
	x := mustDefault(t)
	got := strings.Join(x.Languages(), ",")
	for _, l := range []string{"en", "de", "fr", "es", "ru", "tr", "ar", "zh"} {
		if !strings.Contains(got, l) {
			t.Errorf("languages %s lack %s", got, l)
		}
	}
	if !strings.HasPrefix(x.Version, "textflags-") {
		t.Errorf("version %q", x.Version)
	}
}

// TestLanguagePick: a Latin-script text is read by the lexicons of the
// languages whose function words and letters it uses.
func TestLanguagePick(t *testing.T) {
	x := mustDefault(t)
	for _, tc := range []struct{ text, want string }{
		{"A última hora pidieron enviar la mercancía a otro destinatario.", "es"},
		{"Müşteri ürün özelliklerini bilmiyordu.", "tr"},
		{"Der Kunde lehnte die Schulung ab.", "de"},
		{"The buyer declined the training.", "en"},
	} {
		toks := tokenize(tc.text, x.breaks)
		var got []string
		for _, lx := range x.pick(tc.text, toks) {
			got = append(got, lx.lang)
		}
		if !strings.Contains(","+strings.Join(got, ",")+",", ","+tc.want+",") {
			t.Errorf("%q read by %v, want %s among them", tc.text, got, tc.want)
		}
		if len(x.Extract(tc.text)) == 0 {
			t.Errorf("%q: no flag", tc.text)
		}
	}
}

// TestLongText: a text over the limit is cut on a character boundary,
// valid or not.
func TestLongText(t *testing.T) {
	x := mustDefault(t)
	for _, s := range []string{strings.Repeat("é", maxText), strings.Repeat("\xff", maxText+10), "Customer declined the installation. " + strings.Repeat("x", maxText)} {
		for _, fl := range x.Extract(s) {
			if fl.End > maxText || s[fl.Start:fl.End] != fl.Span {
				t.Errorf("flag %+v beyond the limit", fl)
			}
		}
	}
}

// FuzzParseLexicon: the lexicon parser never panics, and what it accepts
// can be run over any text.
func FuzzParseLexicon(f *testing.F) {
	// Small seeds that use every kind of line (a whole lexicon makes each
	// new input slow to minimise).
	f.Add("lang: en\nstopwords: the a\nscope: 3\nnegators: not \"no longer\"\nbreaks: but\nhedges: if\nhedge_guards: ask*\n"+
		"@D: declin* \"turn* down\" /^x[0-9]+$/\n@S: install* *schulung*\ndeclined_services: D S window=6\ndeclined_services: ^S +D -D\n",
		"If asked, the buyer did not decline; he turned down the installation x10 but Produktschulung.")
	f.Add("lang: tr\nletters: ğış\nscope_after: 3\nnegators_after: değil /^[a-z]{2,}m[ae]d[iu]$/\nneg_suffix: m[ae]d[iu]\nhedge_suffix: s[ae]$\n"+
		"strip_prefixes: ال و\n@R: redd* رفض\n@S: eğitim* تدريب\ndeclined_services: R S\n",
		"Müşteri eğitimi reddetmedi, reddederse; والتدريب رفض")
	f.Add("lang: zh\nscript: han\nnegators: 不 没有\n@R: 拒绝 不要\n@S: 培训\ndeclined_services: R S window=8\n", "客户没有拒绝培训，不要培训。")
	f.Add("lang: xx\n@A: /(/ x\ndeclined_services: A", "x")
	f.Add("lang: xx\nneg_suffix: (\n", "")
	f.Add("lang: xx\n@A: \"\" * ** \"*\"\ndeclined_services: A ^A +A -A window=1", "a * b")
	f.Fuzz(func(t *testing.T, lex, text string) {
		lx, err := parseLexicon("f.lex", strings.NewReader(lex))
		if err != nil {
			return
		}
		lx.file = "f.lex"
		toks := tokenize(text, lx.breaks)
		if len(toks) == 0 {
			return
		}
		for _, fl := range lx.find(text, toks) {
			if fl.Start < 0 || fl.End > len(text) || fl.Start >= fl.End {
				t.Fatalf("flag %+v out of %q", fl, text)
			}
		}
	})
}

func FuzzExtract(f *testing.F) {
	for _, s := range []string{"", "Customer declined the installation.", "n't", "'", "l'", "didn'", "客户拒绝了安装。", "لم يرفض العميل التدريب",
		"Müşteri eğitimi reddetmedi", "- - ,,, ;;", "\xff\xfe", strings.Repeat("cash ", 50)} {
		f.Add(s)
	}
	x := mustDefault(f)
	f.Fuzz(func(t *testing.T, s string) {
		for _, fl := range x.Extract(s) {
			if fl.Start < 0 || fl.End > len(s) || fl.Start >= fl.End || s[fl.Start:fl.End] != fl.Span {
				t.Fatalf("flag %+v out of %q", fl, s)
			}
			if utf8.ValidString(s) && !utf8.ValidString(fl.Span) {
				t.Fatalf("span %q cuts a character", fl.Span)
			}
		}
	})
}

// TestPure keeps the package free of file and network I/O.
func TestPure(t *testing.T) {
	files, _ := filepath.Glob("*.go")
	banned := map[string]bool{"os": true, "net": true, "net/http": true, "io/ioutil": true, "os/exec": true, "database/sql": true}
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		af, err := parser.ParseFile(gotoken.NewFileSet(), f, nil, parser.ImportsOnly)
		if err != nil {
			t.Fatal(err)
		}
		for _, im := range af.Imports {
			p, _ := strconv.Unquote(im.Path.Value)
			if banned[p] {
				t.Errorf("%s imports %s; textflags does no I/O", f, p)
			}
		}
	}
}
