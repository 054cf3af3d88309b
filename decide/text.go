package decide

import (
	"github.com/tripline/tripline/rules"
	"github.com/tripline/tripline/textflags"
)

// Text indicators: the notes and the end-use statement of an order read
// for the red flags staff write down (package textflags), each with the
// span of text that raised it. The rules see them as the variable text, a
// list of {indicator, field, start, end, span, lang, rule}; their evidence
// cites the span ("notes[12:41] 'declined installation'").

// endUseIndicators are the indicators read in an end-use statement: it
// says what the goods are for, so only a refusal or an evasion there is a
// red flag (delivery or price words in it describe the use).
var endUseIndicators = map[string]bool{"end_use_missing": true, "evasive_customer": true}

// textSchema declares the variable text.
func textSchema() rules.Schema {
	return rules.Schema{Variables: []rules.Variable{{
		Name: "text", Type: rules.ListOf(rules.MapOf(rules.DynType)),
		Doc: "indicator (end_use_missing, evasive_customer, unfamiliar_product, declined_services, vague_delivery, " +
			"overpricing, unusual_payment, payment_reroute, shipping_change, split_shipment), field (notes, end_use), " +
			"start, end (byte offsets in the field), span (the text that raised it), lang, rule (lexicon file:line)",
	}}}
}

// textFacts sets the variable text from the transaction's notes and
// end-use statement.
func textFacts(x *textflags.Extractor, f *Facts) {
	out := []any{}
	if x != nil {
		for _, fl := range x.Extract(f.Tx.Notes) {
			out = append(out, textFact("notes", fl))
		}
		for _, fl := range x.Extract(f.Tx.EndUse) {
			if endUseIndicators[fl.Indicator] {
				out = append(out, textFact("end_use", fl))
			}
		}
	}
	f.vars["text"] = out
}

func textFact(field string, fl textflags.Flag) map[string]any {
	return map[string]any{"indicator": fl.Indicator, "field": field, "start": int64(fl.Start), "end": int64(fl.End),
		"span": fl.Span, "lang": fl.Lang, "rule": fl.Rule}
}

// Indicators returns the text indicators found in a text, as the rules see
// them for the notes of an order (for `tripline check --indicators-only`).
func (e *Env) Indicators(text string) []textflags.Flag {
	if e.text == nil {
		return nil
	}
	return e.text.Extract(text)
}

// TextVersion identifies the lexicons of the text indicators.
func (e *Env) TextVersion() string {
	if e.text == nil {
		return "none"
	}
	return e.text.Version
}
