// Package match screens parties against listed entities: an in-memory
// candidate index over every name and alias of the loaded snapshots, a
// scorer that aligns name parts and weighs them by rarity, secondary
// evidence (birth date, country, identifiers), explanations of every
// score, and Screener, which implements tripline.Screener.
//
// The package is pure: it reads entities handed to it and does no I/O.
// Scoring is governed by one versioned Config; its Version is recorded in
// every result so that an auditor can tell which rules produced a hit.
// docs/scoring.md describes the algorithm.
package match

// Config is the complete, versioned set of matching weights. Change any
// value and you must change Version: results carry it.
type Config struct {
	// Version names the algorithm and weight set ("tripline-name-v5").
	Version string
	// Threshold is the recommended minimum score of a reported match.
	Threshold float64
	// Limit is the default number of matches per query.
	Limit int
	// MaxCandidates bounds the entities fully scored per query, taken in
	// the order of the index's retrieval score.
	MaxCandidates int
	// CommonPostings: a name part found in more names than this is used
	// for retrieval only when no other query part has a close hit (0.9+)
	// on a rarer part.
	CommonPostings int

	// Per-pair similarity of two name parts, by how they matched.
	Exact          float64 // identical normalised text
	ArticleVariant float64 // equal once an Arabic article is removed (al-X / X / alX)
	Romanisation   float64 // same romanisation class or canonical ending
	Transliterated float64 // an alternative transliteration is identical
	// Phonetic is the most a pair with the same phonetic key scores; it
	// scores PhoneticBase + PhoneticSlope × edit similarity, and only when
	// the edit similarity is at least PhoneticEditFloor (a phonetic key
	// alone is too coarse: Kalinin/Golani).
	Phonetic          float64
	PhoneticBase      float64
	PhoneticSlope     float64
	PhoneticEditFloor float64
	// PhoneticLongEditFloor replaces PhoneticEditFloor for phonetic keys
	// of four symbols or more, which are less likely to collide.
	PhoneticLongEditFloor float64
	// AbdPartial scores "Abdul" alone against a compound "Abdul Hamid".
	AbdPartial float64
	Merged     float64 // one part equals two adjacent parts joined
	Initial    float64 // an initial and a part it abbreviates
	// EditFloor is the lowest edit similarity (1 − distance/length)
	// accepted as a match; parts of up to EditMinLen−1 letters allow no
	// edit. EditScale multiplies the edit similarity.
	EditFloor  float64
	EditMinLen int
	EditScale  float64
	// SkeletonFloor is the lowest similarity of phonetic keys (of three
	// symbols or more) accepted for a part transliterated from a script
	// without short vowels (Arabic, Persian, Hebrew); the pair scores
	// similarity × SkeletonScale × (0.85 + 0.03 × min(key length, 5)).
	SkeletonFloor float64
	SkeletonScale float64
	// AbjadFloor is the lowest names.AbjadSim accepted between a part
	// written in the Arabic script and a Latin one; the pair scores
	// AbjadSim × AbjadScale.
	AbjadFloor float64
	AbjadScale float64
	// Acronym scores a one-word name of four letters or more against the
	// name it abbreviates by initials (IRGC); by longer beginnings of its
	// words (KOMID) 0.02 less, with three letters 0.08 less.
	Acronym float64
	// LegalSame and LegalOther score two legal forms of the same and of
	// different classes.
	LegalSame  float64
	LegalOther float64

	// Weights of name parts. A word weighs its rarity:
	// max(MinWordWeight, ln(N/df)/ln(N)) over the index's N entities, df
	// the entities whose names hold the word's romanisation key; a word
	// the index does not know weighs 1.
	MinWordWeight float64
	LegalWeight   float64
	TitleWeight   float64
	StopWeight    float64
	InitialWeight float64
	NumberWeight  float64
	// UnmatchedQuery and UnmatchedListed are the shares of an unmatched
	// part's weight that count against the score (query parts missing
	// from the listed name cost more than listed parts the query leaves
	// out: lists carry middle names and patronymics queries drop).
	UnmatchedQuery  float64
	UnmatchedListed float64
	// UnmatchedQueryFloor is the least weight an unmatched query word
	// counts with.
	UnmatchedQueryFloor float64
	// DroppedCap caps what unmatched listed given and middle names cost
	// together, as a share of the matched parts' weight.
	DroppedCap float64
	// MiddleFamily: in a "FAMILY, Given" name whose first given word and
	// last family word matched, the unmatched family words before the
	// last are dropped middle parts (under DroppedCap), not family parts.
	MiddleFamily bool
	// NoExactFactor multiplies the score of a name of which no word
	// matched exactly and some word only by sound or spelling (Zulma
	// Musa / MUSO, Sulma): two near misses are weaker than one.
	NoExactFactor float64
	// NumberMismatchCap caps the name score when both names hold numbers
	// and none agree ("Snow Storm 1" vs "Snow Storm 2").
	NumberMismatchCap float64

	// WeakAlias multiplies the score of a match on a weak alias.
	WeakAlias float64
	// Evidence effects, added to the score.
	BirthDateMatch    float64 // same full date
	BirthYearMatch    float64 // same year (or month)
	BirthYearMismatch float64 // every listed year differs by more than one (negative)
	CountryMatch      float64
	CountryMismatch   float64 // negative
	// IdentifierMatch is the score floor for an identical identifier
	// (passport, IMO, registration ...): decisive.
	IdentifierMatch float64
	// IdentifierMismatch is added when both sides give an identifier of
	// the same type and none agree (negative).
	IdentifierMismatch float64
}

