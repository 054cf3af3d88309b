// Package names turns person, company and vessel names into comparable
// parts: Unicode normalisation (NFKC, case folding, diacritics,
// punctuation), transliteration of non-Latin scripts (Cyrillic, Arabic,
// Persian, Greek, Hebrew, Hangul, Chinese) into the Latin forms sanctions
// lists use, romanisation equivalence classes for name parts
// (Mohammad/Muhammad/Mohamed, Qasem/Ghasem, -ov/-off ...), the Arabic
// article and "Abd al-" compounds, legal forms across languages
// (LLC/OOO/TOO, JSC/AO/PAO, Co. Ltd/Company Limited ...), honorifics and a
// phonetic key.
//
// The equivalence classes, suffix rules, legal forms, titles and the
// Chinese pinyin table are data files (see data/), embedded in the binary.
// The package is pure: it does no I/O at run time and keeps no state
// beyond the tables it loads once.
package names
