// Package textflags reads the free text of an order — what sales or
// compliance staff wrote down, an e-mail, an end-use statement — for the
// red-flag indicators of the official guidance: an end use that is not
// given, a customer evasive about where the goods go, unfamiliar with the
// product or declining the routine services, vague delivery, paying far
// above the market or in cash, a payment or shipment re-routed, a quantity
// split across orders or consignees.
//
// It is not a list of the phrases of some development set. Each language
// has a lexicon (data/*.lex, embedded): concepts written as synonyms and
// word stems ("refus*" matches refused, refuses, refusal), phrases over
// tokens, and indicator rules that ask for a set of concepts within a
// window of tokens of one sentence, in any order ("declined … training",
// "the training … was declined"). Negation is handled per language and kept
// to its scope: a negator before a rule's head concept (after it, too, for
// German's separable verbs and Turkish's değil; inside the word, for
// Turkish's negative suffixes) within a few tokens of the same clause turns
// it off, so "did not refuse the training" raises nothing, while a slot can
// ask for a negated concept ("could not explain … the interface"). A
// negative verb negates the word it governs ("refused to name" is a negated
// "name"), and a negator before it turns it back ("did not refuse to name",
// "ohne Zögern genannt"). Hedges — conditionals such as "if the consignee
// changes" — turn off a head in their clause; a question the customer asked
// ("asked if they can pay in cash") is not a hedge, nor is the condition of
// a customer's offer ("ready to pay 20 % more if we accept cash"). Words
// are folded (case, diacritics, Arabic letter variants, Turkish dotless i),
// Arabic clitics are stripped, a plain word of the inflected languages
// (German, Spanish, Russian, Turkish, Arabic) also matches with a case,
// plural or suffix ending (lexicon key inflect), and Chinese is matched
// character by character.
//
// Every flag cites the span of the text that raised it (byte offsets and
// the text itself), the language of the lexicon and the rule's line.
//
// The package is pure: it reads only its embedded lexicons or the fs.FS it
// is given.
package textflags
