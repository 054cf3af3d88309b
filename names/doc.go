// Package names turns person, company and vessel names into comparable
// parts: Unicode normalisation (NFKC, case folding, diacritics,
// punctuation), transliteration of non-Latin scripts (Cyrillic, Arabic,
// Persian, Greek, Hebrew, Hangul, Chinese) into the Latin forms sanctions
// lists use, romanisation equivalence classes for name parts
// (Mohammad/Muhammad/Mohamed, Qasem/Ghasem, -ov/-off ...), the Arabic
// article and "Abd al-" compounds, legal forms across languages
// (LLC/OOO/TOO, JSC/AO/PAO, Co. Ltd/Company Limited ...), honorifics and a
// phonetic key; edit distances and similarities of name parts.
//
// It is also the one place for the text knowledge around names: Fold, the
// folding of free text (addresses, country names, identifiers) with the
// same rules; LooksLikeOrganization, whether an untyped name is evidently
// a company's; and IsFreeMail, the consumer mailbox providers. The graph
// resolver, the order checker, the rules and the list readers use these
// rather than keeping lists of their own.
//
// The equivalence classes, suffix rules, legal forms, titles, organisation
// words, free-mail domains and the Chinese pinyin table are data files
// (see data/ and data/PROVENANCE.md), embedded in the binary.
// The package is pure: it does no I/O at run time and keeps no state
// beyond the tables it loads once.
package names