// Versions of DefaultConfig. Version2 added the rule that the unmatched
// half of a hyphenated listed name costs in full (Smith is not
// Pridmore-Smith); its weights are Version1's. Version3 is Version2 on
// names as the one source of name knowledge: the merged list of legal
// forms, one slip tolerated only in a form word of five letters or more,
// "ve" a function word, an Abd prefix never joined across the comma of
// "FAMILY, Given"; its weights are Version2's. Version4 compares words in
// the Arabic script letter by letter with Latin spellings (names.AbjadSim,
// AbjadFloor, AbjadScale), knows organisation words across languages and
// their translations, reads every Chinese character and Korean
// organisation words, and matches a compound against two parts through
// their other transliterations. Version5 counts the family words before
// the last of a "FAMILY, Given" name whose ends matched as dropped middle
// parts (MiddleFamily), takes a lone legal-form word before the comma for
// a family name, and weakens a name none of whose words matched exactly
// and some only by sound or spelling (NoExactFactor). Version6 is
// Version5 (same weights and rules) with more organisation words in
// names/data: Arabic-script words of Syrian and Iranian state bodies and
// banks (central, studies, scientific, real estate, institute ...),
// Chinese ones (总公司, 精密机械, 机械, 生产, 建设 ...) and the Persian
// spellings of Sepah and Mellat.
const (
	Version1 = "tripline-name-v1"
	Version2 = "tripline-name-v2"
	Version3 = "tripline-name-v3"
	Version4 = "tripline-name-v4"
	Version5 = "tripline-name-v5"
	Version6 = "tripline-name-v6"
)

// DefaultConfig returns the recommended configuration, tripline-name-v6.
func DefaultConfig() Config {
	return Config{
		Version:        Version6,
		Threshold:      0.85,
		Limit:          10,
		MaxCandidates:  64,
		CommonPostings: 3000,

		Exact:                 1.0,
		ArticleVariant:        0.98,
		Romanisation:          0.95,
		Transliterated:        0.93,
		Phonetic:              0.9,
		PhoneticBase:          0.6,
		PhoneticSlope:         0.35,
		PhoneticEditFloor:     0.65,
		PhoneticLongEditFloor: 0.6,
		AbdPartial:            0.85,
		Merged:                0.95,
		Initial:               0.90,
		EditFloor:             0.74,
		EditMinLen:            4,
		EditScale:             0.98,
		SkeletonFloor:         0.70,
		SkeletonScale:         0.92,
		AbjadFloor:            0.82,
		AbjadScale:            0.97,
		Acronym:               0.9,
		LegalSame:             1.0,
		LegalOther:            0.6,

		MinWordWeight:       0.15,
		LegalWeight:         0.1,
		TitleWeight:         0.1,
		StopWeight:          0.1,
		InitialWeight:       0.25,
		NumberWeight:        1.0,
		UnmatchedQuery:      1.0,
		UnmatchedListed:     0.35,
		UnmatchedQueryFloor: 0.8,
		DroppedCap:          0.15,
		MiddleFamily:        true,
		NoExactFactor:       0.95,
		NumberMismatchCap:   0.5,

		WeakAlias:          0.9,
		BirthDateMatch:     0.05,
		BirthYearMatch:     0.03,
		BirthYearMismatch:  -0.15,
		CountryMatch:       0.03,
		CountryMismatch:    -0.05,
		IdentifierMatch:    0.99,
		IdentifierMismatch: -0.15,
	}
}
